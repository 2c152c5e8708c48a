// SPDX-License-Identifier: MIT
/// @file The core's two memory pools, for module code:
///   pkg - private to each process (a copy is inherited at fork); fast, no locking.
///   shm - shared by every OpenSIPS process; the place for data all workers see.
///
///     auto* p = modsdk::pkg::malloc(64);              modsdk::pkg::free(p);
///     modsdk::shm_ptr<state> s = modsdk::make_shm<state>(args...);   // freed with shm_free
///     std::vector<int, modsdk::pkg_allocator<int>> v;                 // a container in pkg
///     abi::str copy = modsdk::shm::str_dup("text");  ...  modsdk::shm::str_free(copy);
///
/// The allocator entry points and their signature (with or without DBG_MALLOC's file/function/line) are
/// chosen from the stamped target only, the same flags string the core's loader checks: there is
/// nothing to configure and no way to call them in the wrong mode. Allocations are attributed (in DBG
/// builds) to the line that called malloc/str_dup/make_*.
///
/// Both pools hand out memory aligned to 8 bytes; types that need more are refused at compile time.
/// A pkg pointer must never be handed to another process; shm memory is only reachable by processes
/// forked after it was allocated, or through a pointer stored in shm.
#pragma once
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <modsdk/config.hpp>
#include <modsdk/detail/source_location.hpp>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/memory.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail::mem {
inline constexpr std::size_t pool_alignment = 8;  ///< what every core allocator guarantees (ROUNDTO)

template <class T>
inline constexpr bool pool_alignable = alignof(T) <= pool_alignment;

/// The two pools as types, so the allocator and pointer templates share one implementation.
struct pkg_pool {
  static void* allocate(std::size_t n, const ::modsdk::detail::source_location& at) noexcept {
    return pkg_malloc(n, at);
  }
  static void release(void* p, const ::modsdk::detail::source_location& at) noexcept { pkg_free(p, at); }
};
struct shm_pool {
  static void* allocate(std::size_t n, const ::modsdk::detail::source_location& at) noexcept {
    return shm_malloc(n, at);
  }
  static void release(void* p, const ::modsdk::detail::source_location& at) noexcept { shm_free(p, at); }
};

template <class Pool>
inline abi::str str_dup(std::string_view s, const ::modsdk::detail::source_location& at) noexcept {
  if (s.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() - 1)) return {nullptr, 0};
  auto* p = static_cast<char*>(Pool::allocate(s.size() + 1, at));
  if (!p) return {nullptr, 0};
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return {p, static_cast<int>(s.size())};
}
}  // namespace detail::mem

/// The per-process (private) pool.
namespace pkg {
/// `n` bytes of pkg memory (8-byte aligned), or nullptr when the pool is exhausted.
[[nodiscard]] inline void* malloc(std::size_t n, const ::modsdk::detail::source_location& at =
                                                     ::modsdk::detail::source_location::current()) noexcept {
  return detail::mem::pkg_malloc(n, at);
}
/// Resizes a pkg block (nullptr `p` allocates); nullptr on failure, leaving `p` valid.
[[nodiscard]] inline void* realloc(
    void* p, std::size_t n,
    const ::modsdk::detail::source_location& at = ::modsdk::detail::source_location::current()) noexcept {
  return detail::mem::pkg_realloc(p, n, at);
}
/// Frees a pkg block; nullptr is ignored.
inline void free(void* p,
                 const ::modsdk::detail::source_location& at = ::modsdk::detail::source_location::current()) noexcept {
  detail::mem::pkg_free(p, at);
}
/// A NUL-terminated pkg copy of `s` as the core's `str` (len excludes the NUL); `{nullptr, 0}` on failure.
[[nodiscard]] inline abi::str str_dup(std::string_view s, const ::modsdk::detail::source_location& at =
                                                              ::modsdk::detail::source_location::current()) noexcept {
  return detail::mem::str_dup<detail::mem::pkg_pool>(s, at);
}
/// Frees a str_dup copy and empties `s`.
inline void str_free(
    abi::str& s, const ::modsdk::detail::source_location& at = ::modsdk::detail::source_location::current()) noexcept {
  detail::mem::pkg_free(s.s, at);
  s = {nullptr, 0};
}
}  // namespace pkg

/// The pool shared by all OpenSIPS processes (allocation takes the core's shm lock when the core does).
namespace shm {
/// `n` bytes of shm memory (8-byte aligned), or nullptr when the pool is exhausted.
[[nodiscard]] inline void* malloc(std::size_t n, const ::modsdk::detail::source_location& at =
                                                     ::modsdk::detail::source_location::current()) noexcept {
  return detail::mem::shm_malloc(n, at);
}
/// Resizes an shm block (nullptr `p` allocates); nullptr on failure, leaving `p` valid.
[[nodiscard]] inline void* realloc(
    void* p, std::size_t n,
    const ::modsdk::detail::source_location& at = ::modsdk::detail::source_location::current()) noexcept {
  return detail::mem::shm_realloc(p, n, at);
}
/// Frees an shm block; nullptr is ignored.
inline void free(void* p,
                 const ::modsdk::detail::source_location& at = ::modsdk::detail::source_location::current()) noexcept {
  detail::mem::shm_free(p, at);
}
/// A NUL-terminated shm copy of `s` as the core's `str` (len excludes the NUL); `{nullptr, 0}` on failure.
[[nodiscard]] inline abi::str str_dup(std::string_view s, const ::modsdk::detail::source_location& at =
                                                              ::modsdk::detail::source_location::current()) noexcept {
  return detail::mem::str_dup<detail::mem::shm_pool>(s, at);
}
/// Frees a str_dup copy and empties `s`.
inline void str_free(
    abi::str& s, const ::modsdk::detail::source_location& at = ::modsdk::detail::source_location::current()) noexcept {
  detail::mem::shm_free(s.s, at);
  s = {nullptr, 0};
}
}  // namespace shm

