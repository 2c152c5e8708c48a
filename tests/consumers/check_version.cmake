# SPDX-License-Identifier: MIT
# The release number is one: the compiler's MODSDK_VERSION_MAJOR/MINOR/PATCH and MODSDK_VERSION (config.hpp)
# equal the CMake project version, and CHANGELOG.md has a "## [<version>]" section.
#   cmake -DCXX=<c++> -DROOT=<repo> -DVERSION=<x.y.z> -DWORK=<dir> -P check_version.cmake
cmake_minimum_required(VERSION 3.20)
if(NOT VERSION MATCHES "^([0-9]+)\\.([0-9]+)\\.([0-9]+)$")
  message(FATAL_ERROR "the CMake project version '${VERSION}' is not <major>.<minor>.<patch>")
endif()
set(_major ${CMAKE_MATCH_1})
set(_minor ${CMAKE_MATCH_2})
set(_patch ${CMAKE_MATCH_3})
file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/version.cpp" "#include <modsdk/config.hpp>
static_assert(MODSDK_VERSION_MAJOR == ${_major}, \"MODSDK_VERSION_MAJOR is not the CMake project's ${_major}\");
static_assert(MODSDK_VERSION_MINOR == ${_minor}, \"MODSDK_VERSION_MINOR is not the CMake project's ${_minor}\");
static_assert(MODSDK_VERSION_PATCH == ${_patch}, \"MODSDK_VERSION_PATCH is not the CMake project's ${_patch}\");
static_assert(MODSDK_VERSION == ${_major} * 10000 + ${_minor} * 100 + ${_patch}, \"MODSDK_VERSION\");
")
execute_process(COMMAND "${CXX}" -std=c++20 -fsyntax-only "-I${ROOT}/include" "${WORK}/version.cpp"
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "config.hpp and the CMake project version ${VERSION} disagree:\n${_out}")
endif()
file(STRINGS "${ROOT}/CHANGELOG.md" _sections REGEX "^## \\[")
string(REPLACE "." "\\." _re "${VERSION}")
list(FILTER _sections INCLUDE REGEX "^## \\[${_re}\\]")
if(NOT _sections)
  message(FATAL_ERROR "CHANGELOG.md has no \"## [${VERSION}]\" section for the project version ${VERSION}")
endif()
message(STATUS "version ${VERSION}: config.hpp agrees; CHANGELOG.md: ${_sections}")
