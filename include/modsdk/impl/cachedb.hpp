// SPDX-License-Identifier: MIT
// Caches (modsdk/cachedb.hpp): what a modsdk::cachedb::cache holds - its URL parameter, its options, the
// engine's functions bound in mod_init, this process's connection - and the section that runs its
// lifecycle: bind and check in mod_init, connect in child_init, close in destroy.
//
// A connection belongs to the process that opened it: the pid is kept with it, so a process forked
// after one was opened never uses or closes its parent's.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <tuple>

#include <modsdk/abi/cachedb.hpp>
#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/cachedb/options.hpp>
#include <modsdk/cachedb/url.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The version's `cachedb_funcs` (iter_keys from 3.6).
using cachedb_funcs = typename abi::for_profile_t<target.profile>::cachedb_funcs;

/// The missing capabilities in `miss`, as "add (CACHEDB_CAP_ADD), sub (CACHEDB_CAP_SUB)".
struct cachedb_missing_caps {
  unsigned miss;
};

/// What an operation needs: the functions and this process's connection, or why there is none.
struct cachedb_handle {
  const cachedb_funcs* f;
  abi::cachedb_con* con;
  std::string_view label;
  const char* missing;  ///< nullptr when `con` can be used
};

/// A str over text the callee does not modify (the core's signatures are not const-correct).
inline abi::str cachedb_text(std::string_view t) noexcept {
  return {const_cast<char*>(t.data()), static_cast<int>(t.size())};  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

/// The state of one cache of a module. `P` is modsdk::param<cachedb::url>.
template <class P>
class cachedb_binding {
 public:
  constexpr cachedb_binding(const P& p, const cachedb::options& o) noexcept : param_(&p), opts_(o) {}

  const cachedb::url& url() const noexcept { return param_->get(); }
  std::string_view label() const noexcept { return param_->name(); }
  bool bound() const noexcept { return bound_; }
  unsigned caps() const noexcept { return bound_ ? static_cast<unsigned>(f_.capability) : 0; }

  /// mod_init: check the URL, bind its engine, check the capabilities.
  bool on_init(std::string_view module) noexcept {
    bound_ = false;
    con_ = nullptr;
    const cachedb::url& u = url();
    if (u.empty()) {
      if (opts_.optional) {
        log::write_for(log::level::info, "mod_init", "modparam {}.{} is not set: running without a cache", module,
                       label());
        return true;
      }
      log::write_for(log::level::error, "mod_init", "modparam {}.{} is not set: the module needs a cachedb URL", module,
                     label());
      return false;
    }
    if (const char* why = u.problem()) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{}: {:?} {}", module, label(), u, why);
      return false;
    }
    abi::str text = cachedb_text(u.text());
    if (abi::cachedb_bind_mod(&text, &f_) < 0 || !f_.init || !f_.destroy) {
      log::write_for(log::level::error, "mod_init",
                     "modparam {}.{}: {:?}: no cachedb engine \"{}\" (is module cachedb_{} loaded?)", module, label(),
                     u, u.engine(), u.engine());
      return false;
    }
    if (const unsigned miss = static_cast<unsigned>(opts_.needs) & ~static_cast<unsigned>(f_.capability)) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{}: {:?}: the engine cachedb_{} cannot {}", module,
                     label(), u, u.engine(), cachedb_missing_caps{miss});
      return false;
    }
    bound_ = true;
    return true;
  }

  /// child_init: this process's connection (not in the main and TCP main processes, which run no script).
  bool on_child_init(int rank) noexcept {
    if (!bound_ || rank == abi::proc_main || rank == abi::proc_tcp_main) return true;
    if (con_ && pid_ == abi::dp_my_pid()) return true;
    abi::str text = cachedb_text(url().text());
    con_ = f_.init(&text);
    pid_ = abi::dp_my_pid();
    if (!con_) {
      log::write_for(log::level::error, "child_init", "{} {:?}: cannot connect (rank {})", label(), url(), rank);
      return false;
    }
    return true;
  }

  /// destroy: closes this process's connection.
  void on_destroy() noexcept {
    if (con_ && pid_ == abi::dp_my_pid()) f_.destroy(con_);
    con_ = nullptr;
  }

  /// The operations' view of this process's connection.
  cachedb_handle handle() noexcept {
    cachedb_handle h{&f_, nullptr, label(), nullptr};
    if (!bound_)
      h.missing = url().empty() ? "not set: the module runs without a cache"
                                : "the cache is not bound (its module's mod_init did not run or failed)";
    else if (!con_ || pid_ != abi::dp_my_pid())
      h.missing = "no connection in this process (connections open in child_init)";
    else
      h.con = con_;
    return h;
  }

 private:
  const P* param_;
  cachedb::options opts_;
  cachedb_funcs f_{};
  bool bound_ = false;
  abi::cachedb_con* con_ = nullptr;
  int pid_ = 0;
};

/// What the caches section asks of each object.
template <class C>
concept cachedb_object = requires(C& c, std::string_view module, int rank) {
  { c.cachedb_lifecycle().on_init(module) } -> std::same_as<bool>;
  { c.cachedb_lifecycle().on_child_init(rank) } -> std::same_as<bool>;
  c.cachedb_lifecycle().on_destroy();
};

/// modsdk::caches(...): state-phase steps (after the parameters are checked, before the hooks run).
template <cachedb_object... C>
struct caches_section {
  static constexpr section_kind kind = section_kind::state;
  std::tuple<C*...> objs;

  template <class Tag, std::size_t I>
  static bool on_init() {
    return std::apply(
        [](auto*... c) {
          bool ok = true;
          ((ok = c->cachedb_lifecycle().on_init(Tag::def.name) && ok), ...);  // every cache reports
          return ok;
        },
        get_section_at<Tag, I>().objs);
  }
  template <class Tag, std::size_t I>
  static bool on_child_init(int rank) {
    return std::apply([rank](auto*... c) { return (c->cachedb_lifecycle().on_child_init(rank) && ...); },
                      get_section_at<Tag, I>().objs);
  }
  template <class Tag, std::size_t I>
  static void on_destroy() {
    std::apply([](auto*... c) { (c->cachedb_lifecycle().on_destroy(), ...); }, get_section_at<Tag, I>().objs);
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE

/// Missing capabilities print as "add (CACHEDB_CAP_ADD), sub (CACHEDB_CAP_SUB)".
template <>
struct fmt::formatter<modsdk::detail::cachedb_missing_caps> {
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) { return ctx.begin(); }
  template <class Context>
  auto format(const modsdk::detail::cachedb_missing_caps& m, Context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    bool first = true;
    for (unsigned bit = 1; bit && bit <= m.miss; bit <<= 1) {
      if (!(m.miss & bit)) continue;
      if (!first) *out++ = ',', *out++ = ' ';
      for (char c : modsdk::detail::cachedb_cap_name(bit)) *out++ = c;
      first = false;
    }
    return out;
  }
};
