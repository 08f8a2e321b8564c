#pragma once
// A camera move as smooth curves through its keyframes, ready to evaluate at any time.
//
// Position: a centripetal Catmull-Rom curve through the keyframe positions (no cusps or loops
// where keyframes bunch up), travelled in time through a monotonic C1 re-timing that meets each
// keyframe at its time. Orientation: a spherical cubic Bezier between consecutive keyframes
// (after putting them in one hemisphere, so q and -q give the same move and nothing flips), with
// angular velocities shared at keyframes. Focal length and focus distance: monotonic cubic
// Hermite (no overshoot, so a zoom never leaves its range). Each segment's Easing re-times all
// of them together. With Linear easing everywhere, position, orientation and both lens values
// have continuous first derivatives in time (C1), also across keyframes. Immutable once made:
// any number of threads may evaluate one MovePath at once.
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "core/result.h"
#include "previs/camera_move.h"

namespace sr::previs {

class MovePath {
public:
    // Fails with checkMove's Error when `move` is not valid.
    static core::Result<MovePath> create(const CameraMove& move);

    double startTime() const { return mTimes.front(); }
    double endTime() const { return mTimes.back(); }
    double duration() const { return endTime() - startTime(); }

    // The move at `timeS` seconds (clamped to [startTime, endTime]; NaN gives the start). The
    // sample's frame is 0; orientation is unit length, in the hemisphere of the keyframes.
    MoveSample evaluate(double timeS) const;
    // One sample per frame at `framesPerSecond` (in (0, kMaxFramesPerSecond]): frame k at
    // startTime + k / framesPerSecond, up to the last frame not after endTime (so the end itself
    // is sampled when the duration is a whole number of frames). Consecutive orientations share a
    // hemisphere; the first has w >= 0.
    std::vector<MoveSample> sample(double framesPerSecond) const;

private:
    MovePath() = default;
    void build(const CameraMove& move);
    void buildPositionCurve();
    void buildOrientationCurve();
    size_t segmentAt(double timeS) const;

    std::vector<double> mTimes;
    std::vector<Easing> mEasing;
    std::vector<glm::dvec3> mPositions;
    std::vector<glm::dvec3> mPositionTangents;         // d position / d tau at each keyframe
    std::vector<double> mTau;                          // centripetal knots
    std::vector<double> mTauSlopes;                    // d tau / d t at each keyframe
    std::vector<glm::dquat> mOrientations;             // unit, consecutive ones in one hemisphere
    std::vector<glm::dquat> mControlsOut, mControlsIn; // Bezier control rotations per segment
    std::vector<double> mFocal, mFocalSlopes;
    std::vector<double> mFocus, mFocusSlopes;
};

} // namespace sr::previs
