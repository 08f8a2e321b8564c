#include "previs/frame_guides.h"

#include <cmath>
#include <utility>

#include "previs/camera_pose.h"

namespace sr::previs {

namespace {
const std::array<FrameAspect, 6> kStandardAspects{{
    {"1.33", 4.0f / 3.0f},
    {"1.66", 1.66f},
    {"1.78", 16.0f / 9.0f},
    {"1.85", 1.85f},
    {"2.00", 2.0f},
    {"2.39", 2.39f},
}};

// The two points farthest apart among those where the line a*x + b*y = c crosses the edges of the
// square [-1, 1]^2, if there are two distinct ones.
std::optional<std::array<glm::vec2, 2>> clipToSquare(float a, float b, float c) {
    std::vector<glm::vec2> hits;
    constexpr float kEdge = 1.0f + 1e-5f;
    for (float side : {-1.0f, 1.0f}) {
        if (std::abs(b) > 1e-9f) {
            const float y = (c - a * side) / b;
            if (std::abs(y) <= kEdge) hits.push_back({side, y});
        }
        if (std::abs(a) > 1e-9f) {
            const float x = (c - b * side) / a;
            if (std::abs(x) <= kEdge) hits.push_back({x, side});
        }
    }
    std::optional<std::array<glm::vec2, 2>> best;
    float bestLength = 1e-6f;
    for (size_t i = 0; i < hits.size(); ++i) {
        for (size_t j = i + 1; j < hits.size(); ++j) {
            const float length = glm::distance(hits[i], hits[j]);
            if (length > bestLength) bestLength = length, best = std::array{hits[i], hits[j]};
        }
    }
    return best;
}
} // namespace

std::span<const FrameAspect> standardFrameAspects() { return kStandardAspects; }

PixelRect fitAspect(const PixelRect& container, float aspect) {
    if (!(aspect > 0.0f) || !std::isfinite(aspect) || container.height <= 0.0f) return container;
    PixelRect out = container;
    if (aspect >= container.width / container.height) {
        out.height = container.width / aspect;
        out.y = container.y + 0.5f * (container.height - out.height);
    } else {
        out.width = container.height * aspect;
        out.x = container.x + 0.5f * (container.width - out.width);
    }
    return out;
}

std::vector<PixelRect> maskRects(const PixelRect& viewport, const PixelRect& picture) {
    std::vector<PixelRect> masks;
    const auto add = [&masks](float x, float y, float width, float height) {
        if (width > 0.0f && height > 0.0f) masks.push_back({x, y, width, height});
    };
    add(viewport.x, viewport.y, viewport.width, picture.y - viewport.y);
    add(viewport.x, picture.bottom(), viewport.width, viewport.bottom() - picture.bottom());
    add(viewport.x, picture.y, picture.x - viewport.x, picture.height);
    add(picture.right(), picture.y, viewport.right() - picture.right(), picture.height);
    return masks;
}

PixelRect safeArea(const PixelRect& picture, float fraction) {
    const float width = picture.width * fraction;
    const float height = picture.height * fraction;
    return {picture.x + 0.5f * (picture.width - width), picture.y + 0.5f * (picture.height - height), width,
            height};
}

std::array<PixelLine, 4> thirdsLines(const PixelRect& picture) {
    std::array<PixelLine, 4> lines;
    for (int i = 0; i < 2; ++i) {
        const float x = picture.x + picture.width * float(i + 1) / 3.0f;
        const float y = picture.y + picture.height * float(i + 1) / 3.0f;
        lines[size_t(i)] = {{x, picture.y}, {x, picture.bottom()}};
        lines[size_t(i) + 2] = {{picture.x, y}, {picture.right(), y}};
    }
    return lines;
}

std::array<PixelLine, 2> centreMark(const PixelRect& picture, float armPx) {
    const glm::vec2 c = picture.centre();
    return {PixelLine{{c.x - armPx, c.y}, {c.x + armPx, c.y}},
            PixelLine{{c.x, c.y - armPx}, {c.x, c.y + armPx}}};
}

std::optional<PixelLine> horizonLine(const PixelRect& picture, float verticalFovDeg, float tiltDeg,
                                     float rollDeg) {
    if (!std::isfinite(verticalFovDeg) || !std::isfinite(tiltDeg) || !std::isfinite(rollDeg)) return {};
    if (!(verticalFovDeg > 0.0f && verticalFovDeg < 180.0f) || picture.width <= 0.0f ||
        picture.height <= 0.0f)
        return {};
    // World up in camera space. The ray through the picture point (nx, ny) in [-1, 1]^2 (ny up) is
    // (nx tanH, ny tanV, -1); it is level when its dot product with up is zero.
    const glm::quat orientation = orientationFromPanTiltRoll(0.0f, tiltDeg, rollDeg);
    const glm::vec3 up = glm::conjugate(orientation) * glm::vec3(0, 0, 1);
    const float tanV = std::tan(glm::radians(verticalFovDeg) * 0.5f);
    const float tanH = tanV * picture.width / picture.height;
    const auto ends = clipToSquare(tanH * up.x, tanV * up.y, up.z);
    if (!ends) return {};
    const auto toPixels = [&picture](glm::vec2 n) {
        return glm::vec2(picture.x + 0.5f * (n.x + 1.0f) * picture.width,
                         picture.y + 0.5f * (1.0f - n.y) * picture.height);
    };
    glm::vec2 from = toPixels((*ends)[0]), to = toPixels((*ends)[1]);
    if (to.x < from.x) std::swap(from, to); // left to right, for stable output
    return PixelLine{from, to};
}

FrameGuides layoutFrameGuides(glm::vec2 viewportPx, const FrameGuideOptions& options) {
    FrameGuides guides;
    guides.viewport = {0.0f, 0.0f, viewportPx.x, viewportPx.y};
    guides.picture = fitAspect(guides.viewport, options.pictureAspect);
    guides.masks = maskRects(guides.viewport, guides.picture);
    for (float aspect : options.frameLineAspects)
        guides.frameLines.push_back(fitAspect(guides.picture, aspect));
    if (options.safeAreas) {
        guides.actionSafe = safeArea(guides.picture, kActionSafeFraction);
        guides.titleSafe = safeArea(guides.picture, kTitleSafeFraction);
    }
    if (options.thirds) {
        const auto lines = thirdsLines(guides.picture);
        guides.thirds.assign(lines.begin(), lines.end());
    }
    if (options.centreMark) {
        const auto lines = centreMark(guides.picture, options.centreMarkFraction * guides.picture.height);
        guides.centre.assign(lines.begin(), lines.end());
    }
    if (options.horizon)
        guides.horizon =
            horizonLine(guides.picture, options.verticalFovDeg, options.tiltDeg, options.rollDeg);
    return guides;
}

} // namespace sr::previs
