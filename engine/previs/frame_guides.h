#pragma once
// Frame guides as geometry: the picture's rectangle inside a viewport, masks outside it, frame
// lines for other aspects, safe areas, thirds, the centre mark and the horizon. Pure functions;
// a renderer draws what they return; any thread.
//
// Pixel space: origin at the viewport's top-left corner, +x right, +y down, in (fractional) pixels,
// so a rectangle covers [x, x + width) x [y, y + height). Nothing is rounded; a renderer that wants
// crisp one-pixel lines rounds as it draws.
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

namespace sr::previs {

struct PixelRect {
    float x = 0.0f;
    float y = 0.0f;
    float width = 0.0f;
    float height = 0.0f;

    float right() const { return x + width; }
    float bottom() const { return y + height; }
    glm::vec2 centre() const { return {x + 0.5f * width, y + 0.5f * height}; }
};

struct PixelLine {
    glm::vec2 from{0.0f};
    glm::vec2 to{0.0f};
};

// A delivery aspect with the label people use for it.
struct FrameAspect {
    std::string_view label; // "1.85"
    float aspect;           // width / height
};
// 1.33 (4:3), 1.66, 1.78 (16:9), 1.85, 2.00 and 2.39, narrowest first.
std::span<const FrameAspect> standardFrameAspects();

// SMPTE RP 2046-1: action safe is the central 93% of the picture's width and height, title (or
// graphics) safe the central 90%.
inline constexpr float kActionSafeFraction = 0.93f;
inline constexpr float kTitleSafeFraction = 0.90f;

// The largest rectangle of `aspect` (width / height) centred in `container`: full width with bars
// above and below when `aspect` is wider, full height with bars at the sides when narrower.
// `aspect` <= 0 or not finite gives `container`.
PixelRect fitAspect(const PixelRect& container, float aspect);
// The parts of `viewport` outside `picture` (a rectangle inside it), as up to four rectangles:
// above, below, then left and right of the picture's rows. Empty parts are left out.
std::vector<PixelRect> maskRects(const PixelRect& viewport, const PixelRect& picture);
// The centred rectangle `fraction` (in (0, 1]) the width and height of `picture`.
PixelRect safeArea(const PixelRect& picture, float fraction);
// Two vertical lines at a third and two thirds of the width, then two horizontal ones, each
// spanning the picture.
std::array<PixelLine, 4> thirdsLines(const PixelRect& picture);
// A cross at the picture's centre: a horizontal then a vertical line, each `armPx` long each way.
std::array<PixelLine, 2> centreMark(const PixelRect& picture, float armPx);
// Where the true horizon (the level plane through the lens) crosses the picture, for a camera of
// `verticalFovDeg` over `picture` tilted and rolled as PanTiltRoll defines (pan does not matter),
// clipped to the picture. Nothing when the horizon is outside the picture (a steep tilt) or
// undefined (looking straight up or down), or when an input is not finite.
std::optional<PixelLine> horizonLine(const PixelRect& picture, float verticalFovDeg, float tiltDeg,
                                     float rollDeg);

struct FrameGuideOptions {
    float pictureAspect = 0.0f;          // the camera's delivered picture; <= 0: the viewport's own
    std::vector<float> frameLineAspects; // extra frame lines, each fitted inside the picture
    bool safeAreas = true;               // action and title safe
    bool thirds = false;
    bool centreMark = true;
    float centreMarkFraction = 0.03f; // arm length as a fraction of the picture's height
    bool horizon = false;             // needs the three values below
    float verticalFovDeg = 0.0f;      // of the picture
    float tiltDeg = 0.0f;
    float rollDeg = 0.0f;
};

// Everything to draw for one viewport. The 3D view must be rendered so that the lens's field of
// view spans `picture` exactly (for example, with `picture` as the render viewport).
struct FrameGuides {
    PixelRect viewport;
    PixelRect picture;
    std::vector<PixelRect> masks;      // outside the picture
    std::vector<PixelRect> frameLines; // one per FrameGuideOptions::frameLineAspects, in order
    std::optional<PixelRect> actionSafe, titleSafe;
    std::vector<PixelLine> thirds;
    std::vector<PixelLine> centre;
    std::optional<PixelLine> horizon;
};

// Lays out the guides `options` asks for in a viewport of `viewportPx` pixels (both > 0).
FrameGuides layoutFrameGuides(glm::vec2 viewportPx, const FrameGuideOptions& options);

} // namespace sr::previs
