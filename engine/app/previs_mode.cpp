#include "app/previs_mode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/aligned_photo.h"
#include "app/previs_files.h"
#include "app/room_session.h"
#include "core/log.h"
#include "gpu/context.h"
#include "previs/camera_pose.h"
#include "scene/room_poses.h"
#include "ui/panel_widgets.h"
#include "ui/previs_panels.h"

namespace sr::app {
namespace {
constexpr double kSaveEverySeconds = 0.25; // continuous edits (a dragged time) are saved this often

// The camera a workspace opens with: the project's last shot, else a 32 mm prime on a full-frame
// body delivering 16:9, at the room's first station.
previs::Shot startingShot(const RoomSource& source, const asset::RoomMesh& mesh,
                          const previs::PrevisProject& project) {
    if (!project.shots.empty()) return project.shots.back();
    previs::Shot shot;
    if (const previs::Sensor* sensor = previs::findSensorPreset("full-frame")) shot.sensor = *sensor;
    shot.outputAspect = 16.0f / 9.0f;
    shot.lensId = "standard-primes";
    shot.focalLengthMm = 32.0f;
    auto camera = startingCamera(source, mesh, "", 60.0f, 16.0f / 9.0f);
    if (camera) shot.pose = previs::poseFromViewCamera(*camera);
    return shot;
}
} // namespace

std::string formatDistance(float metres) {
    const double inches = double(metres) / 0.0254;
    const int feet = int(std::floor(inches / 12.0 + 1e-9));
    char text[64];
    std::snprintf(text, sizeof text, "%.2f m (%d ft %.1f in)", metres, feet, inches - feet * 12.0);
    return text;
}

PrevisSession::PrevisSession(render::Renderer& renderer, ui::ImGuiLayer& ui, previs::PrevisProject project)
    : mRenderer(renderer), mUi(ui), mProject(std::move(project)), mMoves(mProject) {}

std::unique_ptr<PrevisSession> PrevisSession::create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                     const RoomSource& source, const asset::RoomMesh& mesh,
                                                     previs::PrevisProject project,
                                                     const PrevisWorkspaceSettings& settings, double now) {
    std::unique_ptr<PrevisSession> session(new PrevisSession(renderer, ui, std::move(project)));
    session->mSettings = settings;
    session->mSource = source;
    session->mRoom = renderer.uploadRoom(mesh);
    session->mBvh = std::make_unique<view::MeshBvh>(mesh);
    session->mCamera =
        std::make_unique<PrevisCamera>(*session->mBvh, startingShot(source, mesh, session->mProject));
    session->mShots = std::make_unique<ShotRenderer>(renderer, *session->mRoom);
    session->mNow = now;
    session->mFfmpeg = findProgram(settings.ffmpeg).has_value();
    session->mSavedRevision = session->mMoves.revision();
    if (!session->mProject.shots.empty()) session->mSelectedShot = int(session->mProject.shots.size()) - 1;
    if (!source.poses.empty()) {
        if (auto poses = loadSourcePoses(source)) {
            for (const asset::CameraPose& pose : poses->poses) {
                if (!pose.imageFile.empty()) session->mPhotos.push_back(scene::alignedPhotoFor(pose));
            }
        } else {
            core::logError(poses.error().describe(), "; shots cannot be made from the room's photographs");
        }
    }
    return session;
}

PrevisSession::~PrevisSession() {
    if (mMoves.recording()) mMoves.stopTake(mNow, mCamera->shot());
    if (mDirty || mMoves.revision() != mSavedRevision) {
        if (auto saved = saveProject(); !saved) core::logError(saved.error().describe());
    }
    mRenderer.context().waitIdle();
}

void PrevisSession::setViewport(uint32_t width, uint32_t height) {
    mWidth = std::max(width, 1u);
    mHeight = std::max(height, 1u);
}

PrevisView PrevisSession::view() const {
    return previsViewFor(mCamera->shot(), {float(mWidth), float(mHeight)});
}

void PrevisSession::setStatus(std::string text, bool problem) {
    if (problem) core::logError(text);
    mStatus = std::move(text);
}

std::filesystem::path PrevisSession::outputFolder() const {
    return mSettings.outputFolder.empty() ? defaultOutputFolder(mSettings.projectFile)
                                          : mSettings.outputFolder;
}

void PrevisSession::update(double now) {
    const float dt = float(std::clamp(now - mNow, 0.0, 0.1));
    mNow = std::max(mNow, now);
    navigate(dt);
    if (mMoves.recording()) mMoves.recordTake(mNow, mCamera->shot());
    if (auto sample = mMoves.advance(dt)) mCamera->showSample(*sample);
    runPendingOutput();
    stepOutput();
    const bool changed = mDirty || mMoves.revision() != mSavedRevision;
    if (changed && !mMoves.recording() && mNow - mLastSave >= kSaveEverySeconds) {
        mLastSave = mNow;
        if (auto saved = saveProject(); !saved) {
            // Said once; the next change tries again.
            setStatus("Could not save the project: " + saved.error().describe(), true);
            mDirty = false;
            mSavedRevision = mMoves.revision();
        }
    }
}

