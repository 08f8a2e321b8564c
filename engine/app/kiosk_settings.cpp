#include "app/kiosk_settings.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/log.h"

namespace sr::app {
namespace {
using Json = nlohmann::json;

core::Status readSeconds(const Json& root, const char* key, const std::filesystem::path& file, double low,
                         double high, double& out) {
    auto it = root.find(key);
    if (it == root.end()) return core::Status::success();
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < low ||
        it->get<double>() > high) {
        return core::makeError(file.string(),
                               core::concat("\"", key, "\" must be a number from ", low, " to ", high));
    }
    out = it->get<double>();
    return core::Status::success();
}

core::Status readPin(const Json& root, const std::filesystem::path& file, std::string& out) {
    auto it = root.find("admin_pin");
    if (it == root.end()) return core::Status::success();
    if (!it->is_string()) return core::makeError(file.string(), "\"admin_pin\" must be a string of digits");
    const std::string pin = it->get<std::string>();
    if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos)
        return core::makeError(file.string(), "\"admin_pin\" must be 4 to 12 digits");
    out = pin;
    return core::Status::success();
}
} // namespace

void applyManifestKiosk(KioskSettings& settings, const scene::KioskSettings& manifest) {
    settings.idleSeconds = manifest.idleSeconds;
    settings.promptSeconds = manifest.promptSeconds;
    settings.attract = manifest.attract;
}

core::Status applyKioskConfigFile(KioskSettings& settings, const std::filesystem::path& file) {
    auto text = core::readFile(file);
    if (!text) return text.error();
    Json root = Json::parse(text->begin(), text->end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) return core::makeError(file.string(), "not a JSON object");
    static const char* kKnown[] = {"idle_seconds",
                                   "prompt_seconds",
                                   "attract",
                                   "attract_after_seconds",
                                   "attract_station_seconds",
                                   "admin_pin",
                                   "admin_hold_seconds",
                                   "status_seconds",
                                   "state_dir",
                                   "log_max_bytes",
                                   "log_keep",
                                   "watchdog_seconds",
                                   "monitor",
                                   "ui_scale"};
    for (const auto& [key, value] : root.items()) {
        if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown))
            core::logWarning(file.string(), ": unknown setting \"", key, "\" ignored");
    }
    KioskSettings next = settings;
    for (auto [key, low, high, out] :
         {std::tuple{"idle_seconds", 5.0, 86400.0, &next.idleSeconds},
          std::tuple{"prompt_seconds", 1.0, 600.0, &next.promptSeconds},
          std::tuple{"attract_after_seconds", 0.0, 86400.0, &next.attractAfterSeconds},
          std::tuple{"attract_station_seconds", 2.0, 600.0, &next.attractStationSeconds},
          std::tuple{"admin_hold_seconds", 0.5, 30.0, &next.adminHoldSeconds},
          std::tuple{"status_seconds", 0.5, 600.0, &next.statusSeconds},
          std::tuple{"watchdog_seconds", 2.0, 3600.0, &next.watchdogSeconds}}) {
        if (auto read = readSeconds(root, key, file, low, high, *out); !read) return read;
    }
    if (auto read = readPin(root, file, next.adminPin); !read) return read;
    if (auto it = root.find("attract"); it != root.end()) {
        if (*it == "tour")
            next.attract = scene::AttractMode::Tour;
        else if (*it == "none")
            next.attract = scene::AttractMode::None;
        else
            return core::makeError(file.string(), "\"attract\" must be \"tour\" or \"none\"");
    }
    if (auto it = root.find("state_dir"); it != root.end()) {
        if (!it->is_string() || !std::filesystem::path(it->get<std::string>()).is_absolute())
            return core::makeError(file.string(), "\"state_dir\" must be an absolute path");
        next.stateDir = it->get<std::string>();
    }
    double number = 0.0;
    if (auto read =
            readSeconds(root, "log_max_bytes", file, 65536.0, 1e10, number = double(next.logMaxBytes));
        !read)
        return read;
    next.logMaxBytes = uint64_t(number);
    if (auto read = readSeconds(root, "log_keep", file, 1.0, 50.0, number = double(next.logKeep)); !read)
        return read;
    next.logKeep = int(number);
    if (auto read = readSeconds(root, "monitor", file, 0.0, 16.0, number = double(next.monitor)); !read)
        return read;
    next.monitor = int(number);
    if (auto read = readSeconds(root, "ui_scale", file, 1.0, 2.0, number = double(next.uiScale)); !read)
        return read;
    next.uiScale = float(number);
    settings = next;
    return core::Status::success();
}

} // namespace sr::app
