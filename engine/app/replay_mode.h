#pragma once
// Headless replays: an exhibit session driven by an input script and a driven clock, writing the
// script's named frames as PNGs. The same code runs the flow tests.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "app/exhibit_session.h"
#include "app/viewer.h"
#include "core/image.h"
#include "platform/event_script.h"

namespace sr::app {

// Steps `session` (an exhibit from its home screen, or a room) through `script` at `fps` frames per second of
// script time (the clock is driven, never read): each step feeds the events due, updates the viewer and, for
// each "frame NAME" entry due, renders a width x height image and hands it to `onFrame`. Stops after the
// script's last entry or a "close" event. Returns the number of steps taken.
size_t replayScript(Screen& session, const platform::EventScript& script, double fps, uint32_t width,
                    uint32_t height,
                    const std::function<void(const std::string&, const core::Image8&)>& onFrame);

struct ReplayOptions {
    std::filesystem::path input; // exhibit folder or mesh file
    std::string room;
    std::filesystem::path script; // stillroom-input/1 text
    std::filesystem::path outDir; // NAME.png for each "frame NAME"
    uint32_t width = 1280, height = 720;
    double fps = 30.0;
    ViewerSettings viewer;
    bool validation = false;
};

// `stillroom replay`: returns the process exit status.
int runReplay(const ReplayOptions& options);

} // namespace sr::app
