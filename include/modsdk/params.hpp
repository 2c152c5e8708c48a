// SPDX-License-Identifier: MIT
/// @file Typed module parameters (`modparam` lines):
///
///     modsdk::param<std::chrono::milliseconds> timeout{"timeout", 2s};
///     modsdk::param<int> port{"port", 5060, [](int p) { return p > 0 && p < 65536; }};
///     modsdk::param<std::string_view> db_url{"db_url", modsdk::required};
///     modsdk::param_list<std::string_view> peers{"peer"};          // every modparam line adds one
///
///     MODSDK_MODULE(new_module, modsdk::params(timeout, port, db_url, peers), ...);
///
///     modparam("new_module", "timeout", "500ms")     # or 2s, 1m, or a bare number of milliseconds
///
/// Any type with a convert<T> (modsdk/convert.hpp) works: int and other integers, bool, string_view,
/// durations, enums with enum_names, your own types. The script may give a quoted string or a bare
/// number for every parameter (a number given to a string parameter is its decimal text). A value that
/// does not convert, or that the validator rejects, fails the modparam line - and so the start - with
/// one log line naming module, parameter, value and what was expected:
///
///     ERROR:new_module:modparam: modparam new_module.timeout: "abc" is not a duration like 10s, 500ms or 2m
///
/// A validator is a function or captureless lambda taking the value and returning bool (false rejects)
/// or an error message (`const char*`, `std::string_view` or `std::string`; null or empty accepts).
/// Parameters are module-level objects: constant-initialised, trivially destructible, readable from
/// every process (they are set in the main process before the workers fork). Text values are kept in
/// libc memory that lives for the whole process, as the core does with its own string parameters.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <modsdk/config.hpp>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/convert.hpp>
#include <modsdk/detail/param_value.hpp>
#include <modsdk/impl/modparams/parse.hpp>
#include <modsdk/impl/modparams/registry.hpp>
#include <modsdk/impl/modparams/single_param.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// Marks a parameter that must be set by a modparam line: `param<std::string_view> url{"db_url", modsdk::required};`
/// mod_init fails (with one log line) when no line sets it.
struct required_t {
  explicit constexpr required_t() = default;
};
inline constexpr required_t required{};

/// One typed module parameter. `*p` / `p.get()` is its value (the default until a modparam line sets it).
template <class T>
class param : public detail::single_param<T> {
 public:
  using value_type = T;

  /// `name` as written in modparam lines (a string literal); `def` the value when no line sets it.
  template <std::size_t N>
  constexpr param(const char (&name)[N], T def = T{}, detail::validator<T> check = {})
      : detail::single_param<T>(detail::make_param_name(name), check, false), default_(def), value_(def) {}
  /// A parameter the script must set: mod_init fails when no modparam line does.
  template <std::size_t N>
  constexpr param(const char (&name)[N], required_t, detail::validator<T> check = {})
      : detail::single_param<T>(detail::make_param_name(name), check, true), default_{}, value_{} {}

  const T& operator*() const noexcept { return value_; }
  const T* operator->() const noexcept { return &value_; }
  const T& get() const noexcept { return value_; }
  /// Whether a modparam line set it (false: the value is the default).
  bool is_set() const noexcept { return set_; }
  constexpr const T& default_value() const noexcept { return default_; }

  // ---- for the params section (modsdk internals) ----
  template <std::size_t>
  bool assign(const detail::modparam_ref& at, abi::modparam_t type, void* val) noexcept {
    auto v = this->parse(at, type, val);
    if (!v) return false;
    value_ = std::move(v->value);
    std::free(text_);  // the previous line's text (the last line wins)
    text_ = v->text;
    set_ = true;
    return true;
  }
  void reset() noexcept {
    value_ = default_;
    std::free(text_);
    text_ = nullptr;
    set_ = false;
  }
  /// mod_init: the required check, then what the value needs at start (a pv_format is parsed).
  bool finish(std::string_view module) noexcept {
    if (!this->finish_required(module, set_)) return false;
    return detail::param_value_start<T>::start(value_, module, this->name());
  }
  /// destroy (or a failed mod_init): what finish() set up for the value.
  void release() noexcept requires detail::param_value_start<T>::active { detail::param_value_start<T>::stop(value_); }

