// SPDX-License-Identifier: MIT
// Machinery of the database API (modsdk/db.hpp): C++ values into the core's db_val_t and back. Values
// are bound, never printed: a backend receives each one as a typed db_val_t next to the statement.
#pragma once
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <modsdk/config.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <modsdk/abi/db.hpp>

MODSDK_BEGIN_NAMESPACE
namespace db {
/// A DB_BITMAP value: 32 flags.
struct bitmap {
  unsigned int bits = 0;
  friend constexpr bool operator==(bitmap, bitmap) = default;
};
/// SQL NULL as a value: `db::set("expires", db::null)` (a std::nullopt of any optional works too).
inline constexpr std::nullopt_t null = std::nullopt;
}  // namespace db

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// T without its std::optional.
template <class T>
struct db_plain {
  using type = T;
};
template <class T>
struct db_plain<std::optional<T>> {
  using type = T;
};
template <class T>
using db_plain_t = typename db_plain<T>::type;

template <class T>
struct is_sys_time : std::false_type {};
template <class D>
struct is_sys_time<std::chrono::time_point<std::chrono::system_clock, D>> : std::true_type {};

template <class T>
concept db_byte_span = requires(const T& s) {
  {std::span<const std::byte>(s)};
}
&&!std::is_convertible_v<const T&, std::string_view>;

/// The integers the core's int columns hold: no bool, no characters, nothing that may not fit in a
/// signed 64-bit BIGINT.
template <class T>
concept db_integer =
    std::integral<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> && !std::is_same_v<T, signed char> &&
    !std::is_same_v<T, unsigned char> && !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> &&
    !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t> && (std::is_signed_v<T> || sizeof(T) < 8);

/// How a value given to a statement is held until it is bound: text of any kind as a string_view
/// (the caller's object outlives the statement), byte ranges as a span, the rest as is.
template <class T>
auto db_hold(const T& v) {
  if constexpr (std::is_convertible_v<const T&, std::string_view> && !is_optional<T>::value)
    return std::string_view(v);
  else if constexpr (db_byte_span<T>)
    return std::span<const std::byte>(v);
  else if constexpr (is_optional<T>::value) {
    using U = decltype(db_hold(std::declval<const typename T::value_type&>()));
    return v ? std::optional<U>(db_hold(*v)) : std::optional<U>();
  } else
    return v;
}
template <class T>
using db_held_t = decltype(db_hold(std::declval<const T&>()));

/// Whether a held value can be bound as a db_val_t.
template <class H>
constexpr bool db_bindable() {
  if constexpr (is_optional<H>::value)
    return db_bindable<typename H::value_type>();
  else
    return std::is_same_v<H, bool> || db_integer<H> || std::is_floating_point_v<H> ||
           std::is_same_v<H, std::string_view> || std::is_same_v<H, std::span<const std::byte>> ||
           is_sys_time<H>::value || std::is_same_v<H, db::bitmap> || std::is_same_v<H, std::nullopt_t>;
}

/// A C++ type a value given to a statement may have.
template <class T>
concept db_writable = db_bindable<db_held_t<T>>();

/// The db_type_t a held value binds as (for NULL: its type when present).
template <class H>
constexpr abi::db_type db_type_of() {
  if constexpr (is_optional<H>::value)
    return db_type_of<typename H::value_type>();
  else if constexpr (std::is_same_v<H, bool>)
    return abi::db_int;
  else if constexpr (db_integer<H>)
    return sizeof(H) < 4 || (sizeof(H) == 4 && std::is_signed_v<H>) ? abi::db_int : abi::db_bigint;
  else if constexpr (std::is_floating_point_v<H>)
    return abi::db_double;
  else if constexpr (std::is_same_v<H, std::span<const std::byte>>)
    return abi::db_blob;
  else if constexpr (is_sys_time<H>::value)
    return abi::db_datetime;
  else if constexpr (std::is_same_v<H, db::bitmap>)
    return abi::db_bitmap;
  else
    return abi::db_str;  // string_view, and nullopt_t (a NULL of no particular type)
}

inline abi::str db_text(std::string_view s) noexcept {
  return {const_cast<char*>(s.data()), static_cast<int>(s.size())};  // the core's str is not const; backends only read
}

/// Fills `out` from a held value; `out` views the caller's text and bytes.
template <class H>
void db_bind(abi::db_val& out, const H& v) noexcept {
  // type, nul and free (and the padding before the value) as one constant: two stores of immediates where
  // three separate fields took a constant load and three stores
  static constexpr abi::db_val head{db_type_of<H>(), 0, 0, {}};
  std::memcpy(&out, &head, offsetof(abi::db_val, val));
  if constexpr (is_optional<H>::value) {
    if (v)
      db_bind(out, *v);
    else
      out.nul = 1;
  } else if constexpr (std::is_same_v<H, std::nullopt_t>) {
    out.nul = 1;
  } else if constexpr (std::is_same_v<H, bool>) {
    out.val.int_val = v ? 1 : 0;
  } else if constexpr (db_integer<H>) {
    if (out.type == abi::db_int)
      out.val.int_val = static_cast<int>(v);
    else
      out.val.bigint_val = static_cast<long long>(v);
  } else if constexpr (std::is_floating_point_v<H>) {
    out.val.double_val = static_cast<double>(v);
  } else if constexpr (std::is_same_v<H, std::string_view>) {
    out.val.str_val = db_text(v);
  } else if constexpr (std::is_same_v<H, std::span<const std::byte>>) {
    out.val.blob_val = {reinterpret_cast<char*>(const_cast<std::byte*>(v.data())), static_cast<int>(v.size())};
  } else if constexpr (is_sys_time<H>::value) {
    out.val.time_val =
        std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::system_clock::duration>(v));
  } else {
    out.val.bitmap_val = v.bits;
  }
}

