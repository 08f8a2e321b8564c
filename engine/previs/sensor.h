#pragma once
// Camera sensors (film gates), the part of one that makes the delivered picture, and the field of
// view a lens gives on it. Sizes in millimetres, angles in degrees, aspect = width / height.
//
// Fields of view use the thin-lens model focused at infinity: a lens of focal length f over an
// image w wide sees 2 * atan(w / 2f). Focus breathing and anamorphic squeeze are not modelled.
// Pure functions over constant tables: any thread.
#include <span>
#include <string>
#include <string_view>

namespace sr::previs {

// Smallest and largest sensor side accepted, in millimetres (a phone sensor to large format).
inline constexpr float kMinSensorMm = 1.0f;
inline constexpr float kMaxSensorMm = 100.0f;
// The diagonal of a 36 x 24 mm full-frame image, for crop factors and "equivalent" focal lengths.
inline constexpr float kFullFrameDiagonalMm = 43.2666f;

// A recording area: a camera's sensor in one of its recording modes, or a film gate.
struct Sensor {
    std::string id;   // preset id ("alexa-mini-lf"), or "custom"
    std::string name; // for people: "ARRI ALEXA Mini LF (LF Open Gate)"
    float widthMm = 36.0f;
    float heightMm = 24.0f;

    float aspect() const { return widthMm / heightMm; }
    float diagonalMm() const;
};

// The presets, in a fixed order, each with the maker's published size (see sensor.cpp for the
// source of every figure).
std::span<const Sensor> sensorPresets();
// The preset with `id`, or nullptr.
const Sensor* findSensorPreset(std::string_view id);
// A sensor of the given size with id "custom". No checks; see isValidSensorSize.
Sensor customSensor(float widthMm, float heightMm, std::string name = "Custom");
// Whether both sides are finite and within [kMinSensorMm, kMaxSensorMm].
bool isValidSensorSize(float widthMm, float heightMm);

// The area of the sensor that makes the delivered picture, in millimetres.
struct Filmback {
    float widthMm = 36.0f;
    float heightMm = 24.0f;

    float aspect() const { return widthMm / heightMm; }
    float diagonalMm() const;
};

// Smallest and largest delivery aspect accepted (1.0 square to 4.0 beyond any scope format).
inline constexpr float kMinOutputAspect = 1.0f;
inline constexpr float kMaxOutputAspect = 4.0f;

// The largest centred rectangle of `outputAspect` (width / height) on the sensor: a wider aspect
// uses the full width and crops the height, a narrower one the full height and crops the width.
// `outputAspect` <= 0 (or not finite) means the sensor's own aspect: the whole sensor.
Filmback croppedFilmback(const Sensor& sensor, float outputAspect);

// Full angles of view in degrees.
struct FieldOfView {
    float horizontalDeg = 0.0f;
    float verticalDeg = 0.0f;
    float diagonalDeg = 0.0f;
};

// The field of view of a lens of `focalLengthMm` (> 0) over `filmback`.
FieldOfView fieldOfView(const Filmback& filmback, float focalLengthMm);
// The full angle in degrees that a lens of `focalLengthMm` (> 0) sees across `extentMm`.
float angleOfViewDeg(float extentMm, float focalLengthMm);
// The focal length in mm that sees the full angle `angleDeg` (in (0, 180)) across `extentMm`.
float focalLengthForAngle(float extentMm, float angleDeg);
// kFullFrameDiagonalMm / the filmback's diagonal: 1 for full frame, about 1.5 for Super 35.
float cropFactor(const Filmback& filmback);

} // namespace sr::previs
