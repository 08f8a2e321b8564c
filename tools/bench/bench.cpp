#include "bench.h"

#include <chrono>
#include <future>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <sys/resource.h>

#include "app/room_source.h"
#include "asset/import.h"
#include "asset/room_cache.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/handle.h"
#include "render/frame_stats.h"
#include "render/renderer.h"
#include "view/bvh.h"
#include "view/default_camera.h"

namespace sr::bench {
namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

const char* pathName(LoadPath path) {
    switch (path) {
    case LoadPath::Raw: return "raw";
    case LoadPath::Viewer: return "viewer";
    case LoadPath::Cache: return "cache";
    }
    return "?";
}

struct Scene {
    std::unique_ptr<gpu::Context> context;
    std::unique_ptr<render::Renderer> renderer;
    std::optional<gpu::OffscreenTarget> target;
    // Frames have their own command buffer and fence, as a window's do: an upload on another
    // thread (submitAndWait) then never waits for a frame to finish, nor a frame for an upload.
    gpu::CommandPool framePool;
    VkCommandBuffer frameCommands = VK_NULL_HANDLE;
    gpu::Fence frameFence;
};

void renderOne(Scene& scene, const render::GpuRoom& room, const view::Camera& camera) {
    VkDevice device = scene.context->device();
    SR_VK_CHECK(vkResetCommandPool(device, scene.framePool, 0));
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    SR_VK_CHECK(vkBeginCommandBuffer(scene.frameCommands, &begin));
    scene.renderer->recordFrame(scene.frameCommands, *scene.target, room, camera);
    SR_VK_CHECK(vkEndCommandBuffer(scene.frameCommands));
    VkFence fence = scene.frameFence;
    SR_VK_CHECK(vkResetFences(device, 1, &fence));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &scene.frameCommands;
    {
        std::lock_guard lock(scene.context->queueMutex());
        SR_VK_CHECK(vkQueueSubmit(scene.context->queue(), 1, &submit, fence));
    }
    SR_VK_CHECK(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));
}

// Turns once around while nodding, timing each frame.
render::FrameStats lookAround(Scene& scene, const render::GpuRoom& room, view::Camera camera, int frames,
                              uint64_t& trianglesDrawn) {
    render::FrameStats stats;
    uint64_t drawn = 0;
    const float startYaw = camera.yawDeg;
    for (int i = 0; i < frames; ++i) {
        camera.yawDeg = startYaw + 360.0f * float(i) / float(frames);
        camera.pitchDeg = -10.0f + 8.0f * std::sin(float(i) * 0.3f);
        const auto t = Clock::now();
        renderOne(scene, room, camera);
        stats.add(secondsSince(t));
        drawn += room.trianglesDrawn();
    }
    trianglesDrawn = frames > 0 ? drawn / uint64_t(frames) : room.trianglesDrawn();
    return stats;
}

// Loads the room the chosen way; with a cache, `first` is the coarse room and the full one comes
// from `cache` later.
struct Loaded {
    app::RoomSource source;
    asset::RoomMesh first;
    std::shared_ptr<const asset::RoomCache> cache;
    std::shared_ptr<const asset::RoomMesh> geometry; // the viewer path: full detail for walking
    // The viewer path on a first open: `first` is the first showing, and the bake still going on
    // gives the cache.
    std::future<core::Result<asset::ViewableRoom>> baking;
};

core::Result<Loaded> loadFirst(const BenchOptions& options) {
    Loaded loaded;
    if (options.path == LoadPath::Cache) {
        auto cache = asset::RoomCache::open(options.input);
        if (!cache) return cache.error();
        auto mesh = cache->toRoomMesh({options.firstLevel, options.firstTextureSize, true, true});
        if (!mesh) return mesh.error();
        loaded.source.id = options.input.stem().string();
        loaded.first = std::move(mesh).value();
        loaded.cache = std::make_shared<const asset::RoomCache>(std::move(cache).value());
        return loaded;
    }
    auto source = app::resolveRoomSource(options.input, options.room, options.up, options.units);
    if (!source) return source.error();
    loaded.source = *source;
    if (options.path == LoadPath::Viewer) {
        // As the viewer opens a room: a room that must be baked is shown from its first showing
        // while the bake goes on.
        std::promise<asset::ViewableRoom> shown;
        std::future<asset::ViewableRoom> firstShowing = shown.get_future();
        loaded.baking = std::async(std::launch::async, [&options, source = *source, &shown] {
            return asset::openRoomForViewing(
                source.mesh, source.import, options.cacheDir, {}, asset::defaultImportLimits(), {},
                [&shown](asset::ViewableRoom room) { shown.set_value(std::move(room)); });
        });
        while (loaded.baking.wait_for(std::chrono::milliseconds(1)) != std::future_status::ready &&
               firstShowing.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        }
        asset::ViewableRoom room;
        if (firstShowing.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            room = firstShowing.get();
        } else {
            auto opened = loaded.baking.get();
            if (!opened) return opened.error();
            room = std::move(opened).value();
        }
        loaded.first = std::move(room.preview);
        loaded.cache = std::move(room.cache);
        loaded.geometry = std::make_shared<const asset::RoomMesh>(std::move(room.geometry));
        return loaded;
    }
    auto mesh = asset::importRoomMesh(source->mesh, source->import);
    if (!mesh) return mesh.error();
    loaded.first = std::move(mesh).value();
    return loaded;
}

