#include "render/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace sr::render {

double FrameStats::percentileMs(double p) const {
    if (mTimes.empty()) return 0.0;
    std::vector<double> sorted = mTimes;
    std::sort(sorted.begin(), sorted.end());
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(sorted.size() - 1);
    const size_t lo = size_t(std::floor(rank));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double t = rank - double(lo);
    return (sorted[lo] * (1.0 - t) + sorted[hi] * t) * 1000.0;
}

double FrameStats::meanMs() const {
    if (mTimes.empty()) return 0.0;
    return std::accumulate(mTimes.begin(), mTimes.end(), 0.0) / double(mTimes.size()) * 1000.0;
}

std::string FrameStats::summary() const {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%zu frames, mean %.1f ms, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                  total(), meanMs(), percentileMs(50), percentileMs(95), percentileMs(99));
    return buffer;
}

} // namespace sr::render
