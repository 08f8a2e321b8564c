#include "app/aligned_photo.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/gtc/quaternion.hpp>

#include "core/log.h"
#include "scene/room_poses.h"

namespace sr::app {
namespace {
using platform::EventType;
namespace keys = platform::keys;
constexpr float kTapSlopPixels = 12.0f;

// Normalised image coordinates through the lens (see asset::Distortion).
glm::dvec2 distort(const asset::Distortion& d, glm::dvec2 xy) {
    const double r2 = glm::dot(xy, xy);
    switch (d.model) {
    case asset::DistortionModel::None: return xy;
    case asset::DistortionModel::Brown: {
        const double radial = 1.0 + r2 * (d.k1 + r2 * (d.k2 + r2 * (d.k3 + r2 * d.k4)));
        return {xy.x * radial + 2.0 * d.p1 * xy.x * xy.y + d.p2 * (r2 + 2.0 * xy.x * xy.x),
                xy.y * radial + d.p1 * (r2 + 2.0 * xy.y * xy.y) + 2.0 * d.p2 * xy.x * xy.y};
    }
    case asset::DistortionModel::Fisheye: {
        const double r = std::sqrt(r2);
        if (r < 1e-12) return xy;
        const double theta = std::atan(r), t2 = theta * theta;
        const double thetaD = theta * (1.0 + t2 * (d.k1 + t2 * (d.k2 + t2 * (d.k3 + t2 * d.k4))));
        return xy * (thetaD / r);
    }
    }
    return xy;
}

// The inverse of distort, by fixed-point iteration (lenses that photogrammetry solves are close
// enough to pinholes for it to converge well within the corners of the frame).
glm::dvec2 undistort(const asset::Distortion& d, glm::dvec2 distorted) {
    glm::dvec2 xy = distorted;
    for (int i = 0; i < 20; ++i) {
        const glm::dvec2 error = distort(d, xy) - distorted;
        xy -= error;
        if (!std::isfinite(xy.x) || !std::isfinite(xy.y)) return distorted;
    }
    return xy;
}

// Columns: the render camera's right, down and forward in world space (the photo convention).
glm::dmat3 cameraAxes(const view::Camera& camera) {
    const glm::dvec3 right(camera.right()), forward(camera.forward());
    return glm::dmat3(right, glm::cross(forward, right), forward);
}

} // namespace

core::Result<asset::PoseSet> loadSourcePoses(const RoomSource& source) {
    if (source.poses.empty()) return core::makeError(source.mesh.string(), "the room has no camera poses");
    const std::filesystem::path folder =
        source.import.confineTexturesTo.empty() ? source.mesh.parent_path() : source.import.confineTexturesTo;
    return scene::loadRoomPoses(source.poses, folder, source.import.up, source.import.metresPerUnit,
                                source.import.upVector);
}

previs::Shot shotFromPhoto(const scene::AlignedPhoto& photo, const previs::Shot& body, float focusDistanceM) {
    previs::Shot shot = body;
    const asset::CameraIntrinsics& in = photo.intrinsics;
    shot.outputAspect = float(double(in.width) / double(in.height));
    shot.lensId.clear(); // a zoom set to the photo's angle, not a preset prime
    shot.focalLengthMm = float(in.fx / double(in.width) * double(shot.filmback().widthMm));
    if (focusDistanceM > 0.0f) shot.focusDistanceM = focusDistanceM;
    // Previs camera space: +X right, +Y up the picture, looking along -Z.
    const glm::dmat3 cameraToWorld(photo.rotation[0], -photo.rotation[1], -photo.rotation[2]);
    shot.pose.position = glm::vec3(photo.center);
    shot.pose.orientation = glm::normalize(glm::quat(glm::quat_cast(cameraToWorld)));
    return shot;
}

AlignedCamera alignedCameraFor(const scene::AlignedPhoto& photo, float aspect, float margin) {
    AlignedCamera result;
    const glm::dvec3 forward = glm::normalize(photo.rotation[2]);
    result.pose.position = glm::vec3(photo.center);
    result.pose.yawDeg = float(glm::degrees(std::atan2(forward.y, forward.x)));
    result.pose.pitchDeg =
        float(std::clamp(glm::degrees(std::asin(std::clamp(forward.z, -1.0, 1.0))), -85.0, 85.0));

    view::Camera camera;
    camera.yawDeg = result.pose.yawDeg;
    camera.pitchDeg = result.pose.pitchDeg;
    const glm::dmat3 toCamera = glm::transpose(cameraAxes(camera)) * photo.rotation;
    const asset::CameraIntrinsics& in = photo.intrinsics;
    double halfX = 0.0, halfY = 0.0;
    // The frame's corners and edge middles, undistorted into rays of the photo camera.
    for (double u : {0.0, 0.5, 1.0}) {
        for (double v : {0.0, 0.5, 1.0}) {
            const glm::dvec2 distorted((u * in.width - in.cx) / in.fx, (v * in.height - in.cy) / in.fy);
            const glm::dvec2 xy = undistort(in.distortion, distorted);
            const glm::dvec3 ray = toCamera * glm::dvec3(xy, 1.0);
            if (ray.z <= 1e-3) continue; // a frame wider than 180 degrees: fit what is ahead
            halfX = std::max(halfX, std::abs(ray.x / ray.z));
            halfY = std::max(halfY, std::abs(ray.y / ray.z));
        }
    }
    const double tanHalf = std::max(halfY, halfX / std::max(double(aspect), 1e-3)) /
                           (1.0 - std::clamp(double(margin), 0.0, 0.5));
    result.verticalFovDeg = float(std::clamp(glm::degrees(2.0 * std::atan(tanHalf)), 5.0, 140.0));
    return result;
}

render::PhotoWarp photoWarpFor(const scene::AlignedPhoto& photo, const view::Camera& camera, uint32_t width,
                               uint32_t height, int orientation) {
    const double w = std::max(width, 1u), h = std::max(height, 1u);
    const double f = 0.5 * h / std::tan(glm::radians(double(camera.verticalFovDeg)) * 0.5);
    const glm::dmat3 pixelToRay(glm::dvec3(1.0 / f, 0.0, 0.0), glm::dvec3(0.0, 1.0 / f, 0.0),
                                glm::dvec3(-0.5 * w / f, -0.5 * h / f, 1.0));
    render::PhotoWarp warp;
    warp.screenToRay = glm::mat3(glm::transpose(photo.rotation) * cameraAxes(camera) * pixelToRay);
    const asset::CameraIntrinsics& in = photo.intrinsics;
    warp.focal = glm::vec4(in.fx, in.fy, in.cx, in.cy);
    warp.size = glm::vec2(in.width, in.height);
    const asset::Distortion& d = in.distortion;
    warp.model = d.model == asset::DistortionModel::Brown     ? 1
                 : d.model == asset::DistortionModel::Fisheye ? 2
                                                              : 0;
    warp.k = glm::vec4(d.k1, d.k2, d.k3, d.k4);
    warp.p = glm::vec2(d.p1, d.p2);
    warp.orientation = std::clamp(orientation, 1, 8);
    return warp;
}

std::optional<glm::dvec2> projectIntoPhoto(const scene::AlignedPhoto& photo, const glm::dvec3& world) {
    const glm::dvec3 c = glm::transpose(photo.rotation) * (world - photo.center);
    if (c.z <= 1e-9) return std::nullopt;
    const glm::dvec2 xy = distort(photo.intrinsics.distortion, glm::dvec2(c.x, c.y) / c.z);
    const asset::CameraIntrinsics& in = photo.intrinsics;
    return glm::dvec2(in.fx * xy.x + in.cx, in.fy * xy.y + in.cy);
}

AlignedPhotoView::AlignedPhotoView(const scene::Hotspot& hotspot, asset::PhotoLoader& loader,
                                   const AlignedPhotoSettings& settings, double now)
    : mHotspot(hotspot), mSettings(settings), mNow(now), mLastInput(now) {
    if (!mHotspot.aligned) {
        mError = core::makeError(mHotspot.id, "this hotspot has no photograph with a pose");
        return;
    }
    const std::filesystem::path& file = mHotspot.aligned->file;
    auto info = asset::probePhoto(file);
    if (!info) {
        mError = info.error();
        return;
    }
    mOrientation = info->orientation;
    // The pose was solved for the stored pixels; a file of another shape is not that photograph.
    const bool turned = mOrientation >= 5;
    const double storedW = turned ? info->height : info->width, storedH = turned ? info->width : info->height;
    const asset::CameraIntrinsics& in = mHotspot.aligned->intrinsics;
    if (std::abs(storedW / storedH - double(in.width) / double(in.height)) >
        0.01 * double(in.width) / double(in.height)) {
        core::logWarning(file.string(), ": ", uint32_t(storedW), "x", uint32_t(storedH),
                         " pixels, but its pose was solved for ", in.width, "x", in.height,
                         "; the photograph will not line up with the room");
    }
    mRequest = loader.request(file);
}

void AlignedPhotoView::handle(const platform::InputEvent& e) {
    switch (e.type) {
    case EventType::PointerDown:
        if (e.button == 0) {
            mPressed = true;
            mPress = {e.x, e.y};
        }
        mLastInput = e.time;
        return;
    case EventType::PointerUp:
        if (e.button == 0 && mPressed && glm::length(glm::vec2(e.x, e.y) - mPress) <= kTapSlopPixels)
            requestClose();
        mPressed = false;
        mLastInput = e.time;
        return;
    case EventType::PointerMove:
    case EventType::Scroll: mLastInput = e.time; return;
    case EventType::KeyDown:
        mLastInput = e.time;
        if (e.key == keys::kEscape || e.key == keys::kBackspace || e.key == keys::kEnter ||
            e.key == keys::kSpace)
            requestClose();
        return;
    default: return;
    }
}

void AlignedPhotoView::update(double now) {
    mNow = std::max(now, mNow);
    if (mRequest && mRequest->ready()) {
        auto result = mRequest->take();
        mRequest.reset();
        if (result) {
            mPyramid = std::move(result).value();
            ++mGeneration;
            if (!mClosingAt) mShownAt = mNow;
        } else {
            mError = result.error();
        }
    }
    if (mShownAt && !mClosingAt && mSettings.closeAfterSeconds > 0.0 &&
        mNow - std::max(mLastInput, *mShownAt) > mSettings.closeAfterSeconds) {
        requestClose();
    }
}

void AlignedPhotoView::settle() const {
    if (mRequest) mRequest->wait();
}

void AlignedPhotoView::requestClose() {
    if (mClosingAt) return;
    mClosingFrom = opacity();
    mClosingAt = mNow;
    if (mRequest) mRequest->cancel();
}

float AlignedPhotoView::opacity() const {
    if (!mShownAt || !mPyramid) return 0.0f;
    const float in = view::smoothstep01((mNow - *mShownAt) / mSettings.fadeInSeconds);
    if (!mClosingAt) return in;
    return mClosingFrom * view::smoothstep01(1.0 - (mNow - *mClosingAt) / mSettings.fadeOutSeconds);
}

bool AlignedPhotoView::closed() const {
    if (mError) return true;
    if (!mClosingAt) return false;
    return mClosingFrom <= 0.0f || mNow - *mClosingAt >= mSettings.fadeOutSeconds;
}

} // namespace sr::app
