#include "progress.h"

#include <algorithm>
#include <cmath>

namespace sr::bake {

std::string formatDuration(double seconds) {
    const long total = std::lround(std::max(0.0, seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

void Progress::beginItem(std::string label) {
    endStage();
    mLabel = std::move(label);
    mStage.clear();
}

void Progress::update(std::string_view stage, double fraction) {
    const Clock::time_point now = Clock::now();
    if (stage != mStage) {
        endStage();
        mStage = std::string(stage);
        mStageStart = now;
        if (!mInteractive) std::fprintf(mOut, "%s: %s...\n", mLabel.c_str(), mStage.c_str());
        std::fflush(mOut);
    }
    // Redraw at most ten times a second, and always at the end of a stage.
    if (!mInteractive || (mDrawn && now - mLastDraw < std::chrono::milliseconds(100) && fraction < 1.0))
        return;
    mLastDraw = now;
    draw(fraction);
}

void Progress::draw(double fraction) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - mStageStart).count();
    constexpr int kWidth = 28;
    std::string bar;
    std::string tail;
    if (fraction >= 0.0) {
        fraction = std::clamp(fraction, 0.0, 1.0);
        const int filled = int(fraction * kWidth);
        bar = "[" + std::string(size_t(filled), '#') + std::string(size_t(kWidth - filled), '.') + "]";
        char percent[16];
        std::snprintf(percent, sizeof percent, " %3d%%", int(fraction * 100.0));
        tail = percent;
        if (fraction > 0.02 && fraction < 1.0)
            tail += "  ETA " + formatDuration(elapsed / fraction * (1.0 - fraction));
    } else {
        tail = "  " + formatDuration(elapsed);
    }
    std::fprintf(mOut, "\r\x1b[2K%s  %-16s %s%s", mLabel.c_str(), mStage.c_str(), bar.c_str(), tail.c_str());
    std::fflush(mOut);
    mDrawn = true;
}

void Progress::endStage() {
    if (mStage.empty()) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - mStageStart).count();
    if (mInteractive) std::fprintf(mOut, "\r\x1b[2K");
    mDrawn = false;
    std::fprintf(mOut, "%s: %s done in %.1f s\n", mLabel.c_str(), mStage.c_str(), elapsed);
    std::fflush(mOut);
    mStage.clear();
}

void Progress::finishItem(const std::string& line) {
    endStage();
    std::fprintf(mOut, "%s\n", line.c_str());
    std::fflush(mOut);
}

} // namespace sr::bake
