// SPDX-License-Identifier: MIT
/// @file The rows a select or raw query returns (modsdk/db.hpp):
///
///     modsdk::db::result r = db.select("greetings", db::columns("greeting", "uses"), db::col("caller") == who);
///     if (!r) return false;                          // the statement failed (already logged)
///     for (modsdk::db::row row : r)
///       use(row.get<std::string_view>("greeting"), row.get<std::optional<int>>(1));
///
/// `row.get<T>(column)` (by name, case-insensitive, or by index) reads a value as T: int and the other
/// integers, bool, double, std::string_view (views the result), std::string, std::span<const std::byte>
/// / std::vector<std::byte> (BLOB), a std::chrono::system_clock time point (DATETIME), db::bitmap, and
/// std::optional<T> for a column that may be NULL. A value that is not a T - another type, NULL read
/// as a plain T, a number that does not fit - throws db::error naming table, column, the type found and
/// the type wanted; a script function or MI command that lets it escape logs that line and fails (-1).
///
/// A result owns the backend's memory and frees it when it goes out of scope. A connection holds one
/// result at a time (backends keep one statement per connection): a second select while a result is
/// alive fails with a log line. With db::chunks_of(n) the rows come n at a time as the loop advances:
/// a row (and the text it views) is valid until the loop moves past its chunk.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <modsdk/abi/db.hpp>
#include <modsdk/detail/db_value.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace db {

/// A value that cannot be read as the type asked for, or a column the result does not have.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace db

namespace detail {
/// db_session::deny bits above the capability bits (whose bit is set when the backend lacks that
/// capability): no connection / the connection is the parent's (set in a forked child) / a result is alive
/// on it / that result streams (chunks). A statement refuses when any bit it cares about is set: one test.
inline constexpr unsigned db_caps_mask = 0xffffu;
inline constexpr unsigned db_no_connection = 1u << 16, db_foreign = 1u << 17, db_busy_result = 1u << 18,
                          db_busy_streaming = 1u << 19;

/// One connection as its statements and results see it, kept with the connection (filled when it
/// opens). A result points here instead of copying it.
struct db_session {
  /// What a statement must not find (db_caps_mask bits and the db_no_connection ... bits above).
  unsigned deny = db_caps_mask | db_no_connection;
  abi::db_fetch_result_f fetch = nullptr;
  abi::db_free_result_f free = nullptr;
  abi::db_async_free_result_f async_free = nullptr;  ///< for an async query's rows
  abi::db_con* con = nullptr;
  std::string_view label;             ///< the parameter the database comes from, for log lines
  const char* missing = nullptr;      ///< why there is no connection (with db_no_connection), for log lines
  db_session* next_forked = nullptr;  ///< the next of the module's databases (marked db_foreign after a fork)
  unsigned serial = 0;                ///< which connection of this process it is (db_session_of counts them)
};

/// How many connections this process (and its ancestors, before they forked it) opened: a connection's
/// serial, so that what a backend keeps per connection (a prepared statement) is never used on another.
inline unsigned db_session_serial = 0;

inline bool db_name_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

inline std::string_view db_column_name(const abi::db_res* res, std::size_t i) noexcept {
  if (!res || i >= static_cast<std::size_t>(res->col.n > 0 ? res->col.n : 0) || !res->col.names[i] ||
      !res->col.names[i]->s)
    return {};
  return {res->col.names[i]->s, static_cast<std::size_t>(res->col.names[i]->len)};
}
inline std::optional<std::size_t> db_column_index(const abi::db_res* res, std::string_view name) noexcept {
  const std::size_t n = res && res->col.n > 0 ? static_cast<std::size_t>(res->col.n) : 0;
  for (std::size_t i = 0; i < n; ++i)
    if (db_name_equal(db_column_name(res, i), name)) return i;
  return std::nullopt;
}
/// "table \"t\"" or "raw query", for messages.
inline std::string db_source_name(std::string_view table) {
  return table.empty() ? std::string("raw query") : "table \"" + std::string(table) + "\"";
}
}  // namespace detail

