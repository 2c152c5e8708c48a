// SPDX-License-Identifier: MIT
// msgedit: a module that edits the SIP message through modsdk (message.hpp), for the real-core test
// "realcore: message: ..." and its fake-core twin (test_msgedit.cpp): headers added, removed and replaced,
// the body replaced, reply headers and body, script flags, and ports of two stock functions - maxfwd's
// mf_process_maxfwd_header and sipmsgops' append_hf / remove_hf - compared with the stock ones; the Contact
// list and a multipart body read, a branch flag named by the cfg, the R-URI's q, a refused send socket and
// the route type at run time (request and branch route); the appended branches read, changed and removed,
// and the sockets (received, forced, tagged and advertised, looked up); the typed header views (read_headers,
// read_more_headers).
#include <modsdk/modsdk.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace {
using modsdk::header_type;

/// edit_request(): one of each edit.
bool edit_request(modsdk::request& req) {
  bool ok = req.add_header("X-Added", "by-modsdk");
  ok = req.remove_headers("X-Remove") == 2 && ok;
  const auto replace = req.headers("X-Replace");
  ok = !replace.empty() && req.replace_header_value(*replace.begin(), "new value") && ok;
  const auto call_id = req.headers(header_type::call_id);
  ok = !call_id.empty() && req.add_header_before(*call_id.begin(), "X-Before-Call-ID", "1") && ok;
  ok = req.set_body("a new body\r\n", "text/plain") && ok;
  ok = req.set_flag(0) && ok;  // realcore.cfg names one flag, EDITED: bit 0
  return ok;
}

/// flag_set(bit): whether script flag `bit` is set (the script's isflagset(bit) sees the same).
bool flag_set(modsdk::message& msg, int bit) { return bit >= 0 && msg.is_flag_set(static_cast<unsigned>(bit)); }

/// fork_to(uri): a branch to `uri` for t_relay().
bool fork_to(modsdk::request& req, std::string_view uri) { return req.append_branch(uri) && req.branch_count() == 1; }

/// reply_extras(): a header and a body for the reply the script sends next.
bool reply_extras(modsdk::request& req) {
  return req.add_reply_header("X-Reply-Extra", "from-modsdk") && req.set_reply_body("busy body\r\n", "text/plain");
}

/// maxfwd_port(value): mf_process_maxfwd_header(value) of the stock maxfwd (max_limit 256): 2 when the
/// header was missing and "Max-Forwards: <value>" was put before the first header, -1 when it is 0, 1 when
/// it was decremented (written in the same width, blank-padded on the left, as maxfwd writes it), -2 when
/// it is not a number. Unlike maxfwd, which rewrites the received buffer, this is a lump: later reads of
/// the header in the same route still see the received value.
int maxfwd_port(modsdk::request& req, int value) {
  constexpr int max_limit = 256;
  const auto mf = req.headers(header_type::max_forwards);
  if (mf.empty()) {
    const auto first = req.headers();
    if (first.empty()) return -2;
    return req.add_header_before(*first.begin(), "Max-Forwards", std::to_string(value)) ? 2 : -2;
  }
  std::string_view text = (*mf.begin()).value;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 0 || n > 65535) {
    modsdk::log::error("unable to parse the max forwards number");
    return -2;
  }
  if (n == 0) return -1;
  if (n > max_limit) n = max_limit + 1;
  std::string digits = std::to_string(n - 1);
  if (digits.size() > text.size()) return -2;
  digits.insert(0, text.size() - digits.size(), ' ');
  return req.replace(text, digits) ? 1 : -2;
}

/// append_hf_port(name, value): sipmsgops' append_hf("name: value\r\n") - after the last header.
bool append_hf_port(modsdk::message& msg, std::string_view name, std::string_view value) {
  return msg.add_header(name, value);
}

/// read_parts(): the Contact list and the body's parts as the core parsed them, summarised in two headers.
bool read_parts(modsdk::request& req) {
  const auto contacts = req.contacts();
  const auto parts = req.body_parts();
  if (!contacts || !parts) return false;
  std::string c = contacts->star() ? "*" : "";
  auto opt = [](auto v) { return v ? std::to_string(*v) : std::string("-"); };
  for (modsdk::contact ct : *contacts) {
    if (!c.empty()) c += ",";
    c += std::string(ct.uri_text()) + "|" + opt(ct.q()) + "|" + opt(ct.expires()) + "|" +
         std::string(ct.param("+sip.instance").value_or("-")) + "|" + std::string(ct.display());
  }
  std::string p = parts->multipart() ? std::string(parts->boundary()) : "single";
  for (modsdk::body_part bp : *parts) p += "," + std::string(bp.media_type()) + ":" + std::to_string(bp.body().size());
  return req.add_header("X-Contacts", c) && req.add_header("X-Parts", p);
}

