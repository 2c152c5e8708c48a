# SPDX-License-Identifier: MIT
# Real-core tests: a module's own tests inside a real OpenSIPS, one CMake line each (included by
# ModsdkAddModule.cmake). The core is named by the OPENSIPS environment variable at test time, or at
# configure time (OPENSIPS in the environment, or -DMODSDK_OPENSIPS); without one, each test prints
# "skipped: OPENSIPS not set" and CTest lists it as skipped (exit 77, SKIP_RETURN_CODE).
#
#   OPENSIPS=/usr/sbin/opensips OPENSIPS_MODULES=/usr/lib/x86_64-linux-gnu/opensips/modules ctest -L realcore
#
# modsdk_add_realcore_test(<name> MODULE <module target> CFG <cfg template>
#                          [MODULES <stock module>...] [SCENARIOS <sipp scenario>...]
#                          [TEST <executable target> [TEST_ARGS <arg>...]] [COMMAND <program> <arg>...]
#                          [CMAKE_ARGS <-Dvar=value>...] [PROJECT_DIR <dir>] [TIMEOUT <seconds>] [TCP])
#   Registers the CTest test "realcore: <name>" (name it "<capability>: <what>"). At test time it
#   1. takes the module built for exactly that core: <module target>'s .so when it is stamped with the core's
#      `version:`/`flags:` lines, else a nested build of PROJECT_DIR (default: this project) with that core
#      stamped on every module (always with CMAKE_ARGS, which that nested configure gets);
#   2. writes CFG with its placeholders replaced: @MODSDK_PREAMBLE@ (log settings, a UDP socket, loadmodule
#      of proto_udp, of each MODULES module ("a|b": the first of them found in OPENSIPS_MODULES, a leading
#      "?": loaded when found; the test reads the loaded names in MODSDK_REALCORE_MODULES), of mi_datagram
#      on its own socket, and of the module; with TCP
#      also proto_tcp and a TCP socket on the SIP port's number, for real_core::send(m, sip_transport::tcp)),
#      @MODSDK_MODULE_SO@, @MODSDK_SIP_PORT@, @MODSDK_MI_PORT@, @MODSDK_WORK_DIR@ (free loopback ports);
#   3. starts `opensips -F`, waits until its sockets listen, runs each SCENARIOS file with sipp, then the TEST
#      program (with TEST_ARGS) with the core's addresses in its environment, read by
#      modsdk::testing::real_core::from_env() (<modsdk/testing/real_core.hpp>), then COMMAND (same
#      environment, plus MODSDK_REALCORE_SO: the .so under test);
#   4. stops the core by its pid; on failure keeps the cfg and log (the path is printed) and shows its tail.
#
# modsdk_add_cfg_check(<name> CFG <cfg> [MODULE <module target>] [EXPECT_ERROR <regex>] [SECONDS <n>]
#                      [FORBID_LOG <regex>] [DASH_C refuses|passes])
#   Registers "realcore: cfg check: <name>": your real cfg, really started for SECONDS (default 2) with its
#   sockets moved to loopback and `loadmodule "<module>.so"` pointed at the built module. Unlike
#   `opensips -C`, this runs fixups, mod_init and child_init, so a bad literal, a missing or refused
#   modparam, or a variable a function cannot write fails here; the first error line is reported.
#   With EXPECT_ERROR, passes only when the core refuses the cfg with a line matching <regex>; FORBID_LOG
#   fails it when any line of the core's log matches <regex>. What `opensips -C` says of the same cfg is
#   reported, and with DASH_C asserted (a refused modparam value fails -C too; a bad literal for a
#   function's parameter, or a missing required modparam, only fails a real start).
#   The same check by hand: OPENSIPS=... bash <modsdk cmake dir>/modsdk_realcore.sh check-cfg my.cfg
include_guard(GLOBAL)
# Paths are taken from CMAKE_CURRENT_FUNCTION_LIST_DIR inside the functions, not from variables set here:
# a project that add_subdirectory()s modsdk includes this file in modsdk's directory scope, whose variables
# the project's own CMakeLists never sees.

# _modsdk_realcore_common(<out list> <test dir name> <module target> <project dir>): the runner's arguments
# every test shares (the configure-time core as the default, the work dir, the module's .so and its stamp,
# and how to rebuild it for another core)
function(_modsdk_realcore_common out dir module project)
  get_filename_component(_root "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/.." ABSOLUTE)
  find_program(MODSDK_BASH bash REQUIRED)
  set(_core "${MODSDK_OPENSIPS}")
  if(NOT _core AND DEFINED ENV{OPENSIPS})
    set(_core "$ENV{OPENSIPS}")
  endif()
  set(_args --work "${CMAKE_CURRENT_BINARY_DIR}/modsdk_realcore/${dir}" --cmake "${CMAKE_COMMAND}")
  if(_core)
    list(APPEND _args --default-opensips "${_core}")
  endif()
  if(DEFINED ENV{OPENSIPS_MODULES})
    list(APPEND _args --default-modules "$ENV{OPENSIPS_MODULES}")
  endif()
  if(module)
    list(APPEND _args --module "${module}" --so "$<TARGET_FILE:${module}>"
         --stamp "$<TARGET_PROPERTY:${module},MODSDK_TARGET_VERSION>|$<TARGET_PROPERTY:${module},MODSDK_TARGET_FLAGS>")
    if(NOT project)
      set(project "${PROJECT_SOURCE_DIR}")
    endif()
    # the nested configure: the same build type and compiler; modsdk from the same checkout or package
    list(APPEND _args --project "${project}" --target ${module}
         --cmake-base "-DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}" --cmake-base "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}")
    if(EXISTS "${_root}/include/modsdk/config.hpp")
      list(APPEND _args --cmake-base "-DMODSDK_SOURCE_DIR=${_root}")
    elseif(modsdk_DIR)
      list(APPEND _args --cmake-base "-Dmodsdk_DIR=${modsdk_DIR}")
    endif()
  endif()
  set(${out} ${_args} PARENT_SCOPE)