namespace db {

class result;

/// One row of a result: a view, valid while its result (and, with chunks, its chunk) is.
class row {
 public:
  /// Number of values (the result's columns).
  std::size_t size() const noexcept { return data_->n > 0 ? static_cast<std::size_t>(data_->n) : 0; }
  /// The value of `column` (by name) as T; throws db::error when it is not a T (see the file comment).
  template <class T>
  T get(std::string_view column) const;
  /// The value at `index` (0-based, in the result's column order) as T.
  template <class T>
  [[gnu::always_inline]] T get(std::size_t index) const;
  bool is_null(std::string_view column) const;
  bool is_null(std::size_t index) const { return value(index).nul != 0; }
  /// The backend's value at `index` (type, NULL flag, union), for code that switches on types.
  [[gnu::always_inline]] const abi::db_val& value(std::size_t index) const;

 private:
  friend class result;
  row(const abi::db_res* res, const abi::db_row* data, const char* table, std::size_t table_len) noexcept
      : res_(res), data_(data), table_(table), table_len_(table_len) {}
  template <class T>
  [[gnu::always_inline]] T read(std::size_t index) const;  // the hot path; its failures are out of line
  // the failures take the row's parts as values: the row itself never needs to be in memory
  template <class P>
  [[noreturn, gnu::cold, gnu::noinline]] static void read_failed(const abi::db_res* res, const abi::db_row* data,
                                                                 std::string_view table, std::size_t index,
                                                                 detail::db_read got);
  [[noreturn]] static void fail(const abi::db_res* res, std::string_view table, std::size_t index,
                                std::string_view what);  // cold, out of line
  std::string_view table() const noexcept { return {table_, table_len_}; }
  // what a row needs for its messages is here (the rows, the table name), not a pointer to its result:
  // a result whose table name is static (db::select_by) is then never in memory on the hot path
  const abi::db_res* res_;
  const abi::db_row* data_;
  const char* table_;
  std::size_t table_len_;
};

/// The rows of a select or raw query; false when the statement failed. Move-only; frees the rows.
class result {
 public:
  /// A failed result (no rows).
  result() noexcept = default;
  result(result&& o) noexcept { take(o); }
  result& operator=(result&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  result(const result&) = delete;
  result& operator=(const result&) = delete;
  [[gnu::always_inline]] ~result() { free_rows(); }

  /// Whether the statement succeeded (a result with no rows is a success).
  explicit operator bool() const noexcept { return ok_; }
  bool ok() const noexcept { return ok_; }
  /// Rows now held: all of them, or those of the current chunk with db::chunks_of.
  std::size_t size() const noexcept { return res_ && res_->n > 0 ? static_cast<std::size_t>(res_->n) : 0; }
  bool empty() const noexcept { return size() == 0; }
  std::size_t columns() const noexcept { return res_ && res_->col.n > 0 ? static_cast<std::size_t>(res_->col.n) : 0; }
  std::string_view column_name(std::size_t i) const noexcept { return detail::db_column_name(res_, i); }
  /// The index of `name` (case-insensitive), if the result has that column.
  std::optional<std::size_t> column_index(std::string_view name) const noexcept {
    return detail::db_column_index(res_, name);
  }
  /// The table the statement read (empty for a raw query).
  std::string_view table() const noexcept { return {table_, table_len_}; }
  /// Row `i` of the rows now held.
  row operator[](std::size_t i) const noexcept { return row(res_, &res_->rows[i], table_, table_len_); }
  /// The first row, if any (a view: keep the result alive while you use it).
  std::optional<row> first() const& noexcept {
    if (empty()) return std::nullopt;
    return (*this)[0];
  }
  template <class R = row>
  std::optional<R> first() const&& {
    static_assert(sizeof(R) == 0,
                  "modsdk: db::result::first() on a temporary: the row would view rows freed at the end of the "
                  "statement; keep the result in a variable (auto r = db.select(...); auto row = r.first();)");
    return std::nullopt;
  }

  /// Iterates over every row; with db::chunks_of it fetches the next chunk when a chunk is done.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = row;
    using difference_type = std::ptrdiff_t;
    iterator() noexcept = default;
    explicit iterator(result* r) noexcept : r_(r) { settle(); }
    row operator*() const noexcept { return (*r_)[i_]; }
    iterator& operator++() noexcept {
      ++i_;
      settle();
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept { return !it.r_; }

   private:
    void settle() noexcept {
      while (r_ && i_ >= r_->size()) {
        if (!r_->fetch_next()) r_ = nullptr;
        i_ = 0;
      }
    }
    result* r_ = nullptr;
    std::size_t i_ = 0;
  };
  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  // ---- for the statements (modsdk internals) ----
  /// The rows `res` of a statement on `s`'s connection, which it occupies until the result goes
  /// (`chunk` > 0: they stream, `chunk` rows at a time). `table` is copied for messages unless
  /// `static_table` (the text lives as long as the module: a prepared statement's name).
  result(detail::db_session* s, abi::db_res* res, std::string_view table, int chunk, bool static_table = false) noexcept
      : s_(res || chunk > 0 ? s : nullptr),
        res_(res),
        chunk_(chunk),
        ok_(true),
        done_(chunk <= 0 || !res || res->n <= 0) {
    set_table(table, static_table);
    if (s_) s_->deny |= chunk > 0 ? detail::db_busy_result | detail::db_busy_streaming : detail::db_busy_result;
  }
  /// An async query's rows, freed with the backend's async_free_result (they do not occupy the
  /// connection).
  result(detail::db_session* s, abi::db_res* res, void* async_priv) noexcept
      : s_(s), res_(res), ok_(true), async_(true), async_priv_(async_priv) {}
  /// A failed statement on `table`, a name that lives as long as the module (a db::select_by's): the
  /// same name on every path of the statement, so that the compiler need not keep which one in a register.
  static result failed_on_static(std::string_view table) noexcept {
    result r;
    r.table_ = table.data();
    r.table_len_ = static_cast<std::uint32_t>(table.size());
    return r;
  }

 private:
  friend class row;
  /// The next chunk; false when there is none (or fetching failed, logged).
  bool fetch_next() noexcept {
    if (done_ || !s_ || !s_->fetch) return false;
    if (s_->fetch(s_->con, &res_, chunk_) < 0) {
      log::write_for(log::level::error, "db", "{}: fetching the next {} rows of {} failed", s_->label, chunk_,
                     table().empty() ? std::string_view("a raw query") : table());
      done_ = true;
      return false;
    }
    if (size() == 0) done_ = true;
    return !done_;
  }
  void set_table(std::string_view table, bool static_table) noexcept {
    if (static_table || table.empty()) {
      table_ = table.data();
      table_len_ = static_cast<std::uint32_t>(table.size());
      return;
    }
    table_len_ = static_cast<std::uint32_t>(table.size() < sizeof buf_ ? table.size() : sizeof buf_);
    for (std::size_t i = 0; i < table_len_; ++i) buf_[i] = table[i];
    table_ = buf_;
  }
  void take(result& o) noexcept {
    s_ = std::exchange(o.s_, nullptr);
    res_ = std::exchange(o.res_, nullptr);
    if (o.async_) async_priv_ = o.async_priv_;
    async_ = o.async_;
    chunk_ = o.chunk_;
    ok_ = std::exchange(o.ok_, false);
    done_ = o.done_;
    set_table(o.table(), o.table_ != o.buf_);
  }
  /// Frees the rows: the hot path is one test (s_ is set only while something is to be freed).
  // inlined everywhere (also where an exception unwinds): the result's address never leaves the
  // function, so a result whose table name is static stays in registers
  [[gnu::always_inline]] void free_rows() noexcept {
    if (detail::db_session* s = s_) {
      if (async_) [[unlikely]] {
        release_async(s, res_, async_priv_);
      } else {
        s->free(s->con, res_);  // also ends a streaming query
        s->deny &= ~(detail::db_busy_result | detail::db_busy_streaming);
      }
    }
  }
  void release() noexcept {
    free_rows();
    s_ = nullptr;
    res_ = nullptr;
    ok_ = false;
  }
  [[gnu::cold, gnu::noinline]] static void release_async(detail::db_session* s, abi::db_res* res, void* priv) noexcept {
    if (s->async_free) s->async_free(s->con, res, priv);
  }

  detail::db_session* s_ = nullptr;  ///< set while the result holds rows to free (or a streaming query)
  abi::db_res* res_ = nullptr;
  const char* table_ = nullptr;
  std::uint32_t table_len_ = 0;
  int chunk_ = 0;
  bool ok_ = false;
  bool done_ = true;
  bool async_ = false;
  void* async_priv_;  // NOLINT(cppcoreguidelines-pro-type-member-init): read only when async_
  char buf_[96];      // NOLINT(cppcoreguidelines-pro-type-member-init): only table_len_ chars are written and read
};

// ---- row ------------------------------------------------------------------------------------------------

inline const abi::db_val& row::value(std::size_t index) const {
  if (index >= size()) [[unlikely]]
    fail(res_, table(), index, "no such column");
  return data_->values[index];
}

inline bool row::is_null(std::string_view column) const {
  const auto i = detail::db_column_index(res_, column);
  if (!i)
    throw error("db: " + detail::db_source_name(table()) + " has no column \"" + std::string(column) +
                "\" in this result");
  return is_null(*i);
}

[[gnu::cold, gnu::noinline]] inline void row::fail(const abi::db_res* res, std::string_view table, std::size_t index,
                                                   std::string_view what) {
  std::string m = "db: " + detail::db_source_name(table) + ", column ";
  const std::string_view name = detail::db_column_name(res, index);
  m += name.empty() ? std::to_string(index) : "\"" + std::string(name) + "\"";
  m += ": ";
  m += what;
  throw error(m);
}

template <class T>
inline T row::read(std::size_t index) const {
  static_assert(detail::db_readable<T>,
                "modsdk: row.get<T>: T must be int (or another integer), bool, double, std::string_view, std::string, "
                "std::span<const std::byte>, std::vector<std::byte>, a std::chrono::system_clock time point, "
                "modsdk::db::bitmap or std::optional of one of them");
  const abi::db_val& v = value(index);
  using plain = detail::db_plain_t<T>;
  if constexpr (detail::is_optional<T>::value) {
    if (v.nul) return std::nullopt;
  }
  plain out{};
  const detail::db_read got = detail::db_read_value(v, out);
  if (got == detail::db_read::ok) [[likely]]
    return out;
  read_failed<plain>(res_, data_, table(), index, got);
}

template <class P>
void row::read_failed(const abi::db_res* res, const abi::db_row* data, std::string_view table, std::size_t index,
                      detail::db_read got) {
  const abi::db_val& v = data->values[index];
  const auto found = [&v] { return std::string(detail::db_type_name(v.type)); };
  switch (got) {
    case detail::db_read::null:
      fail(res, table, index,
           "found NULL, wanted " + std::string(detail::db_cpp_name<P>()) + " (read it as std::optional<" +
               std::string(detail::db_cpp_name<P>()) + ">)");
    case detail::db_read::out_of_range:
      fail(res, table, index,
           "found " + found() + " " + std::to_string(detail::db_integer_of(v)) + ", which does not fit in " +
               std::string(detail::db_cpp_name<P>()));
    default:
      fail(res, table, index, "found " + found() + ", wanted " + std::string(detail::db_cpp_name<P>()));
  }
}

template <class T>
inline T row::get(std::size_t index) const {
  return read<T>(index);
}

template <class T>
T row::get(std::string_view column) const {
  const auto i = detail::db_column_index(res_, column);
  if (!i)
    throw error("db: " + detail::db_source_name(table()) + " has no column \"" + std::string(column) +
                "\" in this result");
  return read<T>(*i);
}

}  // namespace db
MODSDK_END_NAMESPACE
