#pragma once
// Frame-time statistics: percentiles over the frames recorded so far, or over the most recent ones
// when a window is set (a kiosk runs for months; memory must not grow with it).
#include <cstddef>
#include <string>
#include <vector>

namespace sr::render {

class FrameStats {
public:
    // `window` > 0 keeps only the most recent `window` frames.
    explicit FrameStats(size_t window = 0) : mWindow(window) {}
    // Adds one frame's duration in seconds.
    void add(double seconds) {
        ++mTotal;
        if (mWindow == 0 || mTimes.size() < mWindow) {
            mTimes.push_back(seconds);
        } else {
            mTimes[mNext] = seconds;
            mNext = (mNext + 1) % mWindow;
        }
    }
    // Frames kept (at most the window).
    size_t count() const { return mTimes.size(); }
    // Frames ever added.
    size_t total() const { return mTotal; }
    // The p-th percentile (0..100) in milliseconds; 0 with no frames.
    double percentileMs(double p) const;
    double meanMs() const;
    // "N frames, mean X ms, p50 X ms, p95 X ms, p99 X ms".
    std::string summary() const;
    void clear() {
        mTimes.clear();
        mNext = 0;
    }

private:
    size_t mWindow = 0;
    size_t mNext = 0; // the oldest sample once the window is full
    size_t mTotal = 0;
    std::vector<double> mTimes;
};

} // namespace sr::render
