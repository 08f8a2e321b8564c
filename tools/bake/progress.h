#pragma once
// Progress of a long job on a terminal: a bar with the stage, the percentage and an ETA redrawn in
// place when the output is a terminal, otherwise one plain line per stage.
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace sr::bake {

class Progress {
public:
    // Writes to `out`; `interactive` selects the redrawn bar (pass isatty(fileno(out))).
    Progress(std::FILE* out, bool interactive) : mOut(out), mInteractive(interactive) {}

    // Starts reporting on one item ("scan.obj", "room 2/3"); ends any bar still drawn.
    void beginItem(std::string label);
    // `fraction` of `stage` is done, in [0, 1]; a negative fraction means unknown (no bar, no ETA).
    // A new stage name ends the previous stage (a plain line with its time when not interactive).
    void update(std::string_view stage, double fraction);
    // Ends the item with a line of its own.
    void finishItem(const std::string& line);

private:
    void endStage();
    void draw(double fraction);

    using Clock = std::chrono::steady_clock;
    std::FILE* mOut;
    bool mInteractive;
    std::string mLabel;
    std::string mStage;
    Clock::time_point mStageStart;
    Clock::time_point mLastDraw;
    bool mDrawn = false;
};

// "1:05", "0:07": minutes and seconds.
std::string formatDuration(double seconds);

} // namespace sr::bake
