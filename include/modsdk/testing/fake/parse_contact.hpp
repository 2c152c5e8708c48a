// SPDX-License-Identifier: MIT
// Test kit fake core: parse_contact (parser/contact/: a Contact body into a contact_body_t with its contacts
// and their param_t lists, hooks for q / expires / methods / received / +sip.instance) and str2q (qvalue.c),
// accepting and refusing what the core does for the bodies the tests and the fuzzer give.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <deque>
#include <memory>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/msg_core.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// What hdr_field.parsed points to: the contact_body first (the core's own struct), then what owns the
/// contacts and parameters it links (freed with the message, as free_contact() does in the core).
struct contact_store {
  abi::contact_body body;
  struct lists {
    std::deque<abi::contact> contacts;
    std::deque<abi::param> params;
  } * owned;
};

inline bool is_lws(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
inline std::string_view ltrim(std::string_view s) noexcept {
  while (!s.empty() && is_lws(s.front())) s.remove_prefix(1);
  return s;
}
inline std::string_view rtrim(std::string_view s) noexcept {
  while (!s.empty() && is_lws(s.back())) s.remove_suffix(1);
  return s;
}

/// The hook parse_params(CLASS_CONTACT) sets for a parameter name.
inline int contact_param_type(std::string_view n) noexcept {
  if (iequals(n, "q")) return abi::p_q;
  if (iequals(n, "expires")) return abi::p_expires;
  if (iequals(n, "methods")) return abi::p_methods;
  if (iequals(n, "received")) return abi::p_received;
  if (iequals(n, "+sip.instance")) return abi::p_instance;
  return abi::p_other;
}

/// `;a=b;c;d="x y"` up to a ',' (the next contact) or the end; `s` is left at the ',' or empty.
inline bool parse_contact_params(std::string_view& s, abi::contact& c, contact_store::lists& own) {
  abi::param* last = nullptr;
  for (;;) {
    s = ltrim(s);
    if (s.empty()) return false;  // "param name missing"
    std::size_t i = 0;
    while (i < s.size() && !is_lws(s[i]) && s[i] != ';' && s[i] != '=' && s[i] != ',') ++i;
    abi::param p{};
    p.name = to_str(s.substr(0, i));
    p.type = contact_param_type(s.substr(0, i));
    const char* start = s.data();
    s = ltrim(s.substr(i));
    if (!s.empty() && s.front() == '=') {
      s = ltrim(s.substr(1));
      if (s.empty()) return false;  // "body missing"
      if (s.front() == '"') {
        const auto close = s.find('"', 1);
        if (close == std::string_view::npos) return false;
        p.body = to_str(s.substr(1, close - 1));
        s = s.substr(close + 1);
      } else {
        std::size_t j = 0;
        while (j < s.size() && !is_lws(s[j]) && s[j] != ';' && s[j] != ',') ++j;
        if (j == 0) return false;  // "failed to parse token"
        p.body = to_str(s.substr(0, j));
        s = s.substr(j);
      }
      s = ltrim(s);
    }
    p.len = static_cast<int>(s.data() - start);
    own.params.push_back(p);
    abi::param* added = &own.params.back();
    (last ? last->next : c.params) = added;
    last = added;
    abi::param** hook = added->type == abi::p_q          ? &c.q
                        : added->type == abi::p_expires  ? &c.expires
                        : added->type == abi::p_methods  ? &c.methods
                        : added->type == abi::p_received ? &c.received
                        : added->type == abi::p_instance ? &c.instance
                                                         : nullptr;
    if (hook) *hook = added;
    if (s.empty() || s.front() == ',' || s.front() == '>') return true;  // the core skips a '>' as a ','
    if (s.front() != ';') return false;                                  // "invalid character, ; expected"
    s = s.substr(1);
  }
}

/// One contact from `s` (name-addr or addr-spec, then parameters); `s` is left after it.
inline bool parse_one_contact(std::string_view& s, abi::contact& c, contact_store::lists& own) {
  // the display name ends at '<', or at the last blank before the scheme's ':' (outside quotes)
  const char* name_start = s.data();
  std::size_t uri_at = std::string_view::npos, last_blank = std::string_view::npos;
  bool quoted = false;
  for (std::size_t i = 0; i < s.size() && uri_at == std::string_view::npos; ++i) {
    const char ch = s[i];
    if (quoted) {
      if (ch == '"' && s[i - 1] != '\\') quoted = false;
    } else if (ch == ' ' || ch == '\t') {
      last_blank = i;
    } else if (ch == '<') {
      uri_at = i;
    } else if (ch == ':') {
      uri_at = last_blank == std::string_view::npos ? 0 : last_blank;
    } else if (ch == '"') {
      quoted = true;
    }
  }
  if (uri_at == std::string_view::npos) return false;  // no scheme separator, or a quote left open
  c.name = to_str(rtrim(s.substr(0, uri_at)));
  s = s.substr(uri_at);
  // the URI ends at ',' or ';' outside <> and quotes
  bool in_angle = false, in_quote = false, escaped = false;
  std::size_t end = 0;
  for (; end < s.size(); ++end) {
    const char ch = s[end];
    if (escaped) {
      escaped = false;
    } else if (in_quote) {
      if (ch == '\\') escaped = true;
      if (ch == '"') in_quote = false;
    } else if (ch == '"') {
      in_quote = true;
    } else if (ch == '<') {
      if (in_angle) return false;  // "second < found"
      in_angle = true;
    } else if (ch == '>') {
      if (!in_angle) return false;  // "> is first"
      in_angle = false;
    } else if (!in_angle && (ch == ',' || ch == ';')) {
      break;
    }
  }
  if (in_angle || in_quote) return false;  // "< or \" not closed"
  std::string_view uri = rtrim(s.substr(0, end));
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  uri = rtrim(ltrim(uri));
  if (uri.empty()) return false;  // "Empty URI found in contact body"
  c.uri = to_str(uri);
  s = s.substr(end);
  if (!s.empty() && s.front() == ';') {
    s = s.substr(1);
    if (!parse_contact_params(s, c, own)) return false;
  }
  c.len = static_cast<int>(s.data() - name_start);
  return true;
}

inline bool fill_contact_body(std::string_view body, contact_store& st) {
  std::string_view s = ltrim(body);
  if (s.empty()) return false;  // "empty body"
  if (s.front() == '*') {
    st.body.star = 1;
    return s.size() == 1;  // "more than START only"
  }
  abi::contact* last = nullptr;
  for (;;) {
    st.owned->contacts.emplace_back();
    abi::contact* c = &st.owned->contacts.back();
    if (!parse_one_contact(s, *c, *st.owned)) return false;
    (last ? last->next : st.body.contacts) = c;
    last = c;
    if (s.empty()) return true;
    s = ltrim(s.substr(1));       // the ','
    if (s.empty()) return false;  // "text after comma missing"
  }
}

inline void free_contact_store(void* parsed) noexcept {
  auto* st = static_cast<contact_store*>(parsed);
  delete st->owned;
  delete st;
}

/// The parsed Contact bodies a message's headers own (free_sip_msg -> clean_hdr_field).
inline void free_contact_bodies(std::deque<abi::hdr_field>& fields) noexcept {
  for (auto& f : fields)
    if (f.type == abi::hdr_contact_t && f.parsed) {
      free_contact_store(f.parsed);
      f.parsed = nullptr;
    }
}

/// qvalue.c's grammar: blanks, then "0"s with an optional "." and digits (3 counted), or "1" with an
/// optional "." and zeros; a leading "." reads as "0.".
inline int fake_str2q(int& q, std::string_view s) noexcept {
  constexpr int inv_char = -1, too_big = -2, empty = -3;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (s.empty()) return empty;
  bool one = false, point = false;
  int order = 100, digits = 0;
  q = 0;
  for (char ch : s) {
    const bool digit = ch >= '0' && ch <= '9';
    if (!point) {
      if (ch == '.') {
        point = true;
      } else if (one || (ch != '0' && ch != '1')) {  // a digit after "1", or neither 0 nor 1
        return digit ? too_big : inv_char;
      } else if (ch == '1') {
        one = true;
        q = 1000;
      }
    } else if (!digit) {
      return inv_char;
    } else if (one) {
      if (ch != '0') return too_big;
    } else if (++digits <= 3) {
      q += (ch - '0') * order;
      order /= 10;
    }
  }
  return 0;  // "0.", "1." and "." are accepted as the core does
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int parse_contact(hdr_field* hdr) {
  if (!hdr) return -1;
  if (hdr->parsed) return 0;
  auto* st = new (std::nothrow) testing::detail::contact_store{};
  if (!st) return -1;
  st->owned = new (std::nothrow) testing::detail::contact_store::lists();
  bool ok = false;
  try {
    ok = st->owned &&
         testing::detail::fill_contact_body(
             std::string_view(hdr->body.s, static_cast<std::size_t>(hdr->body.len > 0 ? hdr->body.len : 0)), *st);
  } catch (...) {
    ok = false;
  }
  if (!ok) {
    testing::detail::free_contact_store(st);
    testing::detail::core_log(l_err, "parse_contact", "failed to parse contact");
    return -2;
  }
  hdr->parsed = st;
  return 0;
}
int str2q(int* q, char* s, int len) {
  if (!q || !s || len < 0) return -1;
  return testing::detail::fake_str2q(*q, std::string_view(s, static_cast<std::size_t>(len)));
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