/// branch_state(): the branch flag the cfg calls NAT set on the R-URI's branch, q 0.5, a socket the core does
/// not listen on refused, the route type; summarised in X-State.
bool branch_state(modsdk::request& req) {
  const auto nat = modsdk::branch_flag_bit("NAT");
  if (!nat || !req.set_branch_flag(*nat) || !req.is_branch_flag_set(*nat)) return false;
  if (req.ruri_q() || !req.set_ruri_q(500) || req.ruri_q() != 500) return false;
  const bool refused = !req.force_send_socket("udp:192.0.2.1:5060");
  return req.add_header("X-State", "nat=" + std::to_string(*nat) +
                                       ";q=500;route=" + std::to_string(modsdk::route::current().bits) +
                                       ";bad-socket-refused=" + (refused ? "1" : "0"));
}

/// branches_sockets(): three branches appended to the R-URI's host:port, the first changed (URI, q, the NAT
/// branch flag, sent from the cfg's socket tagged "ext"), the second removed, out-of-range indexes refused;
/// the set as read back in X-Branches ("uri|q|flags|socket" per branch), the sockets in X-Sockets (received,
/// forced and read back, the "ext" socket's advertised address and tag, grep_sock_info of the received one).
bool branches_sockets(modsdk::request& req) {
  const auto in = req.received_socket();
  const auto ext = modsdk::find_socket("ext");
  const auto nat = modsdk::branch_flag_bit("NAT");
  if (!in || !ext || !nat) return false;
  const std::string hp = std::string(req.ruri_host()) + ":" + std::to_string(req.ruri_port());
  for (const char* user : {"b1", "b2", "b3"})
    if (!req.append_branch("sip:" + std::string(user) + "@" + hp)) return false;
  auto set = req.branches();
  if (!set.set_uri(0, "sip:changed@" + hp) || !set.set_q(0, 700) || !set.set_flags(0, 1U << *nat) ||
      !set.set_socket(0, ext) || !set.remove(1))
    return false;
  if (set.at(2) || set.remove(2) || set.set_q(5, 1)) return false;  // no such branch: refused, logged
  std::string branches;
  for (modsdk::branch b : set)
    branches += (branches.empty() ? "" : ",") + std::string(b.uri) + "|" + (b.q ? std::to_string(*b.q) : "-") + "|" +
                std::to_string(b.flags) + "|" + std::string(b.socket ? b.socket->text() : "-");
  req.set_send_socket(*in);
  const auto forced = req.send_socket();
  const auto grep = modsdk::grep_socket(in->address(), in->port(), in->proto());
  const std::string sockets = "in=" + std::string(in->text()) + ";" + std::string(modsdk::protocol_name(in->proto())) +
                              ";" + std::to_string(in->port()) +
                              ";forced=" + (forced ? std::string(forced->text()) : "-") +
                              ";ext=" + std::string(ext->text()) + ";adv=" + std::string(ext->advertised_name()) + ":" +
                              std::to_string(ext->advertised_port()) + ";tag=" + std::string(ext->tag()) +
                              ";grep-in=" + (grep && *grep == *in ? "1" : "0");
  return req.add_header("X-Branches", branches) && req.add_header("X-Sockets", sockets);
}

/// route_here(): the route type at run time in a header (in a branch_route: per branch).
bool route_here(modsdk::request& req) {
  return req.add_header("X-Route", std::to_string(modsdk::route::current().bits));
}

