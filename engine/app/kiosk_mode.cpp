#include "app/kiosk_mode.h"

#include <chrono>
#include <thread>

#include "app/kiosk.h"
#include "app/kiosk_health.h"
#include "app/room_source.h"
#include "app/window_loop.h"
#include "core/log.h"

namespace sr::app {

core::Result<KioskSettings> resolveKioskSettings(const KioskOptions& options, const scene::Exhibit& exhibit) {
    KioskSettings settings;
    if (exhibit.kiosk) applyManifestKiosk(settings, *exhibit.kiosk);
    std::error_code ec;
    if (!options.ignoreSystemConfig && std::filesystem::exists(kSystemKioskConfig, ec)) {
        if (auto applied = applyKioskConfigFile(settings, kSystemKioskConfig); !applied)
            core::logError(applied.error().describe(), " (the file is skipped)");
    }
    if (!options.config.empty()) {
        if (auto applied = applyKioskConfigFile(settings, options.config); !applied) return applied.error();
    }
    if (options.idleSeconds) settings.idleSeconds = *options.idleSeconds;
    if (options.promptSeconds) settings.promptSeconds = *options.promptSeconds;
    if (options.adminPin) settings.adminPin = *options.adminPin;
    if (options.stateDir) settings.stateDir = *options.stateDir;
    if (options.monitor) settings.monitor = *options.monitor;
    return settings;
}

int runKiosk(const KioskOptions& options) {
    auto exhibit = loadViewerExhibit(options.exhibit);
    if (!exhibit) return core::logError(exhibit.error().describe()), 1;
    auto settings = resolveKioskSettings(options, *exhibit);
    if (!settings) return core::logError(settings.error().describe()), 2;
    KioskHealth health(*settings);
    core::logInfo("kiosk: ", exhibit->title, " from ", options.exhibit.string(), "; status in ",
                  health.statusFile().string());
    KioskSession* kiosk = nullptr;
    WindowLoopOptions loop;
    loop.title = "Stillroom";
    loop.fullscreen = !options.windowed;
    loop.monitor = settings->monitor;
    loop.hideCursor = true;
    loop.allowFullscreenKey = false;
    loop.validation = options.validation;
    loop.maxSamples = options.maxSamples;
    loop.exitAfterSeconds = options.exitAfterSeconds;
    loop.recordTo = options.recordTo;
    loop.simulateDeviceLossAfter = options.simulateDeviceLossAfter;
    loop.onFrame = [&](double now, const render::FrameStats& stats) {
        if (options.simulateHangAfter > 0.0 && now >= options.simulateHangAfter) {
            core::logWarning("kiosk: simulating a hang");
            for (;;) std::this_thread::sleep_for(std::chrono::seconds(1)); // the watchdog ends it
        }
        health.frame(now, stats, kiosk->location());
        kiosk->setStatus(health.status());
    };
    ExhibitSettings exhibitSettings;
    exhibitSettings.viewer.idleDrift = true;
    return runWindowLoop(loop,
                         [&](render::Renderer& renderer, ui::ImGuiLayer& ui,
                             const core::Clock& clock) -> core::Result<std::unique_ptr<Screen>> {
                             auto session = std::make_unique<KioskSession>(
                                 renderer, ui, options.exhibit, std::move(exhibit).value(), *settings,
                                 exhibitSettings, clock.now());
                             kiosk = session.get();
                             return std::unique_ptr<Screen>(std::move(session));
                         });
}

} // namespace sr::app
