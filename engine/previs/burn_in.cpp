#include "previs/burn_in.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sr::previs {

std::string formatTimecode(int64_t frame, double framesPerSecond) {
    const double rate = std::isfinite(framesPerSecond) && framesPerSecond > 0.0 ? framesPerSecond : 24.0;
    const int64_t nominal = std::max<int64_t>(1, std::llround(rate));
    const int64_t f = std::max<int64_t>(0, frame);
    const int64_t seconds = f / nominal;
    char text[32];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld:%02lld", (long long)((seconds / 3600) % 24),
                  (long long)((seconds / 60) % 60), (long long)(seconds % 60), (long long)(f % nominal));
    return text;
}

float burnInTextPixels(uint32_t imageHeight) {
    return std::max(12.0f, std::round(float(imageHeight) * 0.03f));
}

void drawBurnIn(core::Image8& image, const ImageFont& font, const BurnIn& burnIn) {
    const float size = burnInTextPixels(image.height);
    const float pad = std::round(size * 0.35f);
    const float inset = std::round(size * 0.6f);
    const glm::u8vec4 box(0, 0, 0, 150), text(240, 238, 230, 255);
    const float w = float(image.width), h = float(image.height);
    const auto corner = [&](const std::string& line, bool right, bool bottom) {
        if (line.empty()) return;
        const float width = font.measure(line, size);
        const float x = right ? w - inset - pad - width : inset + pad;
        const float y = bottom ? h - inset - pad - size : inset + pad;
        fillRect(image, {x - pad, y - pad, x + width + pad, y + size + pad}, box);
        font.draw(image, {x, y}, size, line, text);
    };
    corner(burnIn.topLeft, false, false);
    corner(burnIn.topRight, true, false);
    corner(burnIn.bottomLeft, false, true);
    corner(burnIn.bottomRight, true, true);
}

} // namespace sr::previs
