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

constexpr bool hdr_name_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

/// hdr_names ordered by name length, with where each length starts: a lookup compares only the names
/// of the asked name's length (at most 8), not the whole table.
struct hdr_names_by_length {
  static constexpr std::size_t max_length = [] {
    std::size_t m = 0;
    for (const auto& h : hdr_names) m = h.name.size() > m ? h.name.size() : m;
    return m;
  }();
  hdr_name names[std::size(hdr_names)]{};
  std::uint8_t start[max_length + 2]{};
};
inline constexpr hdr_names_by_length hdr_by_length = [] {
  hdr_names_by_length t;
  std::size_t n = 0;
  for (std::size_t len = 0; len <= hdr_names_by_length::max_length; ++len) {
    t.start[len] = static_cast<std::uint8_t>(n);
    for (const auto& h : hdr_names)
      if (h.name.size() == len) t.names[n++] = h;
  }
  t.start[hdr_names_by_length::max_length + 1] = static_cast<std::uint8_t>(n);
  return t;
}();
static_assert(hdr_by_length.start[hdr_names_by_length::max_length + 1] == std::size(hdr_names));

/// The type id the core gives a header called `name` (HDR_OTHER_T when it has none); `security_types`
/// false for 3.4, which has no Security-* ids.
constexpr header_type hdr_name_typed(std::string_view name, bool security_types = true) noexcept {
  if (name.size() > hdr_names_by_length::max_length) return header_type::other;
  for (std::size_t i = hdr_by_length.start[name.size()]; i < hdr_by_length.start[name.size() + 1]; ++i) {
    const hdr_name& h = hdr_by_length.names[i];
    if (hdr_name_equal(h.name, name)) {
      if (!security_types && static_cast<int>(h.type) >= static_cast<int>(header_type::security_client))
        return header_type::other;
      return h.type;
    }
  }
  return header_type::other;
}

/// The long name of a type id ("Via" for via), empty for other/error.
constexpr std::string_view hdr_long_name(header_type t) noexcept {
  for (const auto& h : hdr_names)
    if (h.type == t) return h.name;
  return {};
}

/// The other spelling of an untyped compact header ("s" <-> "Subject"), empty when there is none.
constexpr std::string_view hdr_untyped_alias(std::string_view name) noexcept {
  constexpr std::uint64_t lengths = [] {  // bit n: some spelling is n characters long
    std::uint64_t m = 0;
    for (const auto& a : hdr_untyped_compact)
      m |= std::uint64_t{1} << a.compact.size() | std::uint64_t{1} << a.name.size();
    return m;
  }();
  if (name.size() >= 64 || !(lengths >> name.size() & 1)) return {};
  for (const auto& a : hdr_untyped_compact) {
    if (hdr_name_equal(a.compact, name)) return a.name;
    if (hdr_name_equal(a.name, name)) return a.compact;
  }
  return {};
}

}  // namespace abi
MODSDK_END_NAMESPACE
