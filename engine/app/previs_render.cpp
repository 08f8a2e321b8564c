#include "app/previs_render.h"

#include <cstdio>
#include <variant>

#include "app/previs_files.h"
#include "app/previs_mode.h"
#include "app/previs_output.h"
#include "asset/import.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "core/user_dirs.h"
#include "gpu/context.h"

namespace sr::app {
namespace {
std::string namesOf(const previs::PrevisProject& project, bool shots) {
    std::string names;
    const auto add = [&](const std::string& name) { names += (names.empty() ? "'" : ", '") + name + "'"; };
    if (shots) {
        for (const previs::Shot& shot : project.shots) add(shot.name);
    } else {
        for (const previs::CameraMove& move : project.moves) add(move.name);
    }
    return names.empty() ? std::string("none") : names;
}

int renderMove(const ShotRenderer& renderer, const previs::PrevisProject& project,
               const RenderOptions& options) {
    const previs::CameraMove* move = project.findMove(options.move);
    previs::Shot body;
    if (const previs::Shot* shot = project.findShot(move->shot)) body = *shot;
    SequenceSettings settings;
    settings.width = options.width;
    settings.height = options.height;
    settings.framesPerSecond = options.fps > 0.0 ? options.fps : project.framesPerSecond;
    settings.burnIn = options.burnIn;
    settings.folder = options.out;
    settings.name = move->name;
    auto job = SequenceJob::create(renderer, *move, body, settings);
    if (!job) return core::logError(job.error().describe()), 2;
    if (auto done = runSequence(*job); !done) return core::logError(done.error().describe()), 1;
    std::printf("wrote %zu frames to %s\n", job->frameCount(), options.out.c_str());
    if (!options.mp4) return 0;
    const std::filesystem::path mp4 = options.out / (safeFileName(move->name) + ".mp4");
    if (auto encoded = encodeMp4(options.out, job->pattern(), settings.framesPerSecond, mp4); !encoded)
        return core::logError(encoded.error().describe()), 1;
    std::printf("wrote %s\n", mp4.c_str());
    return 0;
}

// The project of `options`, checked to hold the shot or move asked for; an exit status otherwise.
std::variant<previs::PrevisProject, int> projectFor(const RenderOptions& options) {
    auto projectFile = previsProjectFor(options.input, options.room, options.project);
    if (!projectFile) return core::logError(projectFile.error().describe()), 2;
    std::error_code ec;
    if (!std::filesystem::exists(*projectFile, ec))
        return core::logError(projectFile->string(),
                              ": no previs project here (save shots with stillroom --previs)"),
               2;
    auto project = openPrevisProject(*projectFile);
    if (!project) return core::logError(project.error().describe()), 1;
    if (!options.shot.empty() && !project->findShot(options.shot))
        return core::logError(projectFile->string(), ": no shot '", options.shot,
                              "'; shots: ", namesOf(*project, true)),
               2;
    if (!options.move.empty() && !project->findMove(options.move))
        return core::logError(projectFile->string(), ": no move '", options.move,
                              "'; moves: ", namesOf(*project, false)),
               2;
    return std::move(project).value();
}
} // namespace

int runPrevisRender(const RenderOptions& options) {
    if (!options.shot.empty() == !options.move.empty())
        return core::logError("render: name either --shot or --move, not both"), 2;
    auto source = resolveRoomSource(options.input, options.room, options.up, options.units);
    if (!source) return core::logError(source.error().describe()), 1;
    auto chosen = projectFor(options);
    if (const int* status = std::get_if<int>(&chosen)) return *status;
    const previs::PrevisProject& project = std::get<previs::PrevisProject>(chosen);
    const previs::Shot* shot = options.shot.empty() ? nullptr : project.findShot(options.shot);
    auto mesh = asset::loadRoomForViewing(source->mesh, source->import, core::userCacheDir());
    if (!mesh) return core::logError(mesh.error().describe()), 1;
    gpu::ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    auto context = gpu::Context::create(contextOptions);
    if (!context) return core::logError(context.error().describe()), 1;
    int status = 0;
    {
        render::RendererSettings settings;
        settings.maxSamples = options.maxSamples;
        render::Renderer renderer(**context, settings);
        auto room = renderer.uploadRoom(*mesh);
        ShotRenderer shots(renderer, *room);
        if (shot) {
            auto written = renderStill(shots, *shot, shot->name, options.width, options.height,
                                       options.burnIn, options.out);
            status = written ? 0 : (core::logError(written.error().describe()), 1);
            if (written)
                std::printf("wrote %s (%ux%u, shot '%s')\n", options.out.c_str(), options.width,
                            options.height, shot->name.c_str());
        } else {
            status = renderMove(shots, project, options);
        }
    }
    if (options.validation && gpu::validationErrorCount() > 0) {
        core::logError(gpu::validationErrorCount(), " Vulkan validation error(s)");
        status = 3;
    }
    return status;
}

} // namespace sr::app
