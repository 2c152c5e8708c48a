// SPDX-License-Identifier: MIT
// Per-call fixup values: the pkg blocks that hold convert<T> parameter values made by generated fixups.
//
// Why this is more than pkg_malloc + placement new: the core runs a parameter's fixup per call (for a
// variable or a formatted string) and frees its result with free_fixup after the call - but when a LATER
// argument of the same call fails to evaluate (an unset variable, a bad value), it skips the call AND
// every free_fixup (action.c, get_cmd_fixups failure path), so the values already made for the earlier
// arguments would leak, once per failing call. modsdk therefore links every per-call value into a
// process-local "pending" list until its call claims it, and frees what a failed call left behind:
//   - a fixup for (function F, argument A) frees every pending value except F's arguments before A
//     (those belong to the call being prepared: fixups run in argument order, one call at a time);
//   - the trampoline of a function with convert<T> parameters, when anything is pending, first claims
//     the values in its own slots, then frees every other pending value (an enclosing call, if any,
//     claimed its own before it ran user code); other trampolines never look, so their hot path does
//     not pay for this, and at most one failed call's values wait for the next such call or fixup;
//   - free_fixup frees its value, pending or claimed.
// Values made at startup (literals) are never pending: the core keeps them for ever.
//
// Per call or startup? The fixup cannot be told, but the core's slot says it: at startup the slot lives
// in a pkg-allocated gparam, per call in do_action's `cmdp` array on the stack, two frames above the
// fixup. A slot just above our own frame is the per-call one; heap memory is never there. When in doubt
// (an unusual stack), a value is treated as a startup one: at worst the old leak, never a double free.
#pragma once
#include <cstddef>
#include <cstdint>
#include <modsdk/config.hpp>
#include <new>
#include <utility>

#include <modsdk/detail/memory.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::fn {

/// Placed in front of every convert<T> value made by a fixup (one pkg block holds both).
struct value_header {
  value_header* next;
  value_header* prev;
  const char* function;  // the script function's name (an address unique per function)
  void (*destroy)(void* value) noexcept;
  int argument;
  bool pending;
};
static_assert(sizeof(value_header) % 8 == 0, "the value after the header must stay 8-byte aligned");

/// The process's pending per-call values (each worker has its own copy after fork).
inline constinit value_header* pending_values = nullptr;

inline void* value_of(value_header* h) noexcept { return reinterpret_cast<char*>(h) + sizeof(value_header); }
inline value_header* header_of(void* value) noexcept {
  return reinterpret_cast<value_header*>(static_cast<char*>(value) - sizeof(value_header));
}

inline void unlink(value_header* h) noexcept {
  if (!h->pending) return;
  if (h->prev)
    h->prev->next = h->next;
  else
    pending_values = h->next;
  if (h->next) h->next->prev = h->prev;
  h->next = h->prev = nullptr;
  h->pending = false;
}

inline void free_value(value_header* h) noexcept {
  unlink(h);
  h->destroy(value_of(h));
  mem::pkg_free(h, ::modsdk::detail::source_location::current());
}

/// Whether `slot` is the core's per-call cmdp entry: on the stack, just above this frame.
[[gnu::always_inline]] inline bool per_call_slot(const void* slot) noexcept {
  const auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  const auto at = reinterpret_cast<std::uintptr_t>(slot);
  return at > here && at - here < (std::uintptr_t(1) << 20);
}

/// Frees what failed calls left pending, keeping `function`'s arguments before `argument`.
[[gnu::cold]] inline void reclaim_for_fixup(const char* function, int argument) noexcept {
  for (value_header* h = pending_values; h;) {
    value_header* next = h->next;
    if (!(h->function == function && h->argument < argument)) free_value(h);
    h = next;
  }
}

/// Frees every pending value (called by a trampoline after claiming its own).
[[gnu::cold]] inline void reclaim_all() noexcept {
  while (pending_values) free_value(pending_values);
}

template <class V>
void destroy_value(void* p) noexcept {
  static_cast<V*>(p)->~V();
}

/// A pkg block holding a header and a V moved from `v`; nullptr when pkg memory is exhausted.
/// May throw what V's move constructor throws (the block is then freed).
template <class V>
V* make_value(V&& v, const char* function, int argument, bool per_call) {
  if (per_call && pending_values) reclaim_for_fixup(function, argument);
  void* mem = mem::pkg_malloc(sizeof(value_header) + sizeof(V), ::modsdk::detail::source_location::current());
  if (!mem) return nullptr;
  auto* h = ::new (mem) value_header{nullptr, nullptr, function, &destroy_value<V>, argument, false};
  V* value;
  try {
    value = ::new (value_of(h)) V(std::forward<V>(v));
  } catch (...) {
    mem::pkg_free(mem, ::modsdk::detail::source_location::current());
    throw;
  }
  if (per_call) {
    h->next = pending_values;
    if (pending_values) pending_values->prev = h;
    pending_values = h;
    h->pending = true;
  }
  return value;
}

/// The trampoline's side: this call owns the value in `slot` (freed by its free_fixup after the call).
inline void claim(void* slot) noexcept {
  if (slot) unlink(header_of(slot));
}

}  // namespace detail::fn
MODSDK_END_NAMESPACE
