#include "previs/move_path.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace sr::previs {

namespace {
// Shortest centripetal knot interval, so that two keyframes at one place (a hold while the camera
// turns) still have distinct knots; the camera comes to rest there.
constexpr double kMinKnotInterval = 1e-6;

// Cubic Hermite on [0, 1] from p0 to p1 with end derivatives (per unit x) d0 and d1.
template <class T> T hermite(double x, const T& p0, const T& p1, const T& d0, const T& d1) {
    const double x2 = x * x, x3 = x2 * x;
    return (2 * x3 - 3 * x2 + 1) * p0 + (x3 - 2 * x2 + x) * d0 + (-2 * x3 + 3 * x2) * p1 + (x3 - x2) * d1;
}

// The rotation vector (axis times angle in radians, angle in [0, pi]) of a unit quaternion.
glm::dvec3 rotationVector(glm::dquat q) {
    if (q.w < 0.0) q = -q;
    const glm::dvec3 v(q.x, q.y, q.z);
    const double s = glm::length(v);
    if (s < 1e-12) return 2.0 * v;
    return v * (2.0 * std::atan2(s, q.w) / s);
}

glm::dquat fromRotationVector(const glm::dvec3& r) {
    const double angle = glm::length(r);
    if (angle < 1e-12) return glm::normalize(glm::dquat(1.0, 0.5 * r.x, 0.5 * r.y, 0.5 * r.z));
    const glm::dvec3 v = r * (std::sin(0.5 * angle) / angle);
    return glm::dquat(std::cos(0.5 * angle), v.x, v.y, v.z);
}

// Spherical linear interpolation along the shorter arc.
glm::dquat slerpShort(const glm::dquat& a, glm::dquat b, double x) {
    double d = glm::dot(a, b);
    if (d < 0.0) b = -b, d = -d;
    if (d > 0.9999999) return glm::normalize(a * (1.0 - x) + b * x);
    const double theta = std::acos(d);
    const double s = std::sin(theta);
    return a * (std::sin((1.0 - x) * theta) / s) + b * (std::sin(x * theta) / s);
}

// Weights of the left and right differences in a non-uniform Catmull-Rom derivative at a knot
// with intervals `a` before and `b` after it.
double leftWeight(double a, double b) { return b / (a + b); }
double rightWeight(double a, double b) { return a / (a + b); }

// Monotonic cubic Hermite slopes (Fritsch-Butland weighted harmonic mean; secants at the ends).
std::vector<double> monotoneSlopes(const std::vector<double>& t, const std::vector<double>& y) {
    const size_t n = t.size();
    std::vector<double> slopes(n, 0.0);
    if (n < 2) return slopes;
    slopes.front() = (y[1] - y[0]) / (t[1] - t[0]);
    slopes.back() = (y[n - 1] - y[n - 2]) / (t[n - 1] - t[n - 2]);
    for (size_t i = 1; i + 1 < n; ++i) {
        const double h0 = t[i] - t[i - 1], h1 = t[i + 1] - t[i];
        const double d0 = (y[i] - y[i - 1]) / h0, d1 = (y[i + 1] - y[i]) / h1;
        if (d0 * d1 <= 0.0) continue; // an extremum or a flat: hold still there
        slopes[i] = 3.0 * (h0 + h1) / ((2.0 * h1 + h0) / d0 + (h1 + 2.0 * h0) / d1);
    }
    return slopes;
}
} // namespace

core::Result<MovePath> MovePath::create(const CameraMove& move) {
    if (core::Status status = checkMove(move); !status) return status.error();
    MovePath path;
    path.build(move);
    return path;
}

void MovePath::build(const CameraMove& move) {
    const size_t n = move.keyframes.size();
    glm::dquat previous(1.0, 0.0, 0.0, 0.0);
    for (const Keyframe& key : move.keyframes) {
        mTimes.push_back(key.timeS);
        mEasing.push_back(key.easing);
        mPositions.push_back(glm::dvec3(key.position));
        glm::dquat q = glm::normalize(glm::dquat(key.orientation));
        if (mOrientations.empty() ? q.w < 0.0 : glm::dot(q, previous) < 0.0) q = -q;
        mOrientations.push_back(q);
        previous = q;
        mFocal.push_back(key.focalLengthMm);
        mFocus.push_back(key.focusDistanceM);
    }
    mFocalSlopes = monotoneSlopes(mTimes, mFocal);
    mFocusSlopes = monotoneSlopes(mTimes, mFocus);
    if (n < 2) {
        mTau.assign(n, 0.0), mTauSlopes.assign(n, 0.0), mPositionTangents.assign(n, glm::dvec3(0.0));
        return;
    }
    buildPositionCurve();
    buildOrientationCurve();
}

