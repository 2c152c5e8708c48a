// SPDX-License-Identifier: MIT
/// @file Module state that respects OpenSIPS's process model:
///
///     struct counters { std::atomic<long> calls{0}; };
///     modsdk::shared<counters> totals;                        // one object in shm, seen by every process
///     modsdk::per_process<connection> conn{[](modsdk::process_rank) { return connection(*db_url); }};
///
///     MODSDK_MODULE(new_module, ..., modsdk::state(totals, conn));
///
///     totals->calls++;  conn->query(...);
///
/// shared<T>: constructed in shm during mod_init (main process, before fork), so every process sees the
/// same object; destroyed at shutdown. T must not own process-private memory (a std::string or vector
/// would point into one process's heap): use atomics, fixed arrays, shm allocations. Guard it with a
/// lock when more than atomics are involved.
///
/// per_process<T>: constructed in child_init, separately in each process (a connection, a socket, a
/// cache); never touched before fork. It is destroyed in destroy only in a process that constructed it;
/// workers leave through exit() from a signal handler, so its destructor does not run there.
///
/// Both are constant-initialised and trivially destructible globals. Using one where it does not exist
/// (a shared<T> before mod_init, a per_process<T> in a process without child_init) throws
/// std::logic_error. A factory (function or captureless lambda) builds the value; without one T is
/// value-initialised. Construction failing (an exception) fails mod_init / child_init with a log line.
/// State is constructed after the module's parameters are checked and before on_init / on_child_init
/// hooks run, and destroyed after on_destroy hooks.
#pragma once
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <modsdk/config.hpp>
#include <new>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/impl/state.hpp>

MODSDK_BEGIN_NAMESPACE

/// One object of type T in shared memory, visible to every process.
template <class T>
class shared {
  static_assert(!std::is_reference_v<T> && !std::is_array_v<T>, "modsdk: shared<T>: T must be an object type");

 public:
  using value_type = T;
  using factory = T (*)();

  /// T is value-initialised in mod_init.
  constexpr shared() noexcept requires std::default_initializable<T>
  = default;
  /// T is built by `make()` in mod_init (a function or captureless lambda).
  constexpr explicit shared(factory make) noexcept : make_(make) {}

  T& operator*() const { return *get(); }
  T* operator->() const { return get(); }
  /// The object; throws std::logic_error before mod_init or after destroy.
  T* get() const {
    if (!obj_) throw std::logic_error("modsdk::shared<T> used before mod_init constructed it (or after destroy)");
    return obj_;
  }
  /// Whether the object exists (between mod_init and destroy).
  bool ready() const noexcept { return obj_ != nullptr; }

  // ---- for the state section (modsdk internals) ----
  void construct() {
    if (obj_) destroy();
    // The pools align to 8 bytes: over-allocate for stricter types.
    constexpr std::size_t extra = alignof(T) > 8 ? alignof(T) : 0;
    void* raw = detail::mem::shm_malloc(sizeof(T) + extra, detail::source_location::current());
    if (!raw) throw std::bad_alloc();
    void* at = raw;
    if constexpr (extra) {
      const auto misalign = reinterpret_cast<std::uintptr_t>(raw) % alignof(T);
      at = static_cast<unsigned char*>(raw) + (misalign ? alignof(T) - misalign : 0);
    }
    try {
      if constexpr (std::default_initializable<T>)
        obj_ = make_ ? ::new (at) T(make_()) : ::new (at) T();
      else
        obj_ = ::new (at) T(make_());
    } catch (...) {
      detail::mem::shm_free(raw, detail::source_location::current());
      throw;
    }
    raw_ = raw;
  }
  void destroy() noexcept {
    if (!obj_) return;
    std::destroy_at(obj_);
    detail::mem::shm_free(raw_, detail::source_location::current());
    obj_ = nullptr;
    raw_ = nullptr;
  }
  static constexpr bool constructs_in_init = true;

 private:
  factory make_ = nullptr;
  T* obj_ = nullptr;
  void* raw_ = nullptr;
};

/// One object of type T per process, constructed in that process's child_init.
template <class T>
class per_process {
  static_assert(!std::is_reference_v<T> && !std::is_array_v<T>, "modsdk: per_process<T>: T must be an object type");

 public:
  using value_type = T;
  using factory = T (*)(process_rank);

  /// T is value-initialised in each child_init.
  constexpr per_process() noexcept requires std::default_initializable<T>
  = default;
  /// T is built by `make(rank)` in each child_init (a function or captureless lambda).
  constexpr explicit per_process(factory make) noexcept : make_(make) {}
  /// T is built by `make()` in each child_init.
  template <class F>
  requires(std::is_convertible_v<F, T (*)()> &&
           !std::is_convertible_v<F, factory>) constexpr explicit per_process(F make) noexcept
      : make0_(make) {}

  T& operator*() { return *get(); }
  const T& operator*() const { return *get(); }
  T* operator->() { return get(); }
  const T* operator->() const { return get(); }
  /// The object; throws std::logic_error in a process whose child_init did not construct it.
  T* get() {
    if (!live_) throw std::logic_error("modsdk::per_process<T> used in a process without child_init (before fork?)");
    return std::launder(reinterpret_cast<T*>(storage_));
  }
  const T* get() const { return const_cast<per_process*>(this)->get(); }
  /// Whether this process has the object.
  bool ready() const noexcept { return live_; }

  // ---- for the state section (modsdk internals) ----
  void construct(int rank) {
    if (live_) destroy();
    if (make_)
      ::new (static_cast<void*>(storage_)) T(make_(process_rank(rank)));
    else if (make0_)
      ::new (static_cast<void*>(storage_)) T(make0_());
    else if constexpr (std::default_initializable<T>)
      ::new (static_cast<void*>(storage_)) T();
    live_ = true;
  }
  void destroy() noexcept {
    if (!live_) return;
    live_ = false;
    std::destroy_at(std::launder(reinterpret_cast<T*>(storage_)));
  }
  static constexpr bool constructs_in_init = false;

 private:
  alignas(T) unsigned char storage_[sizeof(T)]{};
  bool live_ = false;
  factory make_ = nullptr;
  T (*make0_)() = nullptr;
};

/// Registers module state objects (shared<T>, per_process<T>) with the module's lifecycle.
template <class... S>
constexpr auto state(S&... s) {
  static_assert(
      (detail::state_object<S> && ...),
      "modsdk: state(...) takes modsdk::shared<T> and modsdk::per_process<T> objects (module-level variables)");
  return detail::state_section<S...>{{&s...}};
}

MODSDK_END_NAMESPACE
