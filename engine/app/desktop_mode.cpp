#include "app/desktop_mode.h"

#include <system_error>

#include "app/exhibit_session.h"
#include "app/window_loop.h"
#include "scene/manifest.h"

namespace sr::app {
namespace {
// The window's title: the exhibit's, or the mesh file's name.
std::string windowTitle(const std::filesystem::path& input) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
        if (auto exhibit = scene::loadExhibit(input); exhibit && !exhibit->exhibit.title.empty())
            return exhibit->exhibit.title;
    }
    return input.filename().string();
}
} // namespace

int runDesktop(const DesktopOptions& options) {
    WindowLoopOptions loop;
    loop.title = "Stillroom \xe2\x80\x94 " + windowTitle(options.input);
    loop.fullscreen = options.fullscreen;
    loop.monitor = options.monitor;
    loop.validation = options.validation;
    loop.vsync = options.vsync;
    loop.maxSamples = options.maxSamples;
    loop.exitAfterSeconds = options.exitAfterSeconds;
    loop.recordTo = options.recordTo;
    return runWindowLoop(loop,
                         [&](render::Renderer& renderer, ui::ImGuiLayer& ui,
                             const core::Clock& clock) -> core::Result<std::unique_ptr<Screen>> {
                             ExhibitSettings settings;
                             settings.viewer = options.viewer;
                             settings.viewer.startStation = options.station;
                             settings.up = options.up;
                             settings.units = options.units;
                             auto session = openExhibitSession(renderer, ui, options.input, options.room,
                                                               settings, clock.now());
                             if (!session) return session.error();
                             (*session)->setTextScale(options.uiScale);
                             return std::unique_ptr<Screen>(std::move(session).value());
                         });
}

} // namespace sr::app
