#pragma once
// How a kiosk behaves: idle times, the attract loop, the admin chord and PIN, health files. Each
// setting comes from, in rising order: the defaults here, the exhibit manifest's `kiosk` section,
// /etc/stillroom/kiosk.json, a --config file, and command-line flags. See docs/kiosk.md.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"
#include "scene/exhibit.h"

namespace sr::app {

struct KioskSettings {
    double idleSeconds = 90.0;   // without input, then the "still there?" prompt
    double promptSeconds = 10.0; // the prompt shows this long, then everything returns home
    scene::AttractMode attract = scene::AttractMode::Tour;
    double attractAfterSeconds = 20.0;   // idle at home this long before the attract loop starts
    double attractStationSeconds = 12.0; // the tour rests this long at each station
    std::string adminPin;                // digits; empty: the admin panel cannot be opened
    double adminHoldSeconds = 3.0;       // a long press this long in the top-left, then the top-right corner
    double statusSeconds = 2.0;          // the status file is rewritten this often
    std::filesystem::path stateDir;      // status file and logs; empty: core::userStateDir()
    uint64_t logMaxBytes = uint64_t(4) << 20; // a log file is rotated at this size
    int logKeep = 3;                          // rotated logs kept
    double watchdogSeconds = 30.0;            // no frame for this long: the kiosk ends with kExitHang
    int monitor = 0;
    float uiScale = 1.0f;
};

// Applies an exhibit manifest's kiosk section.
void applyManifestKiosk(KioskSettings& settings, const scene::KioskSettings& manifest);

// Applies the JSON object in `file` (keys as in docs/kiosk.md: "idle_seconds", "admin_pin", ...).
// An unreadable file, malformed JSON, a wrong type or an out-of-range value is an Error naming the
// file and the key; unknown keys are logged and ignored.
core::Status applyKioskConfigFile(KioskSettings& settings, const std::filesystem::path& file);

// The system-wide configuration file a kiosk reads when it exists.
inline const std::filesystem::path kSystemKioskConfig = "/etc/stillroom/kiosk.json";

} // namespace sr::app
