// SPDX-License-Identifier: MIT
// Exporting a module's own API (modsdk/api.hpp): the exception-safe function pointers handed out, the
// `load_<name>` loader that fills the caller's struct, and the api section, whose non-script row
// ({"load_<name>", loader, no params, flags 0}, as stock modules export load_tm) impl/module/exports.hpp
// appends to the module's cmds table.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// "load_" + the API's name, as a compile-time string.
template <fixed_string Name>
constexpr auto loader_name() noexcept {
  fixed_string<Name.size() + 6> s{"load_"};
  for (std::size_t i = 0; i < Name.size(); ++i) s.text[5 + i] = Name.text[i];
  return s;
}
template <fixed_string Name>
inline constexpr auto loader_name_v = loader_name<Name>();

template <fixed_string Name, auto F, class Sig>
struct api_fn;
/// The function pointer another module receives for F: noexcept; an exception is logged and the caller
/// gets a value-initialised result (0, false, nullptr).
template <fixed_string Name, auto F, class R, class... A>
struct api_fn<Name, F, R(A...)> {
  static R call(A... a) noexcept {
    return firewall([&]() -> R { return F(static_cast<A>(a)...); },
                    [](const char* what) -> R {
                      if (what)
                        log::write_for(log::level::error, "api", "the {} API: a function threw: {}", Name.c_str(),
                                       what);
                      else
                        log::write_for(log::level::error, "api",
                                       "the {} API: a function threw a non-standard exception", Name.c_str());
                      if constexpr (!std::is_void_v<R>) return R{};
                    });
  }
};

template <auto F>
using fn_sig_t = std::remove_pointer_t<std::decay_t<decltype(F)>>;

template <class Api, fixed_string Name, auto... F>
inline constexpr bool api_fills = requires {
  Api{&api_fn<Name, F, fn_sig_t<F>>::call...};
};

template <class Api, fixed_string Name, auto... F>
struct api_section {
  static constexpr section_kind kind = section_kind::api;

  /// load_<name>: fills the caller's struct. Callers call it as int load_<name>(Api*) (as load_tm(struct
  /// tm_binds*)); it has the row's own type so that the table stays a constant, and reads only the first
  /// argument.
  static int load(abi::sip_msg* first, void*, void*, void*, void*, void*, void*, void*, void*) noexcept {
    auto* out = reinterpret_cast<Api*>(first);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    if (!out) return -1;
    *out = Api{&api_fn<Name, F, fn_sig_t<F>>::call...};
    return 1;
  }

  /// The module's row for it: no script use (flags 0), no parameters.
  static constexpr abi::cmd_export row() noexcept { return abi::cmd_export{loader_name_v<Name>.c_str(), &load, {}, 0}; }
};

inline void log_unbound(const char* name) noexcept {
  log::write_for(log::level::error, "api",
                 "the {} API is not bound: list the binding in modsdk::binds(...) of MODSDK_MODULE; it is bound in "
                 "mod_init, so it cannot be used before",
                 name);
}

/// What an api_binding's members point to until mod_init binds it: log, return a value-initialised result.
template <fixed_string Name, class P>
struct api_stub;
template <fixed_string Name, class R, class... A>
struct api_stub<Name, R (*)(A...)> {
  static R call(A...) noexcept {
    log_unbound(Name.c_str());
    if constexpr (!std::is_void_v<R>) return R{};
  }
};
template <fixed_string Name, class R, class... A>
struct api_stub<Name, R (*)(A...) noexcept> : api_stub<Name, R (*)(A...)> {};

template <fixed_string Name, class Api, std::size_t... I>
constexpr Api unbound_api(std::index_sequence<I...>) noexcept {
  return Api{&api_stub<Name, boost::pfr::tuple_element_t<I, Api>>::call...};
}
/// An Api whose every member logs that the API is not bound.
template <fixed_string Name, class Api>
inline constexpr Api unbound_api_v = unbound_api<Name, Api>(std::make_index_sequence<boost::pfr::tuple_size_v<Api>>{});

/// What provides(...) returns after reporting a misuse (so that only its own error shows).
struct api_section_error {
  static constexpr section_kind kind = section_kind::api;
  static constexpr abi::cmd_export row() noexcept { return {}; }
};

}  // namespace detail
MODSDK_END_NAMESPACE
