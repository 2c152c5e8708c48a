// SPDX-License-Identifier: MIT
// pkg and shm allocation through the core's gen_* function-pointer variables, in the signature the
// stamped compile flags dictate (DBG_MALLOC adds file/function/line). This is the only place that casts
// those pointers, and it decides from the same flags string the core's loader checks, so a module can
// not be built in one mode and loaded in another.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <modsdk/detail/source_location.hpp>

#include <modsdk/abi/core.hpp>
#include <modsdk/detail/core_lock.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::mem {

using dbg_malloc_t = void* (*)(void*, unsigned long, const char*, const char*, unsigned int);
using dbg_realloc_t = void* (*)(void*, void*, unsigned long, const char*, const char*, unsigned int);
using dbg_free_t = void (*)(void*, void*, const char*, const char*, unsigned int);
using malloc_t = void* (*)(void*, unsigned long);
using realloc_t = void* (*)(void*, void*, unsigned long);
using free_t = void (*)(void*, void*);

inline constexpr bool dbg = target.core.dbg_malloc;

inline void* alloc_with(abi::any_fn fn, void* block, std::size_t n,
                        const ::modsdk::detail::source_location& at) noexcept {
  if constexpr (dbg)
    return reinterpret_cast<dbg_malloc_t>(fn)(block, n, at.file_name(), at.function_name(), at.line());
  else
    return reinterpret_cast<malloc_t>(fn)(block, n);
}
inline void* realloc_with(abi::any_fn fn, void* block, void* p, std::size_t n,
                          const ::modsdk::detail::source_location& at) noexcept {
  if constexpr (dbg)
    return reinterpret_cast<dbg_realloc_t>(fn)(block, p, n, at.file_name(), at.function_name(), at.line());
  else
    return reinterpret_cast<realloc_t>(fn)(block, p, n);
}
inline void free_with(abi::any_fn fn, void* block, void* p, const ::modsdk::detail::source_location& at) noexcept {
  if constexpr (dbg)
    reinterpret_cast<dbg_free_t>(fn)(block, p, at.file_name(), at.function_name(), at.line());
  else
    reinterpret_cast<free_t>(fn)(block, p);
}

inline void* pkg_malloc(std::size_t n, const ::modsdk::detail::source_location& at) noexcept {
  return alloc_with(abi::gen_pkg_malloc, abi::mem_block, n, at);
}
inline void* pkg_realloc(void* p, std::size_t n, const ::modsdk::detail::source_location& at) noexcept {
  return realloc_with(abi::gen_pkg_realloc, abi::mem_block, p, n, at);
}
inline void pkg_free(void* p, const ::modsdk::detail::source_location& at) noexcept {
  if (p) free_with(abi::gen_pkg_free, abi::mem_block, p, at);
}

/// The inline shm wrappers' lock rule (mem/shm_mem.h): with HP or F_PARALLEL compiled in, take mem_lock
/// only while shm_use_global_lock is set (read on every call); otherwise always.
struct shm_guard {
  bool locked;
  shm_guard() noexcept : locked(need()) {
    if (locked) core_lock_get(abi::mem_lock);
  }
  ~shm_guard() {
    if (locked) core_lock_release(abi::mem_lock);
  }
  shm_guard(const shm_guard&) = delete;
  shm_guard& operator=(const shm_guard&) = delete;
  static bool need() noexcept {
    if constexpr (target.core.conditional_shm_lock())
      return abi::shm_use_global_lock != 0;
    else
      return true;
  }
};

inline void* shm_malloc(std::size_t n, const ::modsdk::detail::source_location& at) noexcept {
  shm_guard g;
  return alloc_with(abi::gen_shm_malloc, abi::shm_block, n, at);
}
inline void* shm_realloc(void* p, std::size_t n, const ::modsdk::detail::source_location& at) noexcept {
  shm_guard g;
  return realloc_with(abi::gen_shm_realloc, abi::shm_block, p, n, at);
}
inline void shm_free(void* p, const ::modsdk::detail::source_location& at) noexcept {
  if (!p) return;
  shm_guard g;
  free_with(abi::gen_shm_free, abi::shm_block, p, at);
}

/// Load-time check (defence in depth): is the core really in the stamped allocator mode? Returns the
/// reason it is not, or nullptr. Weak references are NULL when the core lacks the symbol.
inline const char* allocator_mode_mismatch() noexcept {
  if (&abi::gen_pkg_malloc == nullptr || &abi::gen_shm_malloc == nullptr)
    return "the core is a single-allocator build (no gen_pkg_malloc), but the module was stamped for a multi-allocator "
           "one";
  const bool core_dbg = abi::fm_malloc_dbg != nullptr;
  if (target.core.f_malloc && core_dbg != dbg)
    return dbg ? "the module was stamped with DBG_MALLOC but the core has no DBG_MALLOC"
               : "the core was built with DBG_MALLOC but the module was stamped without it";
  if (target.core.conditional_shm_lock() && &abi::shm_use_global_lock == nullptr)
    return "the core has no shm_use_global_lock although the stamped flags name HP_MALLOC/F_PARALLEL_MALLOC";
  if (&abi::mem_lock == nullptr) return "the core has no mem_lock";
  return nullptr;
}

}  // namespace detail::mem
MODSDK_END_NAMESPACE
