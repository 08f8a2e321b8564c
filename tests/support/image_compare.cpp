#include "image_compare.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace sr::test {

std::string CompareResult::summary() const {
    std::ostringstream out;
    if (!sizeMatches) return "image sizes differ";
    out << differingPixels << " of " << totalPixels << " pixels differ ("
        << (totalPixels ? 100.0 * double(differingPixels) / double(totalPixels) : 0.0)
        << "%), largest channel difference " << maxChannelDifference;
    return out.str();
}

CompareResult compareImages(const core::Image8& actual, const core::Image8& reference,
                            const CompareSettings& settings) {
    CompareResult result;
    result.sizeMatches = actual.width == reference.width && actual.height == reference.height;
    if (!result.sizeMatches) return result;
    result.totalPixels = uint64_t(actual.width) * actual.height;
    result.diff = core::Image8{actual.width, actual.height};
    for (size_t i = 0; i < result.totalPixels; ++i) {
        const uint8_t* a = &actual.pixels[i * 4];
        const uint8_t* r = &reference.pixels[i * 4];
        int worst = 0;
        for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(int(a[c]) - int(r[c])));
        result.maxChannelDifference = std::max(result.maxChannelDifference, worst);
        uint8_t* d = &result.diff.pixels[i * 4];
        if (worst > settings.channelTolerance) {
            ++result.differingPixels;
            d[0] = 255, d[1] = 0, d[2] = 0;
        } else {
            d[0] = uint8_t(r[0] / 4), d[1] = uint8_t(r[1] / 4), d[2] = uint8_t(r[2] / 4);
        }
        d[3] = 255;
    }
    result.passed = double(result.differingPixels) <= settings.pixelBudget * double(result.totalPixels);
    return result;
}

bool matchesReference(const core::Image8& actual, const std::filesystem::path& reference,
                      const std::filesystem::path& outputDir, const std::string& name,
                      const CompareSettings& settings, std::string& message) {
    const char* bless = std::getenv("STILLROOM_BLESS");
    if (bless && std::string(bless) == "1") {
        auto written = core::writePng(reference, actual);
        message = written ? "blessed " + reference.string() : written.error().describe();
        return written.ok();
    }
    const auto actualPath = outputDir / (name + ".actual.png");
    (void)core::writePng(actualPath, actual);
    auto expected = core::readPng(reference);
    if (!expected) {
        message = "missing reference " + reference.string() + " (actual image: " + actualPath.string() +
                  "); to bless it, run the test again with STILLROOM_BLESS=1";
        return false;
    }
    CompareResult result = compareImages(actual, *expected, settings);
    if (result.passed) {
        message = result.summary();
        return true;
    }
    const auto referencePath = outputDir / (name + ".reference.png");
    const auto diffPath = outputDir / (name + ".diff.png");
    (void)core::writePng(referencePath, *expected);
    if (result.sizeMatches) (void)core::writePng(diffPath, result.diff);
    message = result.summary() + "; actual " + actualPath.string() + ", reference " + referencePath.string() +
              (result.sizeMatches ? ", diff " + diffPath.string() : "");
    return false;
}

} // namespace sr::test
