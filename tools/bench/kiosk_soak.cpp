// stillroom-kiosk-soak: the kiosk headless for many frames of scripted random touches on a driven
// clock (taps on cards, hotspots and anywhere, drags, long presses, long idle stretches that bring
// the prompt, the reset and the attract loop), every frame rendered. Resident memory is sampled
// whenever the kiosk rests on its home screen (nothing of a room or photo held), after giving freed
// heap back to the system, so what remains is what is still in use. Prints JSON, and exits 1 when
// the last samples after warm-up are more than --max-growth percent above the first ones, or the
// validation layer reported anything.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <fstream>
#include <random>
#include <string>

#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "app/kiosk.h"
#include "core/log.h"
#include "gpu/context.h"

namespace {
double residentMb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// One "Name:   123 kB" field of /proc/self/status, in MiB (RssAnon: the process's own memory;
// RssFile: pages of mapped files and libraries, which the kernel may drop and read again).
double statusMb(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string name;
    double kb = 0.0;
    while (status >> name) {
        if (name == field + ":" && status >> kb) return kb / 1024.0;
        status.ignore(4096, '\n');
    }
    return 0.0;
}

sr::platform::InputEvent pointer(sr::platform::EventType type, double t, float x, float y) {
    sr::platform::InputEvent e;
    e.type = type;
    e.time = t;
    e.x = x;
    e.y = y;
    return e;
}

// One visitor's gesture starting at `t`, queued as events with their times.
void gesture(std::mt19937& random, double t, uint32_t w, uint32_t h,
             std::vector<sr::platform::InputEvent>& out) {
    using sr::platform::EventType;
    std::uniform_real_distribution<float> x(0.0f, float(w)), y(0.0f, float(h));
    const float x0 = x(random), y0 = y(random);
    switch (random() % 4) {
    case 0: // tap
        out.push_back(pointer(EventType::PointerDown, t, x0, y0));
        out.push_back(pointer(EventType::PointerUp, t + 0.1, x0, y0));
        break;
    case 1: { // drag
        const float x1 = x(random), y1 = y(random);
        out.push_back(pointer(EventType::PointerDown, t, x0, y0));
        for (int i = 1; i <= 8; ++i)
            out.push_back(pointer(EventType::PointerMove, t + 0.05 * i, x0 + (x1 - x0) * i / 8,
                                  y0 + (y1 - y0) * i / 8));
        out.push_back(pointer(EventType::PointerUp, t + 0.5, x1, y1));
        break;
    }
    case 2: // a long press (walks towards the floor in a room)
        out.push_back(pointer(EventType::PointerDown, t, x0, y0));
        out.push_back(pointer(EventType::PointerUp, t + 1.5, x0, y0));
        break;
    default: { // the wheel
        auto e = pointer(EventType::Scroll, t, x0, y0);
        e.scrollY = (random() % 2) ? 1.0f : -1.0f;
        out.push_back(e);
        break;
    }
    }
}
} // namespace

