#include "app/render_mode.h"

#include <chrono>
#include <cstdio>

#include "app/previs_render.h"
#include "app/room_source.h"
#include "asset/import.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "core/user_dirs.h"
#include "gpu/context.h"
#include "render/renderer.h"

namespace sr::app {
namespace {

using Seconds = std::chrono::duration<double>;

// The starting camera, then any explicit position and angles from the command line.
core::Result<view::Camera> chooseCamera(const RenderOptions& options, const RoomSource& source,
                                        const asset::RoomMesh& mesh) {
    auto camera = startingCamera(source, mesh, options.station, options.verticalFovDeg,
                                 float(options.width) / float(options.height));
    if (!camera) return camera;
    if (options.position) camera->position = *options.position;
    if (options.yawDeg) camera->yawDeg = *options.yawDeg;
    if (options.pitchDeg) camera->pitchDeg = *options.pitchDeg;
    return camera;
}

} // namespace

int runRender(const RenderOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    if (options.width == 0 || options.height == 0 || options.width > 16384 || options.height > 16384) {
        core::logError("--size ", options.width, "x", options.height, " is outside 1x1 .. 16384x16384");
        return 2;
    }
    if (!options.shot.empty() || !options.move.empty()) return runPrevisRender(options);
    auto source = resolveRoomSource(options.input, options.room, options.up, options.units);
    if (!source) {
        core::logError(source.error().describe());
        return 1;
    }
    auto mesh = asset::loadRoomForViewing(source->mesh, source->import, core::userCacheDir());
    if (!mesh) {
        core::logError(mesh.error().describe());
        return 1;
    }
    const auto loaded = std::chrono::steady_clock::now();
    auto chosen = chooseCamera(options, *source, *mesh);
    if (!chosen) {
        core::logError(chosen.error().describe());
        return 1;
    }
    const view::Camera camera = *chosen;

    gpu::ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    auto context = gpu::Context::create(contextOptions);
    if (!context) {
        core::logError(context.error().describe());
        return 1;
    }
    core::Image8 image;
    {
        render::RendererSettings settings;
        settings.maxSamples = options.maxSamples;
        render::Renderer renderer(**context, settings);
        auto room = renderer.uploadRoom(*mesh);
        image = renderer.renderToImage(*room, camera, options.width, options.height);
    }
    if (auto written = core::writePng(options.out, image); !written) {
        core::logError(written.error().describe());
        return 1;
    }
    const auto end = std::chrono::steady_clock::now();
    std::printf("wrote %s (%ux%u, %zu triangles; load %.2f s, total %.2f s)\n", options.out.c_str(),
                options.width, options.height, mesh->triangleCount(), Seconds(loaded - start).count(),
                Seconds(end - start).count());
    if (options.validation && gpu::validationErrorCount() > 0) {
        core::logError(gpu::validationErrorCount(), " Vulkan validation error(s)");
        return 3;
    }
    return 0;
}

} // namespace sr::app
