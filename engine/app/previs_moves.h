#pragma once
// Camera moves in the previs workspace: keyframes added from the camera and timed, takes recorded
// live from navigation, and a playhead that plays or scrubs the current move. Edits the moves of a
// previs::PrevisProject it does not own. No clock of its own: times come in as arguments (seconds).
#include <cstdint>
#include <optional>
#include <string>

#include "previs/move_path.h"
#include "previs/previs_project.h"

namespace sr::app {

class MoveEditor {
public:
    // A keyframe added at the end of a move comes this long after the last one, seconds.
    static constexpr double kKeyframeGapS = 2.0;
    // A take keeps the camera's pose this often, seconds.
    static constexpr double kTakeSampleS = 0.2;

    // `project` must outlive the editor; its moves are edited in place.
    explicit MoveEditor(previs::PrevisProject& project);

    // The current move's index in the project, or -1 when there is none.
    int current() const { return mCurrent; }
    previs::CameraMove* move();
    const previs::CameraMove* move() const;
    // Makes move `index` current (-1: none) and puts the playhead at its start.
    void select(int index);
    // A new move "Move N" (the first free N) made with `shotName`'s body; it becomes current.
    int createMove(const std::string& shotName);
    void removeMove(int index);
    // Renames the current move; refused (false) without one or when another move has `name`.
    bool rename(const std::string& name);

    // Adds a keyframe from `camera` at the end of the current move (kKeyframeGapS after its last
    // keyframe, or at 0), creating a move for `shotName` when there is none. Returns its index.
    size_t addKeyframe(const previs::Shot& camera, const std::string& shotName);
    // Sets keyframe `index`'s time; refused (false) unless finite, >= 0 and strictly between its
    // neighbours' times, keeping the move within previs::kMaxMoveSeconds.
    bool setKeyframeTime(size_t index, double timeS);
    // Replaces keyframe `index`'s pose, focal length and focus with the camera's.
    void updateKeyframe(size_t index, const previs::Shot& camera);
    void setEasing(size_t index, previs::Easing easing);
    void removeKeyframe(size_t index);

    // The smooth path of the current move; null without keyframes.
    const previs::MovePath* path() const { return mPath ? &*mPath : nullptr; }

    // Playback. While the view follows the playhead (playing, or scrubbed since the camera last
    // moved) the camera shows the move's sample there.
    void play();
    void pause() { mPlaying = false; }
    bool playing() const { return mPlaying; }
    double playhead() const { return mPlayhead; }
    // Puts the playhead at `timeS` (clamped to the move) and has the view follow it.
    void scrub(double timeS);
    bool following() const { return mFollowing; }
    // The camera was moved by hand: playback stops and the view no longer follows the playhead.
    void release();
    // Advances a playing playhead by `dt` seconds (stopping at the end) and returns the sample the
    // view shows, if it follows the playhead.
    std::optional<previs::MoveSample> advance(double dt);

    // A take: a new move "Take N" recording the camera every kTakeSampleS from `now` on.
    bool recording() const { return mRecording; }
    // Seconds from the start of the take being recorded to `now`.
    double takeSeconds(double now) const { return mRecording ? now - mTakeStart : 0.0; }
    void startTake(double now, const previs::Shot& camera, const std::string& shotName);
    void recordTake(double now, const previs::Shot& camera);
    // Ends the take with a last keyframe at `now`; returns its name.
    std::string stopTake(double now, const previs::Shot& camera);

    // Changes whenever a move of the project changes (for saving).
    uint64_t revision() const { return mRevision; }

private:
    void changed();
    previs::CameraMove& ensureMove(const std::string& shotName);
    std::string freeName(const std::string& prefix) const;

    previs::PrevisProject& mProject;
    int mCurrent = -1;
    std::optional<previs::MovePath> mPath;
    double mPlayhead = 0.0;
    bool mPlaying = false;
    bool mFollowing = false;
    bool mRecording = false;
    double mTakeStart = 0.0;
    double mLastTakeSample = 0.0;
    uint64_t mRevision = 0;
};

// A keyframe at `timeS` holding the camera's pose, focal length and focus.
previs::Keyframe keyframeFromCamera(const previs::Shot& camera, double timeS);

} // namespace sr::app
