// SPDX-License-Identifier: MIT
// The module's lifecycle callbacks. modsdk owns every callback in module_exports; each
// runs the sections' steps (impl/module/section.hpp) one by one, each inside an exception firewall, and maps
// the outcome to the core's convention for that callback (shared research, opensips-module-abi.md 1.3):
//   load_f <0 fails the load; preinit_f <0 and init_f != 0 abort startup; init_child_f <0 fails the
//   process; response_f 0 drops the reply; reload_ack_f 0 rejects the new script.
// Order: table sections, then state, then hooks, each group in declaration order; destroy runs the
// exact reverse. A failing mod_init unwinds what it had set up (the core will not call destroy).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// Runs one lifecycle step inside the firewall: an escaping exception is a logged failure of `what`.
template <class F>
bool guarded(const char* what, F&& step) noexcept {
  return firewall(std::forward<F>(step), [what](const char* e) {
    if (e)
      log::write_for(log::level::error, what, "{} failed: exception: {}", what, e);
    else
      log::write_for(log::level::error, what, "{} failed: unknown exception", what);
    return false;
  });
}

// One lifecycle step of section I: whether it has one, and the call (with its index when it asks for it).
// (Plain member templates rather than generic lambdas: clang 14 crashes on the nested-lambda form.)
#define MODSDK_LIFECYCLE_STEP(step, ...)                             \
  template <std::size_t I>                                           \
  static constexpr bool has_##step = requires {                      \
    sec<I>::template step<Tag, I>(__VA_ARGS__);                      \
  }                                                                  \
  || requires { sec<I>::template step<Tag>(__VA_ARGS__); };          \
  template <std::size_t I, class... A>                               \
  static decltype(auto) call_##step(A... a) {                        \
    if constexpr (requires { sec<I>::template step<Tag, I>(a...); }) \
      return sec<I>::template step<Tag, I>(a...);                    \
    else                                                             \
      return sec<I>::template step<Tag>(a...);                       \
  }

template <class Tag>
constexpr auto run_order() {
  using traits = def_traits<def_t<Tag>>;
  constexpr std::size_t n = traits::size;
  const auto kinds = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<section_kind, n>{traits::template section_t<I>::kind...};
  }
  (std::make_index_sequence<n>{});
  std::array<std::size_t, n> o{};
  std::size_t k = 0;
  for (int phase = 0; phase < 3; ++phase)
    for (std::size_t i = 0; i < n; ++i)
      if (phase_of(kinds[i]) == phase) o[k++] = i;
  return o;
}

template <class Tag>
struct lifecycle {
  using traits = def_traits<def_t<Tag>>;
  static constexpr std::size_t n = traits::size;

  template <std::size_t I>
  using sec = typename traits::template section_t<I>;

  /// Section indices in run order: phase (tables, state, hooks), then declaration order.
  static constexpr std::array<std::size_t, n> order = run_order<Tag>();

  MODSDK_LIFECYCLE_STEP(on_load)
  MODSDK_LIFECYCLE_STEP(on_preinit)
  MODSDK_LIFECYCLE_STEP(on_init)
  MODSDK_LIFECYCLE_STEP(on_child_init, 0)
  MODSDK_LIFECYCLE_STEP(on_destroy)
  MODSDK_LIFECYCLE_STEP(on_response, static_cast<abi::sip_msg*>(nullptr))
  MODSDK_LIFECYCLE_STEP(on_reload_ack)

  // ---- one section, one step, inside the firewall (true when it has no such step) ----
  template <std::size_t I>
  static bool load_at() {
    if constexpr (has_on_load<I>)
      return guarded("load", [] { return call_on_load<I>(); });
    else
      return true;
  }
  template <std::size_t I>
  static bool preinit_at() {
    if constexpr (has_on_preinit<I>)
      return guarded("preinit", [] { return call_on_preinit<I>(); });
    else
      return true;
  }
  template <std::size_t I>
  static bool init_at() {
    if constexpr (has_on_init<I>)
      return guarded("mod_init", [] { return call_on_init<I>(); });
    else
      return true;
  }
  template <std::size_t I>
  static bool child_init_at(int rank) {
    if constexpr (has_on_child_init<I>)
      return guarded("child_init", [rank] { return call_on_child_init<I>(rank); });
    else
      return true;
  }
  template <std::size_t I>
  static bool reload_ack_at() {
    if constexpr (has_on_reload_ack<I>)
      return guarded("reload_ack", [] { return call_on_reload_ack<I>(); });
    else
      return true;
  }
  template <std::size_t I>
  static void destroy_at(const char* what) {
    if constexpr (has_on_destroy<I>)
      guarded(what, [] {
        call_on_destroy<I>();
        return true;
      });
  }
  // 1 kept, 0 dropped (the section said false), -1 an exception (logged; the reply is kept)
  template <std::size_t I>
  static int response_at(abi::sip_msg* msg) {
    if constexpr (has_on_response<I>) {
      bool threw = true;
      const bool keep = guarded("response", [msg, &threw] {
        const bool r = call_on_response<I>(msg);
        threw = false;
        return r;
      });
      return keep ? 1 : threw ? -1 : 0;
    } else {
      return 1;
    }
  }

