// render_check: renders one fixture headless with validation on and compares it with a reference.
// Used by the render tests that tests/render/CMakeLists.txt declares one line each.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/room_source.h"
#include "asset/import.h"
#include "core/log.h"
#include "fixtures.h"
#include "gpu/context.h"
#include "image_compare.h"
#include "render/renderer.h"
#include "view/default_camera.h"

namespace {

struct Options {
    std::string name, fixture, room, station, referenceDir, outputDir;
    std::vector<float> position;
    float yaw = 0, pitch = 0, fov = 60;
    bool haveYaw = false;
    uint32_t width = 320, height = 240, samples = 4;
    sr::test::CompareSettings compare;
};

// "gen:NAME" (tests/render/fixtures.h), or "path:FILE_OR_EXHIBIT".
sr::core::Result<sr::asset::RoomMesh> loadFixture(const Options& o, sr::view::Camera& camera) {
    if (o.fixture.rfind("gen:", 0) == 0) {
        auto mesh = sr::test::makeFixture(o.fixture.substr(4));
        if (mesh) camera = sr::view::defaultCamera(*mesh, o.fov, float(o.width) / float(o.height));
        return mesh;
    }
    if (o.fixture.rfind("path:", 0) != 0)
        return sr::core::makeError(o.fixture, "fixture must start with gen: or path:");
    auto source = sr::app::resolveRoomSource(o.fixture.substr(5), o.room, "", "");
    if (!source) return source.error();
    auto mesh = sr::asset::importRoomMesh(source->mesh, source->import);
    if (!mesh) return mesh.error();
    auto start = sr::app::startingCamera(*source, *mesh, o.station, o.fov, float(o.width) / float(o.height));
    if (!start) return start.error();
    camera = *start;
    return mesh;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App cli{"Render a fixture headless and compare it with a reference PNG"};
    cli.add_option("--name", o.name)->required();
    cli.add_option("--fixture", o.fixture)->required();
    cli.add_option("--room", o.room);
    cli.add_option("--station", o.station);
    cli.add_option("--position", o.position)->expected(3)->delimiter(',');
    cli.add_option("--yaw", o.yaw)->each([&](const std::string&) { o.haveYaw = true; });
    cli.add_option("--pitch", o.pitch);
    cli.add_option("--fov", o.fov);
    cli.add_option("--width", o.width);
    cli.add_option("--height", o.height);
    cli.add_option("--samples", o.samples);
    cli.add_option("--tolerance", o.compare.channelTolerance);
    cli.add_option("--budget", o.compare.pixelBudget);
    cli.add_option("--reference-dir", o.referenceDir)->required();
    cli.add_option("--output-dir", o.outputDir)->required();
    CLI11_PARSE(cli, argc, argv);

    sr::view::Camera camera;
    auto mesh = loadFixture(o, camera);
    if (!mesh) {
        std::fprintf(stderr, "%s\n", mesh.error().describe().c_str());
        return 1;
    }
    camera.verticalFovDeg = o.fov;
    if (o.position.size() == 3) camera.position = {o.position[0], o.position[1], o.position[2]};
    if (o.haveYaw) camera.yawDeg = o.yaw, camera.pitchDeg = o.pitch;

    sr::gpu::ContextOptions contextOptions;
    contextOptions.validation = true;
    auto context = sr::gpu::Context::create(contextOptions);
    if (!context) {
        std::fprintf(stderr, "%s\n", context.error().describe().c_str());
        return 1;
    }
    sr::core::Image8 image;
    {
        sr::render::RendererSettings settings;
        settings.maxSamples = o.samples;
        sr::render::Renderer renderer(**context, settings);
        auto room = renderer.uploadRoom(*mesh);
        image = renderer.renderToImage(*room, camera, o.width, o.height);
    }
    std::filesystem::create_directories(o.outputDir);
    std::string message;
    const bool matches =
        sr::test::matchesReference(image, std::filesystem::path(o.referenceDir) / (o.name + ".png"),
                                   o.outputDir, o.name, o.compare, message);
    std::printf("%s: %s\n", o.name.c_str(), message.c_str());
    const uint64_t validationErrors = sr::gpu::validationErrorCount();
    if (validationErrors)
        std::printf("%s: %llu validation error(s)\n", o.name.c_str(), (unsigned long long)validationErrors);
    return matches && validationErrors == 0 ? 0 : 1;
}
