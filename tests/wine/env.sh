# Sourced by tests/wine/run.sh, bin/vssadmin and bin/vsscoord: finds (or explains how to install)
# MinGW-w64 and Wine, builds the MinGW tree, and prepares the cached Wine prefix with the harness
# coordinator and rmvssprv.dll registered.
#   RMVSS_MINGW_BUILD  build dir of the cross build (default <repo>/build/mingw, inside the
#                      native build dir so one `rm -rf build` cleans everything)
#   WINEPREFIX         defaults to <build dir>/wine/prefix (created once by wineboot, then reused)
rmvss_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RMVSS_MINGW_BUILD="${RMVSS_MINGW_BUILD:-$rmvss_root/build/mingw}"

rmvss_missing_tools() {
  local missing=()
  command -v x86_64-w64-mingw32-g++-posix >/dev/null || missing+=(g++-mingw-w64-x86-64-posix)
  command -v wine >/dev/null || missing+=(wine wine64)
  command -v cmake >/dev/null || missing+=(cmake)
  echo "${missing[@]}"
}

rmvss_require_tools() {
  local missing; missing="$(rmvss_missing_tools)"
  if [ -n "$missing" ]; then
    echo "rmvss: needs $missing; install with: sudo apt-get install -y $missing" >&2
    return 77
  fi
}

rmvss_build_mingw() {
  if [ ! -f "$RMVSS_MINGW_BUILD/CMakeCache.txt" ]; then
    cmake -S "$rmvss_root" -B "$RMVSS_MINGW_BUILD" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_TOOLCHAIN_FILE="$rmvss_root/cmake/mingw-w64-x86_64.cmake" >/dev/null || return 1
  fi
  cmake --build "$RMVSS_MINGW_BUILD" -j 2 >/dev/null || cmake --build "$RMVSS_MINGW_BUILD" -j 1 || return 1
}

RMVSS_PROVIDER_DLL="$RMVSS_MINGW_BUILD/provider-native/rmvssprv.dll"
RMVSS_ADMIN_DLL="$RMVSS_MINGW_BUILD/tests/coordinator/vsscoord-admin.dll"
RMVSS_VSSCOORD="$RMVSS_MINGW_BUILD/tests/coordinator/vsscoord.exe"

rmvss_wine_prefix() {
  export WINEPREFIX="${WINEPREFIX:-$RMVSS_MINGW_BUILD/wine/prefix}"
  export WINEDEBUG="${WINEDEBUG:--all}" WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "rmvss: creating the Wine prefix $WINEPREFIX (once; later runs reuse it)" >&2
    mkdir -p "$WINEPREFIX"
    wineboot -i >/dev/null 2>&1 || { echo "rmvss: wineboot failed" >&2; return 1; }
    wineserver -w
  fi
}

# First use of a prefix: the coordinator and the provider get registered, as after an install.
# Later calls only make sure the coordinator is there (an unregistered provider stays so).
rmvss_ensure_registered() {
  if [ ! -f "$WINEPREFIX/.rmvss-registered" ]; then
    rmvss_register && touch "$WINEPREFIX/.rmvss-registered"
  elif ! wine reg query 'HKLM\Software\Classes\CLSID\{e579ab5f-1cc4-44b4-bed9-de0991ff0623}' >/dev/null 2>&1; then
    rmvss_register --coordinator-only
  fi
}

# Registers the harness coordinator (CLSID_VSSCoordinator) and, unless told not to, the provider.
rmvss_register() {
  wine regsvr32 /s "$(winepath -w "$RMVSS_ADMIN_DLL")" || return 1
  [ "${1:-}" = "--coordinator-only" ] || wine regsvr32 /s "$(winepath -w "$RMVSS_PROVIDER_DLL")"
}

# A Linux path as Wine's Windows path (Z:\...).
rmvss_winpath() { winepath -w "$1" 2>/dev/null; }
