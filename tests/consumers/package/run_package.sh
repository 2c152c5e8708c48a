#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The modsdk-dev Debian package as a module author meets it:
#   1. cpack -G DEB from a fresh configuration of the source tree (tests, examples off, prefix /usr);
#      the control fields (name, architecture all, version, dependencies) and the files it must hold;
#   2. installed: `dpkg -i` when MODSDK_PACKAGE_TEST_DPKG=1 and root and no modsdk-dev is installed yet (CI's
#      throw-away machine; removed again at exit), otherwise unpacked with `dpkg-deb -x` into the work dir;
#   3. the installed version, three ways: pkg-config --modversion, modsdk-config --version, modsdk_VERSION of
#      find_package(modsdk <version>) (a newer minor is refused), all equal to the project version; and
#      `modsdk-config --target <release>` equal to modsdk_stock_target()'s stamp for a release of each series;
#   4. the installed examples/new_module built with CMake (find_package(modsdk)) and with its Makefile
#      (pkg-config + modsdk-config), each .so checked like every module (only `exports`, {fmt} embedded),
#      and the Makefile's stamp equal to the one modsdk_add_module printed.
# usage: run_package.sh <modsdk source dir> <work dir> <c++ compiler> <cmake> <cpack> <version>
set -euo pipefail
src=$1 work=$2 cxx=$3 cmake=$4 cpack=$5 version=$6
for tool in pkg-config dpkg-deb make; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (Debian: pkgconf, dpkg, make)"; exit 77; }
done
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"

echo "== 1. cpack -G DEB"
"$cmake" -S "$src" -B "$work/build" -DCMAKE_INSTALL_PREFIX=/usr -DMODSDK_BUILD_TESTS=OFF -DMODSDK_BUILD_EXAMPLES=OFF \
  -DCMAKE_CXX_COMPILER="$cxx" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
(cd "$work/build" && "$cpack" -G DEB) >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb="$work/build/modsdk-dev_${version}_all.deb"
[ -f "$deb" ] || fail "cpack made no $deb: $(ls "$work/build")"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = modsdk-dev ] || fail "Package: $(field Package)"
[ "$(field Architecture)" = all ] || fail "Architecture: $(field Architecture)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), project version $version"
depends=$(field Depends)
for dep in "libfmt-dev (>= 9)" "libboost1.81-dev | libboost-dev (>= 1.81)"; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks '$dep': $depends"
done
[[ "$depends" != *sqlite* ]] || fail "Depends names SQLite (only modsdk::testing needs it): $depends"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/include/modsdk/modsdk.hpp ./usr/include/modsdk/config.hpp ./usr/share/cmake/modsdk/modsdkConfig.cmake \
         ./usr/share/cmake/modsdk/modsdkConfigVersion.cmake ./usr/share/cmake/modsdk/ModsdkAddModule.cmake \
         ./usr/share/cmake/modsdk/modsdk_fmt_embedded.cpp ./usr/share/pkgconfig/modsdk.pc ./usr/bin/modsdk-config \
         ./usr/share/modsdk/module.map ./usr/share/doc/modsdk-dev/copyright ./usr/share/doc/modsdk-dev/CHANGELOG.md \
         ./usr/share/doc/modsdk-dev/docs/getting-started.md ./usr/share/doc/modsdk-dev/examples/new_module/Makefile; do
  grep -q " $f\$" <<<"$contents" || fail "the package lacks $f"
done
! grep -Eq ' \./usr/lib/' <<<"$contents" || fail "an architecture-independent package with files in /usr/lib"
echo "$deb: $(field Package) $(field Version) $(field Architecture); Depends: $depends"

echo "== 2. install"
cmake_prefix=()
installed() { dpkg-query -W -f='${Status}' modsdk-dev 2>/dev/null | grep -q "install ok installed"; }
if [ "${MODSDK_PACKAGE_TEST_DPKG:-}" = 1 ] && [ "$(id -u)" = 0 ] && ! installed; then
  trap 'dpkg -P modsdk-dev >/dev/null || true' EXIT
  dpkg -i "$deb"
  prefix=/usr
  pkgconfig=(pkg-config)
  config=/usr/bin/modsdk-config
else
  dpkg-deb -x "$deb" "$work/root"
  prefix="$work/root/usr"
  export PKG_CONFIG_PATH="$prefix/share/pkgconfig"
  pkgconfig=(pkg-config --define-prefix)   # the .pc's prefix is where it was unpacked
  cmake_prefix=("-DCMAKE_PREFIX_PATH=$prefix")
  config="$prefix/bin/modsdk-config"
  echo "unpacked into $work/root (set MODSDK_PACKAGE_TEST_DPKG=1 as root for dpkg -i)"
fi
[ "$("${pkgconfig[@]}" --variable=config modsdk)" = "$config" ] || fail "modsdk.pc's config: $("${pkgconfig[@]}" --variable=config modsdk)"

