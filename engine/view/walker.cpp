#include "view/walker.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sr::view {
namespace {

constexpr float kSkin = 1e-4f;           // metres: how far past the radius a push-out leaves the capsule
constexpr float kClearTolerance = 1e-3f; // metres: a contact this shallow counts as clear
constexpr int kMaxPushes = 8;            // push-outs per position; more means a wedge: refuse it
constexpr int kMaxFloorLayers = 32;      // steep surfaces passed over on the way down to a floor
constexpr int kRingSamples = 6;          // floor probes around the centre that bridge a crack
constexpr uint32_t kMaxSubSteps = 4096;
// Directions tried when a sub-step is refused at the edge of the floor: the step turned by these
// angles (degrees, each way) and shortened by their cosine, i.e. the step's part along a
// hypothetical edge. The smallest turn that works wins, so the visitor follows the edge.
constexpr float kSlideAnglesDeg[] = {15.0f, 30.0f, 45.0f, 60.0f, 75.0f};

bool isFinite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

glm::vec2 rotate(const glm::vec2& v, float degrees) {
    const float c = std::cos(glm::radians(degrees)), s = std::sin(glm::radians(degrees));
    return {c * v.x - s * v.y, s * v.x + c * v.y};
}

} // namespace

Walker::Walker(const MeshBvh& bvh, const WalkerSettings& settings) : mBvh(bvh), mSettings(settings) {}

std::pair<glm::vec3, glm::vec3> Walker::capsuleAxis(const glm::vec3& eye) const {
    const float floor = eye.z - mSettings.eyeHeight;
    float bottom = floor + mSettings.stepHeight + mSettings.radius;
    float top = eye.z + mSettings.headroom - mSettings.radius;
    if (top < bottom) bottom = top = 0.5f * (bottom + top); // too short for a capsule: a sphere
    return {{eye.x, eye.y, bottom}, {eye.x, eye.y, top}};
}

bool Walker::isClear(const glm::vec3& eye) const {
    const auto [bottom, top] = capsuleAxis(eye);
    return !mBvh.closestPointToSegment(bottom, top, mSettings.radius - kClearTolerance);
}

std::optional<float> Walker::findFloor(float x, float y, float aboveZ) const {
    const float lowest = mBvh.bounds().min.z - 1.0f;
    glm::vec3 origin{x, y, aboveZ};
    if (!isFinite(origin)) return std::nullopt;
    for (int layer = 0; layer < kMaxFloorLayers && origin.z > lowest; ++layer) {
        const auto hit = mBvh.raycast(origin, {0.0f, 0.0f, -1.0f}, origin.z - lowest);
        if (!hit) return std::nullopt;
        // The normal faces the ray, so an upward-facing z here means "seen from above".
        if (hit->normal.z >= mSettings.minFloorNormalZ) return hit->point.z;
        origin.z = hit->point.z - 1e-4f; // a steep surface: look below it
    }
    return std::nullopt;
}

std::optional<float> Walker::floorUnder(float x, float y, float currentFloor) const {
    const float above = currentFloor + mSettings.stepHeight;
    const float lowest = currentFloor - mSettings.stepHeight;
    const auto centre = findFloor(x, y, above);
    if (centre && *centre >= lowest) return centre;
    // No floor right under the centre: accept a crack only if floor surrounds it on every side.
    float highest = -std::numeric_limits<float>::max();
    for (int i = 0; i < kRingSamples; ++i) {
        const float angle = glm::radians(360.0f * float(i) / float(kRingSamples));
        const float r = 0.5f * mSettings.radius;
        const auto f = findFloor(x + r * std::cos(angle), y + r * std::sin(angle), above);
        if (!f || *f < lowest) return std::nullopt;
        highest = std::max(highest, *f);
    }
    return highest;
}

