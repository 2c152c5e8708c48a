// SPDX-License-Identifier: MIT
// docs/howto/variables.md: script variables as parameters, and pseudo-variables named in C++.
#include <modsdk/modsdk.hpp>

#include <stdexcept>
#include <string>

namespace {
// snippet: variables_param
// bump($var(n)): reads the variable, writes it back
bool bump(modsdk::message&, modsdk::variable counter) {
  int n = counter.get_int().value_or(0);
  return counter.set(n + 1);
}
// snippet-end: variables_param

// snippet: variables_pv
constinit modsdk::pv_spec x_tenant = modsdk::pv("$hdr(X-Tenant)");
constinit modsdk::pv_spec tenant_out = modsdk::pv("$avp(tenant)");

bool copy_tenant(modsdk::request& req) {
  auto tenant = x_tenant(req).get_str();  // nullopt when the header is missing
  if (!tenant) return false;
  return tenant_out(req).set(std::string(*tenant));  // copy: the view points into core buffers
}
void parse_specs() {  // on_init: typos fail the start, before fork
  if (!x_tenant.parse() || !tenant_out.parse()) throw std::runtime_error("bad pseudo-variable");
}
// snippet-end: variables_pv
}  // namespace

MODSDK_MODULE(snippet_variables, modsdk::functions(MODSDK_FN(bump), MODSDK_FN(copy_tenant)),
              modsdk::on_init(parse_specs));
