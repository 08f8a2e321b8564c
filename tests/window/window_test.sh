#!/usr/bin/env bash
# Window test: opens the demo exhibit in a real window on a virtual X display (Xvfb), sends real
# input with xdotool (choosing a room on the home screen, drag, keys, resize, fullscreen, back home),
# takes screenshots with ImageMagick and checks that the view changed as expected, that the room
# pictures were cached outside the exhibit, that Escape leads home and then closes the program, and
# that the Khronos validation layer reported no error (the program exits 3 if it did).
# Usage: window_test.sh STILLROOM EXHIBIT OUTPUT_DIR   (run under xvfb-run)
set -euo pipefail
stillroom=$1 exhibit=$2 out=$3
mkdir -p "$out"
log="$out/stillroom.log"

fail() { echo "window test: $*" >&2; echo "--- log:" >&2; tail -n 30 "$log" >&2 || true; exit 1; }
shot() { import -window root "$out/$1.png"; }
# Fraction of pixels that differ by more than 5% between two screenshots.
changed() { { compare -metric AE -fuzz 5% "$out/$1.png" "$out/$2.png" null: 2>&1 || true; } | awk -v total="$3" '{print $1 / total}'; }
mean() { convert "$out/$1.png" ${2:+-crop "$2"} -colorspace Gray -format "%[fx:mean]" info:; }
# Waits until the screen shows a rendered room (not the empty X background).
wait_for_room() {
  for _ in $(seq 1 60); do
    shot "$1"
    if awk -v m="$(mean "$1")" 'BEGIN { exit !(m > 0.2) }'; then return 0; fi
    sleep 1
  done
  fail "no room appeared on screen"
}
settle() { sleep "${1:-4}"; }

# Room pictures go to a cache of the test's own, never to the user's or into the exhibit.
export STILLROOM_CACHE_DIR="$out/cache"
rm -rf "$STILLROOM_CACHE_DIR"
"$stillroom" "$exhibit" --validation --no-drift --exit-after 240 --record "$out/session.txt" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wid=$(timeout 60 xdotool search --sync --name "Stillroom" | head -n 1) || fail "no window opened"
# The home screen: the exhibit's title and a picture of each room, on a dark ground.
for _ in $(seq 1 60); do
  [ "$(ls "$STILLROOM_CACHE_DIR/thumbnails" 2>/dev/null | wc -l)" -ge 2 ] && break
  sleep 1
done
[ "$(ls "$STILLROOM_CACHE_DIR/thumbnails" | wc -l)" -eq 2 ] || fail "no room pictures were cached"
settle 3
shot home
m=$(mean home)
awk -v m="$m" 'BEGIN { exit !(m > 0.04 && m < 0.3) }' || fail "the home screen is not showing (mean $m)"
# Enter opens the first room.
xdotool key Return
wait_for_room start
settle 3
shot start
pixels=$((1280 * 800))

# A drag to the right turns the view (the room follows the pointer).
xdotool mousemove 400 400 mousedown 1
for x in $(seq 420 20 800); do xdotool mousemove "$x" 405; sleep 0.03; done
xdotool mouseup 1
settle 5
shot dragged
d=$(changed start dragged $pixels)
awk -v d="$d" 'BEGIN { exit !(d > 0.2) }' || fail "drag did not turn the view (changed $d)"

# Holding an arrow key looks around too.
xdotool keydown Left; sleep 2; xdotool keyup Left
settle 4
shot arrows
d=$(changed dragged arrows $pixels)
awk -v d="$d" 'BEGIN { exit !(d > 0.2) }' || fail "arrow key did not turn the view (changed $d)"

# N glides to the next station.
xdotool key n
settle 8
shot station
d=$(changed arrows station $pixels)
awk -v d="$d" 'BEGIN { exit !(d > 0.2) }' || fail "N did not move to the next station (changed $d)"

# Resizing the window: the swapchain follows and the room fills the new size.
xdotool windowsize "$wid" 800 500
settle 6
grep -q "swapchain 800x500" "$log" || fail "the swapchain did not follow the resize"
shot resized
m=$(mean resized "400x200+200+150")
awk -v m="$m" 'BEGIN { exit !(m > 0.15) }' || fail "nothing drawn after the resize (mean $m)"
m=$(mean resized "200x200+1000+550")
awk -v m="$m" 'BEGIN { exit !(m < 0.05) }' || fail "the window did not shrink (mean $m outside it)"

# F11: fullscreen covers the whole screen, then back to a window.
xdotool key F11
settle 6
shot fullscreen
m=$(mean fullscreen "200x200+1060+580")
awk -v m="$m" 'BEGIN { exit !(m > 0.15) }' || fail "fullscreen did not cover the screen (mean $m in the corner)"
xdotool key F11
settle 4

# Escape leads back to the home screen, and Escape there closes the viewer cleanly (exit status 3
# would mean validation errors).
shot before-home
xdotool key Escape
settle 4
kill -0 $pid 2>/dev/null || fail "Escape in a room closed the viewer instead of going home"
shot back-home
d=$(changed before-home back-home $pixels)
m=$(mean back-home "400x200+200+150")
awk -v d="$d" -v m="$m" 'BEGIN { exit !(d > 0.1 && m < 0.3) }' || fail "Escape did not lead home (changed $d, mean $m)"
xdotool key Escape
for _ in $(seq 1 30); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill -0 $pid 2>/dev/null && fail "Escape did not close the viewer"
trap - EXIT
status=0; wait $pid || status=$?
[ "$status" -eq 0 ] || fail "the viewer exited with status $status"
grep -q "Vulkan validation" "$log" && grep "Vulkan validation" "$log" | grep -qv "Performance Warning" && fail "validation messages in the log"
grep -q "keydown 256" "$out/session.txt" || fail "the session was not recorded"
echo "window test passed: home screen, room chosen, drag, arrows, station glide, resize, fullscreen, back home, close; $(grep 'frame times' "$log")"
