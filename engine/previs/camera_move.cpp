#include "previs/camera_move.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "core/log.h"

namespace sr::previs {

namespace {
constexpr size_t kMaxKeyframes = 100000;

bool isFinite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

std::string keyPath(size_t index, std::string_view member) {
    return core::concat("keyframes[", index, "].", member);
}

// The first thing wrong with one keyframe, as (member, reason), or an empty member.
std::pair<std::string_view, std::string_view> checkKeyframe(const Keyframe& key) {
    if (!std::isfinite(key.timeS)) return {"time_s", "is not a finite number"};
    if (!isFinite(key.position)) return {"position", "is not three finite numbers"};
    const glm::vec4 q(key.orientation.x, key.orientation.y, key.orientation.z, key.orientation.w);
    if (!std::isfinite(q.x) || !std::isfinite(q.y) || !std::isfinite(q.z) || !std::isfinite(q.w))
        return {"orientation", "is not four finite numbers"};
    if (glm::length(q) < 1e-6f) return {"orientation", "is a zero quaternion, which is no rotation"};
    if (!std::isfinite(key.focalLengthMm) || key.focalLengthMm <= 0.0f)
        return {"focal_length_mm", "must be a finite number greater than 0"};
    if (!std::isfinite(key.focusDistanceM) || key.focusDistanceM <= 0.0f)
        return {"focus_m", "must be a finite number greater than 0"};
    return {};
}
} // namespace

std::string_view easingName(Easing easing) {
    switch (easing) {
    case Easing::Linear: return "linear";
    case Easing::EaseIn: return "ease_in";
    case Easing::EaseOut: return "ease_out";
    case Easing::EaseInOut: return "ease_in_out";
    }
    return "linear";
}

std::optional<Easing> parseEasing(std::string_view name) {
    for (Easing easing : {Easing::Linear, Easing::EaseIn, Easing::EaseOut, Easing::EaseInOut})
        if (easingName(easing) == name) return easing;
    return std::nullopt;
}

double applyEasing(Easing easing, double u) {
    u = std::clamp(u, 0.0, 1.0);
    switch (easing) {
    case Easing::Linear: return u;
    case Easing::EaseIn: return u * u * (2.0 - u); // slope 0 at 0, 1 at 1
    case Easing::EaseOut: {
        const double v = 1.0 - u;
        return 1.0 - v * v * (2.0 - v); // slope 1 at 0, 0 at 1
    }
    case Easing::EaseInOut: return u * u * (3.0 - 2.0 * u); // smoothstep
    }
    return u;
}

core::Status checkMove(const CameraMove& move) {
    if (move.keyframes.empty()) return core::makeError("keyframes", "a move needs at least one keyframe");
    if (move.keyframes.size() > kMaxKeyframes)
        return core::makeError("keyframes", core::concat("more than ", kMaxKeyframes, " keyframes"));
    for (size_t i = 0; i < move.keyframes.size(); ++i) {
        const auto [member, reason] = checkKeyframe(move.keyframes[i]);
        if (!member.empty()) return core::makeError(keyPath(i, member), std::string(reason));
        if (i > 0 && !(move.keyframes[i].timeS > move.keyframes[i - 1].timeS)) {
            return core::makeError(keyPath(i, "time_s"),
                                   core::concat("must be later than the previous keyframe's (",
                                                move.keyframes[i - 1].timeS, " s)"));
        }
    }
    const double span = move.keyframes.back().timeS - move.keyframes.front().timeS;
    if (span > kMaxMoveSeconds) {
        return core::makeError(
            keyPath(move.keyframes.size() - 1, "time_s"),
            core::concat("the move lasts ", span, " s; at most ", kMaxMoveSeconds, " s are allowed"));
    }
    return core::Status::success();
}

} // namespace sr::previs