  // ---- every section in run order; a forward pass stops at the first failure ----
  enum class step { load, preinit, init, reload_ack };
  template <step S, std::size_t I>
  static bool one(int) {
    if constexpr (S == step::load)
      return load_at<I>();
    else if constexpr (S == step::preinit)
      return preinit_at<I>();
    else if constexpr (S == step::init)
      return init_at<I>();
    else
      return reload_ack_at<I>();
  }
  /// How many positions of `order` completed successfully (n when all did).
  template <step S, std::size_t... P>
  static std::size_t forward(std::index_sequence<P...>) {
    std::size_t done = 0;
    (void)((one<S, order[P]>(0) ? (++done, true) : false) && ...);
    return done;
  }
  template <step S>
  static bool all() {
    return forward<S>(std::make_index_sequence<n>{}) == n;
  }
  template <std::size_t... P>
  static bool all_child_init(int rank, std::index_sequence<P...>) {
    return (child_init_at<order[P]>(rank) && ...);
  }
  template <std::size_t... P>
  static void unwind(std::size_t done, std::index_sequence<P...>) {
    // newest first: positions done-1 .. 0, only sections that set something up in this mod_init
    ((n - 1 - P < done && has_on_init<order[n - 1 - P]> ? destroy_at<order[n - 1 - P]>("mod_init") : void()), ...);
  }
  template <std::size_t... P>
  static void teardown(std::index_sequence<P...>) {
    (destroy_at<order[n - 1 - P]>("destroy"), ...);
  }
  template <std::size_t... P>
  static int respond(abi::sip_msg* msg, std::index_sequence<P...>) {
    int r = 1;
    (void)(((r = response_at<order[P]>(msg)) == 1) && ...);
    return r == 0 ? 0 : 1;
  }

  static int load() noexcept {
    if (const char* why = mem::allocator_mode_mismatch()) {
      log::write_for(log::level::crit, "load", "refusing to load: {} (stamped for \"{}\" [{}])", why, target.version,
                     target.flags);
      return -1;
    }
    return all<step::load>() ? 0 : -1;
  }
  static int preinit() noexcept { return all<step::preinit>() ? 0 : -1; }

  static int init() noexcept {
    const std::size_t done = forward<step::init>(std::make_index_sequence<n>{});
    if (done == n) return 0;
    // The core calls destroy only after a successful mod_init: undo what this one already set up.
    unwind(done, std::make_index_sequence<n>{});
    return -1;
  }

  static int child_init(int rank) noexcept { return all_child_init(rank, std::make_index_sequence<n>{}) ? 0 : -1; }

  static void destroy() noexcept { teardown(std::make_index_sequence<n>{}); }

  static constexpr bool has_response = []<std::size_t... I>(std::index_sequence<I...>) {
    return (has_on_response<I> || ...);
  }
  (std::make_index_sequence<n>{});

  /// `false` from a section drops the reply; an exception keeps it (dropping traffic is worse than a
  /// missed hook) and is logged. Either stops the remaining sections.
  static int response(abi::sip_msg* msg) noexcept { return respond(msg, std::make_index_sequence<n>{}); }

  static constexpr bool has_reload_ack = []<std::size_t... I>(std::index_sequence<I...>) {
    return (has_on_reload_ack<I> || ...);
  }
  (std::make_index_sequence<n>{});

  static int reload_ack() noexcept { return all<step::reload_ack>() ? 1 : 0; }
};

#undef MODSDK_LIFECYCLE_STEP

}  // namespace detail
MODSDK_END_NAMESPACE
