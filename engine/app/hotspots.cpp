#include "app/hotspots.h"

#include <algorithm>
#include <cmath>

namespace sr::app {
namespace {
// Distance along the ray to the sphere, or a negative value when it misses.
float raySphere(const glm::vec3& origin, const glm::vec3& dir, const glm::vec3& center, float radius) {
    const glm::vec3 oc = origin - center;
    const float b = glm::dot(oc, dir);
    const float c = glm::dot(oc, oc) - radius * radius;
    const float h = b * b - c;
    if (h < 0.0f) return -1.0f;
    const float t = -b - std::sqrt(h);
    return t >= 0.0f ? t : (c <= 0.0f ? 0.0f : -1.0f);
}

float yawOf(const glm::vec3& v) { return std::atan2(v.y, v.x); }
} // namespace

HotspotSet::HotspotSet(std::vector<scene::Hotspot> hotspots, const view::MeshBvh& bvh,
                       const HotspotSettings& settings)
    : mHotspots(std::move(hotspots)), mBvh(bvh), mSettings(settings) {}

bool HotspotSet::visibleFrom(size_t index, const glm::vec3& eye) const {
    const scene::Hotspot& h = mHotspots[index];
    const glm::vec3 toward = h.position - eye;
    const float distance = glm::length(toward);
    if (distance <= h.radius) return true;
    // The object itself sits inside its sphere: only what lies before the sphere can hide it.
    const glm::vec3 stop = eye + toward * ((distance - h.radius) / distance);
    return !mBvh.anyHit(eye, stop);
}

std::optional<size_t> HotspotSet::pick(const glm::vec3& eye, const glm::vec3& unitDir) const {
    std::optional<size_t> best;
    float bestT = 1e9f;
    for (size_t i = 0; i < mHotspots.size(); ++i) {
        // Small objects get a touch target a little larger than themselves.
        const float radius = std::max(mHotspots[i].radius * 1.25f, 0.05f);
        const float t = raySphere(eye, unitDir, mHotspots[i].position, radius);
        if (t < 0.0f || t >= bestT) continue;
        if (auto hit = mBvh.raycast(eye, unitDir, t); hit && hit->distance < t - 1e-3f) continue;
        best = i;
        bestT = t;
    }
    return best;
}

std::optional<size_t> HotspotSet::cycleFocus(const view::Camera& camera, bool backwards) {
    std::vector<std::pair<float, size_t>> order;
    const float start = glm::radians(camera.yawDeg);
    for (size_t i = 0; i < mHotspots.size(); ++i) {
        if (!visibleFrom(i, camera.position)) continue;
        // Angle to the right of the view, 0..2pi, so Tab sweeps around the room clockwise.
        float a = start - yawOf(mHotspots[i].position - camera.position);
        a = std::fmod(std::fmod(a, 6.2831853f) + 6.2831853f + 0.3f, 6.2831853f);
        order.emplace_back(a, i);
    }
    if (order.empty()) return mFocus = std::nullopt;
    std::sort(order.begin(), order.end());
    auto current =
        std::find_if(order.begin(), order.end(), [&](auto& p) { return mFocus && p.second == *mFocus; });
    if (current == order.end()) {
        mFocus = backwards ? order.back().second : order.front().second;
    } else if (backwards) {
        mFocus = current == order.begin() ? order.back().second : std::prev(current)->second;
    } else {
        mFocus = std::next(current) == order.end() ? order.front().second : std::next(current)->second;
    }
    return mFocus;
}

std::optional<size_t> HotspotSet::gazed(const view::Camera& camera) const {
    const glm::vec3 forward = camera.forward();
    std::optional<size_t> best;
    float bestAngle = glm::radians(mSettings.gazeDegrees);
    for (size_t i = 0; i < mHotspots.size(); ++i) {
        const glm::vec3 to = mHotspots[i].position - camera.position;
        const float distance = glm::length(to);
        if (distance < 1e-3f) continue;
        // The hotspot's own size widens the cone a little.
        const float angle = std::acos(std::clamp(glm::dot(forward, to / distance), -1.0f, 1.0f)) -
                            std::atan(mHotspots[i].radius / distance);
        if (angle < bestAngle && visibleFrom(i, camera.position)) {
            bestAngle = angle;
            best = i;
        }
    }
    return best;
}

std::optional<size_t> HotspotSet::updateGaze(const view::Camera& camera, double now) {
    const std::optional<size_t> target = gazed(camera);
    if (target != mGazeTarget) {
        mGazeTarget = target;
        mGazeSince = now;
        return std::nullopt;
    }
    if (!target || mSettings.dwellSeconds <= 0.0 || now - mGazeSince < mSettings.dwellSeconds)
        return std::nullopt;
    mGazeSince = now; // opened once per dwell
    return target;
}

float HotspotSet::dwellProgress(double now) const {
    if (!mGazeTarget || mSettings.dwellSeconds <= 0.0) return 0.0f;
    return float(std::clamp((now - mGazeSince) / mSettings.dwellSeconds, 0.0, 1.0));
}

std::vector<render::Marker> HotspotSet::markers(const view::Camera& camera, std::optional<size_t> hovered,
                                                double now, float presence) const {
    std::vector<render::Marker> markers;
    // The resting view counts as pointing only where gaze opens hotspots (kiosks); elsewhere a
    // hotspot brightens for the pointer or keyboard focus alone.
    std::optional<size_t> gaze;
    if (mSettings.dwellSeconds > 0.0) gaze = gazed(camera);
    const size_t gazeIndex = gaze.value_or(mHotspots.size()); // past the end: none
    for (size_t i = 0; i < mHotspots.size(); ++i) {
        const bool lit = hovered == i || mFocus == i || (gazeIndex == i && presence > 0.0f);
        render::Marker m;
        m.center = mHotspots[i].position;
        m.radius = std::max(mHotspots[i].radius, 0.03f);
        m.shape = render::MarkerShape::Glow;
        m.color = glm::vec3(1.0f, 0.93f, 0.8f); // warm, like lamplight
        m.opacity = lit ? mSettings.focusOpacity : mSettings.restOpacity * presence;
        if (m.opacity <= 0.0f) continue;
        m.highlight = lit ? 1.0f : 0.0f;
        if (gazeIndex == i && lit) m.highlight = std::max(0.5f, dwellProgress(now));
        markers.push_back(m);
    }
    return markers;
}

} // namespace sr::app
