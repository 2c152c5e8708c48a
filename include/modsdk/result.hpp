// SPDX-License-Identifier: MIT
/// @file modsdk::result: what a script function returns when `bool` is not enough.
///
/// The core reads a script function's return value like this (the same in every version):
///
/// | returned | as a statement `f();`      | as a condition `if (f())` | `$rc`  |
/// |----------|----------------------------|---------------------------|--------|
/// | > 0      | the script continues       | true                      | the value |
/// | < 0      | the script continues       | false                     | the value |
/// | 0        | **the script stops** (like `exit`) | **the script stops** | 0 |
///
/// modsdk maps the return type of your function:
///   - `bool`  -> 1 (true) or -1 (false);
///   - `void`  -> 1;
///   - `int`   -> returned as is, except 0: a plain `return 0;` is far more often a C habit ("success")
///               than a wish to end the script, so modsdk logs an error (once per function and process)
///               and returns -1 instead;
///   - `modsdk::result` -> ok() 1, fail() -1, code(n) n (n != 0), stop() 0. `stop()` is the only
///               way to return 0 and stop the script.
#pragma once
#include <concepts>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE

/// The outcome of a script function. `return true;` / `return false;` also work (ok / fail).
class result {
 public:
  /// Success: `if (f())` is true, `$rc` is 1.
  static constexpr result ok() noexcept { return result(1, false); }
  /// Failure: `if (f())` is false, `$rc` is -1.
  static constexpr result fail() noexcept { return result(-1, false); }
  /// A specific code for `$rc`: positive is true, negative is false. code(0) is refused (logged and
  /// returned as -1); use stop() to end the script.
  static constexpr result code(int n) noexcept { return result(n, false); }
  /// Ends the script (the function returns 0, as `exit` does).
  static constexpr result stop() noexcept { return result(0, true); }

  /// `return true;` / `return false;` (only a real bool: an int does not silently become a result).
  template <std::same_as<bool> B>
  constexpr result(B ok) noexcept : value_(ok ? 1 : -1) {}  // NOLINT: implicit on purpose

  /// The code as given (0 for stop(), and also for the refused code(0)).
  constexpr int value() const noexcept { return value_; }
  constexpr bool stops() const noexcept { return stop_; }
  /// True for a positive code.
  constexpr bool succeeded() const noexcept { return value_ > 0; }

  constexpr bool operator==(const result&) const noexcept = default;

 private:
  constexpr result(int v, bool s) noexcept : value_(v), stop_(s) {}
  int value_ = 1;
  bool stop_ = false;
};

MODSDK_END_NAMESPACE
