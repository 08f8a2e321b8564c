// Fuzz target: the exhibit manifest, parsed and checked from untrusted bytes (scene/manifest.h),
// then the lookups the viewer makes on what loaded. Named files are looked for under a folder
// that does not exist, so nothing on disk is read or written.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/log.h"
#include "scene/exhibit.h"
#include "scene/manifest.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Quiet unless SR_FUZZ_VERBOSE is set (to read the log of one input).
    sr::core::setLogQuiet(std::getenv("SR_FUZZ_VERBOSE") == nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace sr::scene;
    auto loaded = loadExhibitFromText(std::span(data, size), "/nonexistent/stillroom-fuzz/exhibit");
    if (!loaded) return 0;
    for (const Problem& problem : loaded->problems) (void)problem.describe();
    (void)loaded->hasErrors();
    const Exhibit& exhibit = loaded->exhibit;
    for (const Room& room : exhibit.rooms) {
        if (findRoom(exhibit, room.id) == nullptr) __builtin_trap();
        (void)upAxisName(room.up);
        for (const Station& station : room.stations) {
            if (findStation(room, station.id) == nullptr) __builtin_trap();
        }
        for (const Hotspot& hotspot : room.hotspots) {
            if (findHotspot(room, hotspot.id) == nullptr) __builtin_trap();
        }
    }
    if (exhibit.kiosk) (void)attractModeName(exhibit.kiosk->attract);
    return 0;
}
