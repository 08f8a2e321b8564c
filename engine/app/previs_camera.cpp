#include "app/previs_camera.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "previs/camera_pose.h"

namespace sr::app {
namespace {
constexpr std::array<float, 11> kFullStops{1.0f, 1.4f,  2.0f,  2.8f,  4.0f, 5.6f,
                                           8.0f, 11.0f, 16.0f, 22.0f, 32.0f};
constexpr float kZoomStep = 1.05f;

float wrapDegrees(float deg) {
    float d = std::fmod(deg, 360.0f);
    if (d <= -180.0f) d += 360.0f;
    if (d > 180.0f) d -= 360.0f;
    return d;
}

glm::mat4 viewportProjection(float verticalFovDeg, float aspect) {
    glm::mat4 p =
        glm::perspectiveRH_ZO(glm::radians(verticalFovDeg), aspect, kPrevisNearClipM, kPrevisFarClipM);
    p[1][1] *= -1.0f; // Vulkan clip space has +Y down
    return p;
}
} // namespace

std::span<const float> fullStops() { return kFullStops; }

PrevisView previsViewFor(const previs::Shot& shot, glm::vec2 viewportPx) {
    PrevisView view;
    view.viewport = glm::max(viewportPx, glm::vec2(1.0f));
    const previs::Filmback filmback = shot.filmback();
    view.picture = previs::fitAspect({0.0f, 0.0f, view.viewport.x, view.viewport.y}, filmback.aspect());
    // The lens's vertical angle spans the picture's height; the viewport's is wider by its height.
    const float lensHalf = std::tan(glm::radians(shot.fieldOfView().verticalDeg) * 0.5f);
    const float half = lensHalf * view.viewport.y / std::max(view.picture.height, 1.0f);
    view.viewportVerticalFovDeg = glm::degrees(2.0f * std::atan(half));
    view.frame.view = previs::viewMatrix(shot.pose);
    view.frame.projection =
        viewportProjection(view.viewportVerticalFovDeg, view.viewport.x / view.viewport.y);
    view.frame.eye = shot.pose.position;
    return view;
}

glm::vec3 rayThroughPixel(const PrevisView& view, glm::vec2 pixel) {
    // In view space (-Z forward, +Y up), then turned into the world by the view's rotation.
    const glm::vec2 ndc = 2.0f * pixel / view.viewport - 1.0f;
    const float tanHalf = std::tan(glm::radians(view.viewportVerticalFovDeg) * 0.5f);
    const glm::vec3 inView(ndc.x * tanHalf * view.viewport.x / view.viewport.y, -ndc.y * tanHalf, -1.0f);
    return glm::normalize(glm::transpose(glm::mat3(view.frame.view)) * inView);
}

std::optional<glm::vec2> projectToPixel(const PrevisView& view, const glm::vec3& point) {
    const glm::vec4 clip = view.frame.projection * view.frame.view * glm::vec4(point, 1.0f);
    if (clip.w < kPrevisNearClipM) return std::nullopt;
    return (glm::vec2(clip) / clip.w + 1.0f) * 0.5f * view.viewport;
}

std::optional<glm::vec4> projectSegment(const PrevisView& view, const glm::vec3& a, const glm::vec3& b) {
    const glm::mat4 viewProj = view.frame.projection * view.frame.view;
    glm::vec4 ca = viewProj * glm::vec4(a, 1.0f), cb = viewProj * glm::vec4(b, 1.0f);
    if (ca.w < kPrevisNearClipM && cb.w < kPrevisNearClipM) return std::nullopt;
    // Clip against w = near: the part behind the camera would project mirrored.
    if (ca.w < kPrevisNearClipM) ca += (cb - ca) * ((kPrevisNearClipM - ca.w) / (cb.w - ca.w));
    if (cb.w < kPrevisNearClipM) cb += (ca - cb) * ((kPrevisNearClipM - cb.w) / (ca.w - cb.w));
    const glm::vec2 pa = (glm::vec2(ca) / ca.w + 1.0f) * 0.5f * view.viewport;
    const glm::vec2 pb = (glm::vec2(cb) / cb.w + 1.0f) * 0.5f * view.viewport;
    return glm::vec4(pa, pb);
}

PrevisCamera::PrevisCamera(const view::MeshBvh& bvh, const previs::Shot& start) : mBvh(bvh), mWalker(bvh) {
    setShot(start);
}

void PrevisCamera::setShot(const previs::Shot& shot) {
    mShot = shot;
    mShot.name.clear();
    if (!previs::isValidRig(mShot.rig)) mShot.rig = previs::Rig{};
    mShot.fStop = std::clamp(mShot.fStop, previs::kMinFStop, previs::kMaxFStop);
    mShot.focalLengthMm =
        std::clamp(mShot.focalLengthMm, previs::kMinFocalLengthMm, previs::kMaxFocalLengthMm);
    clampFocus();
    mAngles = previs::panTiltRoll(mShot.pose.orientation);
    mShot.pose.orientation = previs::orientationFromPanTiltRoll(mAngles);
    mShot.pose.position = pushClear(mShot.pose.position);
}

void PrevisCamera::setSensor(const previs::Sensor& sensor) {
    if (previs::isValidSensorSize(sensor.widthMm, sensor.heightMm)) mShot.sensor = sensor;
}

void PrevisCamera::setOutputAspect(float aspect) {
    mShot.outputAspect = std::isfinite(aspect) && aspect > 0.0f
                             ? std::clamp(aspect, previs::kMinOutputAspect, previs::kMaxOutputAspect)
                             : 0.0f;
}

void PrevisCamera::setLens(const std::string& lensId) {
    mShot.lensId = previs::findLensPreset(lensId) ? lensId : std::string();
    setFocalLength(mShot.focalLengthMm);
}

void PrevisCamera::setFocalLength(float focalLengthMm) {
    if (!std::isfinite(focalLengthMm)) return;
    float mm = std::clamp(focalLengthMm, previs::kMinFocalLengthMm, previs::kMaxFocalLengthMm);
    if (const previs::LensPreset* lens = previs::findLensPreset(mShot.lensId))
        mm = previs::nearestFocalLength(*lens, mm);
    mShot.focalLengthMm = mm;
    clampFocus();
}

void PrevisCamera::stepFocalLength(int steps) {
    const previs::LensPreset* lens = previs::findLensPreset(mShot.lensId);
    if (lens && !lens->isZoom()) {
        const auto& primes = lens->primesMm;
        const auto current = std::find(primes.begin(), primes.end(), mShot.focalLengthMm);
        const int index = current == primes.end() ? 0 : int(current - primes.begin());
        mShot.focalLengthMm = primes[size_t(std::clamp(index + steps, 0, int(primes.size()) - 1))];
        clampFocus();
        return;
    }
    setFocalLength(mShot.focalLengthMm * std::pow(kZoomStep, float(steps)));
}

void PrevisCamera::setFStop(float fStop) {
    if (std::isfinite(fStop)) mShot.fStop = std::clamp(fStop, previs::kMinFStop, previs::kMaxFStop);
}

void PrevisCamera::stepFStop(int steps) {
    size_t nearest = 0;
    for (size_t i = 0; i < kFullStops.size(); ++i)
        if (std::abs(std::log(kFullStops[i] / mShot.fStop)) <
            std::abs(std::log(kFullStops[nearest] / mShot.fStop)))
            nearest = i;
    mShot.fStop = kFullStops[size_t(std::clamp(int(nearest) + steps, 0, int(kFullStops.size()) - 1))];
}

void PrevisCamera::setFocusDistance(float metres) {
    if (!std::isfinite(metres)) return;
    mShot.focusDistanceM = metres;
    clampFocus();
}

void PrevisCamera::clampFocus() {
    const float nearest = std::max(0.1f, 2.0f * mShot.focalLengthMm / 1000.0f);
    mShot.focusDistanceM = std::clamp(mShot.focusDistanceM, nearest, 1000.0f);
}

void PrevisCamera::setRig(const previs::Rig& rig) {
    if (!previs::isValidRig(rig)) return;
    mShot.rig = rig;
    // Onto the rig, but never through the scan on the way.
    mShot.pose.position = collide(mShot.pose.position, previs::clampToRig(rig, mShot.pose.position));
}

void PrevisCamera::setAngles(const previs::PanTiltRoll& angles) {
    if (!std::isfinite(angles.panDeg) || !std::isfinite(angles.tiltDeg) || !std::isfinite(angles.rollDeg))
        return;
    mAngles.panDeg = wrapDegrees(angles.panDeg);
    mAngles.tiltDeg = std::clamp(angles.tiltDeg, -90.0f, 90.0f);
    mAngles.rollDeg = wrapDegrees(angles.rollDeg);
    mShot.pose.orientation = previs::orientationFromPanTiltRoll(mAngles);
}

void PrevisCamera::turn(float panDeg, float tiltDeg, float rollDeg) {
    setAngles({mAngles.panDeg + panDeg, mAngles.tiltDeg + tiltDeg, mAngles.rollDeg + rollDeg});
}

glm::vec3 PrevisCamera::pushClear(glm::vec3 point) const {
    // Out of whatever the body's sphere touches, along the way to the nearest point: a move
    // along a wall keeps its part along the wall (it slides).
    for (int i = 0; i < 4; ++i) {
        const auto contact = mBvh.closestPoint(point, kBodyRadiusM);
        if (!contact) break;
        const glm::vec3 away = point - contact->point;
        const float distance = glm::length(away);
        if (distance < 1e-6f) break;
        point += away / distance * (kBodyRadiusM - distance + 1e-3f);
    }
    return point;
}

glm::vec3 PrevisCamera::collide(const glm::vec3& from, const glm::vec3& to) const {
    const glm::vec3 delta = to - from;
    const int steps = std::max(1, int(std::ceil(glm::length(delta) / (kBodyRadiusM * 0.5f))));
    glm::vec3 at = from;
    for (int i = 0; i < steps; ++i) {
        const glm::vec3 next = pushClear(at + delta / float(steps));
        if (mBvh.anyHit(at, next)) break; // through a surface: never
        at = next;
    }
    return at;
}

void PrevisCamera::move(const glm::vec3& delta) {
    if (!std::isfinite(delta.x) || !std::isfinite(delta.y) || !std::isfinite(delta.z)) return;
    const glm::vec3 from = mShot.pose.position;
    glm::vec3 at = collide(from, previs::clampToRig(mShot.rig, from + delta));
    const glm::vec3 onRig = previs::clampToRig(mShot.rig, at);
    if (onRig != at) at = mBvh.anyHit(at, onRig) ? from : onRig;
    mShot.pose.position = at;
}

void PrevisCamera::showSample(const previs::MoveSample& sample) {
    mShot.pose.position = sample.position;
    mShot.pose.orientation = sample.orientation;
    mAngles = previs::panTiltRoll(sample.orientation);
    mShot.focalLengthMm = sample.focalLengthMm;
    mShot.focusDistanceM = sample.focusDistanceM;
}

std::optional<float> PrevisCamera::floorHeight() const {
    const glm::vec3& p = mShot.pose.position;
    std::optional<float> floor;
    float below = p.z;
    for (int i = 0; i < 8; ++i) { // through a bed or a table top to the floor under it
        const auto surface = mWalker.findFloor(p.x, p.y, below);
        if (!surface) break;
        floor = surface;
        below = *surface - 0.05f;
    }
    return floor;
}

std::optional<float> PrevisCamera::heightAboveFloor() const {
    const auto floor = floorHeight();
    if (!floor) return std::nullopt;
    return previs::heightAboveFloor(mShot.pose, *floor);
}

std::optional<float> PrevisCamera::distanceOnAxis() const {
    const auto hit = mBvh.raycast(mShot.pose.position, previs::forwardOf(mShot.pose.orientation), 1000.0f);
    if (!hit) return std::nullopt;
    return hit->distance;
}

} // namespace sr::app
