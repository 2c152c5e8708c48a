// SPDX-License-Identifier: MIT
// One script-function export (a function, or an overload set) as the core sees it:
// its cmd_param[] flags and fixups, its route mask, and the noexcept trampolines with the core's exact
// signatures. Everything is in the export's type (name, mask, function pointers), so the function
// called by a trampoline is a constant and the call inlines.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/async_context.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/functions/arguments.hpp>
#include <modsdk/impl/functions/signature.hpp>
#include <modsdk/log.hpp>
#include <modsdk/result.hpp>

// noipa keeps GCC from cloning the cold trampoline with fewer arguments (IPA-SRA), which would make the hot
// path shuffle registers before its one test; clang has no such pass and no such attribute.
#if defined(__clang__)
#define MODSDK_DETAIL_COLD_NOIPA [[gnu::cold, gnu::noinline]]
#else
#define MODSDK_DETAIL_COLD_NOIPA [[gnu::cold, gnu::noipa]]
#endif

MODSDK_BEGIN_NAMESPACE
namespace detail::fn {

// ---- return values -------------------------------------------------------------------------------

template <fixed_string F>
[[gnu::cold, gnu::noinline]] void warn_zero_return() noexcept {
  static bool warned = false;  // once per function and process: a bug to fix, not a traffic log
  if (warned) return;
  warned = true;
  log::write_for(log::level::error, F.view(),
                 "{}() returned 0, which would stop the script; returning -1 instead. Return "
                 "modsdk::result::stop() to stop the script (logged once)",
                 F.view());
}

/// The script's code for a value returned by F (see modsdk/result.hpp).
template <fixed_string F, class R>
int to_code(const R& r) noexcept {
  if constexpr (std::is_same_v<R, bool>) {
    return r ? 1 : -1;
  } else if constexpr (std::is_same_v<R, modsdk::result>) {
    if (r.stops()) return 0;
    if (r.value() == 0) [[unlikely]] {
      warn_zero_return<F>();
      return -1;
    }
    return r.value();
  } else {
    static_assert(std::is_same_v<R, int>);
    if (r == 0) [[unlikely]] {
      warn_zero_return<F>();
      return -1;
    }
    return r;
  }
}

// ---- calling one function --------------------------------------------------------------------------

template <fixed_string F, context_kind C>
[[gnu::cold, gnu::noinline]] int wrong_message_kind() noexcept {
  log::write_for(log::level::error, F.view(), "{}() takes a SIP {} but was called on a SIP {}", F.view(),
                 C == context_kind::request ? "request" : "reply", C == context_kind::request ? "reply" : "request");
  return -1;
}

/// Calls Fn with the message, the async context and its script arguments rebuilt from the slots.
template <fixed_string F, auto Fn>
int invoke(abi::sip_msg* msg, void* actx, void* const* s) {
  using I = fn_info<Fn>;
  using R = typename I::R;
  return [&]<std::size_t... J>(std::index_sequence<J...>)->int {
    auto call = [&](auto&... pre) -> int {
      if constexpr (std::is_void_v<R>) {
        Fn(pre..., param<typename I::template script_arg<J>, F, int(J) + 1>::get(msg, s[J])...);
        return 1;
      } else {
        return to_code<F, R>(Fn(pre..., param<typename I::template script_arg<J>, F, int(J) + 1>::get(msg, s[J])...));
      }
    };
    auto with_async = [&](auto&... pre) -> int {
      if constexpr (I::is_async) {
        async_context ac(static_cast<async_context::raw_type*>(actx), F.c_str(), msg);
        return call(pre..., ac);
      } else {
        (void)actx;
        return call(pre...);
      }
    };
    if constexpr (I::ctx == context_kind::none) {
      return with_async();
    } else {
      context_type<I::ctx> m(msg);
      if constexpr (I::ctx == context_kind::request) {
        if (!m.is_request()) [[unlikely]]
          return wrong_message_kind<F, I::ctx>();
      } else if constexpr (I::ctx == context_kind::reply) {
        if (!m.is_reply()) [[unlikely]]
          return wrong_message_kind<F, I::ctx>();
      }
      return with_async(m);
    }
  }
  (std::make_index_sequence<I::arity>{});
}

template <fixed_string F>
[[gnu::cold, gnu::noinline]] int no_overload_takes(std::size_t given, std::size_t empty) noexcept {
  log::write_for(log::level::error, F.view(), "no overload of {}() takes {} arguments with argument {} left empty",
                 F.view(), given, empty);
  return -1;
}

/// What a trampoline logs for an exception that left the function (what: nullptr for a non-std one).
[[gnu::cold, gnu::noinline]] inline void log_exception(std::string_view function, const char* what) noexcept {
  log::write_for(log::level::error, function, "{}() failed: exception: {}", function,
                 what ? what : "unknown exception");
}

// ---- the export -------------------------------------------------------------------------------------

/// One parameter as the core's table will describe it, minus the function pointers.
struct param_layout {
  int flags = 0;
  bool fixup = false;
  bool free_fixup = false;
};

/// One exported script function: the function F, route mask Mask (or deduce_mask), members Fns...
/// (one, or an overload set whose shorter members are prefixes of the longest).
template <fixed_string F, route_mask Mask, auto... Fns>
struct export_def {
  static constexpr bool is_modsdk_export = true;
  static constexpr bool valid = true;
  static constexpr auto fname = F;
  static constexpr const char* name = F.c_str();
  static constexpr std::string_view name_view = F.view();

