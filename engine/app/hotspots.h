#pragma once
// The hotspots of a room as the visitor meets them: faint glows that brighten when the pointer is
// near or the view rests on them, picked by a ray that respects occlusion (a hotspot behind a wall
// cannot be touched), cycled with Tab, opened by tap, Enter or, when enabled, a resting gaze.
#include <optional>
#include <vector>

#include "render/overlay_pass.h"
#include "scene/exhibit.h"
#include "view/bvh.h"
#include "view/camera.h"

namespace sr::app {

struct HotspotSettings {
    double dwellSeconds = 0.0;    // > 0: resting the centre of view on a hotspot this long opens it
    float gazeDegrees = 4.0f;     // how close to the centre of view counts as resting on it
    float restOpacity = 0.28f;    // a faint glow, noticed rather than announced
    float focusOpacity = 0.85f;   // under the pointer, in focus or gazed at
    double engagedSeconds = 20.0; // resting glows stay this long after the last input, then fade
};

class HotspotSet {
public:
    HotspotSet(std::vector<scene::Hotspot> hotspots, const view::MeshBvh& bvh,
               const HotspotSettings& settings);

    size_t size() const { return mHotspots.size(); }
    const scene::Hotspot& hotspot(size_t index) const { return mHotspots[index]; }

    // The hotspot a ray from `eye` along `unitDir` touches first, unless the room hides it.
    std::optional<size_t> pick(const glm::vec3& eye, const glm::vec3& unitDir) const;
    // Whether nothing in the room stands between `eye` and hotspot `index`.
    bool visibleFrom(size_t index, const glm::vec3& eye) const;

    // Moves keyboard focus to the next (or previous) hotspot visible from `camera`, in order of
    // direction around the visitor, and returns it.
    std::optional<size_t> cycleFocus(const view::Camera& camera, bool backwards);
    std::optional<size_t> focused() const { return mFocus; }
    void clearFocus() { mFocus.reset(); }

    // Advances the gaze dwell; returns a hotspot to open when the view has rested on it long enough.
    std::optional<size_t> updateGaze(const view::Camera& camera, double now);
    // 0..1 progress of the current dwell (for a quiet ring), or 0.
    float dwellProgress(double now) const;

    // Glow markers for this frame: `hovered` is the hotspot under the pointer, if any; `presence`
    // (0..1) scales the resting glow, so hotspots can stay out of sight until the visitor engages.
    std::vector<render::Marker> markers(const view::Camera& camera, std::optional<size_t> hovered, double now,
                                        float presence) const;

private:
    std::optional<size_t> gazed(const view::Camera& camera) const;

    std::vector<scene::Hotspot> mHotspots;
    const view::MeshBvh& mBvh;
    HotspotSettings mSettings;
    std::optional<size_t> mFocus;
    std::optional<size_t> mGazeTarget;
    double mGazeSince = 0.0;
};

} // namespace sr::app
