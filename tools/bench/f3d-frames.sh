#!/bin/sh
# F3D's time per frame on a mesh, for comparing frame times side by side (F3D reports none itself).
# Plays a camera drag of N mouse moves in F3D under Xvfb (--interaction-test-play): F3D draws a frame
# for each. F3D stays open afterwards, so the end is read from its CPU use: the last moment its CPU
# time advanced before a quiet spell. The same with no moves gives the time to the first frame; the
# difference over N is one frame. Prints one JSON object.
#
#   tools/bench/f3d-frames.sh MESH [MOVES] [UP]
set -eu
mesh=${1:?mesh file}
moves=${2:-30}
up=${3:-+Z}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes an interaction log: press, MOVES moves of 8 pixels, release.
write_log() {
    {
        echo "# StreamVersion 1.1"
        echo "ExposeEvent 0 0 0 0 0 0"
        echo "LeftButtonPressEvent 640 360 0 0 0 0"
        i=1
        while [ "$i" -le "$1" ]; do
            echo "MouseMoveEvent $((640 + i * 8)) 360 0 0 0 0"
            i=$((i + 1))
        done
        echo "LeftButtonReleaseEvent $((640 + $1 * 8)) 360 0 0 0 0"
    } >"$2"
}

now_ms() { date +%s%3N; }

# Seconds from start until F3D's CPU time last advanced, once it has been quiet for 3 s.
busy_seconds() {
    log=$1
    start=$(now_ms)
    xvfb-run -a -s "-screen 0 1280x720x24" f3d --up "$up" --resolution 1280,720 \
        --interaction-test-play "$log" "$mesh" >/dev/null 2>&1 &
    runner=$!
    pid=""
    while [ -z "$pid" ]; do
        sleep 0.05
        pid=$(pgrep -n -x f3d || true)
    done
    last_cpu=-1
    last_change=$start
    while :; do
        cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo gone)
        t=$(now_ms)
        [ "$cpu" = gone ] && break
        if [ "$cpu" != "$last_cpu" ]; then
            last_cpu=$cpu
            last_change=$t
        elif [ $((t - last_change)) -ge 3000 ]; then
            break
        fi
        sleep 0.05
    done
    kill "$pid" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
    echo "$last_change $start" | awk '{printf "%.3f", ($1 - $2) / 1000}'
}

write_log 0 "$work/none.log"
write_log "$moves" "$work/moves.log"
first=$(busy_seconds "$work/none.log")
all=$(busy_seconds "$work/moves.log")
echo "$first $all $moves" | awk -v mesh="$mesh" '{
    printf "{\"viewer\": \"f3d\", \"mesh\": \"%s\", \"first_frame_s\": %.3f, \"with_moves_s\": %.3f, \"moves\": %d, \"frame_ms\": %.1f}\n",
        mesh, $1, $2, $3, ($2 - $1) * 1000 / $3 }'
