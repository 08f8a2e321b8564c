#include "app/previs_output.h"

#include <cmath>
#include <cstdio>

#include "app/previs_camera.h"
#include "app/previs_files.h"
#include "gpu/context.h"
#include "previs/frame_guides.h"
#include "previs/move_path.h"

namespace sr::app {
namespace {
// A number with at most `decimals` decimals, trailing zeros dropped: 32, 6.86, 2.4.
std::string trimmed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string s = text;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

bool validSize(uint32_t width, uint32_t height) {
    return width > 0 && height > 0 && width <= 16384 && height <= 16384;
}
} // namespace

ShotRenderer::ShotRenderer(render::Renderer& renderer, const render::GpuRoom& room)
    : mRenderer(renderer), mRoom(room) {}

core::Image8 ShotRenderer::render(const previs::Shot& camera, uint32_t width, uint32_t height) const {
    const PrevisView view = previsViewFor(camera, {float(width), float(height)});
    gpu::OffscreenTarget target = mRenderer.createTarget(width, height);
    mRenderer.context().submitAndWait(
        [&](VkCommandBuffer cmd) { mRenderer.recordFrame(cmd, target, mRoom, view.frame); });
    core::Image8 image = target.readback(mRenderer.context());
    // Outside the delivered picture: black, on whole pixels.
    const previs::PixelRect& p = view.picture;
    const previs::PixelRect picture{std::round(p.x), std::round(p.y), std::round(p.right()) - std::round(p.x),
                                    std::round(p.bottom()) - std::round(p.y)};
    for (const previs::PixelRect& mask :
         previs::maskRects({0.0f, 0.0f, float(width), float(height)}, picture)) {
        previs::fillRect(image, {mask.x, mask.y, mask.right(), mask.bottom()}, {0, 0, 0, 255});
    }
    return image;
}

core::Result<const previs::ImageFont*> ShotRenderer::font() const {
    if (!mFont) {
        auto font = previs::ImageFont::loadDefault();
        if (!font) return font.error();
        mFont = std::move(font).value();
    }
    return &*mFont;
}

double roundForDisplay(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    return rounded == 0.0 ? 0.0 : rounded;
}

std::string lensLabel(const previs::Shot& camera) {
    std::string label = trimmed(camera.focalLengthMm, 2) + " mm";
    if (const previs::LensPreset* lens = previs::findLensPreset(camera.lensId)) label += " " + lens->name;
    return label + ", f/" + trimmed(camera.fStop, 1);
}

std::string bodyLabel(const previs::Shot& camera) {
    const std::string name = camera.sensor.name.empty() ? camera.sensor.id : camera.sensor.name;
    return name + ", " + trimmed(camera.filmback().aspect(), 2) + ":1";
}

previs::BurnIn burnInFor(const std::string& title, const previs::Shot& camera, int64_t frame,
                         double framesPerSecond) {
    previs::BurnIn burnIn;
    burnIn.topLeft = title;
    burnIn.topRight = lensLabel(camera) + ", focus " + trimmed(camera.focusDistanceM, 2) + " m";
    burnIn.bottomLeft = bodyLabel(camera);
    burnIn.bottomRight =
        "frame " + std::to_string(frame + 1) + "   " + previs::formatTimecode(frame, framesPerSecond);
    return burnIn;
}

core::Status renderStill(const ShotRenderer& renderer, const previs::Shot& camera, const std::string& title,
                         uint32_t width, uint32_t height, bool burnIn, const std::filesystem::path& file) {
    if (!validSize(width, height))
        return core::Error{file.string(), "size " + std::to_string(width) + "x" + std::to_string(height) +
                                              " is outside 1x1 .. 16384x16384"};
    core::Image8 image = renderer.render(camera, width, height);
    if (burnIn) {
        auto font = renderer.font();
        if (!font) return font.error();
        previs::drawBurnIn(image, **font, burnInFor(title, camera, 0, 24.0));
    }
    return core::writePng(file, image);
}

core::Result<SequenceJob> SequenceJob::create(const ShotRenderer& renderer, const previs::CameraMove& move,
                                              const previs::Shot& body, const SequenceSettings& settings) {
    const std::string where = (settings.folder / safeFileName(settings.name)).string();
    if (!validSize(settings.width, settings.height))
        return core::Error{where, "frame size is outside 1x1 .. 16384x16384"};
    if (!(settings.framesPerSecond > 0.0 && settings.framesPerSecond <= previs::kMaxFramesPerSecond))
        return core::Error{where, "frame rate must be above 0 and at most 240 frames per second"};
    auto path = previs::MovePath::create(move);
    if (!path) return core::Error{where, "move '" + move.name + "': " + path.error().describe()};
    if (settings.burnIn) {
        if (auto font = renderer.font(); !font) return font.error();
    }
    SequenceJob job(renderer, body, settings);
    job.mSamples = path->sample(settings.framesPerSecond);
    return job;
}

std::string SequenceJob::pattern() const { return safeFileName(mSettings.name) + ".%04d.png"; }

previs::Shot SequenceJob::cameraAt(size_t index) const {
    previs::Shot camera = mBody;
    const previs::MoveSample& sample = mSamples.at(index);
    camera.pose = {sample.position, sample.orientation};
    camera.focalLengthMm = sample.focalLengthMm;
    camera.focusDistanceM = sample.focusDistanceM;
    return camera;
}

core::Status SequenceJob::step() {
    if (done()) return core::Status{};
    const size_t index = mNext++;
    const previs::Shot camera = cameraAt(index);
    core::Image8 image = mRenderer->render(camera, mSettings.width, mSettings.height);
    if (mSettings.burnIn) {
        auto font = mRenderer->font();
        if (!font) return font.error();
        previs::drawBurnIn(image, **font,
                           burnInFor(mSettings.name, camera, int64_t(index), mSettings.framesPerSecond));
    }
    char number[32];
    std::snprintf(number, sizeof number, ".%04zu.png", index + 1);
    const std::filesystem::path file = mSettings.folder / (safeFileName(mSettings.name) + number);
    if (auto written = core::writePng(file, image); !written) return written;
    mFiles.push_back(file);
    return core::Status{};
}

core::Status runSequence(SequenceJob& job) {
    while (!job.done()) {
        if (auto stepped = job.step(); !stepped) return stepped;
    }
    return core::Status{};
}

} // namespace sr::app