  using longest = fn_info<nth_value<longest_index<Fns...>(), Fns...>::value>;
  static constexpr bool is_async = longest::is_async;
  static constexpr bool explicit_mask = !(Mask == deduce_mask);
  static constexpr route_mask routes = explicit_mask ? Mask : allowed_routes(longest::ctx);
  static constexpr std::size_t arity = longest::arity;
  /// Arguments the script must give (check_cmd_call_params): mandatory in every member.
  static constexpr std::size_t required = std::min({fn_info<Fns>::mandatory...});

  /// What the core's cmd_param[] will say, without the function pointers (compile-time tests read it).
  static constexpr std::array<param_layout, abi::max_cmd_params + 1> layout = [] {
    std::array<param_layout, abi::max_cmd_params + 1> l{};
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      auto one = [&]<std::size_t Jx>() {
        using P = param<typename longest::template script_arg<Jx>, F, int(Jx) + 1>;
        l[Jx] = {base_flags(P::k) | (Jx >= required ? abi::cmd_param_opt : 0), P::has_fixup, P::has_free_fixup};
      };
      (one.template operator()<J>(), ...);
      (void)one;
    }
    (std::make_index_sequence<arity>{});
    return l;
  }();

  /// The cmd_param[] entries (flags, fixup, free_fixup), terminated by flags 0.
  static constexpr std::array<abi::cmd_param, abi::max_cmd_params + 1> params = [] {
    std::array<abi::cmd_param, abi::max_cmd_params + 1> p{};
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      auto one = [&]<std::size_t Jx>() {
        using P = param<typename longest::template script_arg<Jx>, F, int(Jx) + 1>;
        p[Jx] = abi::cmd_param{layout[Jx].flags, P::fixup(), P::free_fixup()};
      };
      (one.template operator()<J>(), ...);
      (void)one;
    }
    (std::make_index_sequence<arity>{});
    return p;
  }();

  static constexpr bool has_fixup_values = [] {
    return [&]<std::size_t... J>(std::index_sequence<J...>) {
      return (param<typename longest::template script_arg<J>, F, int(J) + 1>::made_by_fixup || ... || false);
    }
    (std::make_index_sequence<arity>{});
  }();
  /// Takes ownership of this call's per-call convert<T> values (fixup_values.hpp).
  static void claim_values(void* const* s) noexcept {
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((param<typename longest::template script_arg<J>, F, int(J) + 1>::made_by_fixup ? claim(s[J]) : void()), ...);
    }
    (std::make_index_sequence<arity>{});
    (void)s;
  }

  /// Picks the member by the number of arguments given (the last non-NULL slot) and calls it.
  static int dispatch(abi::sip_msg* msg, void* actx, void* const* s) {
    if constexpr (sizeof...(Fns) == 1) {
      return invoke<F, Fns...>(msg, actx, s);
    } else {
      std::size_t given = 0;
      for (std::size_t i = arity; i > 0; --i)
        if (s[i - 1]) {
          given = i;
          break;
        }
      int rc = 0;
      bool called = false;
      std::size_t empty = 0;
      auto try_one = [&]<auto Fn>() {
        using I = fn_info<Fn>;
        if (called || given < I::mandatory || given > I::arity) return;
        for (std::size_t i = 0; i < I::mandatory; ++i)
          if (!s[i]) {
            empty = i + 1;
            return;
          }
        rc = invoke<F, Fn>(msg, actx, s);
        called = true;
      };
      (try_one.template operator()<Fns>(), ...);
      return called ? rc : no_overload_takes<F>(given, empty);
    }
  }
};

