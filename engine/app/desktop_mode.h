#pragma once
// The desktop viewer: a window onto one room of an exhibit (or a mesh file), looked around with
// mouse, touch or keys.
#include <filesystem>
#include <string>

#include "app/viewer.h"

namespace sr::app {

struct DesktopOptions {
    std::filesystem::path input; // exhibit folder or mesh file
    std::string room;
    std::string station;
    std::string up, units; // mesh file only
    bool fullscreen = false;
    int monitor = 0;
    bool validation = false;
    bool vsync = true;
    uint32_t maxSamples = 0;        // MSAA samples at most (1 turns it off; 0: WindowLoopOptions')
    double exitAfterSeconds = 0.0;  // > 0: close by itself (for tests and demos)
    std::filesystem::path recordTo; // non-empty: write every input event to this script file
    ViewerSettings viewer;          // comfort and accessibility
    float uiScale = 1.0f;           // text and controls, 1 = 100%
};

// Runs until the window closes (Escape or the window's close button). Returns the exit status.
int runDesktop(const DesktopOptions& options);

} // namespace sr::app
