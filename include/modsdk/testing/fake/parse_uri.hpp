// SPDX-License-Identifier: MIT
// Test kit fake core: parse_uri (parser/parse_uri.c), parse_sip_msg_uri, and From/To into a to_body
// (parse_to.c's parse_from_header / parse_to_header), for the URIs and name-addrs the tests use.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstring>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/msg_core.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

inline bool uri_char_ok(char c) noexcept {
  return static_cast<unsigned char>(c) > ' ' && c != '<' && c != '>' && c != '"' && c != 0x7f;
}

/// sip:user:password@host:port;params?headers (and sips:, tel:, tels:) into `u`, strs into `text`.
inline bool fill_sip_uri(std::string_view text, abi::sip_uri& u) noexcept {
  u = abi::sip_uri{};
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view scheme = text.substr(0, colon);
  if (iequals(scheme, "sip"))
    u.type = abi::sip_uri_t;
  else if (iequals(scheme, "sips"))
    u.type = abi::sips_uri_t;
  else if (iequals(scheme, "tel"))
    u.type = abi::tel_uri_t;
  else if (iequals(scheme, "tels"))
    u.type = abi::tels_uri_t;
  else
    return false;
  for (char c : text)
    if (!uri_char_ok(c)) return false;
  std::string_view rest = text.substr(colon + 1);
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    u.headers = to_str(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  std::string_view params;
  if (const auto semi = rest.find(';'); semi != std::string_view::npos) {
    params = rest.substr(semi + 1);
    rest = rest.substr(0, semi);
  }
  if (u.type == abi::tel_uri_t || u.type == abi::tels_uri_t) {  // tel: the number is the user
    if (rest.empty()) return false;
    u.user = to_str(rest);
  } else {
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
      std::string_view ui = rest.substr(0, at);
      if (const auto pw = ui.find(':'); pw != std::string_view::npos) {
        u.passwd = to_str(ui.substr(pw + 1));
        ui = ui.substr(0, pw);
      }
      u.user = to_str(ui);
      rest = rest.substr(at + 1);
    }
    std::string_view host = rest, port;
    if (!rest.empty() && rest.front() == '[') {
      const auto close = rest.find(']');
      if (close == std::string_view::npos) return false;
      host = rest.substr(0, close + 1);
      if (close + 1 < rest.size()) {
        if (rest[close + 1] != ':') return false;
        port = rest.substr(close + 2);
      }
    } else if (const auto pc = rest.find(':'); pc != std::string_view::npos) {
      host = rest.substr(0, pc);
      port = rest.substr(pc + 1);
    }
    if (host.empty()) return false;
    u.host = to_str(host);
    if (port.data() && rest.find(':') != std::string_view::npos) {
      unsigned n = 0;
      if (port.empty() || port.size() > 5) return false;
      for (char c : port) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + static_cast<unsigned>(c - '0');
      }
      if (n > 65535) return false;
      u.port = to_str(port);
      u.port_no = static_cast<unsigned short>(n);
    }
  }
  if (params.data()) u.params = to_str(params);
  while (!params.empty()) {
    const auto semi = params.find(';');
    std::string_view p = params.substr(0, semi);
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.empty()) continue;
    const auto eq = p.find('=');
    std::string_view name = p.substr(0, eq),
                     value = eq == std::string_view::npos ? p.substr(p.size()) : p.substr(eq + 1);
    struct known {
      std::string_view n;
      abi::str abi::sip_uri::*name;
      abi::str abi::sip_uri::*val;
    };
    const known table[] = {
        {"transport", &abi::sip_uri::transport, &abi::sip_uri::transport_val},
        {"ttl", &abi::sip_uri::ttl, &abi::sip_uri::ttl_val},
        {"user", &abi::sip_uri::user_param, &abi::sip_uri::user_param_val},
        {"maddr", &abi::sip_uri::maddr, &abi::sip_uri::maddr_val},
        {"method", &abi::sip_uri::method, &abi::sip_uri::method_val},
        {"lr", &abi::sip_uri::lr, &abi::sip_uri::lr_val},
        {"r2", &abi::sip_uri::r2, &abi::sip_uri::r2_val},
        {"gr", &abi::sip_uri::gr, &abi::sip_uri::gr_val},
        {"pn-provider", &abi::sip_uri::pn_provider, &abi::sip_uri::pn_provider_val},
        {"pn-prid", &abi::sip_uri::pn_prid, &abi::sip_uri::pn_prid_val},
        {"pn-param", &abi::sip_uri::pn_param, &abi::sip_uri::pn_param_val},
        {"pn-purr", &abi::sip_uri::pn_purr, &abi::sip_uri::pn_purr_val},
    };
    bool found = false;
    for (const auto& k : table)
      if (iequals(k.n, name)) {
        u.*k.name = to_str(p);
        u.*k.val = to_str(value);
        found = true;
        break;
      }
    if (!found && u.u_params_no < abi::uri_max_u_params) {
      u.u_name[u.u_params_no] = to_str(name);
      u.u_val[u.u_params_no] = to_str(value);
      ++u.u_params_no;
    }
  }
  if (u.transport_val.len > 0) {
    const std::string_view t(u.transport_val.s, static_cast<std::size_t>(u.transport_val.len));
    u.proto = iequals(t, "udp") ? 1 : iequals(t, "tcp") ? 2 : iequals(t, "tls") ? 3 : 0;  // PROTO_UDP/TCP/TLS
  }
  return true;
}

