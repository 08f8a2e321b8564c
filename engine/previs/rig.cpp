#include "previs/rig.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace sr::previs {

namespace {
bool isFinite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

bool orderedRange(float lo, float hi) { return std::isfinite(lo) && std::isfinite(hi) && lo <= hi; }

// std::clamp with NaN going to the low end, so a bad request never leaves the rig.
float clampOrLow(float value, float lo, float hi) {
    return std::isnan(value) ? lo : std::clamp(value, lo, hi);
}

glm::vec3 clampToTrack(const TrackLimits& track, const glm::vec3& requested) {
    const glm::vec3 along = track.end - track.start;
    const float horizontal = along.x * along.x + along.y * along.y;
    float t = 0.0f;
    if (horizontal > 1e-12f) {
        const glm::vec2 offset = glm::vec2(requested) - glm::vec2(track.start);
        t = glm::dot(offset, glm::vec2(along)) / horizontal;
    } else if (std::abs(along.z) > 1e-6f) { // a vertical track: a pedestal or a lift
        t = (requested.z - track.start.z) / along.z;
    }
    t = clampOrLow(t, 0.0f, 1.0f);
    glm::vec3 onTrack = track.start + t * along;
    onTrack.z += clampOrLow(requested.z - onTrack.z, track.minRiseM, track.maxRiseM);
    return onTrack;
}
} // namespace

std::string_view rigKindName(RigKind kind) {
    switch (kind) {
    case RigKind::Free: return "free";
    case RigKind::Tripod: return "tripod";
    case RigKind::Track: return "track";
    }
    return "free";
}

std::optional<RigKind> parseRigKind(std::string_view name) {
    for (RigKind kind : {RigKind::Free, RigKind::Tripod, RigKind::Track})
        if (rigKindName(kind) == name) return kind;
    return std::nullopt;
}

bool isValidRig(const Rig& rig) {
    switch (rig.kind) {
    case RigKind::Free: return true;
    case RigKind::Tripod:
        return std::isfinite(rig.tripod.floorZ) && orderedRange(rig.tripod.minHeightM, rig.tripod.maxHeightM);
    case RigKind::Track:
        return isFinite(rig.track.start) && isFinite(rig.track.end) &&
               orderedRange(rig.track.minRiseM, rig.track.maxRiseM);
    }
    return false;
}

glm::vec3 clampToRig(const Rig& rig, const glm::vec3& requested) {
    assert(isValidRig(rig));
    switch (rig.kind) {
    case RigKind::Free: return requested;
    case RigKind::Tripod: {
        const TripodLimits& tripod = rig.tripod;
        glm::vec3 out = requested;
        out.z = clampOrLow(requested.z, tripod.floorZ + tripod.minHeightM, tripod.floorZ + tripod.maxHeightM);
        return out;
    }
    case RigKind::Track: return clampToTrack(rig.track, requested);
    }
    return requested;
}

} // namespace sr::previs