/// What make_export returns after a compile error fired: keeps the rest of the module compiling
/// quietly, so the one static_assert is the only error.
template <fixed_string F>
struct invalid_export {
  static constexpr bool is_modsdk_export = true;
  static constexpr bool valid = false;
  static constexpr auto fname = F;
  static constexpr const char* name = F.c_str();
  static constexpr std::string_view name_view = F.view();
  static constexpr bool is_async = false;
  static constexpr bool explicit_mask = false;
  static constexpr route_mask routes = route::all;
  static constexpr std::size_t arity = 0;
  static constexpr std::size_t required = 0;
  static constexpr std::array<param_layout, abi::max_cmd_params + 1> layout{};
  static constexpr std::array<abi::cmd_param, abi::max_cmd_params + 1> params{};
  static constexpr bool has_fixup_values = false;
  static void claim_values(void* const*) noexcept {}
  static int dispatch(abi::sip_msg*, void*, void* const*) { return -1; }
};

template <class T>
concept function_export = requires {
  { T::is_modsdk_export } -> std::convertible_to<bool>;
};

template <fixed_string F, route_mask Mask, auto... Fns>
constexpr auto make_export() {
  constexpr violation v = check_set<Mask, Fns...>();
  if constexpr (v.ok()) {
    return export_def<F, Mask, Fns...>{};
  } else {
    raise<F, Mask, v, Fns...>();
    return invalid_export<F>{};
  }
}

// ---- trampolines ----------------------------------------------------------------------------------

/// cmd_function: `int (sip_msg*, void* x 8)`. Only the first E::arity slots are looked at: the others
/// hold whatever was on the core's stack.
template <class E>
int cmd_call(abi::sip_msg* msg, void* const* s) noexcept {
  return firewall([&] { return E::dispatch(msg, nullptr, s); },
                  [](const char* what) {
                    log_exception(E::name_view, what);
                    return MODSDK_EXCEPTION_RESULT;
                  });
}

/// The trampoline when per-call values are pending (fixup_values.hpp): claims this call's, frees the rest.
template <class E>
MODSDK_DETAIL_COLD_NOIPA int cmd_trampoline_settling(abi::sip_msg* msg, void* p0, void* p1, void* p2, void* p3,
                                                     void* p4, void* p5, void* p6, void* p7) noexcept {
  void* const s[abi::max_cmd_params] = {p0, p1, p2, p3, p4, p5, p6, p7};
  E::claim_values(s);
  reclaim_all();
  return cmd_call<E>(msg, s);
}

