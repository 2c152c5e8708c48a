// SPDX-License-Identifier: MIT
// ABI layer: the header names the core's header-name parser (parser/parse_hname2.c) gives a type id, long
// and compact, and the compact forms of RFC 3261 / 3265 / 3515 headers it leaves as HDR_OTHER_T.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/hdr_types.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// A header name and the type id the core gives it.
struct hdr_name {
  std::string_view name;
  header_type type;
};

/// Every name the core types (case-insensitively), long forms then the compact forms it knows
/// (v f t i m l k c o x). Security-* are typed from 3.5 only (hdr_name_typed).
inline constexpr hdr_name hdr_names[] = {
    {"Via", header_type::via},
    {"To", header_type::to},
    {"From", header_type::from},
    {"CSeq", header_type::cseq},
    {"Call-ID", header_type::call_id},
    {"Contact", header_type::contact},
    {"Max-Forwards", header_type::max_forwards},
    {"Route", header_type::route},
    {"Record-Route", header_type::record_route},
    {"Path", header_type::path},
    {"Content-Type", header_type::content_type},
    {"Content-Length", header_type::content_length},
    {"Authorization", header_type::authorization},
    {"Expires", header_type::expires},
    {"Proxy-Authorization", header_type::proxy_authorization},
    {"Supported", header_type::supported},
    {"Proxy-Require", header_type::proxy_require},
    {"Unsupported", header_type::unsupported},
    {"Allow", header_type::allow},
    {"Event", header_type::event},
    {"Accept", header_type::accept},
    {"Accept-Language", header_type::accept_language},
    {"Organization", header_type::organization},
    {"Priority", header_type::priority},
    {"Subject", header_type::subject},
    {"User-Agent", header_type::user_agent},
    {"Accept-Disposition", header_type::accept_disposition},
    {"Content-Disposition", header_type::content_disposition},
    {"Diversion", header_type::diversion},
    {"Remote-Party-ID", header_type::remote_party_id},
    {"Refer-To", header_type::refer_to},
    {"Session-Expires", header_type::session_expires},
    {"Min-SE", header_type::min_se},
    {"P-Preferred-Identity", header_type::p_preferred_identity},
    {"P-Asserted-Identity", header_type::p_asserted_identity},
    {"Privacy", header_type::privacy},
    {"Retry-After", header_type::retry_after},
    {"Call-Info", header_type::call_info},
    {"WWW-Authenticate", header_type::www_authenticate},
    {"Proxy-Authenticate", header_type::proxy_authenticate},
    {"Min-Expires", header_type::min_expires},
    {"Feature-Caps", header_type::feature_caps},
    {"Replaces", header_type::replaces},
    {"To-Path", header_type::to_path},
    {"From-Path", header_type::from_path},
    {"Message-ID", header_type::message_id},
    {"Byte-Range", header_type::byte_range},
    {"Failure-Report", header_type::failure_report},
    {"Success-Report", header_type::success_report},
    {"Status", header_type::status},
    {"Use-Path", header_type::use_path},
    {"Security-Client", header_type::security_client},
    {"Security-Server", header_type::security_server},
    {"Security-Verify", header_type::security_verify},
    {"v", header_type::via},
    {"f", header_type::from},
    {"t", header_type::to},
    {"i", header_type::call_id},
    {"m", header_type::contact},
    {"l", header_type::content_length},
    {"k", header_type::supported},
    {"c", header_type::content_type},
    {"o", header_type::event},
    {"x", header_type::session_expires},
};

/// Compact forms the core does not type (HDR_OTHER_T), with their long names.
struct hdr_alias {
  std::string_view compact, name;
};
inline constexpr hdr_alias hdr_untyped_compact[] = {
    {"s", "Subject"}, {"e", "Content-Encoding"}, {"u", "Allow-Events"}, {"r", "Refer-To"}, {"b", "Referred-By"},
};

/// Whether two header names are equal, ASCII letters compared without case (the core's rule). A byte
/// that differs is tested once: equal after setting bit 5 and a letter then.
constexpr bool hdr_name_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x != y && ((x | 0x20U) != (y | 0x20U) || static_cast<unsigned char>((x | 0x20U) - 'a') > 'z' - 'a'))
      return false;
  }
  return true;
}

