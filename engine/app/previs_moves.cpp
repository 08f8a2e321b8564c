#include "app/previs_moves.h"

#include <algorithm>
#include <cmath>

namespace sr::app {

previs::Keyframe keyframeFromCamera(const previs::Shot& camera, double timeS) {
    previs::Keyframe key;
    key.timeS = timeS;
    key.position = camera.pose.position;
    key.orientation = camera.pose.orientation;
    key.focalLengthMm = camera.focalLengthMm;
    key.focusDistanceM = camera.focusDistanceM;
    return key;
}

MoveEditor::MoveEditor(previs::PrevisProject& project) : mProject(project) {
    if (!project.moves.empty()) select(0);
}

previs::CameraMove* MoveEditor::move() {
    return mCurrent >= 0 && size_t(mCurrent) < mProject.moves.size() ? &mProject.moves[size_t(mCurrent)]
                                                                     : nullptr;
}

const previs::CameraMove* MoveEditor::move() const {
    return mCurrent >= 0 && size_t(mCurrent) < mProject.moves.size() ? &mProject.moves[size_t(mCurrent)]
                                                                     : nullptr;
}

void MoveEditor::changed() {
    ++mRevision;
    mPath.reset();
    const previs::CameraMove* current = move();
    if (!current || current->keyframes.empty()) return;
    if (auto path = previs::MovePath::create(*current)) mPath = std::move(path).value();
    if (mPath) mPlayhead = std::clamp(mPlayhead, mPath->startTime(), mPath->endTime());
}

void MoveEditor::select(int index) {
    mCurrent = index >= 0 && size_t(index) < mProject.moves.size() ? index : -1;
    mPlaying = mFollowing = false;
    mPath.reset();
    if (const previs::CameraMove* current = move(); current && !current->keyframes.empty()) {
        if (auto path = previs::MovePath::create(*current)) mPath = std::move(path).value();
    }
    mPlayhead = mPath ? mPath->startTime() : 0.0;
}

std::string MoveEditor::freeName(const std::string& prefix) const {
    for (int n = 1;; ++n) {
        const std::string name = prefix + " " + std::to_string(n);
        if (!mProject.findMove(name)) return name;
    }
}

int MoveEditor::createMove(const std::string& shotName) {
    previs::CameraMove created;
    created.name = freeName("Move");
    created.shot = shotName;
    mProject.moves.push_back(std::move(created));
    select(int(mProject.moves.size()) - 1);
    changed();
    return mCurrent;
}

bool MoveEditor::rename(const std::string& name) {
    previs::CameraMove* current = move();
    if (!current) return false;
    const previs::CameraMove* other = mProject.findMove(name);
    if (other && other != current) return false;
    if (current->name == name) return true;
    current->name = name;
    changed();
    return true;
}

void MoveEditor::removeMove(int index) {
    if (index < 0 || size_t(index) >= mProject.moves.size()) return;
    mProject.moves.erase(mProject.moves.begin() + index);
    select(std::min(index, int(mProject.moves.size()) - 1));
    changed();
}

previs::CameraMove& MoveEditor::ensureMove(const std::string& shotName) {
    if (!move()) createMove(shotName);
    return *move();
}

size_t MoveEditor::addKeyframe(const previs::Shot& camera, const std::string& shotName) {
    previs::CameraMove& current = ensureMove(shotName);
    const double time = current.keyframes.empty() ? 0.0 : current.keyframes.back().timeS + kKeyframeGapS;
    current.keyframes.push_back(keyframeFromCamera(camera, std::min(time, previs::kMaxMoveSeconds)));
    if (current.keyframes.size() > 1 && current.keyframes.back().timeS <= current.keyframes.end()[-2].timeS)
        current.keyframes.pop_back(); // the move is already as long as a move may be
    changed();
    mPlayhead = current.keyframes.back().timeS;
    return current.keyframes.size() - 1;
}

bool MoveEditor::setKeyframeTime(size_t index, double timeS) {
    previs::CameraMove* current = move();
    if (!current || index >= current->keyframes.size() || !std::isfinite(timeS) || timeS < 0.0) return false;
    const auto& keys = current->keyframes;
    if (index > 0 && timeS <= keys[index - 1].timeS) return false;
    if (index + 1 < keys.size() && timeS >= keys[index + 1].timeS) return false;
    const double first = index == 0 ? timeS : keys.front().timeS;
    const double last = index + 1 == keys.size() ? timeS : keys.back().timeS;
    if (last - first > previs::kMaxMoveSeconds) return false;
    current->keyframes[index].timeS = timeS;
    changed();
    return true;
}

void MoveEditor::updateKeyframe(size_t index, const previs::Shot& camera) {
    previs::CameraMove* current = move();
    if (!current || index >= current->keyframes.size()) return;
    previs::Keyframe& key = current->keyframes[index];
    const previs::Easing easing = key.easing;
    key = keyframeFromCamera(camera, key.timeS);
    key.easing = easing;
    changed();
}

void MoveEditor::setEasing(size_t index, previs::Easing easing) {
    previs::CameraMove* current = move();
    if (!current || index >= current->keyframes.size()) return;
    current->keyframes[index].easing = easing;
    changed();
}

void MoveEditor::removeKeyframe(size_t index) {
    previs::CameraMove* current = move();
    if (!current || index >= current->keyframes.size()) return;
    current->keyframes.erase(current->keyframes.begin() + std::ptrdiff_t(index));
    changed();
}

void MoveEditor::play() {
    if (!mPath) return;
    if (mPlayhead >= mPath->endTime()) mPlayhead = mPath->startTime();
    mPlaying = mFollowing = true;
}

void MoveEditor::scrub(double timeS) {
    if (!mPath) return;
    mPlayhead =
        std::clamp(std::isfinite(timeS) ? timeS : mPath->startTime(), mPath->startTime(), mPath->endTime());
    mFollowing = true;
}

void MoveEditor::release() { mPlaying = mFollowing = false; }

std::optional<previs::MoveSample> MoveEditor::advance(double dt) {
    if (!mPath || !mFollowing) return std::nullopt;
    if (mPlaying) {
        mPlayhead = std::min(mPlayhead + std::max(dt, 0.0), mPath->endTime());
        if (mPlayhead >= mPath->endTime()) mPlaying = false;
    }
    return mPath->evaluate(mPlayhead);
}

void MoveEditor::startTake(double now, const previs::Shot& camera, const std::string& shotName) {
    if (mRecording) return;
    previs::CameraMove take;
    take.name = freeName("Take");
    take.shot = shotName;
    take.keyframes.push_back(keyframeFromCamera(camera, 0.0));
    mProject.moves.push_back(std::move(take));
    select(int(mProject.moves.size()) - 1);
    mRecording = true;
    mTakeStart = mLastTakeSample = now;
}

void MoveEditor::recordTake(double now, const previs::Shot& camera) {
    previs::CameraMove* take = move();
    if (!mRecording || !take) return;
    if (now - mLastTakeSample < kTakeSampleS - 1e-9) return;
    const double time = std::min(now - mTakeStart, previs::kMaxMoveSeconds);
    if (time <= take->keyframes.back().timeS) return;
    take->keyframes.push_back(keyframeFromCamera(camera, time));
    mLastTakeSample = now;
}

std::string MoveEditor::stopTake(double now, const previs::Shot& camera) {
    previs::CameraMove* take = move();
    if (!mRecording || !take) return {};
    mRecording = false;
    const double time = std::min(now - mTakeStart, previs::kMaxMoveSeconds);
    if (time > take->keyframes.back().timeS + 1e-6)
        take->keyframes.push_back(keyframeFromCamera(camera, time));
    changed();
    mPlayhead = mPath ? mPath->startTime() : 0.0;
    return take->name;
}

} // namespace sr::app
