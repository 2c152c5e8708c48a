// SPDX-License-Identifier: MIT
// Databases (modsdk/db.hpp): what a modsdk::db::database holds - its URL parameter, its options, the
// backend's functions bound in mod_init, this process's connection - and the section that runs its
// lifecycle: bind and check in mod_init, connect in child_init, close in destroy.
//
// A connection belongs to the process that opened it: a pthread_atfork child handler (registered in
// mod_init) marks every database of the module as the parent's in a forked child (db_foreign), so a
// process forked after one was opened (mod_init's, say) never uses or closes its parent's; the pid is
// compared where a connection is opened or closed. The statements' hot path tests the session's deny
// bits (no connection, the parent's, a capability missing, a result alive): one load and test.
#pragma once
#include <pthread.h>

#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <tuple>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/db/options.hpp>
#include <modsdk/db/result.hpp>
#include <modsdk/db/statements.hpp>
#include <modsdk/db/url.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The missing capabilities in `miss`, as "insert (DB_CAP_INSERT), update (DB_CAP_UPDATE)".
struct db_missing_caps {
  unsigned miss;
};

/// The module's databases (their sessions, linked through next_forked): what the fork handler marks.
inline db_session* db_forked_sessions = nullptr;

/// Registers the fork handler once per module; false when the C library refuses (out of memory). In
/// every child of a fork (glibc runs the handler for fork(), which the core's processes come from, and
/// drops it when the module is unloaded) it marks the module's connections as the parent's.
inline bool db_watch_forks() noexcept {
  static const bool registered = ::pthread_atfork(nullptr, nullptr, [] {
                                   for (db_session* s = db_forked_sessions; s; s = s->next_forked)
                                     s->deny |= db_foreign;
                                 }) == 0;
  return registered;
}

/// The state of one database of a module. `P` is modsdk::param<db::url>.
template <class P>
class db_binding {
 public:
  constexpr db_binding(const P& p, const db::options& o) noexcept : param_(&p), opts_(o) {}

  const db::url& url() const noexcept { return param_->get(); }
  std::string_view label() const noexcept {  // the parameter's name, measured once (statements pass it along)
    if (label_.empty()) label_ = param_->name();
    return label_;
  }
  bool bound() const noexcept { return bound_; }
  unsigned caps() const noexcept { return bound_ ? dbf_.cap : 0; }
  const db_func& functions() const noexcept { return dbf_; }
  /// What the module declared it needs (the generated reference lists it).
  const db::options& options() const noexcept { return opts_; }

