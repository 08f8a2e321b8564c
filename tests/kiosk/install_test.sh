#!/usr/bin/env bash
# `cmake --install` into a scratch prefix puts the programs, the demo exhibit, the kiosk's systemd
# units (with real paths, checked by systemd-analyze where it exists), the desktop entry and the
# docs where they belong; the installed viewer finds its demo; CPack builds a .deb holding them.
# Usage: install_test.sh BUILD_DIR OUTPUT_DIR
set -euo pipefail
build=$1 out=$2
rm -rf "$out"; mkdir -p "$out"
prefix="$out/prefix"
fail() { echo "install test: $*" >&2; exit 1; }
cmake --install "$build" --prefix "$prefix" >"$out/install.log"
for f in bin/stillroom bin/stillroom-check bin/stillroom-poses libexec/stillroom/stillroom-import share/stillroom/demo/manifest.json \
         lib/systemd/system/stillroom-kiosk.service lib/systemd/user/stillroom-kiosk-x11.service \
         share/applications/stillroom.desktop share/doc/stillroom/kiosk.md share/doc/stillroom/kiosk.json.example; do
  [ -e "$prefix/$f" ] || fail "$f was not installed"
done
! grep -l "@[A-Z_]*@" "$prefix"/lib/systemd/*/*.service "$prefix/share/applications/stillroom.desktop" ||
  fail "unconfigured @VARIABLES@ left in the installed units"
grep -q "^Restart=always" "$prefix/lib/systemd/system/stillroom-kiosk.service" || fail "the unit does not restart"
grep -q "^WatchdogSec=" "$prefix/lib/systemd/system/stillroom-kiosk.service" || fail "the unit has no watchdog"
if command -v systemd-analyze >/dev/null && systemd-analyze --help | grep -q verify; then
  systemd-analyze verify --man=no "$prefix/lib/systemd/user/stillroom-kiosk-x11.service" 2>&1 |
    grep -v "Command .* is not executable\|not found\|Failed to prepare" | grep -i "error" && fail "systemd-analyze found errors"
fi
# The installed viewer renders its bundled demo headless; with an empty cache its rooms are
# imported by the installed importer (never the build tree's).
STILLROOM_CACHE_DIR="$out/cache" "$prefix/bin/stillroom" render "$prefix/share/stillroom/demo" \
  --out "$out/installed.png" --size 320x180 >"$out/render.log" 2>&1 || fail "the installed viewer cannot render its demo"
# The package.
if command -v cpack >/dev/null && command -v dpkg-deb >/dev/null; then
  (cd "$out" && cpack --config "$build/CPackConfig.cmake" -B "$out/package" >"$out/cpack.log" 2>&1) || fail "cpack failed"
  deb=$(ls "$out"/package/*.deb | head -n 1)
  dpkg-deb -c "$deb" >"$out/deb.txt"
  for f in ./usr/bin/stillroom ./usr/libexec/stillroom/stillroom-import ./usr/lib/systemd/system/stillroom-kiosk.service \
           ./usr/share/stillroom/demo/manifest.json; do
    grep -q " $f\$" "$out/deb.txt" || fail "$f is not in $(basename "$deb")"
  done
  dpkg-deb -f "$deb" Depends | grep -q libvulkan1 || fail "the package does not depend on libvulkan1"
fi
echo "install test passed: $(wc -l <"$out/install.log") files installed${deb:+, $(basename "$deb")}"
