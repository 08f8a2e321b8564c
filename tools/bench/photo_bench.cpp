// stillroom-photo-bench: open one photograph in the lightbox over a room, headless, as a visitor's
// tap would, then zoom to one photo pixel per screen pixel and pan; prints JSON with the time from
// the tap to the photo fully shown, frame times while zooming, GPU texture memory and peak RSS.
// --make WxH only writes a synthetic photograph of that size (a 100-megapixel JPEG: 12000x8400).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <vector>

#include <stb_image_write.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "app/room_session.h"
#include "app/room_source.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/frame_stats.h"

namespace {
using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A photograph-like test image: soft gradients with fine detail, so JPEG has real work to do.
bool writeSyntheticPhoto(const std::string& path, unsigned width, unsigned height) {
    std::vector<unsigned char> rgb(size_t(width) * height * 3);
    for (unsigned y = 0; y < height; ++y) {
        unsigned char* row = rgb.data() + size_t(y) * width * 3;
        for (unsigned x = 0; x < width; ++x) {
            const float u = float(x) / float(width), v = float(y) / float(height);
            const float fine = 0.5f + 0.5f * std::sin(float(x) * 0.37f) * std::cos(float(y) * 0.23f);
            row[x * 3 + 0] = static_cast<unsigned char>(90 + 120 * u + 30 * fine);
            row[x * 3 + 1] = static_cast<unsigned char>(80 + 100 * v + 30 * fine);
            row[x * 3 + 2] = static_cast<unsigned char>(70 + 60 * (1 - u) + 30 * fine);
        }
    }
    return stbi_write_jpg(path.c_str(), int(width), int(height), 3, rgb.data(), 90) != 0;
}

double peakRssMb() {
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}
} // namespace

int main(int argc, char** argv) try {
    CLI::App cli{"Open a photograph in the lightbox over a room headless and measure it. Prints JSON."};
    std::string input, photo, make;
    unsigned width = 1280, height = 720;
    cli.add_option("ROOM", input, "Exhibit folder or mesh file to stand in")->required();
    cli.add_option("PHOTO", photo, "The photograph (JPEG or PNG)")->required();
    cli.add_option("--make", make, "Only write a synthetic JPEG of WIDTHxHEIGHT pixels to PHOTO, then stop");
    CLI11_PARSE(cli, argc, argv);
    if (!make.empty()) {
        unsigned w = 0, h = 0;
        if (std::sscanf(make.c_str(), "%ux%u", &w, &h) != 2 || !w || !h)
            return sr::core::logError("--make WxH"), 2;
        if (!writeSyntheticPhoto(photo, w, h)) return sr::core::logError(photo, ": cannot write"), 1;
        std::printf("wrote %s (%ux%u); run again without --make to measure it\n", photo.c_str(), w, h);
        return 0; // measured in a run of its own, so the synthetic image's buffer is not in the peak
    }
    auto source = sr::app::resolveRoomSource(input, "", "", "");
    if (!source) return sr::core::logError(source.error().describe()), 1;
    sr::scene::Hotspot hotspot;
    hotspot.id = "bench";
    hotspot.title = "Benchmark photograph";
    hotspot.caption = photo;
    hotspot.photos.push_back({photo, photo});
    source->hotspots = {hotspot};
    const double rssBeforeRoom = peakRssMb();
    auto context = sr::gpu::Context::create({});
    if (!context) return sr::core::logError(context.error().describe()), 1;
    sr::render::Renderer renderer(**context);
    sr::ui::ImGuiLayer ui(**context);
    sr::app::ViewerSettings settings;
    settings.glideToHotspotView = false;
    auto session = sr::app::RoomSession::open(renderer, ui, *source, settings, 0.0);
    if (!session) return sr::core::logError(session.error().describe()), 1;
    sr::app::RoomSession& room = **session;
    room.viewer().setViewport(width, height);
    // One target for every frame, as a window keeps its own.
    sr::gpu::OffscreenTarget target = renderer.createTarget(width, height);
    auto draw = [&] {
        room.prepareFrame(width, height);
        (*context)->submitAndWait([&](VkCommandBuffer cmd) { room.record(cmd, target, 1 / 30.0f); });
    };
    draw();
    const double rssWithRoom = peakRssMb();

    // The tap: frames are drawn as a window would draw them until the photo stands at full opacity.
    const auto tap = Clock::now();
    room.viewer().openHotspot(0);
    sr::render::FrameStats opening;
    while (secondsSince(tap) < 120.0) {
        room.update(secondsSince(tap));
        const auto frame = Clock::now();
        draw();
        opening.add(secondsSince(frame));
        const sr::app::Lightbox* box = room.lightbox();
        if (box && (box->error() || (box->photo() && box->opacity() >= 1.0f))) break;
    }
    const double shownSeconds = secondsSince(tap);
    sr::app::Lightbox* box = room.lightbox();
    if (!box || !box->photo()) return sr::core::logError(photo, ": the photograph was not shown"), 1;

    // Zoom to 1:1 about the middle and pan across: tiles stream in a few per frame.
    sr::render::FrameStats zooming;
    const glm::vec4 r = box->layout().rect;
    const glm::vec2 middle((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
    box->zoomAbout(1.0f / box->layout().scale, middle);
    for (int i = 0; i < 40; ++i) {
        if (i >= 10) box->zoomAbout(1.0f, middle + glm::vec2(float(i - 10) * 20.0f, 0.0f));
        const auto frame = Clock::now();
        draw();
        zooming.add(secondsSince(frame));
    }
    std::printf("{\"photo\": \"%s\", \"megapixels\": %.1f, \"size\": \"%ux%u\",\n"
                " \"tap_to_shown_s\": %.3f, \"opening_frames\": %zu, \"opening_frame_ms_p95\": %.1f,\n"
                " \"zoomed_scale\": %.3f, \"zoom_frame_ms\": {\"p50\": %.1f, \"p95\": %.1f, \"max\": %.1f},\n"
                " \"lightbox_gpu_mb\": %.1f, \"gpu_memory_mb\": %.1f,\n"
                " \"peak_rss_mb\": {\"before_device\": %.1f, \"with_room\": %.1f, \"with_photo\": %.1f}}\n",
                photo.c_str(), double(box->photo()->width(0)) * box->photo()->height(0) / 1e6, width, height,
                shownSeconds, opening.count(), opening.percentileMs(95), box->layout().scale,
                zooming.percentileMs(50), zooming.percentileMs(95), zooming.percentileMs(100),
                double(room.lightboxView()->textureBytes()) / 1048576.0,
                double((*context)->allocatedBytes()) / 1048576.0, rssBeforeRoom, rssWithRoom, peakRssMb());
    return 0;
} catch (const std::exception& e) {
    sr::core::logError("unexpected failure: ", e.what());
    return 1;
}
