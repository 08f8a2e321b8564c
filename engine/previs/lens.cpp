#include "previs/lens.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace sr::previs {

namespace {
// Focal lengths as each maker lists the set or range.
const std::vector<LensPreset>& presets() {
    static const std::vector<LensPreset> kPresets{
        {"standard-primes", "Standard prime set", {18, 25, 32, 40, 50, 75, 100, 135}},
        {"master-primes",
         "ARRI/ZEISS Master Prime set",
         {12, 14, 16, 18, 21, 25, 27, 32, 35, 40, 50, 65, 75, 100, 135, 150}},
        {"cooke-s4i",
         "Cooke S4/i prime set",
         {12, 14, 16, 18, 21, 25, 27, 32, 35, 40, 50, 65, 75, 100, 135, 150, 180, 300}},
        {"optimo-15-40", "Angenieux Optimo 15-40", {}, 15.0f, 40.0f},
        {"optimo-24-290", "Angenieux Optimo 24-290", {}, 24.0f, 290.0f},
        {"premista-28-100", "Fujinon Premista 28-100", {}, 28.0f, 100.0f},
        {"premista-80-250", "Fujinon Premista 80-250", {}, 80.0f, 250.0f},
        // Apple quotes "24 mm" (full-frame equivalent); the lens itself is 6.86 mm (EXIF).
        {"iphone-15-pro-main", "iPhone 15 Pro main camera lens", {6.86f}},
    };
    return kPresets;
}
} // namespace

std::span<const LensPreset> lensPresets() { return presets(); }

const LensPreset* findLensPreset(std::string_view id) {
    for (const LensPreset& lens : presets())
        if (lens.id == id) return &lens;
    return nullptr;
}

float nearestFocalLength(const LensPreset& lens, float requestedMm) {
    if (lens.isZoom()) {
        if (std::isnan(requestedMm)) return lens.zoomMinMm;
        return std::clamp(requestedMm, lens.zoomMinMm, lens.zoomMaxMm);
    }
    float best = lens.primesMm.front();
    for (float prime : lens.primesMm)
        if (std::abs(prime - requestedMm) < std::abs(best - requestedMm)) best = prime;
    return best;
}

float circleOfConfusionMm(const Filmback& filmback, float divisor) { return filmback.diagonalMm() / divisor; }

DepthOfField depthOfField(float focalLengthMm, float fStop, float focusDistanceM, float circleOfConfusionMm) {
    assert(focalLengthMm > 0.0f && fStop > 0.0f && circleOfConfusionMm > 0.0f);
    assert(double(focusDistanceM) * 1000.0 > double(focalLengthMm));
    // Millimetres throughout, metres on the way out.
    const double f = focalLengthMm;
    const double s = double(focusDistanceM) * 1000.0;
    const double hyperfocal = f * f / (double(fStop) * double(circleOfConfusionMm)) + f;
    DepthOfField dof;
    dof.hyperfocalM = hyperfocal / 1000.0;
    dof.nearM = s * (hyperfocal - f) / (hyperfocal + s - 2.0 * f) / 1000.0;
    if (s < hyperfocal) {
        dof.farM = s * (hyperfocal - f) / (hyperfocal - s) / 1000.0;
        dof.totalM = dof.farM - dof.nearM;
    } else {
        dof.farM = std::numeric_limits<double>::infinity();
        dof.totalM = dof.farM;
    }
    return dof;
}

} // namespace sr::previs