// Seconds to read `file` from the page cache (read again at once, so it is there), or -1.
double pageCacheReadSeconds(const std::filesystem::path& file) {
    std::vector<char> buffer(size_t(16) << 20);
    double seconds = -1.0;
    for (int pass = 0; pass < 2; ++pass) {
        std::FILE* f = std::fopen(file.c_str(), "rb");
        if (!f) return -1.0;
        const auto start = Clock::now();
        while (std::fread(buffer.data(), 1, buffer.size(), f) == buffer.size()) {
        }
        seconds = secondsSince(start);
        std::fclose(f);
    }
    return seconds;
}

core::Result<view::Camera> cameraFor(const Loaded& loaded, const asset::RoomMesh& mesh,
                                     const BenchOptions& o) {
    return app::startingCamera(loaded.source, mesh, "", 60.0f, float(o.width) / float(o.height));
}

core::Status createScene(const BenchOptions& options, Scene& scene) {
    auto context = gpu::Context::create({});
    if (!context) return context.error();
    scene.context = std::move(context).value();
    render::RendererSettings settings;
    settings.maxSamples = options.samples;
    settings.maxAnisotropy = options.anisotropy;
    settings.encodedColor = options.encodedColor;
    scene.renderer = std::make_unique<render::Renderer>(*scene.context, settings);
    scene.target.emplace(scene.renderer->createTarget(options.width, options.height));
    VkDevice device = scene.context->device();
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.queueFamilyIndex = scene.context->queueFamily();
    VkCommandPool pool;
    SR_VK_CHECK(vkCreateCommandPool(device, &poolInfo, nullptr, &pool));
    scene.framePool = gpu::CommandPool(device, pool);
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    SR_VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &scene.frameCommands));
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence;
    SR_VK_CHECK(vkCreateFence(device, &fenceInfo, nullptr, &fence));
    scene.frameFence = gpu::Fence(device, fence);
    return {};
}

void addFigures(BenchReport& report, const render::FrameStats& stats, const Scene& scene) {
    report.device = scene.context->caps().name;
    report.samples = uint32_t(scene.renderer->samples());
    report.encodedColor = scene.renderer->settings().encodedColor;
    report.frames = stats.count();
    report.meanMs = stats.meanMs();
    report.p50Ms = stats.percentileMs(50);
    report.p95Ms = stats.percentileMs(95);
    report.p99Ms = stats.percentileMs(99);
    report.gpuMemoryMb = double(scene.context->allocatedBytes()) / 1048576.0;
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    report.peakRssMb = double(usage.ru_maxrss) / 1024.0;
}

} // namespace

