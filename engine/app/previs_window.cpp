// `stillroom --previs`: the previs workspace in a window.
#include "app/previs_files.h"
#include "app/previs_mode.h"
#include "app/window_loop.h"
#include "asset/import.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "core/user_dirs.h"

namespace sr::app {

core::Result<std::filesystem::path> previsProjectFor(const std::filesystem::path& input,
                                                     const std::string& room,
                                                     const std::filesystem::path& project) {
    const std::filesystem::path file =
        project.empty() ? defaultPrevisProjectPath(input, projectRoomSuffix(input, room)) : project;
    if (auto outside = checkProjectOutsideExhibit(input, file); !outside) return outside.error();
    return std::filesystem::absolute(file);
}

int runPrevis(const PrevisOptions& options) {
    auto source = resolveRoomSource(options.input, options.room, options.up, options.units);
    if (!source) return core::logError(source.error().describe()), 1;
    auto projectFile = previsProjectFor(options.input, options.room, options.project);
    if (!projectFile) return core::logError(projectFile.error().describe()), 2;
    if (!options.outputFolder.empty()) {
        if (auto outside = checkProjectOutsideExhibit(options.input, options.outputFolder / "renders");
            !outside)
            return core::logError(outside.error().describe()), 2;
    }
    auto project = openPrevisProject(*projectFile);
    if (!project) return core::logError(project.error().describe()), 1;
    auto mesh = asset::loadRoomForViewing(source->mesh, source->import, core::userCacheDir());
    if (!mesh) return core::logError(mesh.error().describe()), 1;
    core::logInfo("previs project: ", projectFile->string());

    PrevisWorkspaceSettings settings;
    settings.projectFile = *projectFile;
    settings.outputFolder = options.outputFolder;
    settings.title = source->exhibitTitle.empty() ? source->title
                                                  : source->exhibitTitle + " \xe2\x80\x94 " + source->title;
    WindowLoopOptions loop;
    loop.title = "Stillroom previs \xe2\x80\x94 " + settings.title;
    loop.fullscreen = options.fullscreen;
    loop.monitor = options.monitor;
    loop.validation = options.validation;
    loop.vsync = options.vsync;
    loop.maxSamples = options.maxSamples;
    loop.encodedColor = false; // the picture a shot will have, on every device
    loop.exitAfterSeconds = options.exitAfterSeconds;
    return runWindowLoop(loop,
                         [&](render::Renderer& renderer, ui::ImGuiLayer& ui,
                             const core::Clock& clock) -> core::Result<std::unique_ptr<Screen>> {
                             auto session =
                                 PrevisSession::create(renderer, ui, *source, *mesh,
                                                       std::move(project).value(), settings, clock.now());
                             session->setTextScale(options.uiScale);
                             return std::unique_ptr<Screen>(std::move(session));
                         });
}

} // namespace sr::app