/// read_headers(): Expires, Route, Record-Route, PAI, PPI, Remote-Party-ID, Supported, Require, Allow, Event, Privacy
/// as the core's parsers read them, summarised in X-Hdrs ("-": absent, "!": malformed).
bool read_headers(modsdk::request& req) {
  auto mark = [](bool absent) { return std::string(absent ? "-" : "!"); };
  auto hops = [&](const std::optional<modsdk::route_list>& l, bool absent) {
    if (!l) return mark(absent);
    std::string out;
    for (modsdk::route_hop h : *l) {
      out += (out.empty() ? "" : ",") + std::string(h.uri_text()) + (h.loose_routing() ? "+lr" : "");
      for (modsdk::uri_param p : h.params()) out += "+" + std::string(p.name) + "=" + std::string(p.value);
    }
    return out;
  };
  auto ids = [&](const std::optional<modsdk::identity_list>& l, bool absent) {
    if (!l) return mark(absent);
    std::string out;
    for (modsdk::name_addr a : *l)
      out += (out.empty() ? "" : ",") + std::string(a.display()) + "|" + std::string(a.uri_text());
    return out;
  };
  auto tags = [&](const std::optional<modsdk::option_tags>& t, bool absent) {
    if (!t) return mark(absent);
    std::string out = std::to_string(t->known_bits());
    for (std::string_view tag : *t) out += "," + std::string(tag);
    return out;
  };
  const auto exp = req.expires();
  const auto rpid = req.remote_party_id();
  const auto allow = req.allow();
  const auto event = req.event();
  const auto privacy = req.privacy();
  std::string s = "exp=" + (exp ? std::to_string(*exp) : mark(!req.has_header(header_type::expires)));
  s += ";route=" + hops(req.routes(), false) + ";rr=" + hops(req.record_routes(), false);
  s += ";pai=" + ids(req.asserted_identities(), false) + ";ppi=" + ids(req.preferred_identities(), false);
  s += ";rpid=" + (rpid ? std::string(rpid->uri_text()) + "|" + std::string(rpid->param("party").value_or("-"))
                        : mark(!req.has_header(header_type::remote_party_id)));
  s += ";sup=" + tags(req.supported(), true) + ";req=" + tags(req.required(), true);
  s += ";allow=" + (allow ? std::to_string(allow->bits()) : mark(!req.has_header(header_type::allow)));
  s += ";event=" + (event ? std::string(event->package()) + "|" + std::to_string(static_cast<int>(event->id())) + "|" +
                                std::string(event->param("id").value_or("-"))
                          : mark(!req.has_header(header_type::event)));
  s += ";priv=" + (privacy ? std::to_string(privacy->bits()) : mark(!req.has_header(header_type::privacy)));
  return req.add_header("X-Hdrs", s);
}

/// read_more_headers(): Session-Expires, Min-SE, Diversion and Refer-To as the core's parsers read them, and the
/// X-Params / X-Methods values through parse_params / parse_methods, summarised in X-Hdrs2 ("-": absent, "!":
/// malformed).
bool read_more_headers(modsdk::request& req) {
  auto mark = [](bool absent) { return std::string(absent ? "-" : "!"); };
  const auto se = req.session_expires();
  const auto min = req.min_se();
  const auto divs = req.diversions();
  const auto to = req.refer_to();
  std::string s = "se=" + (se ? std::to_string(se->interval()) + "|" + std::to_string(static_cast<int>(se->refresher()))
                              : mark(!req.has_header(header_type::session_expires)));
  s += ";minse=" + (min ? std::to_string(*min) : mark(!req.has_header(header_type::min_se)));
  s += ";div=";
  if (!divs) s += "!";
  for (modsdk::diversion d : divs ? *divs : modsdk::diversion_list(nullptr)) {
    s += std::string(d.display()) + "|" + std::string(d.uri_text()) + "|" + std::string(d.reason().value_or("-")) +
         "|" + (d.counter() ? std::to_string(*d.counter()) : "-") + ",";
  }
  s += ";refer=" + (to ? std::string(to->display()) + "|" + std::string(to->uri_text()) + "|" +
                             std::string(to->param("method").value_or("-"))
                       : mark(!req.has_header(header_type::refer_to)));
  s += ";params=";
  if (auto text = req.header("X-Params")) {
    auto ps = modsdk::parse_params(*text);
    if (!ps) {
      s += "!";
    } else {
      for (modsdk::uri_param p : *ps) s += std::string(p.name) + "=" + std::string(p.value) + ",";
      s += "rest=" + std::string(ps->rest());
    }
  }
  s += ";methods=";
  if (auto text = req.header("X-Methods")) {
    auto ms = modsdk::parse_methods(*text);
    s += ms ? std::to_string(ms->bits()) : "!";
  }
  return req.add_header("X-Hdrs2", s);
}

/// remove_hf_port(name): sipmsgops' remove_hf(name) - 1 when it removed any, -1 when none (or all were
/// removed before).
int remove_hf_port(modsdk::message& msg, std::string_view name) { return msg.remove_headers(name) == 0 ? -1 : 1; }
}  // namespace

MODSDK_MODULE(msgedit, modsdk::functions(MODSDK_FN(edit_request), MODSDK_FN(flag_set), MODSDK_FN(fork_to),
                                         MODSDK_FN(reply_extras), MODSDK_FN(maxfwd_port), MODSDK_FN(append_hf_port),
                                         MODSDK_FN(remove_hf_port), MODSDK_FN(read_parts), MODSDK_FN(branch_state),
                                         MODSDK_FN(route_here), MODSDK_FN(read_headers), MODSDK_FN(branches_sockets),
                                         MODSDK_FN(read_more_headers)));