core::Result<BenchReport> runBench(const BenchOptions& options) {
    BenchReport report;
    report.path = pathName(options.path);
    report.width = options.width, report.height = options.height;
    const auto deviceStart = Clock::now();
    Scene scene;
    if (core::Status created = createScene(options, scene); !created) return created.error();
    report.deviceSeconds = secondsSince(deviceStart);

    if (options.path == LoadPath::Cache) {
        report.cacheMb = double(std::filesystem::file_size(options.input)) / 1048576.0;
        report.cacheReadSeconds = pageCacheReadSeconds(options.input);
    }
    const auto start = Clock::now();
    auto loaded = loadFirst(options);
    if (!loaded) return loaded.error();
    report.loadSeconds = secondsSince(start);
    report.room = loaded->source.id;
    // The camera stands where the viewer would put it: from full detail where it is in memory,
    // else from the first frame's coarse room (the floor found within a few millimetres).
    auto camera = cameraFor(*loaded, loaded->geometry ? *loaded->geometry : loaded->first, options);
    if (!camera) return camera.error();
    std::unique_ptr<render::GpuRoom> room = scene.renderer->uploadRoom(loaded->first);
    renderOne(scene, *room, *camera);
    report.firstFrameSeconds = report.fullDetailSeconds = secondsSince(start);
    report.firstTriangles = room->triangleCount();
    std::future<double> bvhSeconds;
    if (loaded->geometry) {
        // As the viewer does: the walking BVH is built after the first frame, on a thread of its
        // own, while frames are drawn.
        bvhSeconds = std::async(std::launch::async, [geometry = loaded->geometry] {
            const auto bvhStart = Clock::now();
            view::MeshBvh bvh(*geometry);
            return secondsSince(bvhStart);
        });
    }
    report.firstShowing = loaded->baking.valid();
    if (loaded->cache || report.firstShowing) {
        // As the viewer does: the full room uploads straight from the mapping on another thread
        // (after its bake, from a first showing) while frames of the preview keep coming; their
        // times show whether streaming hitches.
        auto detail = std::async(std::launch::async, [&]() -> std::unique_ptr<render::GpuRoom> {
            if (report.firstShowing) {
                auto baked = loaded->baking.get();
                if (!baked) {
                    core::logError(baked.error().describe());
                    return nullptr;
                }
                loaded->cache = std::move(baked->cache);
            }
            return scene.renderer->uploadRoom(*loaded->cache);
        });
        render::FrameStats streaming;
        view::Camera turning = *camera;
        while (detail.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            turning.yawDeg += 2.0f;
            const auto t = Clock::now();
            renderOne(scene, *room, turning);
            streaming.add(secondsSince(t));
        }
        report.streamingFrames = streaming.count();
        report.streamingP99Ms = streaming.count() > 0 ? streaming.percentileMs(99) : 0.0;
        report.streamingMaxMs = streaming.count() > 0 ? streaming.percentileMs(100) : 0.0;
        std::unique_ptr<render::GpuRoom> full = detail.get(); // the preview's frames have finished
        if (!full) return core::makeError(options.input.string(), "the room's bake failed");
        room = std::move(full);
        loaded->first = {};
        if (bvhSeconds.valid()) core::logInfo("walking BVH built in ", bvhSeconds.get(), " s");
        room->setCullSettings({options.cull, options.lodError});
        renderOne(scene, *room, *camera);
        report.fullDetailSeconds = secondsSince(start);
        report.cull = options.cull, report.lodError = options.lodError;
    }
    report.triangles = room->triangleCount();
    const render::FrameStats stats = lookAround(scene, *room, *camera, options.frames, report.trianglesDrawn);
    addFigures(report, stats, scene);
    return report;
}

std::string formatReportJson(const BenchReport& r) {
    char text[1536];
    std::snprintf(
        text, sizeof text,
        "{\"room\": \"%s\", \"path\": \"%s\", \"cull\": %s, \"lod_error\": %g, \"device\": \"%s\",\n"
        " \"size\": \"%ux%u\", \"samples\": %u, \"encoded\": %s,\n"
        " \"triangles\": %llu, \"first_frame_triangles\": %llu,\n"
        " \"triangles_drawn\": %llu, \"device_s\": %.3f, \"load_s\": %.3f, \"first_frame_s\": %.3f,\n"
        " \"full_detail_s\": %.3f, \"first_showing\": %s, \"frames\": %zu,\n"
        " \"frame_ms\": {\"mean\": %.2f, \"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f},\n"
        " \"streaming_frames\": %zu, \"streaming_frame_ms\": {\"p99\": %.2f, \"max\": %.2f},\n"
        " \"gpu_memory_mb\": %.1f, \"peak_rss_mb\": %.1f, \"cache_mb\": %.1f, \"cache_read_s\": %.3f}",
        r.room.c_str(), r.path.c_str(), r.cull ? "true" : "false", double(r.lodError), r.device.c_str(),
        r.width, r.height, r.samples, r.encodedColor ? "true" : "false", (unsigned long long)r.triangles,
        (unsigned long long)r.firstTriangles, (unsigned long long)r.trianglesDrawn, r.deviceSeconds,
        r.loadSeconds, r.firstFrameSeconds, r.fullDetailSeconds, r.firstShowing ? "true" : "false", r.frames,
        r.meanMs, r.p50Ms, r.p95Ms, r.p99Ms, r.streamingFrames, r.streamingP99Ms, r.streamingMaxMs,
        r.gpuMemoryMb, r.peakRssMb, r.cacheMb, r.cacheReadSeconds);
    return text;
}

} // namespace sr::bench
