// SPDX-License-Identifier: MIT
/// @file A callback's state kept in shm for the life of what it watches (a transaction, a dialog): the
/// bindings copy the caller's value in when registering and hand the core release_shm_state<T> to free it.
#pragma once
#include <modsdk/config.hpp>
#include <new>
#include <type_traits>

#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/source_location.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// What can live in shm and be seen by every process: copied bytewise, no pointer, shm's alignment.
template <class T>
inline constexpr bool shm_state = std::is_trivially_copyable_v<T> && alignof(T) <= 8 && !std::is_pointer_v<T>;

/// A copy of `state` in shm, or nullptr when shm is exhausted (the caller logs it).
template <class T>
T* new_shm_state(const T& state) noexcept {
  void* mem = mem::shm_malloc(sizeof(T), source_location::current());
  return mem ? ::new (mem) T(state) : nullptr;
}

/// Frees a new_shm_state<T> copy: the release callback the bindings give the core.
template <class T>
void release_shm_state(void* state) noexcept {
  static_cast<T*>(state)->~T();
  mem::shm_free(state, source_location::current());
}

}  // namespace detail
MODSDK_END_NAMESPACE