/// What a header name means to the core: its type id (other when untyped) and the other spelling of an
/// untyped compact form ("s" <-> "Subject", empty when there is none).
struct hdr_spelling {
  std::string_view name;
  header_type type = header_type::other;
  std::string_view alias;
};

/// Every spelling the core types or knows a compact form of, found by a perfect hash of (length, first
/// and last letter without case) computed at compile time: a lookup is one hash, one table load and one
/// name comparison, whatever the name.
struct hdr_spelling_table {
  static constexpr std::size_t capacity = std::size(hdr_names) + 2 * std::size(hdr_untyped_compact);
  static constexpr std::uint32_t multiplier = 0xb4c26b3dU;  // no two spellings share a slot (checked below)
  static constexpr std::uint8_t none = 0xff;
  static constexpr std::uint32_t slot(std::string_view n) noexcept {
    const std::uint32_t key = static_cast<std::uint32_t>(n.size()) << 16U |
                              (static_cast<unsigned char>(n.front()) | 0x20U) << 8U |
                              (static_cast<unsigned char>(n.back()) | 0x20U);
    return (key * multiplier) >> 24U;
  }
  hdr_spelling spellings[capacity]{};
  std::uint8_t slots[256]{};
  std::size_t count = 0;
  bool perfect = true;

  constexpr void add(const hdr_spelling& s) noexcept {
    for (std::size_t i = 0; i < count; ++i)
      if (hdr_name_equal(spellings[i].name, s.name)) return;  // "Subject": typed, and the long form of "s"
    const std::uint32_t at = slot(s.name);
    if (slots[at] != none) perfect = false;
    slots[at] = static_cast<std::uint8_t>(count);
    spellings[count++] = s;
  }
};
inline constexpr hdr_spelling_table hdr_spellings = [] {
  hdr_spelling_table t;
  for (auto& s : t.slots) s = hdr_spelling_table::none;
  auto alias_of = [](std::string_view n) -> std::string_view {
    for (const auto& a : hdr_untyped_compact) {
      if (hdr_name_equal(a.compact, n)) return a.name;
      if (hdr_name_equal(a.name, n)) return a.compact;
    }
    return {};
  };
  for (const auto& h : hdr_names) t.add({h.name, h.type, alias_of(h.name)});
  for (const auto& a : hdr_untyped_compact) {
    t.add({a.compact, header_type::other, a.name});
    t.add({a.name, header_type::other, a.compact});
  }
  return t;
}();
static_assert(hdr_spellings.perfect, "modsdk: two header spellings share a hash slot: change the multiplier");

/// The entry of `name` (any case), or null when the core neither types it nor knows a compact form of it.
constexpr const hdr_spelling* hdr_spelling_of(std::string_view name) noexcept {
  if (name.empty()) return nullptr;
  const std::uint8_t i = hdr_spellings.slots[hdr_spelling_table::slot(name)];
  if (i == hdr_spelling_table::none || !hdr_name_equal(hdr_spellings.spellings[i].name, name)) return nullptr;
  return &hdr_spellings.spellings[i];
}

/// The type id the core gives a header called `name` (HDR_OTHER_T when it has none); `security_types`
/// false for 3.4, which has no Security-* ids.
constexpr header_type hdr_name_typed(std::string_view name, bool security_types = true) noexcept {
  const hdr_spelling* s = hdr_spelling_of(name);
  if (!s) return header_type::other;
  if (!security_types && static_cast<int>(s->type) >= static_cast<int>(header_type::security_client))
    return header_type::other;
  return s->type;
}

/// The long name of a type id ("Via" for via), empty for other/error.
constexpr std::string_view hdr_long_name(header_type t) noexcept {
  for (const auto& h : hdr_names)
    if (h.type == t) return h.name;
  return {};
}

/// The other spelling of an untyped compact header ("s" <-> "Subject"), empty when there is none.
constexpr std::string_view hdr_untyped_alias(std::string_view name) noexcept {
  const hdr_spelling* s = hdr_spelling_of(name);
  return s ? s->alias : std::string_view{};
}

}  // namespace abi
MODSDK_END_NAMESPACE
