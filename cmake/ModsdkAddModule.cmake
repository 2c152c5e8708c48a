# SPDX-License-Identifier: MIT
# modsdk_add_module(<name> SOURCES <src>... [OPENSIPS <binary>] [TARGET <x.y.z>]
#                   [VERSION <string>] [FLAGS <string>] [FMT EMBEDDED|SHARED] [LINK_LIBRARIES <lib>...])
#   Builds <name>.so, loadable by exactly one OpenSIPS core: the one named by OPENSIPS (its
#   `opensips -V` is read at configure time) or the stock release named by TARGET.
#   Without either, the cache variables MODSDK_OPENSIPS / MODSDK_TARGET (or the environment
#   variable OPENSIPS) are used; naming no target at all is a configure error.
#   VERSION / FLAGS: the exact `version:` / `flags:` text of `opensips -V` (without the label), for a
#   core you cannot run at build time. Given together, they name the target on their own; either one
#   given with OPENSIPS or TARGET replaces just that string (e.g. TARGET 4.0.1 FLAGS "<4.0.1's flags
#   without DBG_MALLOC>" for a custom build of 4.0.1). The strings are checked at compile time like any
#   stamped target (an unsupported combination of flags is a compile error naming the flag).
#   FMT: how the module gets {fmt}'s compiled part (its log lines are formatted by {fmt}).
#     EMBEDDED (default, or the MODSDK_FMT cache variable): compiled once per build tree from the {fmt}
#       headers into a PIC, hidden-visibility object library linked into the module; the .so needs only
#       libstdc++ and the core, and shows none of {fmt}'s symbols. Costs ~100 KB of .so.
#     SHARED: the module links libfmt.so.9 (Debian's libfmt9 must be installed where OpenSIPS runs).
#
# modsdk_stamp_target(<cmake-target> [OPENSIPS <binary>] [TARGET <x.y.z>] [VERSION <string>]
#                     [FLAGS <string>] [MODULE_NAME <n>])
#   Stamps an existing target (a unit-test executable that links a module's sources) with the
#   same target definitions modsdk_add_module would use (same meaning of every option).
#
# MODSDK_REALCORE_OPENSIPS (set by the nested build of a real-core test, cmake/ModsdkRealcoreTest.cmake):
#   an opensips binary that wins over every OPENSIPS/TARGET/VERSION/FLAGS above.
include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/modsdk_stock_targets.cmake")

set(MODSDK_OPENSIPS "" CACHE FILEPATH "Default OpenSIPS binary whose `-V` stamps modsdk modules")
set(MODSDK_TARGET   "" CACHE STRING   "Default stock OpenSIPS release for modsdk modules (e.g. 4.0.1)")
set(MODSDK_FMT "EMBEDDED" CACHE STRING "Default {fmt} link mode of modsdk modules: EMBEDDED or SHARED")
set_property(CACHE MODSDK_FMT PROPERTY STRINGS EMBEDDED SHARED)

