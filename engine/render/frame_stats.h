#pragma once
// Frame-time statistics: percentiles over the frames recorded so far.
#include <cstddef>
#include <string>
#include <vector>

namespace sr::render {

class FrameStats {
public:
    // Adds one frame's duration in seconds.
    void add(double seconds) { mTimes.push_back(seconds); }
    size_t count() const { return mTimes.size(); }
    // The p-th percentile (0..100) in milliseconds; 0 with no frames.
    double percentileMs(double p) const;
    double meanMs() const;
    // "N frames, mean X ms, p50 X ms, p95 X ms, p99 X ms".
    std::string summary() const;
    void clear() { mTimes.clear(); }

private:
    std::vector<double> mTimes;
};

} // namespace sr::render
