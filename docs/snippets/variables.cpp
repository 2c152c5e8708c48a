// SPDX-License-Identifier: MIT
// docs/howto/variables.md: script variables as parameters, pseudo-variables named in C++, format strings.
#include <modsdk/modsdk.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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

// snippet: variables_format
// modparam("snippet_variables", "call_line", "$fU calls $rU ($ci)")
modsdk::param<modsdk::pv_format> call_line{"call_line", "$fU calls $rU"};
constinit modsdk::pv_format price{"$rU pays 5$$"};  // "$$" prints a '$'

bool log_call(modsdk::request& req) {
  char buf[256];
  std::optional<std::string_view> line = call_line->print(req, buf);  // into your buffer
  if (!line) return false;                                            // did not fit (logged)
  std::optional<std::string> text = price.print(req);                 // into a std::string
  modsdk::log::info("{} / {}", *line, text.value_or("?"));
  return true;
}
// snippet-end: variables_format
}  // namespace

MODSDK_MODULE(snippet_variables, modsdk::functions(MODSDK_FN(bump), MODSDK_FN(copy_tenant), MODSDK_FN(log_call)),
              modsdk::params(call_line), modsdk::on_init(parse_specs), modsdk::on_destroy([] { price.release(); }));