// ---- reading --------------------------------------------------------------------------------------------

/// What reading a value as a C++ type found.
enum class db_read { ok, null, mismatch, out_of_range };

/// The core's name for a value type, as messages show it.
constexpr std::string_view db_type_name(abi::db_type t) noexcept {
  switch (t) {
    case abi::db_int:
      return "int";
    case abi::db_bigint:
      return "bigint";
    case abi::db_double:
      return "double";
    case abi::db_string:
      return "string";
    case abi::db_str:
      return "str";
    case abi::db_datetime:
      return "datetime";
    case abi::db_blob:
      return "blob";
    case abi::db_bitmap:
      return "bitmap";
    default:
      return "unknown type";
  }
}

/// A C++ type row.get<T>() accepts.
template <class T>
constexpr bool db_readable_type() {
  if constexpr (is_optional<T>::value)
    return db_readable_type<typename T::value_type>();
  else
    return std::is_same_v<T, bool> || db_integer<T> || std::is_floating_point_v<T> ||
           std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string> ||
           std::is_same_v<T, std::span<const std::byte>> || std::is_same_v<T, std::vector<std::byte>> ||
           is_sys_time<T>::value || std::is_same_v<T, db::bitmap>;
}
template <class T>
concept db_readable = db_readable_type<T>();

/// The C++ type as messages name it.
template <class T>
constexpr std::string_view db_cpp_name() noexcept {
  if constexpr (is_optional<T>::value)
    return "std::optional";
  else if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (std::is_same_v<T, int>)
    return "int";
  else if constexpr (db_integer<T>)
    return sizeof(T) == 8 ? "std::int64_t" : std::is_signed_v<T> ? "a signed integer" : "an unsigned integer";
  else if constexpr (std::is_floating_point_v<T>)
    return "double";
  else if constexpr (std::is_same_v<T, std::string_view>)
    return "std::string_view";
  else if constexpr (std::is_same_v<T, std::string>)
    return "std::string";
  else if constexpr (std::is_same_v<T, std::span<const std::byte>>)
    return "std::span<const std::byte>";
  else if constexpr (std::is_same_v<T, std::vector<std::byte>>)
    return "std::vector<std::byte>";
  else if constexpr (is_sys_time<T>::value)
    return "a system_clock time point";
  else
    return "db::bitmap";
}

inline std::string_view db_text_of(const abi::db_val& v) noexcept {
  if (v.type == abi::db_string) return v.val.string_val ? std::string_view(v.val.string_val) : std::string_view();
  const abi::str& s = v.type == abi::db_blob ? v.val.blob_val : v.val.str_val;
  return s.s ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view();
}
constexpr bool db_is_text(abi::db_type t) noexcept {
  return t == abi::db_string || t == abi::db_str || t == abi::db_blob;
}
constexpr bool db_is_integer(abi::db_type t) noexcept {
  return t == abi::db_int || t == abi::db_bigint || t == abi::db_bitmap;
}

/// DB_INT is read from int_val (db_sqlite writes all 64 bits, other backends 32), BIGINT from bigint_val.
inline long long db_integer_of(const abi::db_val& v) noexcept {
  switch (v.type) {
    case abi::db_bigint:
      return v.val.bigint_val;
    case abi::db_bitmap:
      return static_cast<long long>(v.val.bitmap_val);
    default:
      return v.val.int_val;
  }
}

/// Reads `v` as T (T not an optional: NULL is reported, the caller decides).
template <class T>
db_read db_read_value(const abi::db_val& v, T& out) {
  if (v.nul) return db_read::null;
  const abi::db_type t = v.type;
  if constexpr (std::is_same_v<T, bool>) {
    if (!db_is_integer(t)) return db_read::mismatch;
    out = db_integer_of(v) != 0;
  } else if constexpr (db_integer<T>) {
    if (!db_is_integer(t)) return db_read::mismatch;
    const long long n = db_integer_of(v);
    if (!std::in_range<T>(n)) return db_read::out_of_range;
    out = static_cast<T>(n);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (t == abi::db_double)
      out = static_cast<T>(v.val.double_val);
    else if (db_is_integer(t))
      out = static_cast<T>(db_integer_of(v));
    else
      return db_read::mismatch;
  } else if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
    if (t == abi::db_string) {  // what most backends return for text: tested first
      out = T(v.val.string_val ? std::string_view(v.val.string_val) : std::string_view());
    } else if (t == abi::db_str || t == abi::db_blob) {
      const abi::str& b = t == abi::db_blob ? v.val.blob_val : v.val.str_val;
      out = T(b.s ? std::string_view(b.s, static_cast<std::size_t>(b.len)) : std::string_view());
    } else {
      return db_read::mismatch;
    }
  } else if constexpr (std::is_same_v<T, std::span<const std::byte>> || std::is_same_v<T, std::vector<std::byte>>) {
    if (!db_is_text(t)) return db_read::mismatch;
    const std::string_view s = db_text_of(v);
    const auto* b = reinterpret_cast<const std::byte*>(s.data());
    out = T(b, b + s.size());
  } else if constexpr (is_sys_time<T>::value) {
    if (t != abi::db_datetime) return db_read::mismatch;
    out = std::chrono::time_point_cast<typename T::duration>(std::chrono::system_clock::from_time_t(v.val.time_val));
  } else {
    static_assert(std::is_same_v<T, db::bitmap>);
    if (!db_is_integer(t)) return db_read::mismatch;
    out = db::bitmap{static_cast<unsigned int>(db_integer_of(v))};
  }
  return db_read::ok;
}

}  // namespace detail
MODSDK_END_NAMESPACE
