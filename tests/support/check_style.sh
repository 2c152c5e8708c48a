#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The house style, checked (registered with CTest as "style: clang-format" and "style: clang-tidy"):
#   check_style.sh format <source dir>             every C++ file of the tree is as .clang-format lays it out
#                                                  (the C baseline of bench/ is C in OpenSIPS's own style:
#                                                  not ours to format)
#   check_style.sh tidy <source dir> <build dir>   clang-tidy with the checked-in .clang-tidy on every header
#                                                  of include/modsdk (through the translation units that
#                                                  include them all: modsdk.hpp, testing.hpp with its
#                                                  implementation, reference.hpp) and on examples/: 0 findings
# Exit: 0 clean, 1 findings, 77 skipped (the tool is not installed).
set -uo pipefail
mode=$1
src=$(cd "$2" && pwd)

find_tool() {
  for t in "$1" "$1-14" "$1-15" "$1-16"; do command -v "$t" >/dev/null && { echo "$t"; return; }; done
}

case "$mode" in
  format)
    tool=$(find_tool clang-format)
    [ -n "$tool" ] || { echo "skipped: clang-format not installed"; exit 77; }
    cd "$src"
    mapfile -t files < <(git ls-files -- 'include/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'examples/*.cpp' \
                           'examples/*.hpp' 'bench/*.cpp' 'fuzz/*.cpp' 'fuzz/*.hpp' 'docs/snippets/*.cpp' \
                           'cmake/*.cpp' 2>/dev/null || find include tests examples bench fuzz docs/snippets cmake \
                           -name '*.hpp' -o -name '*.cpp')
    echo "$tool on ${#files[@]} files"
    "$tool" --dry-run --Werror "${files[@]}" || { echo "FAIL: run: $tool -i \$(git ls-files '*.hpp' '*.cpp')"; exit 1; }
    echo "ok: every file is formatted"
    ;;
  tidy)
    build=$(cd "$3" && pwd)
    tool=$(find_tool clang-tidy)
    [ -n "$tool" ] || { echo "skipped: clang-tidy not installed"; exit 77; }
    [ -f "$build/compile_commands.json" ] || { echo "FAIL: no $build/compile_commands.json"; exit 1; }
    ha="$build/tests/header_alone/modsdk"
    tus=("$ha/modsdk.hpp.cpp" "$ha/testing.hpp.impl.cpp" "$ha/reference.hpp.cpp")
    mapfile -t -O ${#tus[@]} tus < <(cd "$src" && ls examples/*/*.cpp examples/*/tests/*.cpp | sed "s|^|$src/|")
    echo "$tool on ${#tus[@]} translation units"
    out=$("$tool" -p "$build" --quiet "--config-file=$src/.clang-tidy" "${tus[@]}" 2>&1)
    findings=$(grep -cE ': (warning|error): ' <<<"$out")
    if [ "$findings" != 0 ]; then
      grep -E ': (warning|error): ' <<<"$out" | sort -u
      echo "FAIL: $findings clang-tidy findings"
      exit 1
    fi
    echo "ok: 0 clang-tidy findings"
    ;;
  *) echo "usage: $0 format <src> | tidy <src> <build>" >&2; exit 2 ;;
esac