/// The core's `str` as a string_view (empty for a null str).
constexpr std::string_view to_string_view(const abi::str& s) noexcept {
  return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
}

namespace detail::mem {
/// A standard allocator over one pool; throws std::bad_alloc when the pool is exhausted.
template <class T, class Pool>
struct pool_allocator {
  static_assert(pool_alignable<T>,
                "modsdk: pkg_allocator/shm_allocator: the element type needs more than 8-byte alignment, which "
                "the core's pools do not guarantee; use a type with alignof <= 8");
  using value_type = T;
  constexpr pool_allocator() noexcept = default;
  template <class U>
  constexpr pool_allocator(const pool_allocator<U, Pool>&) noexcept {}
  [[nodiscard]] T* allocate(std::size_t n) {
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_array_new_length();
    void* p = Pool::allocate(n * sizeof(T), ::modsdk::detail::source_location::current());
    if (!p) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) noexcept { Pool::release(p, ::modsdk::detail::source_location::current()); }
  template <class U>
  struct rebind {
    using other = pool_allocator<U, Pool>;
  };
  template <class U>
  friend constexpr bool operator==(const pool_allocator&, const pool_allocator<U, Pool>&) noexcept {
    return true;
  }
};

/// Destroys and frees an object made by make_pkg/make_shm.
template <class T, class Pool>
struct pool_delete {
  void operator()(T* p) const noexcept {
    if (!p) return;
    p->~T();
    Pool::release(const_cast<std::remove_cv_t<T>*>(p), ::modsdk::detail::source_location::current());
  }
};

template <class T, class Pool, class... Args>
std::unique_ptr<T, pool_delete<T, Pool>> make_in(const ::modsdk::detail::source_location& at, Args&&... args) {
  static_assert(!std::is_array_v<T>,
                "modsdk: make_pkg/make_shm make one object; for arrays use "
                "std::vector<T, modsdk::pkg_allocator<T>> (or shm_allocator)");
  static_assert(pool_alignable<T>,
                "modsdk: make_pkg/make_shm: the type needs more than 8-byte alignment, which the core's pools "
                "do not guarantee");
  void* raw = Pool::allocate(sizeof(T), at);
  if (!raw) throw std::bad_alloc();
  try {
    return std::unique_ptr<T, pool_delete<T, Pool>>(::new (raw) T(std::forward<Args>(args)...));
  } catch (...) {
    Pool::release(raw, at);
    throw;
  }
}

}  // namespace detail::mem

/// A standard-library allocator over pkg memory (per process), e.g. `std::vector<int, pkg_allocator<int>>`.
template <class T>
using pkg_allocator = detail::mem::pool_allocator<T, detail::mem::pkg_pool>;
/// A standard-library allocator over shm memory. A container is shared between processes only when the
/// container object itself also lives in shm (e.g. a member of a make_shm'ed struct) and every access is
/// made under a modsdk::process_lock (modsdk/lock.hpp).
template <class T>
using shm_allocator = detail::mem::pool_allocator<T, detail::mem::shm_pool>;

/// Owning pointer to an object in pkg memory (destroyed and freed with pkg_free).
template <class T>
using pkg_ptr = std::unique_ptr<T, detail::mem::pool_delete<T, detail::mem::pkg_pool>>;
/// Owning pointer to an object in shm memory (destroyed and freed with shm_free). Call release() to hand
/// the object over to data that outlives the pointer (e.g. a pointer stored in shm).
template <class T>
using shm_ptr = std::unique_ptr<T, detail::mem::pool_delete<T, detail::mem::shm_pool>>;

/// Constructs a T in pkg memory; throws std::bad_alloc when the pool is exhausted.
template <class T, class... Args>
pkg_ptr<T> make_pkg(Args&&... args) {
  return detail::mem::make_in<T, detail::mem::pkg_pool>(::modsdk::detail::source_location::current(),
                                                        std::forward<Args>(args)...);
}
/// Constructs a T in shm memory; throws std::bad_alloc when the pool is exhausted.
template <class T, class... Args>
shm_ptr<T> make_shm(Args&&... args) {
  return detail::mem::make_in<T, detail::mem::shm_pool>(::modsdk::detail::source_location::current(),
                                                        std::forward<Args>(args)...);
}

MODSDK_END_NAMESPACE
