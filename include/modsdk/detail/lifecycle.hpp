// SPDX-License-Identifier: MIT
// Generation layer: the module's lifecycle callbacks. modsdk owns every callback in module_exports; each
// runs the sections' steps (detail/section.hpp) inside an exception firewall and maps the outcome to the
// core's convention for that callback (shared research, opensips-module-abi.md 1.3):
//   load_f <0 fails the load; preinit_f <0 and init_f != 0 abort startup; init_child_f <0 fails the
//   process; response_f 0 drops the reply; reload_ack_f 0 rejects the new script.
#pragma once
#include <exception>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/section.hpp>
#include <modsdk/log.hpp>

namespace modsdk::inline v0::detail {

/// Runs `step` and converts an escaping exception into a logged failure.
template <class F>
bool firewall(const char* what, F&& step) noexcept {
  try {
    return std::forward<F>(step)();
  } catch (const std::exception& e) {
    log::write_for(log::level::error, what, "{} failed: exception: {}", what, e.what());
  } catch (...) {
    log::write_for(log::level::error, what, "{} failed: unknown exception", what);
  }
  return false;
}

template <class Tag>
struct lifecycle {
  using traits = def_traits<def_t<Tag>>;
  static constexpr std::size_t n = traits::size;

  template <std::size_t I>
  using sec = typename traits::template section_t<I>;

  // Visit sections: table sections first, hooks after (reverse for teardown).
  template <class F>
  static bool each(F&& f) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      bool ok = true;
      ((ok = ok && (sec<I>::kind == section_kind::hook || f.template operator()<I>())), ...);
      ((ok = ok && (sec<I>::kind != section_kind::hook || f.template operator()<I>())), ...);
      return ok;
    }(std::make_index_sequence<n>{});
  }

  static int load() noexcept {
    if (const char* why = mem::allocator_mode_mismatch()) {
      log::write_for(log::level::crit, "load", "refusing to load: {} (stamped for \"{}\" [{}])", why,
                     target.version, target.flags);
      return -1;
    }
    return firewall("load", [] {
             return each([]<std::size_t I>() {
               if constexpr (requires { sec<I>::template on_load<Tag>(); }) return sec<I>::template on_load<Tag>();
               else return true;
             });
           }) ? 0 : -1;
  }
  static int preinit() noexcept {
    return firewall("preinit", [] {
             return each([]<std::size_t I>() {
               if constexpr (requires { sec<I>::template on_preinit<Tag>(); }) return sec<I>::template on_preinit<Tag>();
               else return true;
             });
           }) ? 0 : -1;
  }
  static int init() noexcept {
    return firewall("mod_init", [] {
             return each([]<std::size_t I>() {
               if constexpr (requires { sec<I>::template on_init<Tag>(); }) return sec<I>::template on_init<Tag>();
               else return true;
             });
           }) ? 0 : -1;
  }
  static int child_init(int rank) noexcept {
    return firewall("child_init", [rank] {
             return each([rank]<std::size_t I>() {
               if constexpr (requires { sec<I>::template on_child_init<Tag>(rank); })
                 return sec<I>::template on_child_init<Tag>(rank);
               else return true;
             });
           }) ? 0 : -1;
  }
  static void destroy() noexcept {
    // hooks first, then table sections, each group in reverse declaration order
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = []<std::size_t J>(bool hooks) {
        if constexpr (requires { sec<J>::template on_destroy<Tag>(); })
          if ((sec<J>::kind == section_kind::hook) == hooks)
            firewall("destroy", [] { sec<J>::template on_destroy<Tag>(); return true; });
      };
      (void)one;
      ((one.template operator()<n - 1 - I>(true)), ...);
      ((one.template operator()<n - 1 - I>(false)), ...);
    }(std::make_index_sequence<n>{});
  }

  static constexpr bool has_response = []<std::size_t... I>(std::index_sequence<I...>) {
    return (requires { sec<I>::template on_response<Tag>(nullptr); } || ...);
  }(std::make_index_sequence<n>{});
  static int response(abi::sip_msg* msg) noexcept {
    // An exception keeps the reply (dropping traffic is worse than a missed hook); `false` drops it.
    try {
      return each([msg]<std::size_t I>() {
               if constexpr (requires { sec<I>::template on_response<Tag>(msg); }) return sec<I>::template on_response<Tag>(msg);
               else return true;
             }) ? 1 : 0;
    } catch (...) {
      firewall("response", []() -> bool { throw; });
      return 1;
    }
  }

  static constexpr bool has_reload_ack = []<std::size_t... I>(std::index_sequence<I...>) {
    return (requires { sec<I>::template on_reload_ack<Tag>(); } || ...);
  }(std::make_index_sequence<n>{});
  static int reload_ack() noexcept {
    return firewall("reload_ack", [] {
             return each([]<std::size_t I>() {
               if constexpr (requires { sec<I>::template on_reload_ack<Tag>(); }) return sec<I>::template on_reload_ack<Tag>();
               else return true;
             });
           }) ? 1 : 0;
  }
};

}  // namespace modsdk::inline v0::detail
