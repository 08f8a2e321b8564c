#!/usr/bin/env bash
# Runs one libFuzzer target: first every input kept in tests/fuzz/regressions/<target>/ once (any
# failure fails the run), then SECONDS of fuzzing on a copy of the seeds in CORPUS_DIR. Prints the
# number of executions. Exit status: 0 nothing found, 1 a finding (its input is in the findings
# folder), 77 the binary is not built (ctest counts the test as skipped).
#
# Usage: tests/fuzz/run-fuzz.sh BINARY CORPUS_DIR SECONDS
# Environment:
#   SR_FUZZ_FINDINGS     folder for failing inputs, per target (default: $TMPDIR/stillroom-fuzz-findings)
#   SR_FUZZ_WORK_CORPUS  corpus folder to fuzz in and keep, topped up from CORPUS_DIR (make fuzz);
#                        default: a temporary copy, removed afterwards. CORPUS_DIR is never written.
#   SR_FUZZ_LOG          where libFuzzer's output goes (default: a temporary file, shown on failure)
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 BINARY CORPUS_DIR SECONDS" >&2
  exit 2
fi
binary=$1 seeds=$2 seconds=$3
target=$(basename "$binary")
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$binary" ]; then
  echo "$target: not built ($binary); the fuzz targets are built in the sanitize tree:"
  echo "  cmake --preset sanitize && cmake --build --preset sanitize --target fuzz_targets"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/stillroom-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
findings=${SR_FUZZ_FINDINGS:-${TMPDIR:-/tmp}/stillroom-fuzz-findings}/$target
corpus=${SR_FUZZ_WORK_CORPUS:-$work/corpus}
log=${SR_FUZZ_LOG:-$work/fuzz.log}
mkdir -p "$findings" "$corpus" "$(dirname "$log")"
# Undefined behaviour aborts (-fno-sanitize-recover); show where it happened.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

fail() {
  echo "$target: $1"
  tail -n 60 "$2"
  exit 1
}

regressions=$here/regressions/$target
if [ -d "$regressions" ]; then
  inputs=()
  while IFS= read -r -d '' file; do inputs+=("$file"); done \
    < <(find "$regressions" -type f -print0 | sort -z)
  if [ ${#inputs[@]} -gt 0 ]; then
    "$binary" -timeout=30 "${inputs[@]}" >"$work/replay.log" 2>&1 ||
      fail "a regression input in $regressions fails again" "$work/replay.log"
    echo "$target: ${#inputs[@]} regression inputs replayed, none fails"
  fi
fi

# Top up the corpus with the seeds; never write into the seed folder itself.
find "$seeds" -maxdepth 1 -type f -exec cp -n -t "$corpus" {} +
status=0
"$binary" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 -artifact_prefix="$findings/" \
  "$corpus" >"$log" 2>&1 || status=$?
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
[ "$status" -eq 0 ] || fail "FINDING after ${executions:-?} executions (inputs in $findings/)" "$log"
[ -n "$executions" ] || fail "no execution count in libFuzzer's output" "$log"
inputs=$(find "$corpus" -type f | wc -l)
echo "$target: $executions executions in $seconds s ($((executions / seconds))/s), corpus of $inputs inputs, no findings"
