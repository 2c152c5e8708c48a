// SPDX-License-Identifier: MIT
/// @file AVPs: the attribute-value pairs the script writes as `$avp(name)`, read and changed from C++ through
/// a handle whose name the core resolves once.
///
///     constinit modsdk::avp<int> score{"caller_score"};            // $avp(caller_score), int values
///     constinit modsdk::avp<std::string_view> tags{"tags"};        // text values
///     constinit modsdk::avp<> anything{"anything"};                // modsdk::avp_value: int or text
///
///     bool rate(modsdk::request&) {
///       const int s = score.first().value_or(0);    // the newest value, what $avp(caller_score) reads
///       score.add(s + 1);                           // the new newest value
///       for (std::string_view t : tags.all()) ...   // every value, newest first: $(avp(tags)[0]), [1], ...
///       return tags.remove_all() > 0;
///     }
///     MODSDK_MODULE(new_module, ..., modsdk::avps(score, tags, anything));   // resolved in mod_init
///
/// The values belong to the transaction the core is processing (in a SIP worker, the current message's),
/// the script sees them as `$avp(name)` and the module sees the script's. The list holds the newest value
/// first: first() and at(0) are what `$avp(name)` reads, at(-1) is the oldest, as `$(avp(name)[-1])`.
/// A handle of int (or std::string_view) passes over values of the other type: at(i) is then nullopt and
/// all() skips them; avp<> (modsdk::avp_value) sees every value. Text read from an AVP lives in the core's
/// list until that value is removed or replaced. Listing the handles in modsdk::avps(...) resolves their
/// names in mod_init; a handle not listed is resolved on its first use.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <modsdk/abi/avp.hpp>
#include <modsdk/impl/avps.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem when an AVP name is refused.
void modsdk_avp_error_name_must_be_1_to_255_characters_without_brackets_quotes_blanks_or_dollar();

consteval std::string_view checked_avp_name(const char* name) {
  if (!name || !valid_avp_name(name))
    modsdk_avp_error_name_must_be_1_to_255_characters_without_brackets_quotes_blanks_or_dollar();
  return name;
}
}  // namespace detail

/// An AVP by name, its values read and written as T: int, std::string_view, or modsdk::avp_value (either).
template <class T = avp_value>
class avp : public detail::avp_base {
  static_assert(std::is_same_v<T, int> || std::is_same_v<T, std::string_view> || std::is_same_v<T, avp_value>,
                "modsdk: avp<T>: AVP values are int or text: use avp<int>, avp<std::string_view> or avp<> "
                "(modsdk::avp_value, either)");

 public:
  /// `name`: as the script writes it in `$avp(name)`.
  consteval explicit avp(const char* name) : avp_base(detail::checked_avp_name(name)) {}

  /// The newest value (what `$avp(name)` reads), nullopt when there is none (or it is of the other type).
  std::optional<T> first() noexcept {
    const int id = this->id();
    if (id < 0) return std::nullopt;
    abi::int_str v;  // written by the core when it finds a value
    const abi::usr_avp* a = abi::search_first_avp(0, id, &v, nullptr);
    if constexpr (std::is_same_v<T, avp_value>) {
      return a ? value_of(a, v) : std::nullopt;
    } else {
      // one branch for "found, and of type T" (the flags test merged into it): the optional's flag is then
      // a constant on each path, which the caller's `if (!v)` folds away
      if (a && holds_t(a->flags)) [[likely]]
        return plain_value(v);
      return std::nullopt;
    }
  }

  /// The value at `index`: 0 the newest, 1 the one before, ...; negative counts from the oldest (-1).
  std::optional<T> at(int index) noexcept {
    const int id = this->id();
    if (id < 0) return std::nullopt;
    if (index < 0) {
      index += abi::count_avps(0, id);
      if (index < 0) return std::nullopt;
    }
    abi::int_str v{};
    const abi::usr_avp* a = abi::search_index_avp(0, id, &v, static_cast<unsigned>(index));
    return a ? value_of(a, v) : std::nullopt;
  }

  /// Calls `f(T)` for every value, newest first (values of the other type are passed over). No allocation.
  template <class F>
  void for_each(F&& f) noexcept(noexcept(f(std::declval<T>()))) {
    const int id = this->id();
    if (id < 0) return;
    abi::int_str v{};
    for (abi::usr_avp* a = abi::search_first_avp(0, id, &v, nullptr); a; a = abi::search_next_avp(a, &v))
      if (auto t = value_of(a, v)) f(*t);
  }

