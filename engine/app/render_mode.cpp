#include "app/render_mode.h"

#include <chrono>
#include <cstdio>

#include "app/room_source.h"
#include "asset/import.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "view/default_camera.h"

namespace sr::app {
namespace {

using Seconds = std::chrono::duration<double>;

view::Camera chooseCamera(const RenderOptions& options, const RoomSource& source, const asset::RoomMesh& mesh,
                          bool& ok) {
    ok = true;
    const float aspect = float(options.width) / float(options.height);
    view::Camera camera = view::defaultCamera(mesh, options.verticalFovDeg, aspect);
    if (!options.station.empty()) {
        auto it = std::find_if(source.stations.begin(), source.stations.end(),
                               [&](const StandingPoint& s) { return s.id == options.station; });
        if (it == source.stations.end()) {
            core::logError(source.mesh.string(), ": room '", source.id, "' has no station '", options.station,
                           "'");
            ok = false;
            return camera;
        }
        camera = it->camera;
    } else if (!source.stations.empty()) {
        camera = source.stations.front().camera;
    }
    camera.verticalFovDeg = options.verticalFovDeg;
    if (options.position) camera.position = *options.position;
    if (options.yawDeg) camera.yawDeg = *options.yawDeg;
    if (options.pitchDeg) camera.pitchDeg = *options.pitchDeg;
    return camera;
}

} // namespace

int runRender(const RenderOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    if (options.width == 0 || options.height == 0 || options.width > 16384 || options.height > 16384) {
        core::logError("--size ", options.width, "x", options.height, " is outside 1x1 .. 16384x16384");
        return 2;
    }
    auto source = resolveRoomSource(options.input, options.room, options.up, options.units);
    if (!source) {
        core::logError(source.error().describe());
        return 1;
    }
    auto mesh = asset::importRoomMesh(source->mesh, source->import);
    if (!mesh) {
        core::logError(mesh.error().describe());
        return 1;
    }
    const auto loaded = std::chrono::steady_clock::now();
    bool cameraOk = true;
    view::Camera camera = chooseCamera(options, *source, *mesh, cameraOk);
    if (!cameraOk) return 1;

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
