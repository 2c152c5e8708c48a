// SPDX-License-Identifier: MIT
// Module state (modsdk/state.hpp): the section that constructs shared<T> objects in mod_init and
// per_process<T> objects in child_init, and destroys them in destroy in reverse declaration order.
#pragma once
#include <concepts>
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>
#include <utility>

#include <modsdk/impl/module/section.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

template <class S>
concept state_object = requires(S& s) {
  { S::constructs_in_init } -> std::convertible_to<bool>;
  s.destroy();
};

template <state_object... S>
struct state_section {
  static constexpr section_kind kind = section_kind::state;
  std::tuple<S*...> objs;

  template <class Tag, std::size_t I>
  static constexpr const auto& self() {
    return get_section_at<Tag, I>().objs;
  }

  template <class Tag, std::size_t I>
  static bool on_init() {
    try {
      std::apply([](auto*... s) { (construct_shared(*s), ...); }, self<Tag, I>());
    } catch (...) {
      on_destroy<Tag, I>();  // undo the ones this section already built (destroy skips the others)
      throw;
    }
    return true;
  }
  template <class Tag, std::size_t I>
  static bool on_child_init(int rank) {
    std::apply([rank](auto*... s) { ((construct_private(*s, rank)), ...); }, self<Tag, I>());
    return true;
  }
  template <class Tag, std::size_t I>
  static void on_destroy() {
    // reverse declaration order
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (std::get<sizeof...(S) - 1 - K>(self<Tag, I>())->destroy(), ...);
    }
    (std::index_sequence_for<S...>{});
  }

 private:
  template <class X>
  static void construct_shared(X& s) {
    if constexpr (X::constructs_in_init) s.construct();
  }
  template <class X>
  static void construct_private(X& s, int rank) {
    if constexpr (!X::constructs_in_init) s.construct(rank);
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
