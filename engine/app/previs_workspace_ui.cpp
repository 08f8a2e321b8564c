// The previs workspace's panels and overlays: the state shown to ui, and what the user changed.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/previs_files.h"
#include "app/previs_mode.h"
#include "previs/burn_in.h"
#include "ui/previs_overlay.h"
#include "ui/previs_panels.h"

namespace sr::app {
namespace {
struct OutputSize {
    const char* label;
    uint32_t width, height;
};
constexpr OutputSize kSizes[] = {{"1280 \xc3\x97 720", 1280, 720},
                                 {"1920 \xc3\x97 1080", 1920, 1080},
                                 {"2048 \xc3\x97 858 (2.39 flat)", 2048, 858},
                                 {"2048 \xc3\x97 1080 (DCI 2K)", 2048, 1080},
                                 {"3840 \xc3\x97 2160", 3840, 2160},
                                 {"4096 \xc3\x97 1716 (4K 2.39)", 4096, 1716}};
constexpr double kRates[] = {23.976, 24.0, 25.0, 29.97, 30.0, 48.0, 50.0, 60.0};
constexpr previs::MoveExportFormat kFormats[] = {
    previs::MoveExportFormat::Gltf, previs::MoveExportFormat::Collada, previs::MoveExportFormat::Blender,
    previs::MoveExportFormat::Csv, previs::MoveExportFormat::Json};

std::string printf1(const char* format, double a, double b = 0.0, double c = 0.0) {
    char text[128];
    std::snprintf(text, sizeof text, format, a, b, c);
    return text;
}

std::string rateLabel(double rate) { return printf1("%g fps", rate); }

ui::CameraPanel cameraPanel(const PrevisCamera& camera, glm::vec2 customSensor, float customAspect) {
    const previs::Shot& shot = camera.shot();
    ui::CameraPanel panel;
    for (const previs::Sensor& sensor : previs::sensorPresets()) panel.sensors.push_back(sensor.name);
    panel.sensors.push_back("Custom");
    const auto presets = previs::sensorPresets();
    const auto found =
        std::find_if(presets.begin(), presets.end(), [&](const auto& s) { return s.id == shot.sensor.id; });
    panel.sensor = found == presets.end() ? int(presets.size()) : int(found - presets.begin());
    panel.customSensorMm = panel.sensor == int(presets.size())
                               ? glm::vec2(shot.sensor.widthMm, shot.sensor.heightMm)
                               : customSensor;
    panel.aspects.push_back(printf1("Sensor (%.2f : 1)", shot.sensor.aspect()));
    const auto aspects = previs::standardFrameAspects();
    panel.aspect = int(aspects.size()) + 1;
    if (shot.outputAspect <= 0.0f) panel.aspect = 0;
    for (size_t i = 0; i < aspects.size(); ++i) {
        panel.aspects.push_back(std::string(aspects[i].label) + " : 1");
        if (std::abs(aspects[i].aspect - shot.outputAspect) < 1e-4f) panel.aspect = int(i) + 1;
    }
    panel.aspects.push_back("Custom");
    panel.customAspect = panel.aspect == int(aspects.size()) + 1 ? shot.outputAspect : customAspect;
    panel.lenses.push_back("Any focal length");
    for (const previs::LensPreset& lens : previs::lensPresets()) {
        panel.lenses.push_back(lens.name);
        if (lens.id == shot.lensId) {
            panel.lens = int(panel.lenses.size()) - 1;
            panel.primes = lens.primesMm;
            if (lens.isZoom()) panel.focalRangeMm = {lens.zoomMinMm, lens.zoomMaxMm};
        }
    }
    if (panel.lens == 0) panel.focalRangeMm = {4.0f, 600.0f};
    panel.focalLengthMm = shot.focalLengthMm;
    panel.fStop = shot.fStop;
    panel.focusM = shot.focusDistanceM;
    const previs::DepthOfField dof = shot.depthOfField();
    panel.dofNearM = float(dof.nearM);
    panel.dofFarM = float(dof.farM);
    panel.hyperfocalM = float(dof.hyperfocalM);
    const previs::Rig& rig = shot.rig;
    panel.rig = int(rig.kind);
    panel.tripodHeightM = {rig.tripod.minHeightM, rig.tripod.maxHeightM};
    panel.trackLengthM =
        rig.kind == previs::RigKind::Track ? glm::distance(rig.track.start, rig.track.end) : 2.0f;
    panel.trackRiseM = {rig.track.minRiseM, rig.track.maxRiseM};
    return panel;
}
ui::OutputPanel outputPanel(const OutputSettings& settings, double framesPerSecond, bool ffmpeg) {
    ui::OutputPanel output;
    output.size = int(std::size(kSizes));
    for (const OutputSize& size : kSizes) {
        if (size.width == settings.width && size.height == settings.height)
            output.size = int(output.sizes.size());
        output.sizes.push_back(size.label);
    }
    output.sizes.push_back("Custom");
    output.customSize = {int(settings.width), int(settings.height)};
    output.rate = int(std::size(kRates));
    for (double rate : kRates) {
        if (std::abs(rate - framesPerSecond) < 1e-6) output.rate = int(output.rates.size());
        output.rates.push_back(rateLabel(rate));
    }
    if (output.rate == int(std::size(kRates))) output.rates.push_back(rateLabel(framesPerSecond));
    output.burnIn = settings.burnIn, output.mp4 = settings.mp4 && ffmpeg, output.ffmpegInstalled = ffmpeg;
    output.exportFormats = {"glTF 2.0", "Collada", "Blender script", "CSV", "JSON"};
    output.exportFormat = int(std::find(std::begin(kFormats), std::end(kFormats), settings.exportFormat) -
                              std::begin(kFormats));
    return output;
}
} // namespace

std::vector<std::string> PrevisSession::readouts() const {
    const previs::Shot& shot = mCamera->shot();
    const previs::FieldOfView fov = shot.fieldOfView();
    const previs::PanTiltRoll& a = mCamera->angles();
    const glm::vec3& p = shot.pose.position;
    const auto height = mCamera->heightAboveFloor();
    const auto subject = mCamera->distanceOnAxis();
    const previs::Filmback filmback = shot.filmback();
    return {
        printf1("View %.1f\xc2\xb0 \xc3\x97 %.1f\xc2\xb0 (diagonal %.1f\xc2\xb0)", fov.horizontalDeg,
                fov.verticalDeg, fov.diagonalDeg),
        height ? printf1("Height above the floor %.2f m", *height) : std::string("No floor under the lens"),
        printf1("Pan %.1f\xc2\xb0  tilt %.1f\xc2\xb0  roll %.1f\xc2\xb0", roundForDisplay(a.panDeg, 1),
                roundForDisplay(a.tiltDeg, 1), roundForDisplay(a.rollDeg, 1)),
        printf1("At %.2f, %.2f, %.2f m", roundForDisplay(p.x, 2), roundForDisplay(p.y, 2),
                roundForDisplay(p.z, 2)),
        subject ? printf1("On the axis: %.2f m away", *subject) : std::string("On the axis: nothing"),
        printf1("Filmback %.2f \xc3\x97 %.2f mm, crop %.2f", filmback.widthMm, filmback.heightMm,
                previs::cropFactor(filmback)),
    };
}

ui::PrevisPanels PrevisSession::panelModel() const {
    ui::PrevisPanels panels;
    panels.camera = cameraPanel(*mCamera, mCustomSensorMm, mCustomAspect);
    panels.camera.readouts = readouts();
    panels.camera.trackDirection = mTrackAcross ? 1 : 0;
    ui::GuidesPanel& guides = panels.guides;
    for (const previs::FrameAspect& aspect : previs::standardFrameAspects())
        guides.frameLineLabels.emplace_back(aspect.label);
    guides.frameLines = mGuides.frameLines;
    guides.customFrameLine = mGuides.customFrameLine;
    guides.customFrameLineAspect = mGuides.customFrameLineAspect;
    guides.safeAreas = mGuides.safeAreas, guides.thirds = mGuides.thirds, guides.centre = mGuides.centre;
    guides.horizon = mGuides.horizon, guides.focusZones = mGuides.focusZones, guides.tape = mTape.active;
    ui::ShotsPanel& shots = panels.shots;
    for (const previs::Shot& shot : mProject.shots)
        shots.shots.push_back(shot.name + "  \xc2\xb7  " + printf1("%.4g mm", shot.focalLengthMm));
    shots.selectedShot = mSelectedShot;
    if (mSelectedShot >= 0) shots.shotName = mProject.shots[size_t(mSelectedShot)].name;
    for (const scene::AlignedPhoto& photo : mPhotos)
        shots.photos.push_back(std::filesystem::path(photo.image).filename().string());
    shots.photo = mPhotoChoice;
    for (const previs::CameraMove& move : mProject.moves) shots.moves.push_back(move.name);
    shots.currentMove = mMoves.current();
    if (const previs::CameraMove* move = mMoves.move()) shots.moveName = move->name;
    if (const previs::CameraMove* move = mMoves.move())
        for (const previs::Keyframe& key : move->keyframes)
            shots.keyframes.push_back({float(key.timeS), int(key.easing)});
    if (const previs::MovePath* path = mMoves.path()) {
        shots.hasPath = true;
        shots.startS = float(path->startTime()), shots.endS = float(path->endTime());
    }
    shots.playheadS = float(mMoves.playhead());
    shots.playing = mMoves.playing(), shots.recording = mMoves.recording();
    ui::OutputPanel& output = panels.output;
    output = outputPanel(mOutput, mProject.framesPerSecond, mFfmpeg);
    output.projectFile = mSettings.projectFile.string();
    output.outputFolder = outputFolder().string();
    output.status = mStatus;
    if (mJob) output.progress = float(mJob->framesWritten()) / float(std::max<size_t>(mJob->frameCount(), 1));
    return panels;
}

void PrevisSession::applyCameraPanel(const ui::PrevisPanels& panels) {
    const ui::CameraPanel& panel = panels.camera;
    const auto presets = previs::sensorPresets();
    if (panel.sensor >= 0 && size_t(panel.sensor) < presets.size()) {
        mCamera->setSensor(presets[size_t(panel.sensor)]);
    } else {
        mCustomSensorMm = panel.customSensorMm;
        mCamera->setSensor(previs::customSensor(panel.customSensorMm.x, panel.customSensorMm.y));
    }
    const auto aspects = previs::standardFrameAspects();
    if (panel.aspect == 0) {
        mCamera->setOutputAspect(0.0f);
    } else if (size_t(panel.aspect) <= aspects.size()) {
        mCamera->setOutputAspect(aspects[size_t(panel.aspect) - 1].aspect);
    } else {
        mCustomAspect = panel.customAspect;
        mCamera->setOutputAspect(panel.customAspect);
    }
    const auto lenses = previs::lensPresets();
    mCamera->setLens(panel.lens > 0 && size_t(panel.lens) <= lenses.size() ? lenses[size_t(panel.lens) - 1].id
                                                                           : "");
    mCamera->setFocalLength(panel.focalLengthMm);
    mCamera->setFStop(panel.fStop);
    mCamera->setFocusDistance(panel.focusM);
}

void PrevisSession::applyRigPanel(const ui::PrevisPanels& panels, bool layTrack) {
    const ui::CameraPanel& panel = panels.camera;
    previs::Rig rig = mCamera->shot().rig;
    const previs::RigKind kind = panel.rig == 1   ? previs::RigKind::Tripod
                                 : panel.rig == 2 ? previs::RigKind::Track
                                                  : previs::RigKind::Free;
    const glm::vec3 at = mCamera->shot().pose.position;
    if (kind == previs::RigKind::Tripod && rig.kind != kind)
        rig.tripod.floorZ = mCamera->floorHeight().value_or(at.z - 1.5f);
    rig.tripod.minHeightM = std::min(panel.tripodHeightM.x, panel.tripodHeightM.y);
    rig.tripod.maxHeightM = std::max(panel.tripodHeightM.x, panel.tripodHeightM.y);
    rig.track.minRiseM = std::min(panel.trackRiseM.x, panel.trackRiseM.y);
    rig.track.maxRiseM = std::max(panel.trackRiseM.x, panel.trackRiseM.y);
    const bool across = panel.trackDirection == 1;
    if (kind == previs::RigKind::Track) {
        glm::vec3 direction = rig.track.end - rig.track.start;
        if (rig.kind != kind || layTrack || across != mTrackAcross || glm::length(direction) < 1e-4f) {
            // Laid from the camera along the lens's pan (a push in) or across it (a truck).
            const float pan = glm::radians(mCamera->angles().panDeg);
            direction = across ? glm::vec3(std::sin(pan), -std::cos(pan), 0.0f)
                               : glm::vec3(std::cos(pan), std::sin(pan), 0.0f);
            rig.track.start = at - glm::vec3(0.0f, 0.0f, rig.track.minRiseM);
        }
        rig.track.end = rig.track.start + glm::normalize(direction) * std::max(panel.trackLengthM, 0.01f);
    }
    mTrackAcross = across;
    rig.kind = kind;
    mCamera->setRig(rig);
}

void PrevisSession::applyOutputPanel(const ui::PrevisPanels& panels) {
    const ui::OutputPanel& panel = panels.output;
    if (panel.size >= 0 && size_t(panel.size) < std::size(kSizes)) {
        mOutput.width = kSizes[size_t(panel.size)].width;
        mOutput.height = kSizes[size_t(panel.size)].height;
    } else {
        mOutput.width = uint32_t(std::clamp(panel.customSize.x, 16, 16384));
        mOutput.height = uint32_t(std::clamp(panel.customSize.y, 16, 16384));
    }
    if (panel.rate >= 0 && size_t(panel.rate) < std::size(kRates))
        setFramesPerSecond(kRates[size_t(panel.rate)]);
    mOutput.burnIn = panel.burnIn;
    mOutput.mp4 = panel.mp4;
    if (panel.exportFormat >= 0 && size_t(panel.exportFormat) < std::size(kFormats))
        mOutput.exportFormat = kFormats[size_t(panel.exportFormat)];
}

} // namespace sr::app
