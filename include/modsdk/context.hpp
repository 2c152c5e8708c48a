// SPDX-License-Identifier: MIT
/// @file Per-message context slots: a value the module keeps for the SIP message being processed, from the
/// script callbacks before the script to the ones after it, released by the core when the message is done.
///
///     constinit modsdk::context_slot<int> hops;                  // an int per message, 0 until set
///     constinit modsdk::context_slot<std::string_view> caller;   // text the module keeps alive itself
///     struct call_info { std::string tag; int score; };
///     constinit modsdk::context_slot<call_info> info;            // an object per message, destroyed by the core
///
///     bool note(modsdk::request& req) {
///       hops.put(hops.get() + 1);
///       info.emplace(call_info{"vip", 10});                     // replaces any earlier value of this message
///       if (call_info* i = info.get()) i->score++;
///       return true;
///     }
///     MODSDK_MODULE(new_module, ..., modsdk::context_slots(hops, caller, info));   // registered in mod_init
///
/// The slots live in the core's context of the message being processed (CONTEXT_GLOBAL): every message a
/// worker receives starts with empty slots, and when the core is done with it (after the script and the
/// callbacks after it) the object of a `context_slot<T>` is destroyed (its destructor runs; the memory is
/// pkg). An int slot reads 0 and a text slot empty until set; a `std::string_view` slot holds a view, so
/// its text must outlive the message (text of the message itself does). Slots must be listed in
/// modsdk::context_slots(...): the core takes them in mod_init only. Outside a message (a timer process,
/// mod_init) there is no context: get() reads nothing and put() fails (both logged).
#pragma once
#include <cstddef>
#include <cstring>
#include <modsdk/config.hpp>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/script.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/impl/script.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
template <class T>
constexpr int context_type_of() noexcept {
  if constexpr (std::is_same_v<T, int>)
    return abi::context_int_type;
  else if constexpr (std::is_same_v<T, std::string_view>)
    return abi::context_str_type;
  else
    return abi::context_ptr_type;
}
/// The destroy function the core calls with the object's pointer when the message is done.
template <class T>
void destroy_context_object(void* p) noexcept {
  if (!p) return;
  static_cast<T*>(p)->~T();
  mem::pkg_free(p, ::modsdk::detail::source_location::current());
}
}  // namespace detail

/// A value of type T kept for the message being processed: `int`, `std::string_view` (a view: the text
/// must outlive the message) or an object type, made in pkg memory and destroyed by the core when the
/// message is done.
template <class T>
class context_slot : public detail::context_slot_base {
  static_assert(!std::is_reference_v<T> && !std::is_const_v<T> && !std::is_array_v<T> && !std::is_void_v<T>,
                "modsdk: context_slot<T>: T is int, std::string_view or an object type (not a reference, const, "
                "array or void)");
  static_assert(std::is_same_v<T, int> || std::is_same_v<T, std::string_view> || !std::is_integral_v<T>,
                "modsdk: context_slot<T>: an integer slot is context_slot<int> (the core's int slot)");
  static_assert(std::is_same_v<T, int> || std::is_same_v<T, std::string_view> || std::is_nothrow_destructible_v<T>,
                "modsdk: context_slot<T>: T's destructor must not throw (the core runs it when the message is done)");
  static_assert(alignof(T) <= 8,
                "modsdk: context_slot<T>: T needs more than 8-byte alignment, which pkg memory "
                "does not guarantee");
  static constexpr bool is_object = !std::is_same_v<T, int> && !std::is_same_v<T, std::string_view>;

 public:
  constexpr context_slot() noexcept
      : context_slot_base(detail::context_type_of<T>(), is_object ? &detail::destroy_context_object<T> : nullptr) {}

  /// int slot: the value for this message (0 until put). Text slot: the view (empty until put). Object
  /// slot: the object, or nullptr until emplaced.
  auto get() const noexcept {
    // the core packs the slots (ints, then strs, then pointers) without aligning them: copied, never cast
    void* at = place("context_slot::get");
    if constexpr (std::is_same_v<T, int>) {
      int v = 0;
      if (at) std::memcpy(&v, at, sizeof v);
      return v;
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      abi::str s{};
      if (at) std::memcpy(&s, at, sizeof s);
      return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
    } else {
      T* p = nullptr;
      if (at) std::memcpy(&p, at, sizeof p);  // NOLINT(bugprone-sizeof-expression): the pointer itself
      return p;
    }
  }

  /// Stores the value for this message (int and text slots). False (logged) outside a message.
  bool put(T v) noexcept requires(!is_object) {
    void* at = place("context_slot::put");
    if (!at) return false;
    if constexpr (std::is_same_v<T, int>) {
      std::memcpy(at, &v, sizeof v);
    } else {
      if (v.size() > 0x7fffffffU) return false;
      const abi::str s{const_cast<char*>(v.data()), static_cast<int>(v.size())};  // NOLINT(*-const-cast): read only
      std::memcpy(at, &s, sizeof s);
    }
    return true;
  }

  /// Makes the message's object from `args` (destroying the one it had). nullptr (logged) outside a
  /// message or when pkg memory is exhausted; an exception from T's constructor propagates.
  template <class... A>
  T* emplace(A&&... args) requires(is_object&& std::is_constructible_v<T, A...>) {
    void* at = place("context_slot::emplace");
    if (!at) return nullptr;
    reset();
    void* mem = detail::mem::pkg_malloc(sizeof(T), ::modsdk::detail::source_location::current());
    if (!mem) {
      log::write_for(log::level::error, "context_slot", "emplace: out of pkg memory ({} bytes)", sizeof(T));
      return nullptr;
    }
    T* obj = nullptr;
    try {
      obj = ::new (mem) T(std::forward<A>(args)...);
    } catch (...) {
      detail::mem::pkg_free(mem, ::modsdk::detail::source_location::current());
      throw;
    }
    std::memcpy(at, &obj, sizeof obj);  // NOLINT(bugprone-sizeof-expression): the pointer itself
    return obj;
  }

  /// Destroys the message's object now (the slot is empty after it).
  void reset() noexcept requires(is_object) {
    if (void* at = place(nullptr)) {
      T* p = nullptr;
      std::memcpy(&p, at, sizeof p);  // NOLINT(bugprone-sizeof-expression): the pointer itself
      detail::destroy_context_object<T>(p);
      p = nullptr;
      std::memcpy(at, &p, sizeof p);  // NOLINT(bugprone-sizeof-expression): the pointer itself
    }
  }
};

/// The module's context slots, registered in mod_init: `modsdk::context_slots(slot, ...)`.
template <class... S>
constexpr auto context_slots(S&... s) {
  static_assert((std::is_base_of_v<detail::context_slot_base, S> && ...),
                "modsdk: context_slots(...) takes modsdk::context_slot<T> objects (declared constinit at namespace "
                "scope)");
  static_assert(sizeof...(S) > 0, "modsdk: context_slots() needs at least one modsdk::context_slot");
  return detail::context_slots_section<sizeof...(S)>{{static_cast<detail::context_slot_base*>(&s)...}};
}

MODSDK_END_NAMESPACE
