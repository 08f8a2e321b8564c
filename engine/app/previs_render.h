#pragma once
// `stillroom render EXHIBIT --shot NAME` and `--move NAME`: a saved shot or move of a previs
// project rendered headless.
#include "app/render_mode.h"

namespace sr::app {

// Renders `options.shot` to the PNG `options.out`, or `options.move` as a PNG sequence into the
// folder `options.out` (and an MP4 beside it with `options.mp4`), at `options.width` x `height`
// (the picture letterboxed into it when the aspects differ). The project is `options.project`, or
// the default for the exhibit and room; one inside the exhibit folder is refused. Returns the exit
// status: 0 done, 1 failed, 2 bad options or an unknown shot or move.
int runPrevisRender(const RenderOptions& options);

} // namespace sr::app
