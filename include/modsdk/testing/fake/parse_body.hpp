// SPDX-License-Identifier: MIT
// Test kit fake core: parse_sip_body (parser/parse_body.c): the body split into parts at msg->body from the
// Content-Type (boundary, delimiter lines, each part's header lines and Content-Type), with the core's
// answers: no body or no / a bad Content-Type leaves msg->body NULL (0), a malformed multipart body is -1.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/msg_core.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parse_contact.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// What msg->body points to: the core's struct first, then the parts after the first (free_sip_body).
struct body_store {
  abi::sip_msg_body body;
  std::deque<abi::body_part>* more;
};

inline void free_body_store(void*& body) noexcept {
  if (!body) return;
  auto* st = static_cast<body_store*>(body);
  delete st->more;
  delete st;
  body = nullptr;
}

inline bool is_token_char(char c) noexcept {
  return c > ' ' && c < 0x7f && c != '/' && c != ';' && c != '=' && c != ',' && c != '"' && c != ':';
}

/// decode_mime_type over a whole Content-Type value: "type/subtype" then ";name=value" parameters; the
/// boundary parameter's value (quotes removed) in `boundary`. False for anything else, or a '*' type.
inline bool parse_mime(std::string_view v, std::string_view& type, std::string_view* boundary) noexcept {
  v = rtrim(ltrim(v));
  std::size_t i = 0;
  while (i < v.size() && is_token_char(v[i])) ++i;
  if (i == 0 || i >= v.size() || v[i] != '/') return false;
  const std::size_t slash = i++;
  while (i < v.size() && is_token_char(v[i])) ++i;
  if (i == slash + 1) return false;
  type = v.substr(0, i);
  if (v.substr(0, slash) == "*" || v.substr(slash + 1, i - slash - 1) == "*") return false;
  std::string_view rest = ltrim(v.substr(i));
  while (!rest.empty()) {
    if (rest.front() != ';') return false;
    rest = ltrim(rest.substr(1));
    std::size_t n = 0;
    while (n < rest.size() && is_token_char(rest[n])) ++n;
    if (n == 0) return false;
    const std::string_view name = rest.substr(0, n);
    rest = ltrim(rest.substr(n));
    if (rest.empty() || rest.front() != '=') return false;
    rest = ltrim(rest.substr(1));
    std::string_view value;
    if (!rest.empty() && rest.front() == '"') {
      const auto close = rest.find('"', 1);
      if (close == std::string_view::npos) return false;
      value = rest.substr(1, close - 1);
      rest = ltrim(rest.substr(close + 1));
    } else {
      std::size_t k = 0;
      while (k < rest.size() && rest[k] != ';' && !is_lws(rest[k])) ++k;
      if (k == 0) return false;
      value = rest.substr(0, k);
      rest = ltrim(rest.substr(k));
    }
    if (boundary && iequals(name, "boundary")) *boundary = value;
  }
  return true;
}

/// find_line_delimiter: the next "--boundary" at the start of a line, from `from` (the byte before the
/// body is the end of the empty line, so a delimiter may open the body). npos when there is none.
inline std::size_t find_delimiter(std::string_view all, std::size_t from, std::size_t limit,
                                  std::string_view boundary) noexcept {
  std::size_t cp = from;
  while (cp < limit) {
    const auto dash = all.substr(0, limit).find("--", cp);
    if (dash == std::string_view::npos || limit - dash < 2 + boundary.size()) return std::string_view::npos;
    if (all.substr(dash + 2, boundary.size()) == boundary && dash > 0 &&
        (all[dash - 1] == '\n' || all[dash - 1] == '\r'))
      return dash;
    cp = dash + 2 + boundary.size();  // the core skips a mismatched delimiter's length
  }
  return std::string_view::npos;
}