/// Nothing is pending in the steady state: startup values never are, and a call's own per-call values
/// make the list non-empty until it runs. So one test of the list head is the whole cost on the hot path.
template <class E>
int cmd_trampoline(abi::sip_msg* msg, void* p0, void* p1, void* p2, void* p3, void* p4, void* p5, void* p6,
                   void* p7) noexcept {
  if constexpr (E::has_fixup_values) {
    if (pending_values) [[unlikely]]
      return cmd_trampoline_settling<E>(msg, p0, E::arity > 1 ? p1 : nullptr, E::arity > 2 ? p2 : nullptr,
                                        E::arity > 3 ? p3 : nullptr, E::arity > 4 ? p4 : nullptr,
                                        E::arity > 5 ? p5 : nullptr, E::arity > 6 ? p6 : nullptr,
                                        E::arity > 7 ? p7 : nullptr);  // only the first arity slots are read
  }
  void* const s[abi::max_cmd_params] = {p0, p1, p2, p3, p4, p5, p6, p7};
  return cmd_call<E>(msg, s);
}

[[gnu::cold, gnu::noinline]] inline int fd_without_resume(std::string_view function) noexcept {
  log::write_for(log::level::error, function,
                 "{}() asked to wait for an fd without setting a resume callback (async_context::on_resume); "
                 "running the resume route now",
                 function);
  abi::async_status = abi::async_no_io;
  return -1;
}

/// acmd_function: `int (sip_msg*, async_ctx*, void* x 8)`. async_status starts as ASYNC_NO_IO (tm
/// presets it too), so a function that starts nothing has the resume route run at once.
template <class E>
int acmd_trampoline(abi::sip_msg* msg, void* ctx, void* p0, void* p1, void* p2, void* p3, void* p4, void* p5, void* p6,
                    void* p7) noexcept {
  void* const s[abi::max_cmd_params] = {p0, p1, p2, p3, p4, p5, p6, p7};
  E::claim_values(s);
  if (pending_values) [[unlikely]]
    reclaim_all();
  abi::async_status = abi::async_no_io;
  sync_code_set = false;
  return firewall(
      [&] {
        const int rc = E::dispatch(msg, ctx, s);
        if (abi::async_status >= 0 && static_cast<async_context::raw_type*>(ctx)->resume_f == nullptr) [[unlikely]]
          return fd_without_resume(E::name_view);
        if (sync_code_set && abi::async_status == abi::async_sync) [[unlikely]] {
          sync_code_set = false;
          return sync_code;  // completed_sync(code): the resume route's $rc
        }
        return rc;
      },
      [](const char* what) {
        log_exception(E::name_view, what);
        abi::async_status = abi::async_no_io;
        return MODSDK_EXCEPTION_RESULT;
      });
}

// ---- tables -----------------------------------------------------------------------------------------

template <class E, std::size_t... J>
constexpr abi::cmd_export cmd_entry(std::index_sequence<J...>) {
  if constexpr (E::valid)
    return abi::cmd_export{E::name, &cmd_trampoline<E>, {E::params[J]...}, E::routes.bits};
  else
    return abi::cmd_export{E::name, nullptr, {}, 0};
}
template <class E, std::size_t... J>
constexpr abi::acmd_export acmd_entry(std::index_sequence<J...>) {
  if constexpr (E::valid)
    return abi::acmd_export{E::name, &acmd_trampoline<E>, {E::params[J]...}};
  else
    return abi::acmd_export{E::name, nullptr, {}};
}

/// The cmd_export_t table of a functions section: one entry per export, then the NULL-name terminator.
template <class... E>
inline constexpr abi::cmd_export cmd_table[sizeof...(E) + 1] = {
    cmd_entry<E>(std::make_index_sequence<abi::max_cmd_params + 1>{})..., abi::cmd_export{}};

/// The acmd_export_t table of an async_functions section.
template <class... E>
inline constexpr abi::acmd_export acmd_table[sizeof...(E) + 1] = {
    acmd_entry<E>(std::make_index_sequence<abi::max_cmd_params + 1>{})..., abi::acmd_export{}};

}  // namespace detail::fn
MODSDK_END_NAMESPACE

#undef MODSDK_DETAIL_COLD_NOIPA
