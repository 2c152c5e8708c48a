// SPDX-License-Identifier: MIT
/// @file Rows read straight into an aggregate (modsdk/db.hpp), one field per column, named as for
/// modparam groups:
///
///     struct greeting_row {
///       std::string greeting;
///       std::optional<int> uses;
///     };
///     MODSDK_FIELDS(greeting_row, greeting, uses);   // in greeting_row's namespace (modsdk/params_group.hpp)
///
///     if (auto g = db.select<greeting_row>("greetings", db::col("caller") == who).first()) use(g->greeting);
///     for (const greeting_row& g : db.select<greeting_row>("greetings")) ...
///
/// The select asks for exactly the fields' columns, in field order. Each field is read like
/// row.get<Field>(), with the same errors. A field that views the result (std::string_view,
/// std::span<const std::byte>) is valid while the result is: first() and all() on a temporary result
/// refuse such a T at compile time.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <modsdk/db/result.hpp>
#include <modsdk/detail/db_value.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// S names its fields with MODSDK_FIELDS (found by argument-dependent lookup).
template <class S>
concept db_described = requires {
  modsdk_fields(static_cast<const S*>(nullptr));
};

/// The fields of S in declaration order (MODSDK_FIELDS's names).
template <class S>
constexpr auto db_field_names() {
  return modsdk_fields(static_cast<const S*>(nullptr)).names;
}

template <class F>
inline constexpr bool db_views_result =
    std::is_same_v<db_plain_t<F>, std::string_view> || std::is_same_v<db_plain_t<F>, std::span<const std::byte>>;

/// Whether a field of S views the result it was read from.
template <class S>
constexpr bool db_has_views() {
  return []<std::size_t... K>(std::index_sequence<K...>) {
    return (db_views_result<boost::pfr::tuple_element_t<K, S>> || ...);
  }
  (std::make_index_sequence<boost::pfr::tuple_size_v<S>>{});
}

template <class S>
constexpr bool db_check_row_type() {
  static_assert(std::is_aggregate_v<S> && !std::is_array_v<S>,
                "modsdk: db.select<T>(...): T must be an aggregate struct (public fields, no constructors), one field "
                "per column, its fields named with MODSDK_FIELDS(T, ...)");
  if constexpr (std::is_aggregate_v<S> && !std::is_array_v<S>) {
    static_assert(db_described<S>,
                  "modsdk: db.select<T>(...): name T's fields with MODSDK_FIELDS(T, field1, field2, ...) in T's "
                  "namespace, after its definition (modsdk/params_group.hpp): they are the column names");
    constexpr bool readable = []<std::size_t... K>(std::index_sequence<K...>) {
      return (db_readable<boost::pfr::tuple_element_t<K, S>> && ...);
    }
    (std::make_index_sequence<boost::pfr::tuple_size_v<S>>{});
    static_assert(readable,
                  "modsdk: db.select<T>(...): every field of T must be a type row.get<T>() reads (int, std::int64_t, "
                  "bool, double, std::string, std::string_view, std::vector<std::byte>, a system_clock time point, "
                  "db::bitmap, std::optional of one of them)");
  }
  return true;
}

template <class S>
S db_row_as(const db::row& r) {
  S s{};
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    ((boost::pfr::get<K>(s) = r.get<boost::pfr::tuple_element_t<K, S>>(K)), ...);
  }
  (std::make_index_sequence<boost::pfr::tuple_size_v<S>>{});
  return s;
}

}  // namespace detail

namespace db {

/// The rows of `select<T>`, each read as a T. Move-only; false when the statement failed.
template <class T>
class rows_of {
  static_assert(detail::db_check_row_type<T>());
  static constexpr bool views = detail::db_has_views<T>();

 public:
  rows_of() noexcept = default;
  explicit rows_of(result r) noexcept : r_(std::move(r)) {}

  explicit operator bool() const noexcept { return r_.ok(); }
  bool ok() const noexcept { return r_.ok(); }
  std::size_t size() const noexcept { return r_.size(); }
  bool empty() const noexcept { return r_.empty(); }
  /// The rows as they came (untyped).
  result& raw() noexcept { return r_; }
  const result& raw() const noexcept { return r_; }

  /// The first row as a T, if any.
  std::optional<T> first() & {
    if (r_.empty()) return std::nullopt;
    return detail::db_row_as<T>(r_[0]);
  }
  std::optional<T> first() && {
    static_assert(!views,
                  "modsdk: select<T>(...).first() on a temporary result: a std::string_view or std::span field of T "
                  "would view rows freed at the end of the statement; make the field std::string / "
                  "std::vector<std::byte>, or keep the result in a variable");
    return first();
  }
  /// Every row (every chunk) as a T.
  std::vector<T> all() & {
    std::vector<T> v;
    for (T t : *this) v.push_back(std::move(t));
    return v;
  }
  std::vector<T> all() && {
    static_assert(!views,
                  "modsdk: select<T>(...).all() on a temporary result: a std::string_view or std::span field of T "
                  "would view rows freed at the end of the statement; make the field std::string / "
                  "std::vector<std::byte>, or keep the result in a variable");
    return all();
  }

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    iterator() noexcept = default;
    explicit iterator(result::iterator it) noexcept : it_(it) {}
    T operator*() const { return detail::db_row_as<T>(*it_); }
    iterator& operator++() noexcept {
      ++it_;
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    friend bool operator==(const iterator& i, std::default_sentinel_t s) noexcept { return i.it_ == s; }

   private:
    result::iterator it_;
  };
  iterator begin() noexcept { return iterator(r_.begin()); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  result r_;
};

}  // namespace db
MODSDK_END_NAMESPACE