 private:
  T default_;
  T value_;
  bool set_ = false;
  char* text_ = nullptr;
};

/// A repeatable parameter: every modparam line appends one value, in script order.
///
///     modsdk::param_list<std::string_view> peers{"peer"};
///     for (std::string_view p : peers) ...
template <class T>
class param_list : public detail::single_param<T> {
  static_assert(!detail::param_value_start<T>::active,
                "modsdk: param_list<T>: this T is parsed at start (e.g. modsdk::pv_format); declare one "
                "modsdk::param<T> per value instead");

 public:
  using value_type = T;
  using const_iterator = const T*;

  template <std::size_t N>
  constexpr explicit param_list(const char (&name)[N], detail::validator<T> check = {})
      : detail::single_param<T>(detail::make_param_name(name), check, false) {}
  template <std::size_t N>
  constexpr param_list(const char (&name)[N], required_t, detail::validator<T> check = {})
      : detail::single_param<T>(detail::make_param_name(name), check, true) {}

  const T* begin() const noexcept { return items_; }
  const T* end() const noexcept { return items_ + size_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  /// Whether at least one modparam line set it.
  bool is_set() const noexcept { return size_ != 0; }

  // ---- for the params section (modsdk internals) ----
  template <std::size_t>
  bool assign(const detail::modparam_ref& at, abi::modparam_t type, void* val) noexcept {
    auto v = this->parse(at, type, val);
    if (!v) return false;
    if (size_ == capacity_ && !grow()) {
      std::free(v->text);
      log::write_for(log::level::error, "modparam", "modparam {}.{}: out of memory", at.module, at.param);
      return false;
    }
    std::construct_at(items_ + size_, std::move(v->value));
    texts_[size_] = v->text;
    ++size_;
    return true;
  }
  void reset() noexcept {
    for (std::size_t i = 0; i < size_; ++i) std::free(texts_[i]);
    std::free(items_);  // T is trivially destructible
    std::free(texts_);
    items_ = nullptr;
    texts_ = nullptr;
    size_ = capacity_ = 0;
  }
  bool finish(std::string_view module) const noexcept { return this->finish_required(module, size_ != 0); }

 private:
  bool grow() noexcept {
    const std::size_t cap = capacity_ ? capacity_ * 2 : 4;
    auto* items = static_cast<T*>(std::malloc(cap * sizeof(T)));
    auto* texts = static_cast<char**>(std::realloc(texts_, cap * sizeof(char*)));
    if (!items || !texts) {
      std::free(items);
      if (texts) texts_ = texts;
      return false;
    }
    detail::held_for_process(items);
    detail::held_for_process(texts);
    for (std::size_t i = 0; i < size_; ++i) std::construct_at(items + i, std::move(items_[i]));
    std::free(items_);
    items_ = items;
    texts_ = texts;
    capacity_ = cap;
    return true;
  }

  T* items_ = nullptr;
  char** texts_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// The module's parameters: `modsdk::params(timeout, port, peers, cfg_group)` (each object once).
template <class... P>
constexpr auto params(P&... p) {
  static_assert((detail::modparam_source<P> && ...),
                "modsdk: params(...) takes modsdk::param<T>, modsdk::param_list<T> and modsdk::param_group<S> "
                "objects (module-level variables)");
  static_assert((!std::is_const_v<P> && ...),
                "modsdk: params(...): a parameter object must not be const (modparam lines write to it)");
  return detail::params_section<P...>{{&p...}};
}

MODSDK_END_NAMESPACE
