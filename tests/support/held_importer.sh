#!/bin/bash
# An importer that holds its news back, for tests of what the viewer shows while a room is being
# prepared. Runs the real importer ($STILLROOM_REAL_IMPORTER) with the same arguments and passes its
# lines on as they come, but after the line $STILLROOM_HOLD_AFTER names ("reading": the mesh has
# been read; "first": the first showing is written) waits $STILLROOM_HOLD_SECONDS before passing on
# the rest and exiting. Exits with the real importer's status.
set -o pipefail
"$STILLROOM_REAL_IMPORTER" "$@" | while IFS= read -r line; do
    printf '%s\n' "$line"
    case "$line" in
    "P	reading	1") [ "$STILLROOM_HOLD_AFTER" = reading ] && sleep "$STILLROOM_HOLD_SECONDS" ;;
    "S	"*) [ "$STILLROOM_HOLD_AFTER" = first ] && sleep "$STILLROOM_HOLD_SECONDS" ;;
    esac
done
