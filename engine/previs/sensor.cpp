#include "previs/sensor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sr::previs {

namespace {
// Published recording-area sizes. Each comment names the figure used and where it is published.
const std::array<Sensor, 10> kSensorPresets{{
    // Super 35 film, 4-perf full camera aperture: 0.980 x 0.735 in = 24.89 x 18.66 mm, the Super 35
    // gate as film camera makers and lens coverage charts publish it.
    {"super35", "Super 35 (4-perf full aperture)", 24.89f, 18.66f},
    // 135 film and "full frame" stills sensors: 36 x 24 mm.
    {"full-frame", "Full frame (36 x 24)", 36.0f, 24.0f},
    // ARRI ALEXA Mini data sheet: 3.4K Open Gate, 3424 x 2202 photosites, 28.25 x 18.17 mm.
    {"alexa-mini", "ARRI ALEXA Mini (3.4K Open Gate)", 28.25f, 18.17f},
    // ARRI ALEXA Mini data sheet: 2.8K/HD 16:9, 2880 x 1620 photosites, 23.76 x 13.37 mm.
    {"alexa-mini-16x9", "ARRI ALEXA Mini (2.8K 16:9)", 23.76f, 13.37f},
    // ARRI ALEXA Mini LF data sheet: LF Open Gate, 4448 x 3096 photosites, 36.70 x 25.54 mm.
    {"alexa-mini-lf", "ARRI ALEXA Mini LF (LF Open Gate)", 36.70f, 25.54f},
    // ARRI ALEXA 35 data sheet: 4.6K Open Gate, 4608 x 3164 photosites, 27.99 x 19.22 mm.
    {"alexa-35", "ARRI ALEXA 35 (4.6K Open Gate)", 27.99f, 19.22f},
    // RED V-RAPTOR 8K VV specifications: 8192 x 4320, 40.96 x 21.60 mm (46.31 mm diagonal).
    {"red-v-raptor-vv", "RED V-RAPTOR 8K VV", 40.96f, 21.60f},
    // Sony VENICE specifications: 6K 3:2 full frame imager, 36.2 x 24.1 mm.
    {"sony-venice", "Sony VENICE (6K 3:2)", 36.2f, 24.1f},
    // Blackmagic URSA Mini Pro 4.6K G2 technical specifications: 25.34 x 14.25 mm (Super 35).
    {"ursa-mini-pro-46k", "Blackmagic URSA Mini Pro 4.6K G2", 25.34f, 14.25f},
    // iPhone 15 Pro main camera: Apple publishes 48 MP with 1.22 um pixels (2.44 um quad pixels),
    // not the size; 8064 x 6048 photosites x 1.22 um = 9.84 x 7.38 mm (the "1/1.28-inch" type).
    {"iphone-15-pro-main", "iPhone 15 Pro main camera (48 MP)", 9.84f, 7.38f},
}};

constexpr double kDegPerRad = 180.0 / std::numbers::pi;
} // namespace

float Sensor::diagonalMm() const { return std::hypot(widthMm, heightMm); }
float Filmback::diagonalMm() const { return std::hypot(widthMm, heightMm); }

std::span<const Sensor> sensorPresets() { return kSensorPresets; }

const Sensor* findSensorPreset(std::string_view id) {
    for (const Sensor& sensor : kSensorPresets)
        if (sensor.id == id) return &sensor;
    return nullptr;
}

Sensor customSensor(float widthMm, float heightMm, std::string name) {
    return Sensor{"custom", std::move(name), widthMm, heightMm};
}

bool isValidSensorSize(float widthMm, float heightMm) {
    const auto valid = [](float mm) { return std::isfinite(mm) && mm >= kMinSensorMm && mm <= kMaxSensorMm; };
    return valid(widthMm) && valid(heightMm);
}

Filmback croppedFilmback(const Sensor& sensor, float outputAspect) {
    if (!(outputAspect > 0.0f) || !std::isfinite(outputAspect)) return {sensor.widthMm, sensor.heightMm};
    if (outputAspect >= sensor.aspect()) return {sensor.widthMm, sensor.widthMm / outputAspect};
    return {sensor.heightMm * outputAspect, sensor.heightMm};
}

float angleOfViewDeg(float extentMm, float focalLengthMm) {
    return float(2.0 * std::atan(double(extentMm) / (2.0 * double(focalLengthMm))) * kDegPerRad);
}

float focalLengthForAngle(float extentMm, float angleDeg) {
    return float(double(extentMm) / (2.0 * std::tan(double(angleDeg) / kDegPerRad * 0.5)));
}

FieldOfView fieldOfView(const Filmback& filmback, float focalLengthMm) {
    return FieldOfView{angleOfViewDeg(filmback.widthMm, focalLengthMm),
                       angleOfViewDeg(filmback.heightMm, focalLengthMm),
                       angleOfViewDeg(filmback.diagonalMm(), focalLengthMm)};
}

float cropFactor(const Filmback& filmback) { return kFullFrameDiagonalMm / filmback.diagonalMm(); }

} // namespace sr::previs
