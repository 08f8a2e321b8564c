#!/bin/sh
# stillroom-gen-room, stillroom-bake and stillroom-bench on a small room: the cache path, the viewer
# path on a first and a later open, and the raw path each print one JSON object whose figures are
# present and consistent (first frame no later than full detail, a coarse first frame, triangles
# drawn within the room's, streaming frames reported).
set -eu
build=${1:?build folder}
work=${2:?work folder}
tools="$build/tools"
rm -rf "$work"
mkdir -p "$work"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

"$tools/gen-room/stillroom-gen-room" --out "$work/room" --triangles 40000 --atlases 2 --atlas-size 512 >/dev/null
"$tools/bake/stillroom-bake" "$work/room/room.obj" --up +Z --out "$work/room.srcache" >/dev/null 2>&1 ||
    fail "stillroom-bake failed"

# The value of the first numeric field named $2 in a JSON text.
field() {
    printf '%s' "$1" | tr -d '\n' | awk -v k="\"$2\": " '{
        i = index($0, k); if (i) { s = substr($0, i + length(k)); sub(/[^-0-9.e].*/, "", s); print s } }'
}

check() {
    name=$1
    json=$2
    for key in triangles first_frame_triangles triangles_drawn device_s load_s first_frame_s full_detail_s \
        frames p50 p95 p99 streaming_frames gpu_memory_mb peak_rss_mb; do
        [ -n "$(field "$json" "$key")" ] || fail "$name: no $key in $json"
    done
    awk -v a="$(field "$json" first_frame_s)" -v b="$(field "$json" full_detail_s)" 'BEGIN { exit !(a > 0 && a <= b) }' ||
        fail "$name: first frame after full detail"
    awk -v d="$(field "$json" triangles_drawn)" -v t="$(field "$json" triangles)" 'BEGIN { exit !(d > 0 && d <= t) }' ||
        fail "$name: triangles drawn out of range"
    awk -v p="$(field "$json" p50)" -v q="$(field "$json" p99)" 'BEGIN { exit !(p > 0 && p <= q) }' ||
        fail "$name: frame-time percentiles out of order"
    echo "$name: ok"
}

cache=$("$tools/bench/stillroom-bench" "$work/room.srcache" --frames 4 --size 320x180 2>/dev/null)
check cache "$cache"
awk -v f="$(field "$cache" first_frame_triangles)" -v t="$(field "$cache" triangles)" 'BEGIN { exit !(f < t) }' ||
    fail "cache: the first frame is not coarse"
awk -v s="$(field "$cache" cache_mb)" -v r="$(field "$cache" cache_read_s)" 'BEGIN { exit !(s > 0 && r >= 0) }' ||
    fail "cache: no cache size or read time"

window=$("$tools/bench/stillroom-bench" "$work/room.srcache" --frames 4 --size 320x180 --samples 1 --encoded 1 2>/dev/null)
check "cache, drawn as a window on a CPU device" "$window"
case "$window" in *'"samples": 1, "encoded": true'*) ;; *) fail "window: not drawn without MSAA in encoded space: $window" ;; esac
case "$cache" in *'"encoded": false'*) ;; *) fail "cache: not drawn in linear light by default: $cache" ;; esac

first=$("$tools/bench/stillroom-bench" "$work/room/room.obj" --up +Z --load viewer --cache-dir "$work/user-cache" \
    --frames 4 --size 320x180 2>/dev/null)
check "viewer, first open" "$first"
[ -n "$(find "$work/user-cache" -name '*.srcache')" ] || fail "viewer: no cache baked into the cache folder"
later=$("$tools/bench/stillroom-bench" "$work/room/room.obj" --up +Z --load viewer --cache-dir "$work/user-cache" \
    --frames 4 --size 320x180 2>/dev/null)
check "viewer, later open" "$later"
awk -v a="$(field "$first" load_s)" -v b="$(field "$later" load_s)" 'BEGIN { exit !(b < a) }' ||
    fail "viewer: a later open is not faster than the first"

raw=$("$tools/bench/stillroom-bench" "$work/room/room.obj" --up +Z --load raw --frames 4 --size 320x180 2>/dev/null)
check raw "$raw"
[ "$(field "$raw" first_frame_triangles)" = "$(field "$raw" triangles)" ] || fail "raw: first frame not whole"

# A damaged cache is refused with a message naming it, and nothing crashes.
head -c 4096 "$work/room.srcache" >"$work/cut.srcache"
if "$tools/bench/stillroom-bench" "$work/cut.srcache" --frames 1 >"$work/cut.out" 2>&1; then
    fail "a truncated cache was accepted"
fi
grep -q "cut.srcache" "$work/cut.out" || fail "the refusal does not name the file: $(cat "$work/cut.out")"
echo "all ok"
