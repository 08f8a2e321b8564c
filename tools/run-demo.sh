#!/usr/bin/env bash
# Opens the bundled demo exhibit: in a window when a display is available, otherwise renders a
# preview PNG headless and says where it is.
set -euo pipefail
build=${1:-build/default}
demo="$build/demo"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build/tools/stillroom/stillroom" "$demo"
fi
preview="$build/demo-preview.png"
"$build/tools/stillroom/stillroom" render "$demo" --size 1280x720 --out "$preview"
echo "No display found, so the demo bedroom was rendered headless to: $preview"
