#include "view/glide.h"

#include <algorithm>
#include <cmath>

namespace sr::view {
float smoothstep01(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return float(t * t * (3.0 - 2.0 * t));
}

namespace {

// How much of a body stands below the eye of `pose` (metres, from the eye down to stepHeight
// above the floor), or 0 when no floor lies within a standing visitor's reach below it.
float bodyBelowEye(const Pose& pose, const MeshBvh& bvh, const WalkerSettings& walker) {
    const Walker walking(bvh, walker);
    const auto floor = walking.findFloor(pose.position.x, pose.position.y, pose.position.z);
    if (!floor) return 0.0f;
    const float depth = pose.position.z - *floor - walker.stepHeight;
    return std::clamp(depth, 0.0f, walker.eyeHeight - walker.stepHeight);
}

bool isFinite(const Pose& p) {
    return std::isfinite(p.position.x) && std::isfinite(p.position.y) && std::isfinite(p.position.z) &&
           std::isfinite(p.yawDeg) && std::isfinite(p.pitchDeg);
}

} // namespace

float shortestYawDelta(float fromDeg, float toDeg) {
    float delta = std::fmod(toDeg - fromDeg, 360.0f);
    if (delta > 180.0f) delta -= 360.0f;
    if (delta <= -180.0f) delta += 360.0f;
    return delta;
}

bool isGlidePathClear(const Pose& from, const Pose& to, const MeshBvh& bvh, const WalkerSettings& walker) {
    const glm::vec3 a = from.position, b = to.position;
    const float depth = std::min(bodyBelowEye(from, bvh, walker), bodyBelowEye(to, bvh, walker));
    const float heights[] = {0.0f, 0.5f * depth, depth};
    const int heightCount = depth > 0.0f ? 3 : 1;
    for (int i = 0; i < heightCount; ++i) {
        const glm::vec3 down{0.0f, 0.0f, heights[i]};
        if (bvh.anyHit(a - down, b - down)) return false;
    }
    // The sideways swing: only when the path goes somewhere horizontally.
    const glm::vec2 along(b.x - a.x, b.y - a.y);
    if (glm::length(along) < 1e-4f) return true;
    const glm::vec2 side = glm::vec2(along.y, -along.x) / glm::length(along) * walker.radius;
    const glm::vec3 middle = 0.5f * (a + b);
    for (int i = 0; i < heightCount; ++i) {
        for (float sign : {1.0f, -1.0f}) {
            const glm::vec3 swing = middle + glm::vec3(sign * side, -heights[i]);
            const glm::vec3 down{0.0f, 0.0f, heights[i]};
            if (bvh.anyHit(a - down, swing) || bvh.anyHit(swing, b - down)) return false;
        }
    }
    return true;
}

GlidePlan planGlide(const Pose& from, const Pose& to, const MeshBvh& bvh, const WalkerSettings& walker,
                    bool reducedMotion, const GlideSettings& settings) {
    GlidePlan plan;
    plan.from = from;
    plan.to = to;
    plan.to.yawDeg = from.yawDeg + shortestYawDelta(from.yawDeg, to.yawDeg);
    if (reducedMotion || !isFinite(from) || !isFinite(to) || !isGlidePathClear(from, to, bvh, walker)) {
        plan.style = GlideStyle::Fade;
        plan.fadeOutSeconds = settings.fadeOutSeconds;
        plan.fadeInSeconds = settings.fadeInSeconds;
        plan.duration = settings.fadeOutSeconds + settings.fadeInSeconds;
        return plan;
    }
    plan.style = GlideStyle::Move;
    const float distance = glm::length(to.position - from.position);
    const float turn =
        std::max(std::abs(plan.to.yawDeg - from.yawDeg), std::abs(to.pitchDeg - from.pitchDeg));
    const float seconds = std::max(distance / settings.speed, turn / settings.turnSpeedDeg);
    plan.duration = std::clamp(seconds, settings.minSeconds, settings.maxSeconds);
    return plan;
}

GlideFrame evaluate(const GlidePlan& plan, float t) {
    if (!(t > 0.0f)) return {plan.from, 0.0f};
    if (t >= plan.duration) return {plan.to, 0.0f};
    if (plan.style == GlideStyle::Fade) {
        if (t < plan.fadeOutSeconds) return {plan.from, smoothstep01(t / plan.fadeOutSeconds)};
        const float in = plan.fadeInSeconds > 0.0f ? (t - plan.fadeOutSeconds) / plan.fadeInSeconds : 1.0f;
        return {plan.to, 1.0f - smoothstep01(in)};
    }
    const float s = smoothstep01(t / plan.duration);
    Pose pose;
    pose.position = plan.from.position + (plan.to.position - plan.from.position) * s;
    pose.yawDeg = plan.from.yawDeg + (plan.to.yawDeg - plan.from.yawDeg) * s;
    pose.pitchDeg = plan.from.pitchDeg + (plan.to.pitchDeg - plan.from.pitchDeg) * s;
    return {pose, 0.0f};
}

} // namespace sr::view
