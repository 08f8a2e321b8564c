#!/usr/bin/env bash
# Nothing is written where it must not be. Every mode of every program runs over a read-only copy of
# the demo exhibit, with a home folder, a working folder and XDG folders of the test's own: headless
# render and replay, stillroom-check, stillroom-bake, and the desktop viewer, the
# kiosk and the previs workspace in windows on a virtual display. Afterwards every file of the
# exhibit must be byte-identical (same names, sizes, contents and permissions, nothing added), the
# working folder empty, and everything written under home must lie in the user's cache and state
# folders (XDG_CACHE_HOME/stillroom, XDG_STATE_HOME/stillroom) or in an output the test asked for.
# Write permission is taken away too, but a test running as root ignores it: the comparison is what
# proves nothing changed.
# Usage: readonly_test.sh BIN_DIR EXHIBIT OUTPUT_DIR   (under xvfb-run for the window modes)
set -euo pipefail
bin=$(cd "$1" && pwd) demo=$2 out=$3
stillroom="$bin/tools/stillroom/stillroom"
rm -rf "$out"; mkdir -p "$out"
out=$(cd "$out" && pwd)
exhibit="$out/exhibit" work="$out/work" home="$out/home" results="$out/results"
mkdir -p "$work" "$home" "$results"
cp -a "$demo" "$exhibit"
fail() { echo "read-only test: $*" >&2; exit 1; }

# Every program sees only the test's own folders.
unset STILLROOM_CACHE_DIR
export HOME="$home" XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state"
export XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share"

fingerprint() {
  (cd "$exhibit" && find . -printf '%y %m %s %p\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
fingerprint >"$out/before.txt"
chmod -R a-w "$exhibit"
trap 'chmod -R u+w "$exhibit" 2>/dev/null || true' EXIT

run() { # NAME COMMAND...: runs in the working folder, keeps its log, fails on a non-zero exit
  local name=$1; shift
  (cd "$work" && "$@") >"$results/$name.log" 2>&1 || { tail -n 20 "$results/$name.log" >&2; fail "$name failed"; }
  echo "read-only test: $name ran"
}

# Headless modes.
run render "$stillroom" render "$exhibit" --out "$results/render.png" --size 320x180 --validation
cat >"$results/replay.txt" <<'EOF'
# stillroom-input/1
1.000 keydown 257
1.100 keyup 257
3.000 down 160 90 0
3.100 move 200 92
3.200 up 200 92 0
4.000 frame room
4.500 keydown 256
4.600 keyup 256
5.500 frame home
6.000 close
EOF
run replay "$stillroom" replay "$exhibit" --script "$results/replay.txt" --out-dir "$results/replay" \
  --size 320x180 --validation
run check "$bin/tools/check/stillroom-check" "$exhibit"
run bake "$bin/tools/bake/stillroom-bake" "$exhibit"

# Window modes, each closing by itself.
if [ -n "${DISPLAY:-}" ]; then
  run desktop "$stillroom" "$exhibit" --validation --exit-after 8
  run kiosk "$stillroom" "$exhibit" --kiosk --windowed --no-system-config --exit-after 8
  run previs "$stillroom" "$exhibit" --previs --validation --exit-after 8
else
  echo "read-only test: no display; window modes skipped"
fi

chmod -R u+w "$exhibit"
fingerprint >"$out/after.txt"
diff -u "$out/before.txt" "$out/after.txt" >"$out/diff.txt" || { head -n 40 "$out/diff.txt" >&2; fail "the exhibit changed"; }
[ -z "$(ls -A "$work")" ] || fail "files were written into the working folder: $(ls -A "$work" | head -n 5)"
# The Vulkan driver's and the validation layer's shader caches live in the user's cache folder too.
stray=$(cd "$home" && find . -type f ! -path './.cache/stillroom/*' ! -path './.local/state/stillroom/*' \
  ! -path './.cache/mesa_shader_cache/*' ! -name 'shader_validation_cache*' | head -n 5)
[ -z "$stray" ] || fail "files were written outside the cache and state folders: $stray"
[ -n "$(ls -A "$home/.cache/stillroom/rooms" 2>/dev/null)" ] || fail "no room cache was written to the user's cache"
echo "read-only test passed: $(grep -c '' "$out/before.txt") entries unchanged; written: $(cd "$home" && find ./.cache/stillroom ./.local/state/stillroom -type f | wc -l) files in the cache and state folders"