core::Status PrevisSession::saveProject() {
    auto saved = previs::savePrevisProject(mProject, mSettings.projectFile);
    if (saved) {
        mDirty = false;
        mSavedRevision = mMoves.revision();
    }
    return saved;
}

void PrevisSession::setFramesPerSecond(double framesPerSecond) {
    if (!(framesPerSecond > 0.0 && framesPerSecond <= previs::kMaxFramesPerSecond)) return;
    mProject.framesPerSecond = framesPerSecond;
    markDirty();
}

void PrevisSession::saveShot() {
    previs::Shot shot = mCamera->shot();
    for (int n = int(mProject.shots.size()) + 1;; ++n) {
        shot.name = "Shot " + std::to_string(n);
        if (!mProject.findShot(shot.name)) break;
    }
    mProject.shots.push_back(shot);
    mSelectedShot = int(mProject.shots.size()) - 1;
    markDirty();
    setStatus("Saved the camera as " + shot.name + ".");
}

void PrevisSession::shotFromPhoto(size_t index) {
    if (index >= mPhotos.size()) return;
    const scene::AlignedPhoto& photo = mPhotos[index];
    const glm::vec3 axis = glm::normalize(glm::vec3(photo.rotation[2]));
    auto hit = mBvh->raycast(glm::vec3(photo.center), axis, 1000.0f);
    previs::Shot shot = app::shotFromPhoto(photo, mCamera->shot(), hit ? hit->distance : 0.0f);
    const std::string stem = std::filesystem::path(photo.image).stem().string();
    shot.name = "Photo " + (stem.empty() ? std::to_string(index + 1) : stem);
    const std::string base = shot.name;
    for (int n = 2; mProject.findShot(shot.name); ++n) shot.name = base + " (" + std::to_string(n) + ")";
    mMoves.release();
    mProject.shots.push_back(shot);
    mSelectedShot = int(mProject.shots.size()) - 1;
    mCamera->setShot(shot);
    markDirty();
    char lens[32];
    std::snprintf(lens, sizeof lens, "%.1f mm", double(shot.focalLengthMm));
    setStatus("Made " + shot.name + " from where the photograph was taken (" + lens +
              "; lens shift and distortion not carried).");
}

void PrevisSession::recallShot(int index) {
    if (index < 0 || size_t(index) >= mProject.shots.size()) return;
    mMoves.release();
    mSelectedShot = index;
    mCamera->setShot(mProject.shots[size_t(index)]);
    setStatus("Camera set to " + mProject.shots[size_t(index)].name + ".");
}

void PrevisSession::updateShot(int index) {
    if (index < 0 || size_t(index) >= mProject.shots.size()) return;
    previs::Shot& shot = mProject.shots[size_t(index)];
    const std::string name = shot.name;
    shot = mCamera->shot();
    shot.name = name;
    markDirty();
    setStatus(name + " now holds the camera as it is.");
}

void PrevisSession::deleteShot(int index) {
    if (index < 0 || size_t(index) >= mProject.shots.size()) return;
    const std::string name = mProject.shots[size_t(index)].name;
    mProject.shots.erase(mProject.shots.begin() + index);
    // Moves made with the shot's body keep their keyframes and use the workspace's camera instead.
    for (previs::CameraMove& move : mProject.moves)
        if (move.shot == name) move.shot.clear();
    mSelectedShot = std::min(mSelectedShot, int(mProject.shots.size()) - 1);
    markDirty();
    setStatus("Deleted " + name + ".");
}

namespace {
// `name` without the spaces around it, or why it cannot name a shot or move.
core::Result<std::string> checkedName(const std::string& name, const char* what) {
    const size_t first = name.find_first_not_of(" \t");
    if (first == std::string::npos) return core::makeError("", core::concat("A ", what, " needs a name."));
    std::string trimmed = name.substr(first, name.find_last_not_of(" \t") - first + 1);
    if (trimmed.size() > ui::kMaxNameBytes)
        return core::makeError("",
                               core::concat("A ", what, " name has at most ", ui::kMaxNameBytes, " bytes."));
    for (unsigned char c : trimmed)
        if (c < 0x20 || c == 0x7f) return core::makeError("", "A name cannot hold control characters.");
    return trimmed;
}
} // namespace

