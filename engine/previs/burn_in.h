#pragma once
// Burn-ins: the words printed into each frame of a previs render so that a frame on its own says
// what it is (shot, lens, sensor, frame number, timecode), and the timecode itself.
#include <cstdint>
#include <string>

#include "core/image.h"
#include "previs/image_text.h"

namespace sr::previs {

// Non-drop-frame timecode "HH:MM:SS:FF" of frame `frame` (0-based; negative counts as 0) at
// `framesPerSecond` frames per second, counting whole frames at the nominal rate (23.976 counts
// as 24, 29.97 as 30), as a recorder does when drop-frame is off. A non-finite or non-positive rate
// counts as 24. Hours wrap after 24.
std::string formatTimecode(int64_t frame, double framesPerSecond);

// The four corners' text; an empty string leaves its corner clear.
struct BurnIn {
    std::string topLeft;     // the shot or move
    std::string topRight;    // the lens
    std::string bottomLeft;  // the camera body
    std::string bottomRight; // frame number and timecode
};

// The text's height in pixels for an image `imageHeight` pixels high: 3% of it, at least 12.
float burnInTextPixels(uint32_t imageHeight);

// Prints `burnIn` into `image`, each corner's text on a translucent dark box inset from the edges,
// in `font`.
void drawBurnIn(core::Image8& image, const ImageFont& font, const BurnIn& burnIn);

} // namespace sr::previs