void MovePath::buildPositionCurve() {
    const size_t n = mTimes.size();
    // Centripetal knots: intervals of sqrt(distance).
    mTau.assign(n, 0.0);
    for (size_t i = 0; i + 1 < n; ++i) {
        const double interval = std::sqrt(glm::distance(mPositions[i + 1], mPositions[i]));
        mTau[i + 1] = mTau[i] + std::max(interval, kMinKnotInterval);
    }
    const auto knotInterval = [this](size_t i) { return mTau[i + 1] - mTau[i]; };
    const auto timeInterval = [this](size_t i) { return mTimes[i + 1] - mTimes[i]; };

    // Catmull-Rom derivatives d position / d tau, and the re-timing's slopes d tau / d t, both
    // shared by the two segments that meet at a keyframe: that is what makes the move C1.
    mPositionTangents.assign(n, glm::dvec3(0.0));
    mTauSlopes.assign(n, 0.0);
    mPositionTangents.front() = (mPositions[1] - mPositions[0]) / knotInterval(0);
    mPositionTangents.back() = (mPositions[n - 1] - mPositions[n - 2]) / knotInterval(n - 2);
    mTauSlopes.front() = knotInterval(0) / timeInterval(0);
    mTauSlopes.back() = knotInterval(n - 2) / timeInterval(n - 2);
    for (size_t i = 1; i + 1 < n; ++i) {
        const double a = knotInterval(i - 1), b = knotInterval(i);
        mPositionTangents[i] = (mPositions[i] - mPositions[i - 1]) / a * leftWeight(a, b) +
                               (mPositions[i + 1] - mPositions[i]) / b * rightWeight(a, b);
        // Harmonic mean of the neighbouring secants: at most twice either, which keeps tau(t)
        // monotonic (Fritsch-Carlson), so the camera never runs backwards along the curve.
        const double s0 = a / timeInterval(i - 1), s1 = b / timeInterval(i);
        mTauSlopes[i] = 2.0 * s0 * s1 / (s0 + s1);
    }
}

void MovePath::buildOrientationCurve() {
    const size_t n = mTimes.size();
    const auto timeInterval = [this](size_t i) { return mTimes[i + 1] - mTimes[i]; };
    // Angular velocities (body frame, radians per second) at keyframes, from the neighbouring
    // rotations as the position derivatives are; then Bezier controls a third of a segment in.
    std::vector<glm::dvec3> steps(n - 1), omega(n);
    for (size_t i = 0; i + 1 < n; ++i)
        steps[i] = rotationVector(glm::conjugate(mOrientations[i]) * mOrientations[i + 1]);
    omega.front() = steps.front() / timeInterval(0);
    omega.back() = steps.back() / timeInterval(n - 2);
    for (size_t i = 1; i + 1 < n; ++i) {
        const double a = timeInterval(i - 1), b = timeInterval(i);
        omega[i] = steps[i - 1] / a * leftWeight(a, b) + steps[i] / b * rightWeight(a, b);
    }
    for (size_t i = 0; i + 1 < n; ++i) {
        const double h = timeInterval(i) / 3.0;
        mControlsOut.push_back(mOrientations[i] * fromRotationVector(omega[i] * h));
        mControlsIn.push_back(mOrientations[i + 1] * fromRotationVector(-omega[i + 1] * h));
    }
}

size_t MovePath::segmentAt(double timeS) const {
    const auto it = std::upper_bound(mTimes.begin(), mTimes.end(), timeS);
    const size_t after = size_t(it - mTimes.begin());
    return std::clamp<size_t>(after == 0 ? 0 : after - 1, 0, mTimes.size() - 2);
}

MoveSample MovePath::evaluate(double timeS) const {
    MoveSample out;
    if (std::isnan(timeS)) timeS = startTime();
    timeS = std::clamp(timeS, startTime(), endTime());
    out.timeS = timeS;
    if (mTimes.size() == 1) {
        out.position = glm::vec3(mPositions[0]);
        out.orientation = glm::quat(mOrientations[0]);
        out.focalLengthMm = float(mFocal[0]), out.focusDistanceM = float(mFocus[0]);
        return out;
    }
    const size_t i = segmentAt(timeS);
    const double h = mTimes[i + 1] - mTimes[i];
    const double x = applyEasing(mEasing[i], (timeS - mTimes[i]) / h);

    const double dTau = mTau[i + 1] - mTau[i];
    const double tau = hermite(x, mTau[i], mTau[i + 1], mTauSlopes[i] * h, mTauSlopes[i + 1] * h);
    const double sigma = std::clamp((tau - mTau[i]) / dTau, 0.0, 1.0);
    out.position = glm::vec3(hermite(sigma, mPositions[i], mPositions[i + 1], mPositionTangents[i] * dTau,
                                     mPositionTangents[i + 1] * dTau));

    // De Casteljau's construction with slerp in place of lerp.
    const glm::dquat a = slerpShort(mOrientations[i], mControlsOut[i], x);
    const glm::dquat b = slerpShort(mControlsOut[i], mControlsIn[i], x);
    const glm::dquat c = slerpShort(mControlsIn[i], mOrientations[i + 1], x);
    glm::dquat q = glm::normalize(slerpShort(slerpShort(a, b, x), slerpShort(b, c, x), x));
    if (glm::dot(q, mOrientations[i]) < 0.0) q = -q;
    out.orientation = glm::quat(q);

    out.focalLengthMm =
        float(hermite(x, mFocal[i], mFocal[i + 1], mFocalSlopes[i] * h, mFocalSlopes[i + 1] * h));
    out.focusDistanceM =
        float(hermite(x, mFocus[i], mFocus[i + 1], mFocusSlopes[i] * h, mFocusSlopes[i + 1] * h));
    return out;
}

std::vector<MoveSample> MovePath::sample(double framesPerSecond) const {
    assert(framesPerSecond > 0.0 && framesPerSecond <= kMaxFramesPerSecond);
    const auto frames = int64_t(std::floor(duration() * framesPerSecond + 1e-6)) + 1;
    std::vector<MoveSample> samples;
    samples.reserve(size_t(frames));
    for (int64_t k = 0; k < frames; ++k) {
        MoveSample s = evaluate(startTime() + double(k) / framesPerSecond);
        s.frame = k;
        const glm::quat reference = samples.empty() ? glm::quat(1, 0, 0, 0) : samples.back().orientation;
        if (glm::dot(s.orientation, reference) < 0.0f) s.orientation = -s.orientation;
        samples.push_back(s);
    }
    return samples;
}

} // namespace sr::previs
