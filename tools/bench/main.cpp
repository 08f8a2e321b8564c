// stillroom-bench: load a room headless, then render a scripted look-around and print JSON figures.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "app/room_source.h"
#include "asset/import.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/frame_stats.h"
#include "render/renderer.h"

namespace {
using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
} // namespace

int main(int argc, char** argv) try {
    CLI::App cli{"Measure a room headless: load time, time to first frame, frame-time percentiles over a "
                 "scripted look-around. Prints JSON."};
    std::string input, room, size = "1280x720";
    int frames = 60;
    uint32_t samples = 4;
    cli.add_option("PATH", input, "Exhibit folder or mesh file")->required();
    cli.add_option("--room", room, "Exhibit room id (default: the first)");
    cli.add_option("--size", size, "Frame size WIDTHxHEIGHT")->capture_default_str();
    cli.add_option("--frames", frames, "Frames in the look-around")->capture_default_str();
    cli.add_option("--samples", samples, "Most MSAA samples")->capture_default_str();
    float anisotropy = 0.0f;
    cli.add_option("--anisotropy", anisotropy, "Most anisotropic filtering taps (0: the device's default)");
    CLI11_PARSE(cli, argc, argv);
    unsigned width = 0, height = 0;
    if (std::sscanf(size.c_str(), "%ux%u", &width, &height) != 2 || !width || !height) {
        sr::core::logError("--size must look like 1280x720");
        return 2;
    }
    const auto start = Clock::now();
    auto source = sr::app::resolveRoomSource(input, room, "", "");
    if (!source) return sr::core::logError(source.error().describe()), 1;
    auto mesh = sr::asset::importRoomMesh(source->mesh, source->import);
    if (!mesh) return sr::core::logError(mesh.error().describe()), 1;
    const double loadSeconds = secondsSince(start);
    auto context = sr::gpu::Context::create({});
    if (!context) return sr::core::logError(context.error().describe()), 1;
    sr::render::RendererSettings settings;
    settings.maxSamples = samples;
    settings.maxAnisotropy = anisotropy;
    sr::render::Renderer renderer(**context, settings);
    auto gpuRoom = renderer.uploadRoom(*mesh);
    auto view = sr::app::startingCamera(*source, *mesh, "", 60.0f, float(width) / float(height));
    if (!view) return sr::core::logError(view.error().describe()), 1;
    sr::view::Camera camera = *view;
    sr::gpu::OffscreenTarget target = renderer.createTarget(width, height);
    auto renderOne = [&] {
        (*context)->submitAndWait(
            [&](VkCommandBuffer cmd) { renderer.recordFrame(cmd, target, *gpuRoom, camera); });
    };
    renderOne();
    const double firstFrameSeconds = secondsSince(start);
    sr::render::FrameStats stats;
    const float startYaw = camera.yawDeg;
    for (int i = 0; i < frames; ++i) {
        camera.yawDeg = startYaw + 360.0f * float(i) / float(frames);
        camera.pitchDeg = -10.0f + 8.0f * std::sin(float(i) * 0.3f);
        const auto t = Clock::now();
        renderOne();
        stats.add(secondsSince(t));
    }
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf(
        "{\"room\": \"%s\", \"device\": \"%s\", \"triangles\": %zu, \"size\": \"%ux%u\", \"samples\": %d,\n"
        " \"load_s\": %.3f, \"first_frame_s\": %.3f, \"frames\": %zu,\n"
        " \"frame_ms\": {\"mean\": %.2f, \"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f},\n"
        " \"gpu_memory_mb\": %.1f, \"peak_rss_mb\": %.1f}\n",
        source->id.c_str(), (*context)->caps().name.c_str(), mesh->triangleCount(), width, height,
        int(renderer.samples()), loadSeconds, firstFrameSeconds, stats.count(), stats.meanMs(),
        stats.percentileMs(50), stats.percentileMs(95), stats.percentileMs(99),
        double((*context)->allocatedBytes()) / 1048576.0, double(usage.ru_maxrss) / 1024.0);
    return 0;
} catch (const std::exception& e) {
    sr::core::logError("unexpected failure: ", e.what());
    return 1;
}