bool PrevisSession::renameShot(int index, const std::string& name) {
    if (index < 0 || size_t(index) >= mProject.shots.size()) return false;
    auto checked = checkedName(name, "shot");
    if (!checked) return setStatus(checked.error().message, true), false;
    previs::Shot& shot = mProject.shots[size_t(index)];
    if (*checked == shot.name) return true;
    if (mProject.findShot(*checked))
        return setStatus("There is already a shot called " + *checked + ".", true), false;
    for (previs::CameraMove& move : mProject.moves)
        if (move.shot == shot.name) move.shot = *checked;
    setStatus("Renamed " + shot.name + " to " + *checked + ".");
    shot.name = std::move(*checked);
    markDirty();
    return true;
}

bool PrevisSession::renameMove(const std::string& name) {
    const previs::CameraMove* move = mMoves.move();
    if (!move) return false;
    auto checked = checkedName(name, "move");
    if (!checked) return setStatus(checked.error().message, true), false;
    const std::string old = move->name;
    if (!mMoves.rename(*checked))
        return setStatus("There is already a move called " + *checked + ".", true), false;
    if (old != *checked) setStatus("Renamed " + old + " to " + *checked + ".");
    return true;
}

void PrevisSession::addKeyframe() {
    if (mMoves.recording()) return;
    const std::string shot = mSelectedShot >= 0 ? mProject.shots[size_t(mSelectedShot)].name : std::string();
    const size_t index = mMoves.addKeyframe(mCamera->shot(), shot);
    const previs::CameraMove* move = mMoves.move();
    char text[160];
    std::snprintf(text, sizeof text, "Keyframe %zu of %s at %.2f s.", index + 1, move->name.c_str(),
                  move->keyframes[index].timeS);
    setStatus(text);
}

void PrevisSession::togglePlayback() {
    if (mMoves.recording()) return;
    if (mMoves.playing()) {
        mMoves.pause();
        return;
    }
    const previs::CameraMove* move = mMoves.move();
    if (!move || !mMoves.path())
        return setStatus("There is no move to play: add keyframes (K) or record a take (R).");
    // The move is seen through its shot's body and lens.
    if (const previs::Shot* shot = mProject.findShot(move->shot)) {
        previs::Shot body = *shot;
        body.pose = mCamera->shot().pose;
        mCamera->setShot(body);
    }
    mMoves.play();
}

void PrevisSession::toggleTake() {
    if (mMoves.recording()) {
        const std::string name = mMoves.stopTake(mNow, mCamera->shot());
        const previs::CameraMove* take = mMoves.move();
        char text[160];
        std::snprintf(text, sizeof text, "Recorded %s: %.1f s, %zu keyframes.", name.c_str(),
                      take ? take->keyframes.back().timeS : 0.0, take ? take->keyframes.size() : size_t(0));
        setStatus(text);
        return;
    }
    mMoves.release();
    const std::string shot = mSelectedShot >= 0 ? mProject.shots[size_t(mSelectedShot)].name : std::string();
    mMoves.startTake(mNow, mCamera->shot(), shot);
    setStatus("Recording a take: move the camera; R again ends it.");
}

void PrevisSession::focusOnCentre() {
    if (auto distance = mCamera->distanceOnAxis()) {
        mCamera->setFocusDistance(*distance);
        char text[96];
        std::snprintf(text, sizeof text, "Focused at %.2f m.", mCamera->shot().focusDistanceM);
        setStatus(text);
    } else {
        setStatus("Nothing of the scan is on the lens's axis to focus on.");
    }
}

void PrevisSession::prepareFrame(uint32_t width, uint32_t height) {
    setViewport(width, height);
    mUi.setScale(uiScaleFor(mTextScale, height));
}

void PrevisSession::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) {
    const uint32_t width = target.desc().width, height = target.desc().height;
    setViewport(width, height);
    const PrevisView current = view();
    render::FrameOverlays overlays;
    for (const glm::vec3& point : mTape.points) {
        render::Marker marker;
        marker.center = point;
        marker.radius = 0.025f;
        marker.shape = render::MarkerShape::Glow;
        marker.color = glm::vec3(1.0f, 0.8f, 0.2f);
        overlays.markers.push_back(marker);
    }
    mRenderer.recordFrame(cmd, target, *mRoom, current.frame, overlays);
    mUi.beginFrame(dt, width, height);
    drawOverlays(current);
    if (mPanels) {
        ui::PrevisPanels panels = panelModel();
        const ui::PrevisPanelActions actions = ui::drawPrevisPanels(panels);
        applyPanels(panels, actions);
    }
    mUi.endFrame();
    mUi.record(cmd, target);
}

core::Image8 PrevisSession::renderImage(uint32_t width, uint32_t height, float dt) {
    gpu::OffscreenTarget target = mRenderer.createTarget(width, height);
    prepareFrame(width, height);
    mRenderer.context().submitAndWait([&](VkCommandBuffer cmd) { record(cmd, target, dt); });
    return target.readback(mRenderer.context());
}

} // namespace sr::app
