#pragma once
// The frame loop of a window: poll input, advance a Screen, record it into an offscreen target,
// copy that onto the swapchain and present. Shared by the desktop viewer and the kiosk; headless
// runs drive the same Screens without it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <memory>
#include <string>

#include "app/screen.h"
#include "core/clock.h"
#include "core/result.h"
#include "render/frame_stats.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace sr::app {

// Exit statuses a supervisor can tell apart.
inline constexpr int kExitDeviceLost = 4; // the Vulkan device was lost
inline constexpr int kExitHang = 5;       // the watchdog saw no frame for too long

struct WindowLoopOptions {
    std::string title = "Stillroom";
    bool fullscreen = false;
    int monitor = 0;
    bool hideCursor = false;
    bool allowFullscreenKey = true; // F11 toggles fullscreen
    bool validation = false;
    bool vsync = true;
    // MSAA samples at most (1 turns it off); 0: 4, or 1 on a CPU device, where 4x MSAA makes every
    // frame about 2.3 times slower (stills rendered headless keep 4x).
    uint32_t maxSamples = 0;
    // Draw rooms in sRGB-encoded space (RendererSettings::encodedColor); unset: on a CPU device,
    // where it makes every frame about a sixth faster.
    std::optional<bool> encodedColor;
    double exitAfterSeconds = 0.0;  // > 0: close by itself
    std::filesystem::path recordTo; // non-empty: write every input event here
    // Called after each presented frame with the clock's time and the frame statistics so far.
    std::function<void(double now, const render::FrameStats& stats)> onFrame;
    // Testing a supervisor: after this many seconds (> 0) behave as if the device were lost.
    double simulateDeviceLossAfter = 0.0;
};

// Makes the screen once the device, renderer and UI exist.
using ScreenFactory = std::function<core::Result<std::unique_ptr<Screen>>(
    render::Renderer& renderer, ui::ImGuiLayer& ui, const core::Clock& clock)>;

// Opens the window and runs until the screen asks to quit, the window closes, SIGTERM or SIGINT
// arrives (a service manager stopping it: the loop ends cleanly, status 0) or the time is up.
// Returns the exit status: the screen's, 1 when something could not start, 3 after validation
// errors. A lost device ends the process at once with kExitDeviceLost: nothing on it can be
// trusted, not even teardown.
int runWindowLoop(const WindowLoopOptions& options, const ScreenFactory& makeScreen);

} // namespace sr::app
