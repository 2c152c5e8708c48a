# SPDX-License-Identifier: MIT
# The strings a stock OpenSIPS core of a given release reports in `opensips -V`, for builds that
# name a release (TARGET 4.0.1) instead of a binary. "Stock" means OpenSIPS's
# default build configuration template, which is what OpenSIPS's own Debian and RPM packages build with.
# Facts: shared research, opensips-module-abi.md section 2.4.

# modsdk_stock_target(<release> <out-version> <out-flags>)
# The table lives inside the function: a project that add_subdirectory()s modsdk calls it from its own
# directory scope, where variables set by this file (included in modsdk's scope) are not visible.
function(modsdk_stock_target release out_version out_flags)
  set(_MODSDK_STOCK_FLAGS_3_4 "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT")
  set(_MODSDK_STOCK_FLAGS_3_5 "${_MODSDK_STOCK_FLAGS_3_4}")
  set(_MODSDK_STOCK_FLAGS_3_6 "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, F_PARALLEL_MALLOC, DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT")
  set(_MODSDK_STOCK_FLAGS_4_0 "${_MODSDK_STOCK_FLAGS_3_6}")
  if(NOT release MATCHES "^(3\\.4|3\\.5|3\\.6|4\\.0)\\.([0-9]+)$")
    message(FATAL_ERROR
      "modsdk: TARGET '${release}' is not a stock OpenSIPS release modsdk knows.\n"
      "  Stock targets: 3.4.x, 3.5.x, 3.6.x, 4.0.x (for example TARGET 4.0.1).\n"
      "  For any other core (master, a custom build), point at its binary instead: OPENSIPS /path/to/opensips")
  endif()
  string(REPLACE "." "_" _series "${CMAKE_MATCH_1}")
  set(_arch "${CMAKE_SYSTEM_PROCESSOR}")
  if(_arch STREQUAL "amd64")
    set(_arch "x86_64")
  endif()
  string(TOLOWER "${CMAKE_SYSTEM_NAME}" _os)
  set(${out_version} "opensips ${release} (${_arch}/${_os})" PARENT_SCOPE)
  set(${out_flags} "${_MODSDK_STOCK_FLAGS_${_series}}" PARENT_SCOPE)
endfunction()
