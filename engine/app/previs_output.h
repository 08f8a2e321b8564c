#pragma once
// Previs output: a shot or a move rendered headless as the delivered picture, with optional
// burn-ins, as single PNGs or PNG sequences at any size and frame rate, MP4 through ffmpeg, and a
// contact sheet of shots. Uses the same renderer as the screen.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/result.h"
#include "previs/burn_in.h"
#include "previs/camera_move.h"
#include "previs/image_text.h"
#include "previs/shot.h"
#include "render/renderer.h"

namespace sr::app {

// Renders pictures of one room. The renderer and the room must outlive it.
class ShotRenderer {
public:
    ShotRenderer(render::Renderer& renderer, const render::GpuRoom& room);

    // The delivered picture of `camera` in a `width` x `height` image (sRGB RGBA8): the largest
    // rectangle of the filmback's aspect centred in the image, black outside it (letterbox or
    // pillarbox), the lens's field of view spanning it exactly. Waits for the GPU.
    core::Image8 render(const previs::Shot& camera, uint32_t width, uint32_t height) const;
    // The typeface for burn-ins and contact sheets (loaded on first use); an Error when none is
    // installed.
    core::Result<const previs::ImageFont*> font() const;

private:
    render::Renderer& mRenderer;
    const render::GpuRoom& mRoom;
    mutable std::optional<previs::ImageFont> mFont;
};

// `value` rounded to `decimals` decimals, with -0 made 0, so printing it never shows "-0.0".
double roundForDisplay(double value, int decimals);

// "32 mm Master Primes, f/2.8": focal length, the lens preset's short name when there is one, stop.
std::string lensLabel(const previs::Shot& camera);
// "ARRI ALEXA Mini LF (LF Open Gate), 2.39:1": the body and the delivered aspect.
std::string bodyLabel(const previs::Shot& camera);
// The burn-in of frame `frame` (0-based) of `title` at `framesPerSecond`: title, lens, body, frame
// number (from 1) and timecode.
previs::BurnIn burnInFor(const std::string& title, const previs::Shot& camera, int64_t frame,
                         double framesPerSecond);

// Renders `camera` and writes it to `file` as PNG, burnt in as frame 0 of `title` when `burnIn`.
core::Status renderStill(const ShotRenderer& renderer, const previs::Shot& camera, const std::string& title,
                         uint32_t width, uint32_t height, bool burnIn, const std::filesystem::path& file);

struct SequenceSettings {
    uint32_t width = 1920, height = 1080;
    double framesPerSecond = 24.0; // in (0, previs::kMaxFramesPerSecond]
    bool burnIn = true;
    std::filesystem::path folder; // frames are written here as NAME.0001.png, NAME.0002.png, ...
    std::string name;             // file name stem (made safe) and burn-in title
};

// A move rendered to a PNG sequence one frame per step(), so a window can stay responsive.
class SequenceJob {
public:
    // `move` (valid per previs::checkMove) made with `body`'s sensor, output aspect, lens and stop;
    // its keyframes give pose, focal length and focus. Fails for a bad move, size or rate, or when
    // a burn-in is asked for and no typeface is installed.
    static core::Result<SequenceJob> create(const ShotRenderer& renderer, const previs::CameraMove& move,
                                            const previs::Shot& body, const SequenceSettings& settings);

    // Renders and writes the next frame; an Error names the file that could not be written.
    core::Status step();
    bool done() const { return mNext >= mSamples.size(); }
    size_t frameCount() const { return mSamples.size(); }
    size_t framesWritten() const { return mNext; }
    const SequenceSettings& settings() const { return mSettings; }
    const std::vector<std::filesystem::path>& files() const { return mFiles; }
    // The frames' names as ffmpeg reads them: NAME.%04d.png.
    std::string pattern() const;
    // The camera of frame `index`.
    previs::Shot cameraAt(size_t index) const;

private:
    SequenceJob(const ShotRenderer& renderer, const previs::Shot& body, const SequenceSettings& settings)
        : mRenderer(&renderer), mBody(body), mSettings(settings) {}
    const ShotRenderer* mRenderer;
    previs::Shot mBody;
    SequenceSettings mSettings;
    std::vector<previs::MoveSample> mSamples;
    std::vector<std::filesystem::path> mFiles;
    size_t mNext = 0;
};

// Renders every frame of `job` (headless use).
core::Status runSequence(SequenceJob& job);

// A contact sheet of `shots` written to `file` as PNG: a titled grid with each shot's picture and,
// under it, its name, lens, body and position. Fails for no shots or when no typeface is installed.
core::Status renderContactSheet(const ShotRenderer& renderer, std::span<const previs::Shot> shots,
                                const std::string& title, const std::filesystem::path& file);

// The first `name` on $PATH that is an executable file, else nothing.
std::optional<std::filesystem::path> findProgram(const std::string& name);

// Encodes the PNG sequence `folder`/`pattern` (as SequenceJob::pattern) at `framesPerSecond` into
// H.264 MP4 `file` by running `program` (ffmpeg): even dimensions (padded), yuv420p, so every
// player shows it, without a shell, standard input from /dev/null and an hour at most. When the
// program is not installed, fails (its last line of output is quoted), crashes or runs out of time,
// the Error says so and where the frames are.
core::Status encodeMp4(const std::filesystem::path& folder, const std::string& pattern,
                       double framesPerSecond, const std::filesystem::path& file,
                       const std::string& program = "ffmpeg");

} // namespace sr::app
