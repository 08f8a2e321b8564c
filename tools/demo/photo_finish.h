#pragma once
// The look of a photographer's detail shot applied to a clean render: a slightly warm grade,
// a gentle vignette and fine grain.
#include <cstdint>

#include "core/image.h"

namespace sr::demo {

// Returns the finished image (same size). Deterministic for a given `seed`; alpha becomes 255.
core::Image8 finishPhoto(const core::Image8& render, uint32_t seed);

} // namespace sr::demo