  /// Every value, newest first.
  std::vector<T> all() {
    std::vector<T> out;
    for_each([&](const T& t) { out.push_back(t); });
    return out;
  }

  /// How many values the AVP has (of any type).
  int count() noexcept {
    const int id = this->id();
    return id < 0 ? 0 : abi::count_avps(0, id);
  }

  /// Adds a value; it becomes the newest. False (logged by the core) when it cannot be added.
  bool add(int v) noexcept requires(!std::is_same_v<T, std::string_view>) { return put(avp_value(v)); }
  bool add(std::string_view v) noexcept requires(!std::is_same_v<T, int>) { return put(avp_value(v)); }
  template <class V>
  bool add(const V& v) noexcept requires(std::is_same_v<V, avp_value>&& std::is_same_v<T, avp_value>) {
    return put(v);
  }

  /// Replaces the value at `index` (0 the newest, negative from the oldest); false when there is none.
  bool replace(int v, int index = 0) noexcept requires(!std::is_same_v<T, std::string_view>) {
    return swap(avp_value(v), index);
  }
  bool replace(std::string_view v, int index = 0) noexcept requires(!std::is_same_v<T, int>) {
    return swap(avp_value(v), index);
  }

  /// Removes the newest value; false when there is none.
  bool remove() noexcept {
    const int id = this->id();
    return id >= 0 && abi::destroy_avps(0, id, 0) > 0;
  }
  /// Removes every value; returns how many there were.
  int remove_all() noexcept {
    const int id = this->id();
    return id < 0 ? 0 : abi::destroy_avps(0, id, 1);
  }

 private:
  /// A node's value as T: nullopt for NULL or a value of the other type (read straight from the node's
  /// flags: no variant on the way for avp<int> and avp<std::string_view>).
  /// Whether a node with flags `f` holds a T (not NULL, and an int / text as T asks).
  static constexpr bool holds_t(unsigned short f) noexcept {
    if constexpr (std::is_same_v<T, int>)
      return (f & (abi::avp_val_null | abi::avp_val_str)) == 0;
    else
      return (f & (abi::avp_val_null | abi::avp_val_str)) == abi::avp_val_str;
  }
  /// The value of a node that holds a T.
  static T plain_value(const abi::int_str& v) noexcept {
    if constexpr (std::is_same_v<T, int>)
      return v.n;
    else
      return std::string_view(v.s.s, static_cast<std::size_t>(v.s.len));
  }
  static std::optional<T> value_of(const abi::usr_avp* a, const abi::int_str& v) noexcept {
    const unsigned short f = a->flags;
    if constexpr (!std::is_same_v<T, avp_value>) {
      if (!holds_t(f)) return std::nullopt;
      return plain_value(v);
    } else {
      if (f & abi::avp_val_null) return std::nullopt;
      return (f & abi::avp_val_str) ? avp_value(std::string_view(v.s.s, static_cast<std::size_t>(v.s.len)))
                                    : avp_value(v.n);
    }
  }
  bool put(const avp_value& v) noexcept {
    const int id = this->id();
    abi::int_str is{};
    const unsigned short flags = detail::avp_write(v, is);
    return id >= 0 && abi::add_avp(flags, id, is) == 0;
  }
  bool swap(const avp_value& v, int index) noexcept {
    const int id = this->id();
    abi::int_str is{};
    const unsigned short flags = detail::avp_write(v, is);
    return id >= 0 && abi::replace_avp(flags, id, is, index) == 0;
  }
};

/// The module's AVP handles, resolved in mod_init: `modsdk::avps(score, tags)`.
template <class... A>
constexpr auto avps(A&... a) {
  static_assert((std::is_base_of_v<detail::avp_base, A> && ...),
                "modsdk: avps(...) takes modsdk::avp<T> objects (defined at namespace scope)");
  static_assert(sizeof...(A) > 0, "modsdk: avps() needs at least one modsdk::avp");
  return detail::avps_section<sizeof...(A)>{{static_cast<detail::avp_base*>(&a)...}};
}

MODSDK_END_NAMESPACE
