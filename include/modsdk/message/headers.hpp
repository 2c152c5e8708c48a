// SPDX-License-Identifier: MIT
/// @file The headers of a SIP message: every header line as (name, value, type id), looked up by the
/// core's type id or by name (case-insensitive; a compact form and its long name match each other), in
/// message order. Used through modsdk::message (message.hpp):
///
///     for (modsdk::header_field h : msg.headers()) ...;                  // all, in order
///     auto ua = msg.header(modsdk::header_type::user_agent);              // first, by type id
///     for (auto via : msg.headers("Via")) ...;                           // all, by name ("v:" too)
///     std::size_t n = msg.headers("X-Trace").size();                      // count
///
/// The core splits headers lazily: a lookup by type asks it to parse up to the first header of that
/// type (parse_headers with that HDR_*_F), anything else up to the end of the headers; the core keeps
/// what it has split, so nothing is parsed twice. Values point into the message buffer: valid while the
/// core processes this message.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_names.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// The type id the core gives a header (its `hdr_field.type`): `header_type::via`, `::from`,
/// `::user_agent` ... and `header_type::other` for the headers it has no id for.
using header_type = abi::header_type;

/// One header line: its name as written in the message, its value (without the line end, folded
/// lines kept as received) and the core's type id.
struct header_field {
  std::string_view name;
  std::string_view value;
  header_type type = header_type::other;
  /// The core's header (for the edits of message.hpp: remove_header, replace_header_value, add_header_before
  /// / after); null for a header_field made by hand.
  const abi::hdr_field* raw = nullptr;
};

namespace detail::msg {
using layout = abi::for_profile_t<target.profile>::sip_msg_layout;
inline constexpr bool security_typed = abi::for_profile_t<target.profile>::has_security_hdrs;

inline layout& core_msg(abi::sip_msg* m) noexcept { return *reinterpret_cast<layout*>(m); }

constexpr std::string_view view(const abi::str& s) noexcept {
  return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
}

/// The type the target's core gives headers of type `t` (3.4 has no Security-* ids: other).
constexpr header_type on_target(header_type t) noexcept {
  if (!security_typed && static_cast<int>(t) >= static_cast<int>(header_type::security_client))
    return header_type::other;
  return t;
}

/// Asks the core to split headers until `flags` are parsed: parse_headers (3.4) or parse_headers_aux
/// (3.5+), as the target names it. The core returns at once when they already are.
inline bool parse_upto(abi::sip_msg* m, std::uint64_t flags) noexcept {
  if ((core_msg(m).parsed_flag & flags) == flags) return true;
  int rc = -1;
  if constexpr (abi::for_profile_t<target.profile>::has_parse_headers_aux)
    rc = abi::parse_headers_aux(m, flags, 0, 1);
  else
    rc = abi::parse_headers(m, flags, 0);
  if (rc != 0)
    log::write_for(log::level::debug, "headers",
                   "the core could not parse every header (see its log above); using the headers before the bad one");
  return rc == 0;
}

/// What a lookup matches: a type id, a name with its other spelling, or everything.
struct header_key {
  header_type type = header_type::other;  ///< matched when not `other`
  std::string_view name;                  ///< matched case-insensitively when not empty
  std::string_view alias;                 ///< the other spelling of an untyped compact form
  bool all = false;

  static constexpr header_key by_type(header_type t) noexcept {
    if (on_target(t) != t) return {header_type::other, abi::hdr_long_name(t), {}, false};  // untyped here
    return {t, {}, {}, false};
  }
  static constexpr header_key every() noexcept { return {header_type::other, {}, {}, true}; }
  static constexpr header_key by_name(std::string_view n) noexcept {
    const abi::hdr_spelling* s = abi::hdr_spelling_of(n);
    if (!s) return {header_type::other, n, {}, false};
    return {on_target(s->type), n, s->alias, false};
  }
  /// A header's name is `n` (case-insensitive): the lengths first, then the bytes.
  static constexpr bool named(const abi::hdr_field& h, std::string_view n) noexcept {
    return h.name.len == static_cast<int>(n.size()) && h.name.s &&
           abi::hdr_name_equal(std::string_view(h.name.s, n.size()), n);
  }
  /// A typed key matches its type, and by name (its untyped compact form, or a typed name this core
  /// leaves untyped) only headers the core has no type for; an untyped key matches by name only.
  constexpr bool matches(const abi::hdr_field& h) const noexcept {
    if (all) return true;
    if (type != header_type::other) {
      if (h.type == static_cast<int>(type)) return true;
      if (h.type != static_cast<int>(header_type::other)) return false;
    } else if (name.empty()) {
      return h.type == static_cast<int>(header_type::other);
    }
    if (name.empty()) return false;
    return named(h, name) || (!alias.empty() && named(h, alias));
  }
  /// The HDR_*_F bits that find the first match: one type's bit, else every header.
  constexpr std::uint64_t first_flags() const noexcept {
    return !all && type != header_type::other && alias.empty() ? abi::hdr_flag(type) : abi::hdr_eoh_f;
  }
};
}  // namespace detail::msg

/// The headers of a message that match a key (all of them, a type id or a name), in message order: a
/// forward range of header_field walking the core's header list without copying.
class header_range {
 public:
  class iterator {
   public:
    using value_type = header_field;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    header_field operator*() const noexcept {
      return {detail::msg::view(h_->name), detail::msg::view(h_->body), static_cast<header_type>(h_->type), h_};
    }
    iterator& operator++() noexcept {
      h_ = skip(h_->next);
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.h_ == b.h_; }

   private:
    friend class header_range;
    iterator(const abi::hdr_field* h, const detail::msg::header_key& key) noexcept : key_(key) { h_ = skip(h); }
    const abi::hdr_field* skip(const abi::hdr_field* h) const noexcept {
      while (h && !key_.matches(*h)) h = h->next;
      return h;
    }
    const abi::hdr_field* h_ = nullptr;
    detail::msg::header_key key_;
  };

  header_range(const abi::hdr_field* first, detail::msg::header_key key) noexcept : first_(first), key_(key) {}
  iterator begin() const noexcept { return iterator(first_, key_); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return begin() == end(); }
  /// How many headers match.
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }

 private:
  const abi::hdr_field* first_;
  detail::msg::header_key key_;
};

MODSDK_END_NAMESPACE
