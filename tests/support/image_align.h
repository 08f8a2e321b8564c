#pragma once
// How far one image is shifted against another: the whole-pixel shift at which their luminance
// edges correlate best, refined to sub-pixel by a parabola through the neighbouring scores. Used
// to measure how well a photograph registered over a render lines up with it. Header-only.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/image.h"

namespace sr::test {

struct Region {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0; // pixels, [x0, x1) x [y0, y1)
};

struct ImageOffset {
    double x = 0.0, y = 0.0; // pixels that `moved` is shifted by against `still`
    double peak = 0.0;       // edge correlation at the best whole-pixel shift (-1..1)
    double atZero = 0.0;     // edge correlation without a shift
};

// Luminance gradient magnitude (central differences) over `region`; the region must keep one
// pixel clear of the image's border.
inline std::vector<double> edgeMagnitudes(const core::Image8& image, Region region) {
    const auto lum = [&](int x, int y) {
        const uint8_t* p = &image.pixels[(size_t(y) * image.width + size_t(x)) * 4];
        return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    };
    std::vector<double> out;
    out.reserve(size_t(region.x1 - region.x0) * size_t(region.y1 - region.y0));
    for (int y = region.y0; y < region.y1; ++y) {
        for (int x = region.x0; x < region.x1; ++x)
            out.push_back(std::abs(lum(x + 1, y) - lum(x - 1, y)) + std::abs(lum(x, y + 1) - lum(x, y - 1)));
    }
    return out;
}

// Pearson correlation of two equally long sequences.
inline double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    double ma = 0.0, mb = 0.0;
    for (size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
    ma /= double(a.size());
    mb /= double(b.size());
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (size_t i = 0; i < a.size(); ++i) {
        ab += (a[i] - ma) * (b[i] - mb);
        aa += (a[i] - ma) * (a[i] - ma);
        bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / std::sqrt(aa * bb + 1e-12);
}

// Where the extremum of the parabola through three equally spaced samples lies, relative to the
// middle one, in [-0.5, 0.5] (0 for a flat run): sub-pixel refinement of a best whole-pixel shift.
inline double parabolaPeak(double left, double centre, double right) {
    const double denominator = left - 2.0 * centre + right;
    return std::abs(denominator) < 1e-12 ? 0.0 : std::clamp(0.5 * (left - right) / denominator, -0.5, 0.5);
}

// The shift of `moved` against `still` within +-`search` pixels, measured over `region` of
// `still` (which, shifted by `search`, must stay one pixel inside both images).
inline ImageOffset measureOffset(const core::Image8& still, const core::Image8& moved, Region region,
                                 int search = 6) {
    const std::vector<double> base = edgeMagnitudes(still, region);
    const int side = 2 * search + 1;
    std::vector<double> score(size_t(side * side), -std::numeric_limits<double>::infinity());
    const auto at = [&](int dx, int dy) -> double& {
        return score[size_t((dy + search) * side + dx + search)];
    };
    int bestX = 0, bestY = 0;
    for (int dy = -search; dy <= search; ++dy) {
        for (int dx = -search; dx <= search; ++dx) {
            const Region shifted{region.x0 + dx, region.y0 + dy, region.x1 + dx, region.y1 + dy};
            at(dx, dy) = correlation(base, edgeMagnitudes(moved, shifted));
            if (at(dx, dy) > at(bestX, bestY)) bestX = dx, bestY = dy;
        }
    }
    const auto refine = [](double left, double centre, double right) {
        const double denominator = left - 2.0 * centre + right;
        return std::abs(denominator) < 1e-12 ? 0.0
                                             : std::clamp(0.5 * (left - right) / denominator, -0.5, 0.5);
    };
    ImageOffset offset;
    offset.peak = at(bestX, bestY);
    offset.atZero = at(0, 0);
    offset.x = bestX;
    offset.y = bestY;
    if (std::abs(bestX) < search) offset.x += refine(at(bestX - 1, bestY), offset.peak, at(bestX + 1, bestY));
    if (std::abs(bestY) < search) offset.y += refine(at(bestX, bestY - 1), offset.peak, at(bestX, bestY + 1));
    return offset;
}

} // namespace sr::test