/// name-addr or addr-spec with parameters (parse_to): display (quotes kept), URI, tag, parameter list.
inline bool fill_to_body(std::string_view body, abi::to_body& tb, std::deque<abi::to_param>& store) {
  tb = abi::to_body{};
  tb.body = to_str(body);
  std::string_view b = trim(body), params;
  if (b.empty()) return false;
  const auto lt = b.find('<');
  if (lt != std::string_view::npos) {
    const auto gt = b.find('>', lt);
    if (gt == std::string_view::npos) return false;
    std::string_view display = trim(b.substr(0, lt));
    if (!display.empty()) tb.display = to_str(display);
    tb.uri = to_str(b.substr(lt + 1, gt - lt - 1));
    params = b.substr(gt + 1);
  } else {
    const auto semi = b.find(';');
    tb.uri = to_str(trim(b.substr(0, semi)));
    params = semi == std::string_view::npos ? std::string_view{} : b.substr(semi);
  }
  if (tb.uri.len <= 0) return false;
  params = trim(params);
  while (!params.empty()) {
    if (params.front() != ';') return false;
    params = params.substr(1);
    const auto semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi);
    const auto eq = p.find('=');
    abi::to_param tp{};
    tp.name = to_str(trim(p.substr(0, eq)));
    if (eq != std::string_view::npos) {
      std::string_view v = trim(p.substr(eq + 1));
      if (!v.empty() && v.front() == '"') {  // parse_to: the value without its quotes; an open quote is an error
        if (v.size() < 2 || v.back() != '"') return false;
        v = v.substr(1, v.size() - 2);
      }
      tp.value = to_str(v);
    }
    tp.type = iequals(trim(p.substr(0, eq)), "tag") ? abi::tag_param : abi::generic_param;
    store.push_back(tp);
    abi::to_param* added = &store.back();
    if (tp.type == abi::tag_param) tb.tag_value = tp.value;
    if (tb.last_param)
      tb.last_param->next = added;
    else
      tb.param_lst = added;
    tb.last_param = added;
  }
  tb.error = abi::parse_ok;
  return true;
}

inline int parse_nameaddr_header(abi::sip_msg* msg, abi::header_type type, const char* func) noexcept {
  auto* d = data_of(msg, func);
  if (!d) return -1;
  auto* m = reinterpret_cast<fake_msg*>(msg);
  abi::hdr_field*& h = type == abi::header_type::from ? m->msg.from : m->msg.to;
  if (!h && (build_header_list(m, abi::hdr_flag(type), 0) < 0 || !h)) {
    core_log(abi::l_err, func, "bad msg or missing %s header", type == abi::header_type::from ? "FROM" : "To");
    return -1;
  }
  if (h->parsed) return 0;
  try {
    d->to_bodies.emplace_back();
    if (!fill_to_body(std::string_view(h->body.s, static_cast<std::size_t>(h->body.len)), d->to_bodies.back(),
                      d->to_params)) {
      d->to_bodies.pop_back();
      core_log(abi::l_err, func, "bad %s header", type == abi::header_type::from ? "from" : "to");
      return -1;
    }
    h->parsed = &d->to_bodies.back();
    return 0;
  } catch (...) {
    core_log(abi::l_err, func, "out of pkg_memory");
    return -1;
  }
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int parse_uri(char* buf, int len, sip_uri* uri) {
  if (!buf || len <= 0 || !uri) return -1;
  if (!testing::detail::fill_sip_uri(std::string_view(buf, static_cast<std::size_t>(len)), *uri)) {
    *uri = sip_uri{};
    testing::detail::core_log(l_err, "parse_uri", "bad uri, state 0 parsed: <%.*s> (%d) / <%.*s> (%d)", len, buf, len,
                              len, buf, len);
    return -3;  // E_BAD_URI
  }
  return 0;
}
int parse_sip_msg_uri(sip_msg* msg) {
  if (!testing::detail::data_of(msg, "parse_sip_msg_uri")) return -1;
  auto& m = reinterpret_cast<testing::detail::fake_msg*>(msg)->msg;
  if (m.parsed_uri_ok) return 1;
  str u = m.new_uri.s ? m.new_uri : m.first_line.b;
  if (parse_uri(u.s, u.len, &m.parsed_uri) < 0) {
    testing::detail::core_log(l_err, "parse_sip_msg_uri", "bad uri <%.*s>", u.len, u.s);
    m.parsed_uri_ok = 0;
    return -1;
  }
  m.parsed_uri_ok = 1;
  return 0;
}
int parse_from_header(sip_msg* msg) {
  return testing::detail::parse_nameaddr_header(msg, header_type::from, "parse_from_header");
}
int parse_to_header(sip_msg* msg) {
  return testing::detail::parse_nameaddr_header(msg, header_type::to, "parse_to_header");
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