  /// mod_init: check the URL, bind its backend, check capabilities and table versions.
  bool on_init(std::string_view module) noexcept {
    bound_ = false;
    con_ = nullptr;
    (void)label();  // measured once, here: the statements read the session's label
    reset_session(nullptr, url().empty() ? "not set: the module runs without a database"
                                         : "the database is not bound (its module's mod_init did not run or failed)");
    if (!db_watch_forks()) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{}: cannot register the fork handler (pthread_atfork)",
                     module, label());
      return false;
    }
    const db::url& u = url();
    if (u.empty()) {
      if (opts_.optional) {
        log::write_for(log::level::info, "mod_init", "modparam {}.{} is not set: running without a database", module,
                       label());
        return true;
      }
      log::write_for(log::level::error, "mod_init", "modparam {}.{} is not set: the module needs a database URL",
                     module, label());
      return false;
    }
    if (const char* why = u.problem()) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{}: {:?} {}", module, label(), u, why);
      return false;
    }
    const abi::str text = db_text(u.text());
    if (abi::db_bind_mod(&text, &dbf_) < 0) {
      log::write_for(log::level::error, "mod_init",
                     "modparam {}.{}: {:?}: no database backend for \"{}://\" (is module db_{} loaded?)", module,
                     label(), u, u.scheme(), u.scheme());
      return false;
    }
    if (const unsigned miss = static_cast<unsigned>(opts_.needs) & ~dbf_.cap) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{}: {:?}: the backend db_{} cannot {}", module,
                     label(), u, u.scheme(), db_missing_caps{miss});
      return false;
    }
    if (!check_tables(module)) return false;
    bound_ = true;
    reset_session(nullptr, no_connection);
    return true;
  }

  /// child_init: this process's connection (not in the main and TCP main processes, which run no script).
  bool on_child_init(int rank) noexcept {
    if (!bound_ || rank == abi::proc_main || rank == abi::proc_tcp_main) return true;
    if (con_ && pid_ == abi::dp_my_pid()) return true;
    con_ = open();
    pid_ = abi::dp_my_pid();
    reset_session(con_, no_connection);
    if (!con_) {
      log::write_for(log::level::error, "child_init", "{} {:?}: cannot connect (rank {})", label(), url(), rank);
      return false;
    }
    return true;
  }

  /// destroy: closes this process's connection.
  void on_destroy() noexcept {
    if (con_ && pid_ == abi::dp_my_pid()) dbf_.close(con_);
    con_ = nullptr;
    reset_session(nullptr, no_connection);
  }

  /// A new connection (the caller closes it), or nullptr (logged).
  abi::db_con* open() noexcept {
    if (!bound_) return nullptr;
    const abi::str text = db_text(url().text());
    return dbf_.init(&text);
  }
  void close(abi::db_con* c) noexcept {
    if (c && bound_) dbf_.close(c);
  }

  /// The statements' view of this process's connection (whether they may use it is in the session's
  /// deny bits: one test on their hot path).
  db_handle handle() noexcept { return {&dbf_, &session_}; }

 private:
  static constexpr const char* no_connection =
      "no connection in this process (connections open in child_init; in mod_init or a process without "
      "child_init use `auto c = db.connect();`)";

  /// The session for connection `c` (none: `missing` says why), kept in the module's list of
  /// databases the fork handler marks.
  void reset_session(abi::db_con* c, const char* missing) noexcept {
    db_session* const next = session_.next_forked;
    session_ = db_session_of(dbf_, c, label_, missing);
    if (!bound_) session_.deny |= db_caps_mask;
    session_.next_forked = next;
    if (!listed_) {
      session_.next_forked = db_forked_sessions;
      db_forked_sessions = &session_;
      listed_ = true;
    }
  }

  bool check_tables(std::string_view module) noexcept {
    std::size_t n = 0;
    while (n < db::max_checked_tables && !opts_.tables[n].table.empty()) ++n;
    if (n == 0) return true;
    const abi::str text = db_text(url().text());
    abi::db_con* c = dbf_.init(&text);
    if (!c) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{}: {:?}: cannot connect to check table versions",
                     module, label(), url());
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) {
      const db::table_version& t = opts_.tables[i];
      if (!db_identifier(t.table)) {
        log::write_for(log::level::error, "mod_init", "{}: {:?} is not a table name", module, t.table);
        ok = false;
        continue;
      }
      const abi::str name = db_text(t.table);
      if (abi::db_check_table_version(&dbf_, c, &name, t.version) == 0) continue;
      const int found = abi::db_table_version(&dbf_, c, &name);
      if (found == -2)
        log::write_for(log::level::error, "mod_init",
                       "{}: table {} must be version {}, but the version table has no row for it ({:?})", module,
                       t.table, t.version, url());
      else if (found < 0)
        log::write_for(log::level::error, "mod_init", "{}: cannot read the version of table {} ({:?})", module, t.table,
                       url());
      else
        log::write_for(log::level::error, "mod_init", "{}: table {} must be version {}, found version {} ({:?})",
                       module, t.table, t.version, found, url());
      ok = false;
    }
    dbf_.close(c);
    return ok;
  }

  const P* param_;
  db::options opts_;
  db_func dbf_{};
  bool bound_ = false;
  abi::db_con* con_ = nullptr;
  int pid_ = 0;
  bool listed_ = false;  ///< session_ is in db_forked_sessions
  db_session session_{};
  mutable std::string_view label_{};
};

/// What the databases section asks of each object.
template <class D>
concept db_object = requires(D& d, std::string_view module, int rank) {
  { d.db_lifecycle().on_init(module) } -> std::same_as<bool>;
  { d.db_lifecycle().on_child_init(rank) } -> std::same_as<bool>;
  d.db_lifecycle().on_destroy();
};

/// modsdk::databases(...): state-phase steps (after the parameters are checked, before the hooks run).
template <db_object... D>
struct databases_section {
  static constexpr section_kind kind = section_kind::state;
  std::tuple<D*...> objs;

  template <class Tag, std::size_t I>
  static bool on_init() {
    return std::apply(
        [](auto*... d) {
          bool ok = true;
          ((ok = d->db_lifecycle().on_init(Tag::def.name) && ok), ...);  // every database reports
          return ok;
        },
        get_section_at<Tag, I>().objs);
  }
  template <class Tag, std::size_t I>
  static bool on_child_init(int rank) {
    return std::apply([rank](auto*... d) { return (d->db_lifecycle().on_child_init(rank) && ...); },
                      get_section_at<Tag, I>().objs);
  }
  template <class Tag, std::size_t I>
  static void on_destroy() {
    std::apply([](auto*... d) { (d->db_lifecycle().on_destroy(), ...); }, get_section_at<Tag, I>().objs);
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE

/// Missing capabilities print as "insert (DB_CAP_INSERT) and update (DB_CAP_UPDATE)".
template <>
struct fmt::formatter<modsdk::detail::db_missing_caps> {
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) { return ctx.begin(); }
  template <class Context>
  auto format(const modsdk::detail::db_missing_caps& m, Context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    bool first = true;
    for (unsigned bit = 1; bit && bit <= m.miss; bit <<= 1) {
      if (!(m.miss & bit)) continue;
      if (!first) *out++ = ',', *out++ = ' ';
      for (char c : modsdk::detail::db_cap_name(bit)) *out++ = c;
      first = false;
    }
    return out;
  }
};