int main(int argc, char** argv) try {
    CLI::App cli{"Run the kiosk headless for many frames of random touches and check memory stays flat."};
    std::string exhibitPath;
    size_t frames = 100000;
    unsigned width = 320, height = 180, seed = 1;
    double fps = 30.0, maxGrowth = 2.0;
    bool trace = false;
    cli.add_option("EXHIBIT", exhibitPath, "Exhibit folder")->required();
    cli.add_option("--frames", frames, "Frames to run")->capture_default_str();
    cli.add_option("--width", width)->capture_default_str();
    cli.add_option("--height", height)->capture_default_str();
    cli.add_option("--seed", seed)->capture_default_str();
    cli.add_flag("--trace", trace,
                 "Print each at-home memory sample as it is taken (frame, loops, RSS, heap in use)");
    bool noValidation = false;
    cli.add_flag("--no-validation", noValidation,
                 "Run without the validation layer (to tell the layer's own memory from ours)");
    cli.add_option("--max-growth", maxGrowth, "Allowed growth of resident memory after warm-up, percent")
        ->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    sr::core::setLogLevel(sr::core::LogLevel::Warning);
    auto exhibit = sr::app::loadViewerExhibit(exhibitPath);
    if (!exhibit) return sr::core::logError(exhibit.error().describe()), 2;
    sr::gpu::ContextOptions contextOptions;
    contextOptions.validation = !noValidation;
    auto context = sr::gpu::Context::create(contextOptions);
    if (!context) return sr::core::logError(context.error().describe()), 2;
    double peak = 0.0, end = 0.0;
    std::vector<double> homeSamples; // after warm-up, at rest on the home screen
    const size_t warmUp = std::max(frames / 10, std::min<size_t>(3000, frames / 2));
    double lastSample = -1e9, homeSince = -1.0;
    size_t prompts = 0, attracts = 0;
    {
        sr::render::Renderer renderer(**context);
        sr::ui::ImGuiLayer ui(**context);
        sr::app::KioskSettings settings;
        settings.idleSeconds = 20.0;
        settings.promptSeconds = 5.0;
        settings.attractAfterSeconds = 10.0;
        settings.attractStationSeconds = 4.0;
        sr::app::ExhibitSettings exhibitSettings;
        sr::app::KioskSession kiosk(renderer, ui, exhibitPath, std::move(exhibit).value(), settings,
                                    exhibitSettings, 0.0);
        kiosk.setViewport(width, height);
        sr::gpu::OffscreenTarget target = renderer.createTarget(width, height);
        std::mt19937 random(seed);
        std::vector<sr::platform::InputEvent> queue;
        double nextGesture = 2.0;
        auto previous = kiosk.state();
        for (size_t frame = 0; frame < frames; ++frame) {
            const double now = double(frame) / fps;
            if (now >= nextGesture) {
                gesture(random, now, width, height, queue);
                // Mostly a visitor every few seconds; now and then nobody for a long while.
                nextGesture = now + ((random() % 10 == 0) ? 30.0 + double(random() % 60)
                                                          : 0.5 + double(random() % 40) / 10.0);
            }
            while (!queue.empty() && queue.front().time <= now) {
                kiosk.handle(queue.front());
                queue.erase(queue.begin());
            }
            kiosk.update(now);
            if (kiosk.state() != previous) {
                prompts += kiosk.state() == sr::app::KioskSession::State::Prompting;
                attracts += kiosk.state() == sr::app::KioskSession::State::Attract;
                previous = kiosk.state();
            }
            kiosk.prepareFrame(width, height);
            (*context)->submitAndWait(
                [&](VkCommandBuffer cmd) { kiosk.record(cmd, target, float(1.0 / fps)); });
            if (frame % 30 == 0) peak = std::max(peak, residentMb());
            const bool home = kiosk.location() == "home" && kiosk.exhibit().homeReady();
            if (!home)
                homeSince = -1.0;
            else if (homeSince < 0.0)
                homeSince = now;
            if (frame >= warmUp && home && now - homeSince >= 1.0 && now - lastSample >= 20.0) {
                malloc_trim(0);
                homeSamples.push_back(residentMb());
                lastSample = now;
                if (trace) {
                    const struct mallinfo2 heap = mallinfo2();
                    std::fprintf(stderr,
                                 "sample frame %zu prompts %zu attract_loops %zu rss_mb %.1f anon_mb %.1f "
                                 "file_mb %.1f heap_mb %.1f mmap_mb %.1f\n",
                                 frame, prompts, attracts, homeSamples.back(), statusMb("RssAnon"),
                                 statusMb("RssFile"), double(heap.uordblks) / 1048576.0,
                                 double(heap.hblkhd) / 1048576.0);
                }
            }
        }
        end = residentMb();
    }
    // The first and the last few samples, averaged.
    auto meanOf = [&](size_t from, size_t to) {
        double sum = 0.0;
        for (size_t i = from; i < to; ++i) sum += homeSamples[i];
        return to > from ? sum / double(to - from) : 0.0;
    };
    const size_t n = homeSamples.size(), k = std::max<size_t>(1, std::min<size_t>(3, n / 3));
    const double first = meanOf(0, std::min(k, n)), last = meanOf(n - std::min(k, n), n);
    const double growth = first > 0.0 ? 100.0 * (last - first) / first : 0.0;
    const size_t errors = sr::gpu::validationErrorCount();
    std::printf(
        "{\"frames\": %zu, \"size\": \"%ux%u\", \"seed\": %u, \"prompts\": %zu, \"attract_loops\": %zu,\n"
        " \"rss_mb\": {\"peak\": %.1f, \"end\": %.1f, \"at_home_first\": %.1f, \"at_home_last\": %.1f, "
        "\"home_samples\": %zu},\n"
        " \"growth_percent\": %.2f, \"validation_errors\": %zu}\n",
        frames, width, height, seed, prompts, attracts, peak, end, first, last, n, growth, errors);
    if (n < 2) sr::core::logWarning("too few rests on the home screen to compare; run more frames");
    return growth > maxGrowth || errors > 0 ? 1 : 0;
} catch (const std::exception& e) {
    sr::core::logError("unexpected failure: ", e.what());
    return 1;
}
