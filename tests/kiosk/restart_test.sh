#!/usr/bin/env bash
# The kiosk comes back by itself: runs the shipped X11 service definition under supervise.sh (a
# stand-in for systemd) on a virtual display, then kills the kiosk with SIGKILL, simulates a lost
# GPU and a hung frame loop, and each time checks that the service starts it again and that it
# shows the home screen (its status file says so, with a new process id and a fresh heartbeat).
# Usage: restart_test.sh UNIT STILLROOM EXHIBIT OUTPUT_DIR   (run under xvfb-run)
set -euo pipefail
unit_in=$1 stillroom=$2 exhibit=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"; mkdir -p "$out"
export STILLROOM_STATE_DIR="$out/state" STILLROOM_CACHE_DIR="$out/cache"
# The unit as installed, pointing at this build's program and the demo exhibit.
unit="$out/stillroom-kiosk-x11.service"
sed -e "s|@CMAKE_INSTALL_FULL_BINDIR@/stillroom|$stillroom|" -e "s|/srv/stillroom/exhibit|$exhibit|" \
    -e "/^EnvironmentFile=/d" "$unit_in" >"$unit"
status="$STILLROOM_STATE_DIR/status.json"
field() { python3 -c "import json; print(json.load(open('$status'))['$1'])" 2>/dev/null || echo none; }
fail() { echo "restart test: $*" >&2; tail -n 20 "$out/supervisor.log" >&2 || true; exit 1; }
# Waits until the status file shows the home screen from a process other than $1, beating now.
wait_home() {
  for _ in $(seq 1 90); do
    if [ "$(field room)" = home ] && [ "$(field pid)" != "$1" ] &&
       [ $(( $(date +%s) - $(field heartbeat_unix | sed 's/none/0/') )) -le 5 ]; then return 0; fi
    sleep 1
  done
  fail "no kiosk showed the home screen (room $(field room), pid $(field pid))"
}
supervise() { # LOG [first-start arguments...]
  local log=$1; shift
  SUPERVISE_ARGS="--windowed --no-system-config --validation" SUPERVISE_FIRST_ARGS="$*" \
    "$here/supervise.sh" "$unit" 240 >>"$log" 2>&1 &
  echo $!
}
: >"$out/supervisor.log"
printf '{"watchdog_seconds": 4}\n' >"$out/watchdog.json"

# 1. SIGKILL: the service starts the kiosk again.
sup=$(supervise "$out/supervisor.log")
trap 'kill $sup 2>/dev/null || true' EXIT
wait_home none
first=$(field pid)
kill -KILL "$first"
wait_home "$first"
grep -q "exit 1 status 137" "$out/supervisor.log" || fail "the supervisor did not see the kill"
kill "$sup"; wait "$sup" 2>/dev/null || true
pkill -f "$stillroom --kiosk" 2>/dev/null || true

# 2. A lost GPU: the kiosk ends with status 4 and is started again.
sup=$(supervise "$out/supervisor.log" --simulate-device-loss 6)
wait_home "$first"
lost=$(field pid)
for _ in $(seq 1 60); do grep -q "status 4" "$out/supervisor.log" && break; sleep 1; done
grep -q "status 4" "$out/supervisor.log" || fail "a lost device did not end the kiosk with status 4"
wait_home "$lost"
kill "$sup"; wait "$sup" 2>/dev/null || true
pkill -f "$stillroom --kiosk" 2>/dev/null || true

# 3. A hung frame loop: the internal watchdog ends it with status 5; it comes back.
sup=$(supervise "$out/supervisor.log" --simulate-hang 6 --config "$out/watchdog.json")
wait_home "$lost"
hung=$(field pid)
for _ in $(seq 1 60); do grep -q "status 5" "$out/supervisor.log" && break; sleep 1; done
grep -q "status 5" "$out/supervisor.log" || fail "a hang did not end the kiosk with status 5"
wait_home "$hung"
kill "$sup"; wait "$sup" 2>/dev/null || true
pkill -f "$stillroom --kiosk" 2>/dev/null || true
trap - EXIT
grep -q "validation" "$STILLROOM_STATE_DIR/stillroom.log" && fail "validation messages in the kiosk's log"
echo "restart test passed: SIGKILL, lost device and hang each restarted to the home screen"
