// SPDX-License-Identifier: MIT
// Where a log line or an allocation comes from. std::source_location would do, but libstdc++ 12's
// implementation needs __builtin_source_location, which clang 14 lacks; the __builtin_FILE/FUNCTION/LINE
// trio works in both compilers, and FUNCTION is the bare name the core's LM_* macros print (__FUNCTION__).
#pragma once
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

struct source_location {
  static constexpr source_location current(const char* file = __builtin_FILE(),
                                           const char* function = __builtin_FUNCTION(),
                                           unsigned line = __builtin_LINE()) noexcept {
    source_location l;
    l.file_ = file;
    l.function_ = function;
    l.line_ = line;
    return l;
  }
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr const char* function_name() const noexcept { return function_; }
  constexpr unsigned line() const noexcept { return line_; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  unsigned line_ = 0;
};

}  // namespace detail
MODSDK_END_NAMESPACE