endfunction()

# _modsdk_realcore_props(<test>): what every real-core test is
function(_modsdk_realcore_props test timeout)
  if(NOT timeout)
    set(timeout 900)
  endif()
  set_tests_properties("${test}" PROPERTIES
    SKIP_RETURN_CODE 77
    TIMEOUT ${timeout}
    RUN_SERIAL ON                   # a running core and maybe a nested build (-j2)
    RESOURCE_LOCK modsdk_realcore
    LABELS realcore)
endfunction()

function(modsdk_add_realcore_test name)
  cmake_parse_arguments(ARG "TCP" "MODULE;CFG;TEST;PROJECT_DIR;TIMEOUT" "MODULES;SCENARIOS;TEST_ARGS;CMAKE_ARGS;COMMAND"
                        ${ARGN})
  if(NOT ARG_MODULE OR NOT ARG_CFG)
    message(FATAL_ERROR "modsdk_add_realcore_test(${name}): MODULE <target> and CFG <template> are required")
  endif()
  get_filename_component(_cfg "${ARG_CFG}" ABSOLUTE)
  string(MAKE_C_IDENTIFIER "${name}" _dir)
  _modsdk_realcore_common(_args "${_dir}" ${ARG_MODULE} "${ARG_PROJECT_DIR}")
  string(JOIN " " _stock ${ARG_MODULES})
  list(APPEND _args --cfg "${_cfg}" --modules "${_stock}")
  if(ARG_TCP)
    list(APPEND _args --tcp yes)
  endif()
  foreach(_a IN LISTS ARG_CMAKE_ARGS)
    list(APPEND _args --cmake-arg "${_a}")
  endforeach()
  foreach(_s IN LISTS ARG_SCENARIOS)
    get_filename_component(_s "${_s}" ABSOLUTE)
    list(APPEND _args --scenario "${_s}")
  endforeach()
  if(ARG_TEST)
    list(APPEND _args --exe "$<TARGET_FILE:${ARG_TEST}>")
    foreach(_a IN LISTS ARG_TEST_ARGS)
      list(APPEND _args --exe-arg "${_a}")
    endforeach()
  endif()
  if(ARG_COMMAND)
    list(POP_FRONT ARG_COMMAND _program)
    list(APPEND _args --cmd "${_program}")
    foreach(_a IN LISTS ARG_COMMAND)
      list(APPEND _args --cmd-arg "${_a}")
    endforeach()
  endif()
  add_test(NAME "realcore: ${name}" COMMAND "${MODSDK_BASH}" "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/modsdk_realcore.sh" test ${_args})
  _modsdk_realcore_props("realcore: ${name}" "${ARG_TIMEOUT}")
endfunction()

function(modsdk_add_cfg_check name)
  cmake_parse_arguments(ARG "" "CFG;MODULE;EXPECT_ERROR;SECONDS;FORBID_LOG;DASH_C" "" ${ARGN})
  if(NOT ARG_CFG)
    message(FATAL_ERROR "modsdk_add_cfg_check(${name}): CFG <cfg> is required")
  endif()
  get_filename_component(_cfg "${ARG_CFG}" ABSOLUTE)
  string(MAKE_C_IDENTIFIER "cfg_${name}" _dir)
  _modsdk_realcore_common(_args "${_dir}" "${ARG_MODULE}" "")
  if(ARG_EXPECT_ERROR)
    list(APPEND _args --expect-error "${ARG_EXPECT_ERROR}")
  endif()
  if(ARG_SECONDS)
    list(APPEND _args --seconds "${ARG_SECONDS}")
  endif()
  if(ARG_FORBID_LOG)
    list(APPEND _args --forbid-log "${ARG_FORBID_LOG}")
  endif()
  if(ARG_DASH_C)
    if(NOT ARG_DASH_C MATCHES "^(refuses|passes)$")
      message(FATAL_ERROR "modsdk_add_cfg_check(${name}): DASH_C is refuses or passes, not '${ARG_DASH_C}'")
    endif()
    list(APPEND _args --dash-c "${ARG_DASH_C}")
  endif()
  add_test(NAME "realcore: cfg check: ${name}"
           COMMAND "${MODSDK_BASH}" "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/modsdk_realcore.sh" check-cfg "${_cfg}" ${_args})
  _modsdk_realcore_props("realcore: cfg check: ${name}" "")
endfunction()
