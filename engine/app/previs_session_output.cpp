// Output commands of the previs workspace: stills, move renders, MP4, contact sheets, exports.
#include <cstdio>

#include "app/previs_files.h"
#include "app/previs_mode.h"
#include "core/log.h"

namespace sr::app {
namespace {
// Whether two cameras show the same picture.
bool sameCamera(const previs::Shot& a, const previs::Shot& b) {
    return a.pose.position == b.pose.position && a.pose.orientation == b.pose.orientation &&
           a.focalLengthMm == b.focalLengthMm && a.sensor.widthMm == b.sensor.widthMm &&
           a.sensor.heightMm == b.sensor.heightMm && a.outputAspect == b.outputAspect;
}

const char* extensionOf(previs::MoveExportFormat format) {
    switch (format) {
    case previs::MoveExportFormat::Csv: return ".csv";
    case previs::MoveExportFormat::Json: return ".json";
    case previs::MoveExportFormat::Gltf: return ".gltf";
    case previs::MoveExportFormat::Collada: return ".dae";
    case previs::MoveExportFormat::Blender: return ".py";
    }
    return ".gltf";
}
} // namespace

previs::Shot PrevisSession::bodyForMove(const previs::CameraMove& move) const {
    if (const previs::Shot* shot = mProject.findShot(move.shot)) return *shot;
    return mCamera->shot();
}

std::string PrevisSession::cameraTitle() const {
    if (mSelectedShot >= 0 && sameCamera(mProject.shots[size_t(mSelectedShot)], mCamera->shot()))
        return mProject.shots[size_t(mSelectedShot)].name;
    return "camera";
}

core::Status PrevisSession::renderStill() {
    const std::string title = cameraTitle();
    const std::filesystem::path file = outputFolder() / (safeFileName(title) + ".png");
    auto rendered = app::renderStill(*mShots, mCamera->shot(), title, mOutput.width, mOutput.height,
                                     mOutput.burnIn, file);
    mLastOutputs.clear();
    if (!rendered) return setStatus(rendered.error().describe(), true), rendered;
    mLastOutputs.push_back(file);
    setStatus("Wrote " + file.string());
    return rendered;
}

core::Status PrevisSession::startMoveRender() {
    const previs::CameraMove* move = mMoves.move();
    if (!move || move->keyframes.empty()) {
        core::Error error{mSettings.projectFile.string(),
                          "there is no move to render: add keyframes or record a take"};
        return setStatus(error.message), error;
    }
    SequenceSettings settings;
    settings.width = mOutput.width;
    settings.height = mOutput.height;
    settings.framesPerSecond = mProject.framesPerSecond;
    settings.burnIn = mOutput.burnIn;
    settings.name = move->name;
    settings.folder = outputFolder() / safeFileName(move->name);
    auto job = SequenceJob::create(*mShots, *move, bodyForMove(*move), settings);
    if (!job) return setStatus(job.error().describe(), true), job.error();
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(settings.folder, ec)) {
        // Frames of an earlier, longer render of this move would trail the new ones.
        if (entry.path().extension() == ".png") std::filesystem::remove(entry.path(), ec);
    }
    mJob = std::make_unique<SequenceJob>(std::move(job).value());
    mJobMp4 = mOutput.mp4 ? (outputFolder() / (safeFileName(move->name) + ".mp4")).string() : std::string();
    mLastOutputs.clear();
    setStatus("Rendering " + move->name + "\xe2\x80\xa6");
    return core::Status{};
}

void PrevisSession::stepOutput() {
    if (!mJob) return;
    if (auto stepped = mJob->step(); !stepped) {
        setStatus(stepped.error().describe(), true);
        mJob.reset();
        return;
    }
    if (mJob->done()) finishedMoveRender();
}

core::Status PrevisSession::finishMoveRender() {
    while (mJob) {
        if (auto stepped = mJob->step(); !stepped) {
            setStatus(stepped.error().describe(), true);
            mJob.reset();
            return stepped;
        }
        if (mJob->done()) finishedMoveRender();
    }
    return core::Status{};
}

void PrevisSession::finishedMoveRender() {
    const SequenceJob& job = *mJob;
    mLastOutputs = job.files();
    std::string text =
        "Wrote " + std::to_string(job.frameCount()) + " frames to " + job.settings().folder.string();
    if (!mJobMp4.empty()) {
        if (auto encoded = encodeMp4(job.settings().folder, job.pattern(), job.settings().framesPerSecond,
                                     mJobMp4, mSettings.ffmpeg)) {
            mLastOutputs.push_back(mJobMp4);
            text += " and " + mJobMp4;
        } else {
            text += ". " + encoded.error().message;
            core::logWarning(encoded.error().describe());
        }
    }
    mJob.reset();
    setStatus(text + ".");
}

core::Status PrevisSession::renderContactSheet() {
    const std::filesystem::path file = outputFolder() / "contact-sheet.png";
    const std::string title = mSettings.title.empty() ? std::string("Shots") : mSettings.title;
    auto written = app::renderContactSheet(*mShots, mProject.shots, title, file);
    mLastOutputs.clear();
    if (!written) return setStatus(written.error().describe(), !mProject.shots.empty()), written;
    mLastOutputs.push_back(file);
    setStatus("Wrote " + file.string());
    return written;
}

core::Status PrevisSession::exportMove() {
    const previs::CameraMove* move = mMoves.move();
    if (!move || !mMoves.path()) {
        core::Error error{mSettings.projectFile.string(),
                          "there is no move to export: add keyframes or record a take"};
        return setStatus(error.message), error;
    }
    const previs::Shot body = bodyForMove(*move);
    previs::MoveExportSettings settings;
    settings.name = move->name;
    settings.filmback = body.filmback();
    settings.framesPerSecond = mProject.framesPerSecond;
    const std::filesystem::path file =
        outputFolder() / (safeFileName(move->name) + extensionOf(mOutput.exportFormat));
    const auto samples = mMoves.path()->sample(mProject.framesPerSecond);
    auto exported = previs::exportMove(file, mOutput.exportFormat, samples, settings);
    mLastOutputs.clear();
    if (!exported) return setStatus(exported.error().describe(), true), exported;
    mLastOutputs.push_back(file);
    setStatus("Exported " + move->name + " to " + file.string());
    return exported;
}

void PrevisSession::runPendingOutput() {
    const unsigned pending = std::exchange(mPendingOutput, 0u);
    if (pending & kStill) (void)renderStill();
    if (pending & kMove) (void)startMoveRender();
    if (pending & kSheet) (void)renderContactSheet();
    if (pending & kExport) (void)exportMove();
}

} // namespace sr::app