// Pushes the capsule at `eye` sideways out of the mesh, deepest contact first. None when a
// contact cannot be left sideways (a ceiling right on the head) or pushes do not settle (a wedge).
std::optional<glm::vec3> Walker::pushOut(glm::vec3 eye) const {
    const float radius = mSettings.radius;
    for (int i = 0; i < kMaxPushes; ++i) {
        const auto [bottom, top] = capsuleAxis(eye);
        const auto contact = mBvh.closestPointToSegment(bottom, top, radius);
        if (!contact || contact->distance >= radius) return eye;
        const glm::vec3 away = contact->queryPoint - contact->point;
        const glm::vec2 side(away.x, away.y);
        const float sideLength = glm::length(side);
        if (contact->distance < 1e-6f || sideLength < 0.1f * contact->distance) return std::nullopt;
        // Moving sideways by s changes the distance by about s * (sideLength / distance).
        const float push =
            std::min((radius + kSkin - contact->distance) * contact->distance / sideLength, radius);
        eye += glm::vec3(side / sideLength * push, 0.0f);
    }
    return isClear(eye) ? std::optional<glm::vec3>(eye) : std::nullopt;
}

std::optional<glm::vec3> Walker::tryStep(const glm::vec3& eye, const glm::vec2& step) const {
    const auto pushed = pushOut(eye + glm::vec3(step, 0.0f));
    if (!pushed) return std::nullopt;
    // Pushing out of convex obstacles only ever shortens a step; a longer result means the
    // capsule was squeezed through something. Refuse it.
    const glm::vec2 moved(pushed->x - eye.x, pushed->y - eye.y);
    if (glm::length(moved) > glm::length(step) + 1e-3f) return std::nullopt;
    const auto floor = floorUnder(pushed->x, pushed->y, eye.z - mSettings.eyeHeight);
    if (!floor) return std::nullopt;
    const glm::vec3 next{pushed->x, pushed->y, *floor + mSettings.eyeHeight};
    if (next.z != eye.z && !isClear(next)) return std::nullopt; // no room after a step up or down
    return next;
}

glm::vec3 Walker::subStep(const glm::vec3& eye, const glm::vec2& step) const {
    if (auto next = tryStep(eye, step)) return *next;
    for (float angle : kSlideAnglesDeg) {
        const float shorten = std::cos(glm::radians(angle));
        for (float sign : {1.0f, -1.0f}) {
            if (auto next = tryStep(eye, rotate(step, sign * angle) * shorten)) return *next;
        }
    }
    return eye;
}

glm::vec3 Walker::move(const glm::vec3& eye, const glm::vec2& displacement) const {
    if (!isFinite(eye) || !std::isfinite(displacement.x) || !std::isfinite(displacement.y)) return eye;
    const float length = glm::length(displacement);
    if (length <= 0.0f) return eye;
    const float maxStep = 0.5f * mSettings.radius;
    const uint32_t steps = uint32_t(std::clamp(std::ceil(length / maxStep), 1.0f, float(kMaxSubSteps)));
    const glm::vec2 step = displacement / float(steps);
    glm::vec3 at = eye;
    for (uint32_t i = 0; i < steps; ++i) at = subStep(at, step);
    return at;
}

std::optional<glm::vec3> Walker::settle(const glm::vec3& point) const {
    const auto floor = findFloor(point.x, point.y, point.z);
    if (!floor) return std::nullopt;
    const glm::vec3 placed{point.x, point.y, *floor + mSettings.eyeHeight};
    const auto pushed = pushOut(placed);
    if (!pushed || glm::length(glm::vec2(*pushed - placed)) >= mSettings.radius) return std::nullopt;
    const auto standing = floorUnder(pushed->x, pushed->y, *floor);
    if (!standing) return std::nullopt;
    const glm::vec3 eye{pushed->x, pushed->y, *standing + mSettings.eyeHeight};
    if (!isClear(eye)) return std::nullopt;
    return eye;
}

} // namespace sr::view
