#pragma once
// Lens presets (prime sets and zoom ranges) and depth of field. Focal lengths in millimetres,
// distances in metres measured from the focal plane (the sensor), apertures as f-numbers.
// Pure functions over constant tables: any thread.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "previs/sensor.h"

namespace sr::previs {

// Focal lengths outside this range (mm) are refused: wider than any rectilinear cine lens, or
// longer than any lens a previs would plan for.
inline constexpr float kMinFocalLengthMm = 1.0f;
inline constexpr float kMaxFocalLengthMm = 2000.0f;
inline constexpr float kMinFStop = 0.5f;
inline constexpr float kMaxFStop = 128.0f;

// A set of primes (several fixed focal lengths) or a zoom (a continuous range).
struct LensPreset {
    std::string id;              // "master-primes"
    std::string name;            // "ARRI/ZEISS Master Prime set"
    std::vector<float> primesMm; // ascending; empty for a zoom
    float zoomMinMm = 0.0f;      // zoom only
    float zoomMaxMm = 0.0f;      // zoom only

    bool isZoom() const { return primesMm.empty(); }
};

// The presets, in a fixed order.
std::span<const LensPreset> lensPresets();
// The preset with `id`, or nullptr.
const LensPreset* findLensPreset(std::string_view id);
// The focal length the lens can actually give for `requestedMm`: the nearest prime of a set (the
// shorter on a tie), or the request clamped to a zoom's range. NaN gives the set's first prime or
// the zoom's shortest end.
float nearestFocalLength(const LensPreset& lens, float requestedMm);

// The largest blur spot, in mm on the sensor, still seen as sharp: the filmback's diagonal over
// `divisor` (1500 is the traditional rule: 0.029 mm for full frame, 0.02 mm for Super 35).
inline constexpr float kCircleOfConfusionDivisor = 1500.0f;
float circleOfConfusionMm(const Filmback& filmback, float divisor = kCircleOfConfusionDivisor);

// Depth of field for a thin lens, distances in metres from the focal plane. farM and totalM are
// +infinity when focus is at or beyond the hyperfocal distance.
struct DepthOfField {
    double hyperfocalM = 0.0;
    double nearM = 0.0;  // nearest distance in acceptable focus
    double farM = 0.0;   // farthest distance in acceptable focus
    double totalM = 0.0; // farM - nearM
};

// The standard formulas (as DOF calculators use them), with f the focal length, N the f-number,
// c the circle of confusion and s the focus distance:
//   H = f^2 / (N c) + f,  near = s (H - f) / (H + s - 2f),  far = s (H - f) / (H - s) for s < H.
// Preconditions: every argument finite and > 0 and the focus beyond the focal length.
DepthOfField depthOfField(float focalLengthMm, float fStop, float focusDistanceM, float circleOfConfusionMm);

} // namespace sr::previs