echo "== 3. the installed version"
[ "$("${pkgconfig[@]}" --modversion modsdk)" = "$version" ] || fail "pkg-config --modversion: $("${pkgconfig[@]}" --modversion modsdk)"
[ "$("$config" --version)" = "$version" ] || fail "modsdk-config --version: $("$config" --version)"
IFS=. read -r major minor _ <<<"$version"
"$cmake" -S "$src/tests/consumers/package_version" -B "$work/version" "${cmake_prefix[@]}" \
  "-DMODSDK_REQUEST=$major.$minor" "-DMODSDK_COMPONENTS=testing" >"$work/version.log" 2>&1 \
  || { cat "$work/version.log"; fail "find_package(modsdk $major.$minor COMPONENTS testing)"; }
grep -q "modsdk_VERSION=$version modsdk_testing_FOUND=TRUE" "$work/version.log" \
  || { cat "$work/version.log"; fail "modsdk_VERSION is not $version"; }
if "$cmake" -S "$src/tests/consumers/package_version" -B "$work/version_newer" "${cmake_prefix[@]}" \
     "-DMODSDK_REQUEST=$major.$((minor + 1))" >"$work/version_newer.log" 2>&1; then
  fail "find_package(modsdk $major.$((minor + 1))) accepted modsdk $version"
fi
grep -q "modsdkConfig.cmake, version: $version" "$work/version_newer.log" \
  || { cat "$work/version_newer.log"; fail "find_package(modsdk $major.$((minor + 1))) did not name the installed version"; }
echo "pkg-config --modversion, modsdk-config --version, modsdk_VERSION: $version; find_package(modsdk $major.$((minor + 1))) refused"

# modsdk-config's stamp (-D flags) -> "<version> [<flags>]", as modsdk_stamp_target prints it
stamp_text() {
  local -a stamp
  eval "stamp=($("$config" --target "$1" --module-name "$2"))"
  declare -gA def=()
  for d in "${stamp[@]}"; do
    d=${d#-D}
    local value=${d#*=}
    value=${value#\"}
    def[${d%%=*}]=${value%\"}
  done
  echo "${def[MODSDK_TARGET_VERSION]} [${def[MODSDK_TARGET_FLAGS]}]"
}
for release in 3.4.18 3.5.9 3.6.8 4.0.1; do
  grep -qxF -- "-- stamp $release: $(stamp_text "$release" x)" "$work/version.log" \
    || { grep "stamp $release" "$work/version.log"; fail "modsdk-config --target $release: $(stamp_text "$release" x)"; }
done
echo "modsdk-config --target <release> gives modsdk_stock_target's stamp for 3.4.18 3.5.9 3.6.8 4.0.1"

example="$prefix/share/doc/modsdk-dev/examples/new_module"
core_header="$prefix/include/modsdk/abi/core.hpp"
check_so() { "$cmake" "-DSO=$1" -DFMT=EMBEDDED "-DCORE_HEADER=$core_header" -P "$src/tests/consumers/check_module_so.cmake"; }

echo "== 4a. examples/new_module with find_package(modsdk)"
"$cmake" -S "$example" -B "$work/cmake" "${cmake_prefix[@]}" -DCMAKE_CXX_COMPILER="$cxx" -DNEW_MODULE_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; fail "configure the example"; }
grep -q "^-- modsdk: new_module -> " "$work/cmake.log" || { cat "$work/cmake.log"; fail "no stamp line"; }
"$cmake" --build "$work/cmake" --target new_module >"$work/cmake_build.log" 2>&1 \
  || { cat "$work/cmake_build.log"; fail "build new_module with CMake"; }
check_so "$work/cmake/new_module.so"

echo "== 4b. examples/new_module with its Makefile"
mkdir -p "$work/make"
make -C "$work/make" -f "$example/Makefile" CXX="$cxx" PKG_CONFIG="${pkgconfig[*]}" >"$work/make.log" 2>&1 \
  || { cat "$work/make.log"; fail "make"; }
check_so "$work/make/new_module.so"
# the Makefile's stamp is modsdk_add_module's: same version and flags strings as the CMake configure printed
expected="-- modsdk: new_module -> $(stamp_text 4.0.1 new_module)"
stamp_text 4.0.1 new_module >/dev/null   # (def: the -D values, in this shell)
grep -qxF -- "$expected" "$work/cmake.log" || { grep "modsdk: new_module" "$work/cmake.log"; fail "Makefile stamp differs: $expected"; }
[ "${def[MODSDK_MODULE_NAME]}" = new_module ] || fail "MODSDK_MODULE_NAME: ${def[MODSDK_MODULE_NAME]}"
grep -qF -- "-DMODSDK_TARGET_VERSION=\"${def[MODSDK_TARGET_VERSION]}\"" "$work/make.log" || fail "make did not pass the stamp"
echo "CMake and Makefile builds of new_module.so: both stamped '${def[MODSDK_TARGET_VERSION]}', both pass check_module_so"
echo "PASS"
