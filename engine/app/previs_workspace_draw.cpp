// The previs workspace's overlays (guides, depth-of-field zones, the tape, readouts) and the
// commands its panels run.
#include <cmath>
#include <cstdio>

#include "app/previs_mode.h"
#include "previs/burn_in.h"
#include "previs/camera_pose.h"
#include "ui/previs_overlay.h"
#include "ui/previs_panels.h"

namespace sr::app {
namespace {
constexpr uint32_t kFocusZoneColumns = 64;
constexpr float kFocusPlaneFraction = 0.03f; // of the focus distance, either side

glm::vec4 corners(const previs::PixelRect& r) { return {r.x, r.y, r.right(), r.bottom()}; }
glm::vec4 ends(const previs::PixelLine& l) { return {l.from, l.to}; }

ui::FrameGuidesView guidesView(const PrevisView& view, const GuideSettings& settings,
                               const previs::Shot& shot, const previs::PanTiltRoll& angles) {
    previs::FrameGuideOptions options;
    options.pictureAspect = shot.filmback().aspect();
    const auto aspects = previs::standardFrameAspects();
    std::vector<std::string> labels;
    for (size_t i = 0; i < aspects.size() && i < settings.frameLines.size(); ++i) {
        if (!settings.frameLines[i]) continue;
        options.frameLineAspects.push_back(aspects[i].aspect);
        labels.emplace_back(aspects[i].label);
    }
    if (settings.customFrameLine) {
        options.frameLineAspects.push_back(settings.customFrameLineAspect);
        char label[32];
        std::snprintf(label, sizeof label, "%.2f", settings.customFrameLineAspect);
        labels.emplace_back(label);
    }
    options.safeAreas = settings.safeAreas;
    options.thirds = settings.thirds;
    options.centreMark = settings.centre;
    options.horizon = settings.horizon;
    options.verticalFovDeg = shot.fieldOfView().verticalDeg;
    options.tiltDeg = angles.tiltDeg;
    options.rollDeg = angles.rollDeg;
    const previs::FrameGuides guides = previs::layoutFrameGuides(view.viewport, options);
    ui::FrameGuidesView out;
    out.picture = corners(guides.picture);
    for (const previs::PixelRect& mask : guides.masks) out.masks.push_back(corners(mask));
    for (size_t i = 0; i < guides.frameLines.size(); ++i)
        out.frameLines.push_back({corners(guides.frameLines[i]), labels[i]});
    if (guides.actionSafe) out.actionSafe = corners(*guides.actionSafe);
    if (guides.titleSafe) out.titleSafe = corners(*guides.titleSafe);
    for (const previs::PixelLine& line : guides.thirds) out.thirds.push_back(ends(line));
    for (const previs::PixelLine& line : guides.centre) out.centre.push_back(ends(line));
    if (guides.horizon) out.horizon = ends(*guides.horizon);
    out.level = std::abs(angles.rollDeg) < 0.05f;
    return out;
}

// Each cell's depth along the lens's axis from a ray pick through its centre, against the limits
// of the depth of field: a coarse map, honest about where the scan is sharp.
ui::FocusZonesView focusZones(const PrevisView& view, const previs::Shot& shot, const view::MeshBvh& bvh) {
    ui::FocusZonesView zones;
    zones.picture = corners(view.picture);
    zones.columns = kFocusZoneColumns;
    zones.rows = std::max(
        1u, uint32_t(std::lround(float(kFocusZoneColumns) / std::max(shot.filmback().aspect(), 0.1f))));
    const previs::DepthOfField dof = shot.depthOfField();
    const glm::vec3 forward = previs::forwardOf(shot.pose.orientation);
    const float plane = shot.focusDistanceM * kFocusPlaneFraction;
    for (uint32_t row = 0; row < zones.rows; ++row) {
        for (uint32_t column = 0; column < zones.columns; ++column) {
            const glm::vec2 pixel(
                view.picture.x + (float(column) + 0.5f) * view.picture.width / float(zones.columns),
                view.picture.y + (float(row) + 0.5f) * view.picture.height / float(zones.rows));
            const glm::vec3 ray = rayThroughPixel(view, pixel);
            const auto hit = bvh.raycast(shot.pose.position, ray, 1000.0f);
            ui::FocusZone zone = ui::FocusZone::Empty;
            if (hit) {
                const double depth = double(hit->distance * glm::dot(ray, forward));
                zone = std::abs(depth - shot.focusDistanceM) <= plane ? ui::FocusZone::FocusPlane
                       : depth < dof.nearM                            ? ui::FocusZone::Near
                       : depth > dof.farM                             ? ui::FocusZone::Far
                                                                      : ui::FocusZone::Sharp;
            }
            zones.zones.push_back(zone);
        }
    }
    return zones;
}
} // namespace

void PrevisSession::drawOverlays(const PrevisView& current) {
    const previs::Shot& shot = mCamera->shot();
    if (mGuides.focusZones) ui::drawFocusZones(focusZones(current, shot, *mBvh));
    ui::drawFrameGuides(guidesView(current, mGuides, shot, mCamera->angles()));
    if (mTape.active) {
        ui::TapeView tape;
        for (const glm::vec3& point : mTape.points)
            if (auto pixel = projectToPixel(current, point)) tape.points.push_back(*pixel);
        std::optional<glm::vec3> to =
            mTape.points.size() == 2 ? std::optional(mTape.points[1]) : mTape.pointer;
        if (!mTape.points.empty() && to) {
            tape.line = projectSegment(current, mTape.points[0], *to);
            tape.label = formatDistance(glm::distance(mTape.points[0], *to));
            if (tape.line) tape.labelAt = glm::vec2((*tape.line).z, (*tape.line).w) + glm::vec2(12.0f, -8.0f);
        }
        tape.hint = mTape.points.size() == 1 ? "Tape: click the second point"
                                             : "Tape: click a point on the scan (T or Esc ends)";
        ui::drawTape(tape);
    }
    std::string recording;
    if (mMoves.recording()) {
        const previs::CameraMove* take = mMoves.move();
        const double seconds = mMoves.takeSeconds(mNow);
        recording = "REC  " + (take ? take->name : std::string()) + "  " +
                    previs::formatTimecode(int64_t(std::floor(seconds * mProject.framesPerSecond)),
                                           mProject.framesPerSecond);
    }
    std::string line; // with the panels hidden, the numbers that matter most under the picture
    if (!mPanels) {
        const previs::FieldOfView fov = shot.fieldOfView();
        char text[256];
        std::snprintf(text, sizeof text,
                      "%s  \xc2\xb7  focus %.2f m  \xc2\xb7  %.1f\xc2\xb0 across  \xc2\xb7  tilt "
                      "%.1f\xc2\xb0  roll %.1f\xc2\xb0",
                      lensLabel(shot).c_str(), shot.focusDistanceM, fov.horizontalDeg,
                      roundForDisplay(mCamera->angles().tiltDeg, 1),
                      roundForDisplay(mCamera->angles().rollDeg, 1));
        line = text;
        if (const auto height = mCamera->heightAboveFloor()) {
            std::snprintf(text, sizeof text, "  \xc2\xb7  height %.2f m", *height);
            line += text;
        }
    }
    ui::drawPrevisReadout(line, corners(current.picture), recording);
}

void PrevisSession::applyPanels(const ui::PrevisPanels& panels, const ui::PrevisPanelActions& actions) {
    if (actions.cameraChanged) {
        mMoves.release();
        applyCameraPanel(panels);
    }
    if (actions.rigChanged || actions.layTrack) applyRigPanel(panels, actions.layTrack);
    if (actions.guidesChanged) {
        const ui::GuidesPanel& g = panels.guides;
        mGuides.frameLines = g.frameLines;
        mGuides.customFrameLine = g.customFrameLine;
        mGuides.customFrameLineAspect = g.customFrameLineAspect;
        mGuides.safeAreas = g.safeAreas, mGuides.thirds = g.thirds, mGuides.centre = g.centre;
        mGuides.horizon = g.horizon, mGuides.focusZones = g.focusZones;
    }
    if (actions.toggleTape) setTapeActive(!mTape.active);
    if (actions.outputChanged) applyOutputPanel(panels);
    runPanelCommands(panels, actions);
}

void PrevisSession::runPanelCommands(const ui::PrevisPanels& panels, const ui::PrevisPanelActions& actions) {
    if (actions.focusOnCentre) focusOnCentre();
    if (actions.saveShot) saveShot();
    if (actions.updateShot) updateShot(mSelectedShot);
    if (actions.deleteShot) deleteShot(mSelectedShot);
    if (actions.recallShot >= 0) recallShot(actions.recallShot);
    mPhotoChoice = panels.shots.photo;
    if (actions.shotFromPhoto >= 0) shotFromPhoto(size_t(actions.shotFromPhoto));
    if (actions.renameShot) renameShot(mSelectedShot, panels.shots.shotName);
    if (actions.renameMove) renameMove(panels.shots.moveName);
    const std::string shot = mSelectedShot >= 0 ? mProject.shots[size_t(mSelectedShot)].name : std::string();
    if (actions.newMove) mMoves.createMove(shot);
    if (actions.deleteMove) mMoves.removeMove(mMoves.current());
    if (actions.selectMove >= 0) mMoves.select(actions.selectMove);
    if (actions.addKeyframe) addKeyframe();
    if (actions.updateKeyframe >= 0) mMoves.updateKeyframe(size_t(actions.updateKeyframe), mCamera->shot());
    if (actions.deleteKeyframe >= 0) mMoves.removeKeyframe(size_t(actions.deleteKeyframe));
    if (const int i = actions.keyframeTimeChanged; i >= 0 && size_t(i) < panels.shots.keyframes.size())
        mMoves.setKeyframeTime(size_t(i), panels.shots.keyframes[size_t(i)].timeS);
    if (const int i = actions.keyframeEasingChanged; i >= 0 && size_t(i) < panels.shots.keyframes.size())
        mMoves.setEasing(size_t(i),
                         previs::Easing(std::clamp(panels.shots.keyframes[size_t(i)].easing, 0, 3)));
    if (actions.playPause) togglePlayback();
    if (actions.record) toggleTake();
    if (actions.scrubbed) mMoves.scrub(panels.shots.playheadS);
    mPendingOutput |= (actions.renderStill ? kStill : 0u) | (actions.renderMove ? kMove : 0u) |
                      (actions.contactSheet ? kSheet : 0u) | (actions.exportMove ? kExport : 0u);
}

} // namespace sr::app