# The object library of FMT EMBEDDED, made once per build tree.
# (CMAKE_CURRENT_FUNCTION_LIST_DIR: this file's folder, whichever project's directory calls the function)
function(_modsdk_fmt_embedded out)
  if(NOT TARGET modsdk_fmt_embedded)
    add_library(modsdk_fmt_embedded OBJECT "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/modsdk_fmt_embedded.cpp")
    target_compile_features(modsdk_fmt_embedded PRIVATE cxx_std_20)
    target_include_directories(modsdk_fmt_embedded PRIVATE
                               $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
    set_target_properties(modsdk_fmt_embedded PROPERTIES
      POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
    target_compile_options(modsdk_fmt_embedded PRIVATE -ffunction-sections -fdata-sections)
  endif()
  set(${out} modsdk_fmt_embedded PARENT_SCOPE)
endfunction()

# _modsdk_resolve_target(<prefix> <opensips> <release> [<version> <flags>]): sets
# <prefix>_VERSION/_FLAGS/_SCM_TYPE/_SCM_REV. Explicit <version>/<flags> strings replace the resolved ones.
function(_modsdk_resolve_target prefix opensips release)
  set(_explicit_version "")
  set(_explicit_flags "")
  if(MODSDK_REALCORE_OPENSIPS)
    # a real-core test's nested build (cmake/modsdk_realcore.sh): every module for exactly that core
    set(opensips "${MODSDK_REALCORE_OPENSIPS}")
    set(release "")
  elseif(ARGC GREATER 4)
    set(_explicit_version "${ARGV3}")
    set(_explicit_flags "${ARGV4}")
  endif()
  if(NOT opensips AND NOT release AND NOT "${_explicit_version}" STREQUAL "" AND NOT "${_explicit_flags}" STREQUAL "")
    set(${prefix}_VERSION  "${_explicit_version}" PARENT_SCOPE)
    set(${prefix}_FLAGS    "${_explicit_flags}"   PARENT_SCOPE)
    set(${prefix}_SCM_TYPE "git" PARENT_SCOPE)   # replaced by the core's core_scm_ver while the module loads
    set(${prefix}_SCM_REV  ""    PARENT_SCOPE)
    return()
  endif()
  if(NOT opensips AND NOT release)
    if(MODSDK_OPENSIPS)
      set(opensips "${MODSDK_OPENSIPS}")
    elseif(MODSDK_TARGET)
      set(release "${MODSDK_TARGET}")
    elseif(DEFINED ENV{OPENSIPS} AND NOT "$ENV{OPENSIPS}" STREQUAL "")
      set(opensips "$ENV{OPENSIPS}")
    endif()
  endif()
  if(opensips AND release)
    message(FATAL_ERROR "modsdk: name the target core once: either OPENSIPS <binary> or TARGET <release>, not both.")
  endif()
  if(NOT opensips AND NOT release)
    message(FATAL_ERROR
      "modsdk: no OpenSIPS target named. A module loads only into the core it was stamped for. Name it one of two ways:\n"
      "  1. the core binary:    modsdk_add_module(mymod SOURCES mymod.cpp OPENSIPS /usr/sbin/opensips)\n"
      "                         (or -DMODSDK_OPENSIPS=/usr/sbin/opensips, or the OPENSIPS environment variable)\n"
      "  2. a stock release:    modsdk_add_module(mymod SOURCES mymod.cpp TARGET 4.0.1)\n"
      "                         (or -DMODSDK_TARGET=4.0.1; stock = OpenSIPS's own packages, 3.4.x 3.5.x 3.6.x 4.0.x)")
  endif()
  if(opensips)
    if(NOT EXISTS "${opensips}")
      message(FATAL_ERROR "modsdk: OPENSIPS '${opensips}' does not exist.")
    endif()
    execute_process(COMMAND "${opensips}" -V OUTPUT_VARIABLE _out ERROR_VARIABLE _err
                    RESULT_VARIABLE _rc TIMEOUT 20)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "modsdk: '${opensips} -V' failed (${_rc}): ${_err}")
    endif()
    string(REPLACE "\n" ";" _lines "${_out}")
    foreach(_l IN LISTS _lines)
      if(_l MATCHES "^version: (.*)$")
        set(_ver "${CMAKE_MATCH_1}")
      elseif(_l MATCHES "^flags: (.*)$")
        set(_flags "${CMAKE_MATCH_1}")
      elseif(_l MATCHES "^([^ ]+) revision: (.*)$")
        set(_scm_type "${CMAKE_MATCH_1}")
        set(_scm_rev "${CMAKE_MATCH_2}")
      endif()
    endforeach()
    if(NOT _ver OR NOT _flags)
      message(FATAL_ERROR "modsdk: '${opensips} -V' printed no 'version:'/'flags:' line:\n${_out}")
    endif()
  else()
    modsdk_stock_target("${release}" _ver _flags)
    set(_scm_type "git")   # stock packages are built from `make tar` tarballs, which carry .gitrevision
    set(_scm_rev "")       # copied from the core's core_scm_ver while the module loads
  endif()
  if(NOT "${_explicit_version}" STREQUAL "")
    set(_ver "${_explicit_version}")
  endif()
  if(NOT "${_explicit_flags}" STREQUAL "")
    set(_flags "${_explicit_flags}")
  endif()
  set(${prefix}_VERSION  "${_ver}"      PARENT_SCOPE)
  set(${prefix}_FLAGS    "${_flags}"    PARENT_SCOPE)
  set(${prefix}_SCM_TYPE "${_scm_type}" PARENT_SCOPE)
  set(${prefix}_SCM_REV  "${_scm_rev}"  PARENT_SCOPE)
endfunction()

function(modsdk_stamp_target tgt)
  cmake_parse_arguments(ARG "" "OPENSIPS;TARGET;VERSION;FLAGS;MODULE_NAME" "" ${ARGN})
  _modsdk_resolve_target(_t "${ARG_OPENSIPS}" "${ARG_TARGET}" "${ARG_VERSION}" "${ARG_FLAGS}")
  target_compile_definitions(${tgt} PRIVATE
    "MODSDK_TARGET_VERSION=\"${_t_VERSION}\""
    "MODSDK_TARGET_FLAGS=\"${_t_FLAGS}\""
    "MODSDK_TARGET_SCM_TYPE=\"${_t_SCM_TYPE}\""
    "MODSDK_TARGET_SCM_REV=\"${_t_SCM_REV}\"")
  if(ARG_MODULE_NAME)
    target_compile_definitions(${tgt} PRIVATE "MODSDK_MODULE_NAME=\"${ARG_MODULE_NAME}\"")
  endif()
  set_property(TARGET ${tgt} PROPERTY MODSDK_TARGET_VERSION "${_t_VERSION}")
  set_property(TARGET ${tgt} PROPERTY MODSDK_TARGET_FLAGS "${_t_FLAGS}")
  message(STATUS "modsdk: ${tgt} -> ${_t_VERSION} [${_t_FLAGS}]")
endfunction()

function(modsdk_add_module name)
  cmake_parse_arguments(ARG "" "OPENSIPS;TARGET;VERSION;FLAGS;FMT" "SOURCES;LINK_LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "modsdk_add_module(${name}): SOURCES is required")
  endif()
  if(NOT ARG_FMT)
    set(ARG_FMT "${MODSDK_FMT}")
  endif()
  string(TOUPPER "${ARG_FMT}" ARG_FMT)
  add_library(${name} MODULE ${ARG_SOURCES})
  if(ARG_FMT STREQUAL "EMBEDDED")
    _modsdk_fmt_embedded(_fmt_objects)
    target_link_libraries(${name} PRIVATE modsdk::headers ${_fmt_objects} ${ARG_LINK_LIBRARIES})
  elseif(ARG_FMT STREQUAL "SHARED")
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      message(FATAL_ERROR "modsdk_add_module(${name}): FMT SHARED links Debian's libfmt.so.9, which GCC built; "
        "${CMAKE_CXX_COMPILER_ID} mangles {fmt} 9's detail::vformat_to<char> differently, so the module would not "
        "load (undefined symbol). Build it with GCC, or use FMT EMBEDDED (the default).")
    endif()
    target_link_libraries(${name} PRIVATE modsdk::headers fmt::fmt ${ARG_LINK_LIBRARIES})
  else()
    message(FATAL_ERROR "modsdk_add_module(${name}): FMT is EMBEDDED or SHARED, not '${ARG_FMT}'")
  endif()
  set_property(TARGET ${name} PROPERTY MODSDK_FMT "${ARG_FMT}")
  modsdk_stamp_target(${name} OPENSIPS "${ARG_OPENSIPS}" TARGET "${ARG_TARGET}"
                      VERSION "${ARG_VERSION}" FLAGS "${ARG_FLAGS}" MODULE_NAME ${name})
  # Only the C data symbol `exports` leaves the .so: hidden visibility for our code, and a
  # version script for what the standard library's headers would otherwise export.
  set(_vs "${CMAKE_CURRENT_BINARY_DIR}/${name}.modsdk.map")
  file(WRITE "${_vs}" "{ global: exports; local: *; };\n")
  set_target_properties(${name} PROPERTIES
    PREFIX "" SUFFIX ".so"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    LINK_DEPENDS "${_vs}")
  # -Bsymbolic: the module's own references to `exports` (the dlopen-time constructor adopting the core's
  # scm pair) bind to its own object, not to the `exports` of a module loaded earlier with RTLD_GLOBAL
  # (perl, python, lua, aaa_diameter, db_perlvdb do so), which would otherwise interpose.
  target_link_options(${name} PRIVATE "LINKER:--version-script=${_vs}" "LINKER:-Bsymbolic" "LINKER:--gc-sections")
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/ModsdkRealcoreTest.cmake")
