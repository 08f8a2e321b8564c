#!/bin/sh
# Measures a synthetic room three ways with stillroom-bench (the raw mesh, its room cache, and the
# viewer's own path on a first and a later open) and, when installed, F3D on the same mesh: its
# whole process rendering a PNG, and its frame time (f3d-frames.sh). Prints one JSON object per
# measurement; see docs/performance.md.
#
#   [FRAMES=60] [ATLAS_SIZE=2048] [F3D_MOVES=60] tools/bench/room-bench.sh BUILD_DIR WORK_DIR [TRIANGLES] [ATLASES] [RUNS]
set -eu
build=${1:?build folder}
work=${2:?work folder}
triangles=${3:-1000000}
atlases=${4:-4}
runs=${5:-3}
frames=${FRAMES:-60}
atlas_size=${ATLAS_SIZE:-2048}
tools="$build/tools"
room="$work/room-$triangles"
cache="$work/room-$triangles.srcache"
mkdir -p "$work"

[ -f "$room/room.obj" ] || "$tools/gen-room/stillroom-gen-room" --out "$room" --triangles "$triangles" \
    --atlases "$atlases" --atlas-size "$atlas_size" >/dev/null
/usr/bin/time -f '{"bake_s": %e, "bake_peak_rss_kb": %M}' \
    "$tools/bake/stillroom-bake" "$room/room.obj" --up +Z --out "$cache" --force 2>&1 >/dev/null | tail -n 1

i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    "$tools/bench/stillroom-bench" "$room/room.obj" --up +Z --load raw --frames "$frames" 2>/dev/null
    "$tools/bench/stillroom-bench" "$cache" --frames "$frames" --cull 0 --lod-error 0 2>/dev/null
    "$tools/bench/stillroom-bench" "$cache" --frames "$frames" --cull 1 --lod-error 0 2>/dev/null
    "$tools/bench/stillroom-bench" "$cache" --frames "$frames" 2>/dev/null
    # Without multisampling, as F3D draws by default: frame times side by side with F3D's.
    "$tools/bench/stillroom-bench" "$cache" --frames "$frames" --samples 1 2>/dev/null
    # As a window on a CPU device draws: no multisampling, colours in sRGB-encoded space.
    "$tools/bench/stillroom-bench" "$cache" --frames "$frames" --samples 1 --encoded 1 2>/dev/null
    rm -rf "$work/user-cache"
    "$tools/bench/stillroom-bench" "$room/room.obj" --up +Z --load viewer --cache-dir "$work/user-cache" --frames "$frames" 2>/dev/null
    "$tools/bench/stillroom-bench" "$room/room.obj" --up +Z --load viewer --cache-dir "$work/user-cache" --frames "$frames" 2>/dev/null
    rm -rf "$work/user-cache"
    "$tools/bench/stillroom-bench" "$room/room.obj" --up +Z --load viewer --cache-dir "$work/user-cache" --frames "$frames" \
        --samples 1 --encoded 1 2>/dev/null
    # Whole processes, opening the file and writing one 1280x720 image.
    /usr/bin/time -f '{"process": "stillroom render", "wall_s": %e, "peak_rss_kb": %M}' \
        "$tools/stillroom/stillroom" render "$room/room.obj" --up +Z --size 1280x720 --out "$work/stillroom.png" \
        2>&1 >/dev/null | tail -n 1
    /usr/bin/time -f '{"process": "stillroom-bench cache", "wall_s": %e, "peak_rss_kb": %M}' \
        "$tools/bench/stillroom-bench" "$cache" --frames 0 2>&1 >/dev/null | tail -n 1
    if command -v f3d >/dev/null && command -v xvfb-run >/dev/null; then
        xvfb-run -a /usr/bin/time -f '{"process": "f3d", "wall_s": %e, "peak_rss_kb": %M}' \
            f3d --up +Z --resolution 1280,720 --output "$work/f3d.png" "$room/room.obj" 2>&1 | tail -n 1
        "$(dirname "$0")/f3d-frames.sh" "$room/room.obj" "${F3D_MOVES:-60}"
    fi
done
