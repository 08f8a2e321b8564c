#pragma once
// `stillroom --kiosk EXHIBIT`: the exhibit fullscreen on a touchscreen, unattended for months.
#include <filesystem>
#include <optional>
#include <string>

#include "app/kiosk_settings.h"

namespace sr::app {

struct KioskOptions {
    std::filesystem::path exhibit;
    std::filesystem::path config; // --config FILE, applied after /etc/stillroom/kiosk.json
    // Flags override every file (unset: not given).
    std::optional<double> idleSeconds, promptSeconds;
    std::optional<std::string> adminPin;
    std::optional<std::filesystem::path> stateDir;
    std::optional<int> monitor;
    bool windowed = false; // for trying a kiosk on a desktop; a real kiosk is fullscreen
    bool validation = false;
    uint32_t maxSamples = 0;         // MSAA samples at most (0: WindowLoopOptions')
    bool ignoreSystemConfig = false; // tests: do not read /etc/stillroom/kiosk.json
    double exitAfterSeconds = 0.0;
    std::filesystem::path recordTo;
    // Testing the supervisor: behave as if the device were lost, or stop presenting, after N s.
    double simulateDeviceLossAfter = 0.0;
    double simulateHangAfter = 0.0;
};

// Settings for a kiosk of `exhibit` from every source in order (see kiosk_settings.h). An unusable
// --config file is an Error; a bad system file is logged and skipped.
core::Result<KioskSettings> resolveKioskSettings(const KioskOptions& options, const scene::Exhibit& exhibit);

// Runs the kiosk until the admin panel's Quit; returns the exit status (kExitDeviceLost,
// kExitHang, or 1 when it cannot start).
int runKiosk(const KioskOptions& options);

} // namespace sr::app
