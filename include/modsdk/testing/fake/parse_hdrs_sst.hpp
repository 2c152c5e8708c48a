// SPDX-License-Identifier: MIT
// Test kit fake core: parse_session_expires and parse_min_se (parse_sst.c), parse_diversion_header
// (parse_diversion.c: a to_body list) and parse_refer_to_header (parse_refer_to.c: one to_body), and the text
// parsers parse_params (parse_param.c, CLASS_ANY: no hooks but last_param; its list in counted pkg memory, freed
// by free_params) and parse_methods (parse_methods.c) - accepting and refusing what the core does, with its log
// lines (Min-SE: none, as the core).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <modsdk/config.hpp>
#include <new>
#include <string_view>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/parse_hdrs.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// parse_session_expires_body: "delta-seconds *(;se-param)", refresher=uac|uas recognised (any case), other
/// parameters skipped, nothing but ';' between them; a parse_sst_result.
inline int session_expires_body(std::string_view b, abi::session_expires& se) noexcept {
  if (b.empty()) {
    core_log(abi::l_err, "parse_session_expires_body", " no body for header field");
    return 1;
  }
  std::size_t pos = 0;
  const std::size_t len = b.size();
  auto at = [&](std::size_t i) { return i < len ? b[i] : '\r'; };  // past the body: the line's CR, as the core reads
  auto lower_is = [&](std::size_t i, std::string_view word) {
    for (std::size_t k = 0; k < word.size(); ++k)
      if ((static_cast<unsigned char>(at(i + k)) | 0x20U) != static_cast<unsigned char>(word[k])) return false;
    return true;
  };
  se = abi::session_expires{};
  while (pos < len && (b[pos] == ' ' || b[pos] == '\t')) ++pos;
  const std::size_t digits = pos;
  for (; pos < len && b[pos] >= '0' && b[pos] <= '9'; ++pos) se.interval = se.interval * 10U + unsigned(b[pos] - '0');
  if (pos == digits) {
    core_log(abi::l_err, "parse_session_expires_body", " no expiry interval");
    return 2;
  }
  while (pos < len) {
    if (b[pos] != ';') {
      core_log(abi::l_err, "parse_session_expires_body", "no semicolon separating se-params");
      return 4;
    }
    ++pos;
    if (pos + 4 < len && lower_is(pos, "refr") && pos + 9 <= len && lower_is(pos + 4, "esher") && at(pos + 9) == '=') {
      if (lower_is(pos + 10, "uac") || lower_is(pos + 10, "uas")) {
        se.refresher = (at(pos + 12) | 0x20) == 'c' ? abi::sst_refresher::uac : abi::sst_refresher::uas;
        pos += 13;
        continue;
      }
      core_log(abi::l_err, "parse_session_expires_body", " unrecognized refresher");
      return 4;
    }
    while (pos < len && b[pos] != ';') ++pos;  // an se-param it does not know
  }
  return 0;
}

/// parse_min_se_body: blanks, digits, blanks and nothing else; a parse_sst_result (not logged).
inline int min_se_body(std::string_view b, unsigned& v) noexcept {
  std::size_t pos = 0;
  while (pos < b.size() && (b[pos] == ' ' || b[pos] == '\t')) ++pos;
  if (pos == b.size()) return 2;
  v = 0;
  for (; pos < b.size() && b[pos] >= '0' && b[pos] <= '9'; ++pos) v = v * 10U + unsigned(b[pos] - '0');
  while (pos < b.size() && (b[pos] == ' ' || b[pos] == '\t')) ++pos;
  return pos == b.size() ? 0 : 4;
}

