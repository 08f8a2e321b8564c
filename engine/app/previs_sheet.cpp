// The contact sheet: every shot's picture in a grid with its name, lens, body and position.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/previs_output.h"
#include "previs/camera_pose.h"

namespace sr::app {
namespace {
constexpr uint32_t kCellWidth = 480, kCellHeight = 270; // each picture, letterboxed into 16:9
constexpr uint32_t kMargin = 24;
constexpr float kTitlePixels = 30.0f, kNamePixels = 22.0f, kLinePixels = 16.0f;
constexpr uint32_t kCaptionHeight = 88; // name and two lines under each picture
const glm::u8vec4 kBackground(18, 18, 20, 255), kText(236, 234, 226, 255), kQuiet(170, 168, 160, 255);

std::string positionLine(const previs::Shot& shot) {
    const previs::PanTiltRoll angles = previs::panTiltRoll(shot.pose.orientation);
    const glm::vec3& p = shot.pose.position;
    char text[160];
    std::snprintf(text, sizeof text,
                  "at %.2f, %.2f, %.2f m   pan %.0f\xc2\xb0  tilt %.0f\xc2\xb0  roll %.0f\xc2\xb0",
                  roundForDisplay(p.x, 2), roundForDisplay(p.y, 2), roundForDisplay(p.z, 2),
                  roundForDisplay(angles.panDeg, 0), roundForDisplay(angles.tiltDeg, 0),
                  roundForDisplay(angles.rollDeg, 0));
    return text;
}

// Ellipsised to fit `width` pixels.
std::string fitted(const previs::ImageFont& font, std::string text, float pixels, float width) {
    if (font.measure(text, pixels) <= width) return text;
    while (!text.empty() && font.measure(text + "\xe2\x80\xa6", pixels) > width) {
        text.pop_back();
        while (!text.empty() && (uint8_t(text.back()) & 0xC0) == 0x80) text.pop_back(); // whole code points
        if (!text.empty() && uint8_t(text.back()) >= 0xC0) text.pop_back();
    }
    return text + "\xe2\x80\xa6";
}
} // namespace

core::Status renderContactSheet(const ShotRenderer& renderer, std::span<const previs::Shot> shots,
                                const std::string& title, const std::filesystem::path& file) {
    if (shots.empty()) return core::Error{file.string(), "there are no shots to put on a contact sheet"};
    auto loaded = renderer.font();
    if (!loaded) return loaded.error();
    const previs::ImageFont& font = **loaded;
    const uint32_t columns = std::min<uint32_t>(3, uint32_t(shots.size()));
    const uint32_t rows = uint32_t((shots.size() + columns - 1) / columns);
    const uint32_t top = kMargin * 2 + uint32_t(kTitlePixels);
    const uint32_t cellPitchY = kCellHeight + kCaptionHeight + kMargin;
    core::Image8 sheet(columns * (kCellWidth + kMargin) + kMargin, top + rows * cellPitchY);
    previs::fillRect(sheet, {0, 0, float(sheet.width), float(sheet.height)}, kBackground);
    const float textWidth = float(kCellWidth);
    font.draw(sheet, {float(kMargin), float(kMargin)}, kTitlePixels,
              fitted(font, title, kTitlePixels, float(sheet.width - 2 * kMargin)), kText);
    for (size_t i = 0; i < shots.size(); ++i) {
        const previs::Shot& shot = shots[i];
        const int x = int(kMargin + uint32_t(i % columns) * (kCellWidth + kMargin));
        const int y = int(top + uint32_t(i / columns) * cellPitchY);
        previs::blitImage(sheet, renderer.render(shot, kCellWidth, kCellHeight), x, y);
        float line = float(y) + float(kCellHeight) + 8.0f;
        font.draw(sheet, {float(x), line}, kNamePixels, fitted(font, shot.name, kNamePixels, textWidth),
                  kText);
        line += kNamePixels + 6.0f;
        font.draw(sheet, {float(x), line}, kLinePixels,
                  fitted(font, lensLabel(shot) + ", " + bodyLabel(shot), kLinePixels, textWidth), kQuiet);
        line += kLinePixels + 6.0f;
        font.draw(sheet, {float(x), line}, kLinePixels,
                  fitted(font, positionLine(shot), kLinePixels, textWidth), kQuiet);
    }
    return core::writePng(file, sheet);
}

} // namespace sr::app
