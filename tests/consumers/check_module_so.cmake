# SPDX-License-Identifier: MIT
# Checks a built module: its dynamic symbol table defines `exports` and nothing else, and every symbol
# it leaves for the core to resolve is one modsdk declares in include/modsdk/abi/core.hpp (versioned
# symbols belong to libc/libstdc++/libgcc and are resolved from those libraries).
execute_process(COMMAND nm -D --defined-only "${SO}" OUTPUT_VARIABLE _def RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${SO}")
endif()
string(REGEX MATCHALL "[0-9a-f]+ [A-Za-z] [^\n]+" _rows "${_def}")
set(_names "")
foreach(_r IN LISTS _rows)
  string(REGEX REPLACE "^[0-9a-f]+ [A-Za-z] " "" _n "${_r}")
  list(APPEND _names "${_n}")
endforeach()
if(NOT _names STREQUAL "exports")
  message(FATAL_ERROR "${SO} must define only 'exports', it defines: ${_names}")
endif()
file(READ "${CORE_HEADER}" _hdr)
string(REPLACE ";" "," _hdr "${_hdr}")        # CMake lists split on ';'
string(REPLACE "\n" ";" _lines "${_hdr}")
set(_core "")
foreach(_d IN LISTS _lines)
  if(NOT _d MATCHES "^MODSDK_CORE_(SYMBOL|WEAK) ")
    continue()
  endif()
  string(REGEX REPLACE "[([,].*$" "" _d "${_d}")   # cut at the parameter list, array bound or end
  string(REGEX MATCH "([A-Za-z_0-9]+)$" _m "${_d}")
  list(APPEND _core "${CMAKE_MATCH_1}")
endforeach()
execute_process(COMMAND nm -D --undefined-only "${SO}" OUTPUT_VARIABLE _undef)
if(_undef MATCHES "[wU] __(asan|ubsan|tsan|msan)_")
  # A sanitizer build (the asan-ubsan preset): its runtime interposes libc and libstdc++ (malloc, memcpy,
  # __cxa_throw, ...), so the module refers to them unversioned and they cannot be told from core
  # symbols. The first check (only `exports` defined) still holds; this one needs a normal build.
  message(STATUS "${SO}: defines only 'exports'; sanitizer build: the undefined-symbol check is skipped")
  return()
endif()
string(REGEX MATCHALL "[wUv] [^\n]+" _urows "${_undef}")
foreach(_r IN LISTS _urows)
  string(REGEX REPLACE "^[wUv] " "" _n "${_r}")
  if(_n MATCHES "@" OR _n MATCHES "^_ITM_|^__gmon_start__|^__cxa_finalize")
    continue()
  endif()
  list(FIND _core "${_n}" _i)
  if(_i EQUAL -1)
    message(FATAL_ERROR "${SO} needs '${_n}', which is not a core symbol modsdk declares (abi/core.hpp)")
  endif()
endforeach()
message(STATUS "${SO}: defines only 'exports'; needs only declared core symbols")