/// The first header of `type` of a message, split on demand (parse_headers); null when there is none.
inline abi::hdr_field* first_of(abi::sip_msg* msg, abi::header_type type, const char* func) noexcept {
  if (!data_of(msg, func)) return nullptr;
  auto* m = reinterpret_cast<fake_msg*>(msg);
  abi::hdr_field** h = shortcut_of(m->msg, static_cast<int>(type));
  if (!*h && build_header_list(m, abi::hdr_flag(type), 0) < 0) return nullptr;
  return *h;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int parse_session_expires(sip_msg* msg, session_expires* se) {
  hdr_field* h = testing::detail::first_of(msg, header_type::session_expires, "parse_session_expires");
  if (!h) return parse_sst_header_not_found;
  if (!h->parsed) {
    session_expires v{};
    if (const int rc = testing::detail::session_expires_body(testing::detail::body_of(h), v); rc != 0) return rc;
    auto* kept = new (std::nothrow) session_expires(v);
    if (!kept) return 3;  // parse_sst_out_of_mem
    h->parsed = kept;
  }
  if (se) *se = *static_cast<const session_expires*>(h->parsed);
  return parse_sst_success;
}
int parse_min_se(sip_msg* msg, unsigned* min_se) {
  hdr_field* h = testing::detail::first_of(msg, header_type::min_se, "parse_min_se");
  if (!h) return parse_sst_header_not_found;
  if (!h->parsed) {
    unsigned v = 0;
    if (const int rc = testing::detail::min_se_body(testing::detail::body_of(h), v); rc != 0) return rc;
    // NOLINTNEXTLINE(performance-no-int-to-ptr): the core keeps the seconds as the pointer's value
    h->parsed = reinterpret_cast<void*>(static_cast<std::uintptr_t>(v));
  }
  if (min_se) *min_se = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(h->parsed));
  return parse_sst_success;
}
int parse_diversion_header(sip_msg* msg) {
  return testing::detail::parse_identity_header(msg, header_type::diversion, true, "parse_diversion_header",
                                                "bad diversion header");
}
int parse_refer_to_header(sip_msg* msg) {
  return testing::detail::parse_identity_header(msg, header_type::refer_to, false, "parse_refer_to_header",
                                                "bad Refer-To header");
}
void free_params(param* p) {
  while (p) {
    param* next = p->next;
    testing::detail::counted_pkg_free(p, "free_params");
    p = next;
  }
}
int parse_params(str* s, int c, param_hooks* h, param** p) {
  if (!s || !h || !p) {
    testing::detail::core_log(l_err, "parse_params", "invalid parameter value");
    return -1;
  }
  *h = param_hooks{};
  *p = nullptr;
  if (!s->s) return 0;
  (void)c;  // CLASS_ANY only: no hooks (the fake core's callers ask for no other class)
  std::string_view text(s->s, static_cast<std::size_t>(s->len > 0 ? s->len : 0));
  std::deque<param> parsed;
  param* first = nullptr;
  const char* why = nullptr;
  bool ok = false;
  try {
    ok = testing::detail::parse_any_params(text, first, parsed, &why);
  } catch (...) {
    why = "no pkg memory left";
  }
  if (!ok) {
    testing::detail::core_log(l_err, "parse_params", "%s", why ? why : "failed to parse params");
    return -2;
  }
  param** link = p;
  for (const param* q = first; q; q = q->next) {
    auto* n = static_cast<param*>(testing::detail::counted_pkg_malloc(sizeof(param), "parse_params"));
    if (!n) {
      free_params(*p);
      *p = nullptr;
      testing::detail::core_log(l_err, "parse_params", "no pkg memory left");
      return -2;
    }
    *n = *q;
    n->next = nullptr;
    *link = n;
    h->last_param = n;
    link = &n->next;
  }
  s->s = const_cast<char*>(text.data());
  s->len = static_cast<int>(text.size());
  return 0;
}
int parse_methods(str* body, unsigned* methods) {
  if (!body || !methods) {
    testing::detail::core_log(l_err, "parse_methods", "invalid parameter value");
    return -1;
  }
  const std::string_view text = body->s && body->len > 0 ? std::string_view(body->s, std::size_t(body->len)) : "";
  const char* why = nullptr;
  if (!testing::detail::method_bits(text, *methods, &why)) {
    if (std::strcmp(why, "comma expected") == 0)
      testing::detail::core_log(l_err, "parse_methods", "comma expected");
    else
      testing::detail::core_log(l_err, "parse_methods", "invalid method [%.*s]", int(text.size()), text.data());
    return -1;
  }
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
