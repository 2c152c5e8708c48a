# SPDX-License-Identifier: MIT
# The floor map of include/modsdk/ (docs/design.md: one folder = one floor) and the checks that read it.
#
# A header includes only headers of its own floor or of floors below it. Paths are relative to
# include/modsdk/; `*` matches within one folder, `**` at any depth. Floor 8 has two wings: each may
# include floors 0-7 and itself, never the other wing. A header no pattern names is an error, so a new
# header is classified here when it is added.
#
# Used two ways:
#   include(floors.cmake)                          the map, for tests/CMakeLists.txt ("header alone" tests)
#   cmake -DROOT=<source dir> -DCHECK=includes|size -P floors.cmake    one check (the "floors:" tests)

#                floor name          headers
set(_modsdk_floor_lines
  "0 | config      | config.hpp"
  "1 | target      | target.hpp target/**"
  "2 | abi         | abi/**"
  "3 | customize   | customize.hpp"
  "4 | detail      | detail/**"
  "5 | runtime     | log.hpp convert.hpp duration.hpp enum_names.hpp result.hpp lock.hpp rw_lock.hpp route.hpp types.hpp
                     variable.hpp message.hpp message/** async_context.hpp memory.hpp pv.hpp pv_format.hpp reply.hpp tm.hpp
                     tm/** db/** cachedb/** dialog.hpp dialog/** cluster.hpp cluster/**"
  "6 | impl        | impl/**"
  "7 | declaration | module.hpp functions.hpp async.hpp params.hpp params_group.hpp mi.hpp stats.hpp hooks.hpp
                     state.hpp deps.hpp procs.hpp db.hpp binds.hpp api.hpp cachedb.hpp timers.hpp events.hpp pvars.hpp avp.hpp ipc.hpp
                     dynamic_stats.hpp context.hpp script_callbacks.hpp script_routes.hpp transformations.hpp status_report.hpp
                     modsdk.hpp"
  "8 | reference   | reference.hpp reference/**"
  "8 | testing     | testing.hpp testing/**")

# Single-definition pieces: headers that define (not just declare) the fake core's symbols, so that exactly
# one file of a program emits them. They are not compiled on their own; the "header alone" check compiles
# them through the header named here with the switch defined.
set(MODSDK_SINGLE_DEFINITION_PIECES testing/impl*.hpp testing/fake/**)
set(MODSDK_SINGLE_DEFINITION_VIA testing.hpp)
set(MODSDK_SINGLE_DEFINITION_SWITCH MODSDK_TESTING_IMPLEMENTATION)

set(MODSDK_MAX_LINES 500)   # "floors: file size": no file under include/modsdk/ is longer

# --- reading the map -------------------------------------------------------------------------------------

# _modsdk_glob_regex(<pattern> <out>): a map pattern as an anchored regex.
function(_modsdk_glob_regex pattern out)
  string(REGEX REPLACE "([.+])" "\\\\\\1" _re "${pattern}")   # paths hold no other regex characters
  string(REPLACE "**" "%%" _re "${_re}")
  string(REPLACE "*" "[^/]*" _re "${_re}")
  string(REPLACE "%%" ".*" _re "${_re}")
  set(${out} "^${_re}$" PARENT_SCOPE)
endfunction()

# Parse the map once: MODSDK_FLOOR_IDS (0..n-1 in map order), _modsdk_floor_<id>_{LEVEL,NAME,REGEXES}.
set(MODSDK_FLOOR_IDS "")
set(_id 0)
foreach(_line IN LISTS _modsdk_floor_lines)
  string(REGEX REPLACE "[ \t\n]+" " " _line "${_line}")
  if(NOT _line MATCHES "^ *([0-9]+) *\\| *([a-z_]+) *\\| *(.*[^ ]) *$")
    message(FATAL_ERROR "floors.cmake: bad floor map line '${_line}' (want: <floor> | <name> | <patterns>)")
  endif()
  set(_modsdk_floor_${_id}_LEVEL "${CMAKE_MATCH_1}")
  set(_modsdk_floor_${_id}_NAME "${CMAKE_MATCH_2}")
  string(REPLACE " " ";" _patterns "${CMAKE_MATCH_3}")
  set(_modsdk_floor_${_id}_REGEXES "")
  foreach(_p IN LISTS _patterns)
    _modsdk_glob_regex("${_p}" _re)
    list(APPEND _modsdk_floor_${_id}_REGEXES "${_re}")
  endforeach()
  list(APPEND MODSDK_FLOOR_IDS ${_id})
  math(EXPR _id "${_id} + 1")
endforeach()

# modsdk_floor_of(<path under include/modsdk/> <out-level> <out-name>): the floor of a header; both outs
# empty if no pattern names it, "CONFLICT" name if two floors claim it.
function(modsdk_floor_of path out_level out_name)
  set(_level "")
  set(_name "")
  foreach(_id IN LISTS MODSDK_FLOOR_IDS)
    foreach(_re IN LISTS _modsdk_floor_${_id}_REGEXES)
      if(path MATCHES "${_re}")
        if(NOT _name STREQUAL "" AND NOT _name STREQUAL _modsdk_floor_${_id}_NAME)
          set(_name "CONFLICT ${_name}/${_modsdk_floor_${_id}_NAME}")
        elseif(_name STREQUAL "")
          set(_level "${_modsdk_floor_${_id}_LEVEL}")
          set(_name "${_modsdk_floor_${_id}_NAME}")
        endif()
      endif()
    endforeach()
  endforeach()
  set(${out_level} "${_level}" PARENT_SCOPE)
  set(${out_name} "${_name}" PARENT_SCOPE)
endfunction()

# modsdk_is_single_definition_piece(<path under include/modsdk/> <out>)
function(modsdk_is_single_definition_piece path out)
  set(${out} FALSE PARENT_SCOPE)
  foreach(_p IN LISTS MODSDK_SINGLE_DEFINITION_PIECES)
    _modsdk_glob_regex("${_p}" _re)
    if(path MATCHES "${_re}")
      set(${out} TRUE PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

# --- the checks (script mode) ----------------------------------------------------------------------------

function(_modsdk_check_includes dir)
  file(GLOB_RECURSE _headers RELATIVE "${dir}" "${dir}/*.hpp")
  list(SORT _headers)
  set(_problems "")
  foreach(_h IN LISTS _headers)
    modsdk_floor_of("${_h}" _hl _hn)
    if(_hn STREQUAL "")
      list(APPEND _problems "unclassified header include/modsdk/${_h}: add it to the floor map (tests/support/floors.cmake)")
      continue()
    elseif(_hn MATCHES "^CONFLICT")
      list(APPEND _problems "include/modsdk/${_h} is claimed by two floors (${_hn}): fix the floor map")
      continue()
    endif()
    # #include lines only: a `///` comment showing an include starts with '/', not '#'
    file(STRINGS "${dir}/${_h}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]*(<modsdk/|\")")
    foreach(_l IN LISTS _lines)
      if(NOT _l MATCHES "[<\"]modsdk/")   # "x.hpp": the check could not place it, nor can a reader
        string(STRIP "${_l}" _l)
        list(APPEND _problems "include/modsdk/${_h} (floor ${_hl} ${_hn}) has '${_l}': write <modsdk/...>")
        continue()
      endif()
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]modsdk/([^>\"]+)[>\"].*$" "\\1" _inc "${_l}")
      modsdk_floor_of("${_inc}" _il _in)
      set(_what "include/modsdk/${_h} (floor ${_hl} ${_hn}) includes modsdk/${_inc}")
      if(_in STREQUAL "" OR _in MATCHES "^CONFLICT")
        list(APPEND _problems "${_what} (not in the floor map)")
      elseif(_il GREATER _hl OR (_il EQUAL _hl AND NOT _in STREQUAL _hn))
        list(APPEND _problems "${_what} (floor ${_il} ${_in})")
      endif()
      if(NOT EXISTS "${dir}/${_inc}")
        list(APPEND _problems "${_what}, which does not exist")
      endif()
    endforeach()
  endforeach()
  list(LENGTH _headers _n)
  if(_problems)
    list(LENGTH _problems _np)
    list(JOIN _problems "\n  " _text)
    message(FATAL_ERROR "${_np} problem(s): every include must point to its own floor or below (floor map: tests/support/floors.cmake):\n  ${_text}")
  endif()
  message(STATUS "floors: ${_n} headers, every include points down")
endfunction()

function(_modsdk_check_size dir)
  file(GLOB_RECURSE _files RELATIVE "${dir}" "${dir}/*")
  list(SORT _files)
  set(_problems "")
  foreach(_f IN LISTS _files)
    file(READ "${dir}/${_f}" _text)
    string(REGEX REPLACE "[^\n]" "" _newlines "${_text}")
    string(LENGTH "${_newlines}" _n)
    if(NOT _text STREQUAL "" AND NOT _text MATCHES "\n$")
      math(EXPR _n "${_n} + 1")   # a last line without its newline
    endif()
    if(_n GREATER MODSDK_MAX_LINES)
      list(APPEND _problems "include/modsdk/${_f}: ${_n} lines")
    endif()
  endforeach()
  if(_problems)
    list(LENGTH _problems _np)
    list(JOIN _problems "\n  " _text)
    message(FATAL_ERROR "${_np} file(s) over ${MODSDK_MAX_LINES} lines (split by concept):\n  ${_text}")
  endif()
  list(LENGTH _files _n)
  message(STATUS "floors: ${_n} files, none over ${MODSDK_MAX_LINES} lines")
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  if(NOT ROOT)
    message(FATAL_ERROR "usage: cmake -DROOT=<modsdk source dir> -DCHECK=includes|size -P floors.cmake")
  endif()
  if(CHECK STREQUAL "includes")
    _modsdk_check_includes("${ROOT}/include/modsdk")
  elseif(CHECK STREQUAL "size")
    _modsdk_check_size("${ROOT}/include/modsdk")
  else()
    message(FATAL_ERROR "floors.cmake: CHECK must be 'includes' or 'size', not '${CHECK}'")
  endif()
endif()
