#pragma once
// Comparing rendered images with reference PNGs: a per-channel tolerance and a pixel budget.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/image.h"

namespace sr::test {

struct CompareSettings {
    int channelTolerance = 8;   // a pixel differs when any channel differs by more than this (0..255)
    double pixelBudget = 0.002; // fraction of pixels allowed to differ
};

struct CompareResult {
    bool sizeMatches = false;
    uint64_t differingPixels = 0;
    uint64_t totalPixels = 0;
    int maxChannelDifference = 0;
    bool passed = false;
    core::Image8 diff; // differing pixels in red over a dimmed reference
    std::string summary() const;
};

CompareResult compareImages(const core::Image8& actual, const core::Image8& reference,
                            const CompareSettings& settings);

// Compares `actual` with the PNG at `reference`. With $STILLROOM_BLESS=1 it (re)writes the
// reference instead and passes. On failure or a missing reference it writes NAME.actual.png,
// NAME.reference.png and NAME.diff.png into `outputDir`, and `message` says where, or how to bless.
bool matchesReference(const core::Image8& actual, const std::filesystem::path& reference,
                      const std::filesystem::path& outputDir, const std::string& name,
                      const CompareSettings& settings, std::string& message);

} // namespace sr::test
