#pragma once
// stillroom-bench's measurements: load a room one of three ways, draw its first frame, bring it to
// full detail, then time a scripted look-around, headless.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"

namespace sr::bench {

// How the room reaches the renderer.
enum class LoadPath {
    Raw,    // importRoomMesh on the mesh file, as before room caches
    Viewer, // as the viewer opens a room (asset::openRoomForViewing: a fresh cache if any, else import
            // and bake, shown from its first showing meanwhile), first frame from the preview while
            // the walking BVH is built on another thread, then the cache at full detail
    Cache,  // a .srcache file: coarse first frame from its simplest level and small mips, then full detail
};

struct BenchOptions {
    std::filesystem::path input; // exhibit folder, mesh file or .srcache file
    std::string room;            // exhibit room id (default: the first)
    std::string up, units;       // how to read a bare mesh file (empty: as the viewer, +Y and metres)
    LoadPath path = LoadPath::Raw;
    std::filesystem::path cacheDir; // for LoadPath::Viewer
    uint32_t width = 1280, height = 720;
    int frames = 60;
    uint32_t samples = 4;
    float anisotropy = 0.0f;
    bool encodedColor = false; // draw in sRGB-encoded space, as a window on a CPU device does
    uint32_t firstLevel = 16;  // LoadPath::Cache: level of detail of the first frame (clamped per chunk)
    uint32_t firstTextureSize = 256; // LoadPath::Cache: largest mip uploaded for the first frame
    bool cull = true;                // Cache and Viewer: frustum culling of chunks and clusters
    float lodError = 0.001f; // Cache and Viewer: screen error allowed (fraction of the height); 0 full detail
};

struct BenchReport {
    std::string room, path, device;
    bool cull = false;           // frustum culling was on (a cache only)
    float lodError = 0.0f;       // screen error allowed to levels of detail (a cache only)
    uint64_t triangles = 0;      // at full detail
    uint64_t firstTriangles = 0; // in the first frame
    uint64_t trianglesDrawn = 0; // per look-around frame, on average
    uint32_t width = 0, height = 0, samples = 0;
    bool encodedColor = false;
    double deviceSeconds = 0.0;     // creating the Vulkan device and pipelines (before the clock starts)
    double loadSeconds = 0.0;       // until the first frame's mesh is in memory
    double firstFrameSeconds = 0.0; // until the first frame is rendered
    double fullDetailSeconds = 0.0; // until a frame at full detail is rendered
    size_t frames = 0;
    double meanMs = 0.0, p50Ms = 0.0, p95Ms = 0.0, p99Ms = 0.0;
    double gpuMemoryMb = 0.0, peakRssMb = 0.0;
    bool firstShowing = false;  // the viewer path: a first showing drawn while the room was baked
    size_t streamingFrames = 0; // preview frames drawn while the full room was baked and uploaded
    double streamingP99Ms = 0.0, streamingMaxMs = 0.0;
    double cacheMb = 0.0;           // the cache file's size (LoadPath::Cache)
    double cacheReadSeconds = -1.0; // reading it from the page cache with read() (LoadPath::Cache)
};

// Runs the measurement. Errors name the file that could not be loaded.
core::Result<BenchReport> runBench(const BenchOptions& options);

// The report as one JSON object (times in seconds, frame times in milliseconds).
std::string formatReportJson(const BenchReport& report);

} // namespace sr::bench
