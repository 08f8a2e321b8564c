#include "app/replay_mode.h"

#include <cstdio>

#include "core/log.h"
#include "gpu/context.h"
#include "ui/imgui_layer.h"

namespace sr::app {

size_t replayScript(Screen& session, const platform::EventScript& script, double fps, uint32_t width,
                    uint32_t height,
                    const std::function<void(const std::string&, const core::Image8&)>& onFrame) {
    platform::ScriptPlayer player(script);
    session.setViewport(width, height);
    const double step = 1.0 / fps;
    size_t steps = 0;
    for (double now = 0.0; !player.finished() && !session.quitRequested(); now += step, ++steps) {
        session.settle(); // reading files takes real time; the script's clock waits for it
        for (const platform::ScriptEntry& entry : player.take(now)) {
            if (!entry.frameName.empty()) {
                // Frames are taken at their own time, after the events before them.
                session.settle();
                session.update(entry.event.time);
                onFrame(entry.frameName, session.renderImage(width, height, float(step)));
            } else {
                session.handle(entry.event);
            }
        }
        session.update(now);
    }
    return steps;
}

int runReplay(const ReplayOptions& options) {
    auto script = platform::loadEventScript(options.script);
    if (!script) return core::logError(script.error().describe()), 1;
    gpu::ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    auto context = gpu::Context::create(contextOptions);
    if (!context) return core::logError(context.error().describe()), 1;
    int status = 0;
    {
        render::Renderer renderer(**context);
        ui::ImGuiLayer ui(**context);
        ExhibitSettings settings;
        settings.viewer = options.viewer;
        auto session = openExhibitSession(renderer, ui, options.input, options.room, settings, 0.0);
        if (!session) return core::logError(session.error().describe()), 1;
        std::error_code ec;
        std::filesystem::create_directories(options.outDir, ec);
        replayScript(**session, *script, options.fps, options.width, options.height,
                     [&](const std::string& name, const core::Image8& image) {
                         const auto path = options.outDir / (name + ".png");
                         if (auto written = core::writePng(path, image); !written) {
                             core::logError(written.error().describe());
                             status = 1;
                         } else {
                             std::printf("wrote %s\n", path.c_str());
                         }
                     });
    }
    if (options.validation && gpu::validationErrorCount() > 0) {
        core::logError(gpu::validationErrorCount(), " Vulkan validation error(s)");
        status = 3;
    }
    return status;
}

} // namespace sr::app
