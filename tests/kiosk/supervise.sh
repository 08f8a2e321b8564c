#!/usr/bin/env bash
# A small stand-in for systemd, enough to test the kiosk's service definition where systemd cannot
# run (containers, CI): reads ExecStart, Restart, RestartSec, RestartPreventExitStatus and the
# Environment= lines of UNIT, and runs the command, starting it again the way systemd would.
# Extra arguments in SUPERVISE_FIRST_ARGS are added to the first start only (fault injection in
# tests); SUPERVISE_ARGS to every start. Logs "start N pid P" and "exit N status S" to stdout.
# Usage: supervise.sh UNIT SECONDS   (stops everything after SECONDS)
set -uo pipefail
unit=$1 limit=$2
value() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
while IFS= read -r assignment; do
  for pair in $assignment; do export "${pair?}"; done
done < <(sed -n 's/^Environment=//p' "$unit")
exec_start=$(value ExecStart) restart=$(value Restart) restart_sec=$(value RestartSec)
prevent=$(value RestartPreventExitStatus)
[ -n "$exec_start" ] || { echo "supervise: $unit has no ExecStart" >&2; exit 2; }
command=$(eval "echo $exec_start") # systemd's ${VAR} expansion
deadline=$((SECONDS + limit)) start=0 child=
trap '[ -n "$child" ] && kill "$child" 2>/dev/null; exit 0' TERM INT
while [ $SECONDS -lt "$deadline" ]; do
  start=$((start + 1))
  extra=${SUPERVISE_ARGS:-}
  [ $start -eq 1 ] && extra="$extra ${SUPERVISE_FIRST_ARGS:-}"
  # shellcheck disable=SC2086
  $command $extra &
  child=$!
  echo "start $start pid $child"
  wait "$child"; status=$?
  echo "exit $start status $status"
  child=
  case "$restart" in
    always) ;;
    on-failure) [ "$status" -eq 0 ] && break ;;
    *) break ;;
  esac
  for code in $prevent; do [ "$status" -eq "$code" ] && exit 0; done
  sleep "${restart_sec:-1}"
done