/// parse_single_part over all[start, end): the line end after the delimiter, the part's headers up to an
/// empty line, the line end before the next delimiter.
inline bool fill_part(std::string_view all, std::size_t start, std::size_t end, abi::body_part& part) {
  if (start >= end) return false;
  if (all[start] == '\r') {
    if (++start < end && all[start] == '\n') ++start;
  } else if (all[start] == '\n') {
    ++start;
  } else {
    return false;  // "invalid separator between boundry and body"
  }
  if (end <= start) return false;
  if (all[end - 1] == '\n') {
    if (--end > start && all[end - 1] == '\r') --end;
  } else if (all[end - 1] == '\r') {
    --end;
  } else {
    return false;  // "invalid separator between body and boundry"
  }
  std::size_t p = start, eoh = start;
  for (;;) {
    if (p >= end) return false;
    if (all[p] == '\n' || all[p] == '\r') {  // the empty line (the core steps over two bytes)
      eoh = p;
      p += 2;
      break;
    }
    const auto colon = all.find(':', p);
    const auto nl = all.find('\n', p);
    if (colon == std::string_view::npos || colon >= end || (nl != std::string_view::npos && nl < colon))
      return false;  // "bad header"
    const std::string_view name = rtrim(all.substr(p, colon - p));
    if (name.empty()) return false;
    for (char c : name)
      if (!is_token_char(c)) return false;
    std::size_t q = colon + 1;
    while (q < end && (all[q] == ' ' || all[q] == '\t')) ++q;
    if (q >= end) return false;  // "hf empty"
    std::size_t line_end = q;
    for (;;) {  // to the line end, continuation lines included
      const auto lf = all.substr(0, end).find('\n', line_end);
      if (lf == std::string_view::npos) return false;  // "bad body for <hdr>"
      line_end = lf + 1;
      if (line_end >= end || (all[line_end] != ' ' && all[line_end] != '\t')) break;
    }
    const std::string_view value = rtrim(all.substr(q, line_end - q));
    if (iequals(name, "Content-Type") || iequals(name, "c")) {
      std::string_view type;
      if (!parse_mime(value, type, nullptr)) return false;  // "Error parsing MIME"
      part.mime = 1;
      part.mime_s = to_str(value);
    }
    p = line_end;
  }
  if (p > end) p = end;
  part.headers = to_str(all.substr(start, eoh - start));
  part.body = to_str(all.substr(p, end - p));
  return true;
}

inline int parse_body_impl(fake_msg* m) {
  auto& msg = m->msg;
  auto* d = m->data;
  if (msg.body) return 0;
  if (build_header_list(m, abi::hdr_eoh_f, 0) < 0) return 0;  // get_body: no body
  std::string_view body = d->body;
  if (msg.content_length) {
    const auto cl = reinterpret_cast<std::uintptr_t>(msg.content_length->parsed);
    if (cl < body.size()) body = body.substr(0, cl);
  }
  if (body.empty() || !msg.content_type) return 0;
  std::string_view type, boundary;
  const std::string_view ct(msg.content_type->body.s, static_cast<std::size_t>(msg.content_type->body.len));
  if (!parse_mime(ct, type, &boundary)) {
    core_log(abi::l_err, "parse_content_type_hdr", "bad Content-Type");
    return 0;
  }
  auto st = std::make_unique<body_store>();
  st->body.body = to_str(body);
  st->body.boundary = to_str(boundary);
  if (!iequals(type.substr(0, type.find('/')), "multipart")) {
    st->body.first.mime = 1;
    st->body.first.mime_s = msg.content_type->body;
    st->body.first.body = to_str(body);
    st->body.part_count = st->body.updated_part_count = 1;
    msg.body = st.release();
    return 0;
  }
  st->more = new std::deque<abi::body_part>();
  st->body.flags |= abi::body_rcv_multipart;
  const std::string_view all = d->buf;
  const std::size_t off = static_cast<std::size_t>(body.data() - all.data()), limit = off + body.size();
  std::size_t start = find_delimiter(all, off, limit, boundary);
  auto fail = [&](const char* why) {
    core_log(abi::l_err, "parse_sip_body", "%s", why);
    delete st->more;
    return -1;
  };
  if (start == std::string_view::npos)
    return fail("Unable to parse multipart type: malformed - missing start delimiters");
  abi::body_part* last = nullptr;
  for (;;) {
    const std::size_t end = find_delimiter(all, start + 1, limit, boundary);
    if (end == std::string_view::npos) break;
    abi::body_part* part = &st->body.first;
    if (last) {
      st->more->emplace_back();
      part = &st->more->back();
    }
    part->mime = -1;
    if (!fill_part(all, start + boundary.size() + 2, end, *part)) return fail("Unable to parse part");
    if (last) last->next = part;
    last = part;
    if (st->body.part_count == 255) return fail("too many parts");
    ++st->body.part_count;
    start = end;
  }
  st->body.updated_part_count = st->body.part_count;
  msg.body = st.release();
  return 0;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int parse_sip_body(sip_msg* msg) {
  if (!testing::detail::data_of(msg, "parse_sip_body")) return -1;
  try {
    return testing::detail::parse_body_impl(reinterpret_cast<testing::detail::fake_msg*>(msg));
  } catch (...) {
    testing::detail::core_log(l_err, "parse_sip_body", "Unable to allocate memory");
    return -1;
  }
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
