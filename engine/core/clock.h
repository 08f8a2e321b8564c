#pragma once
// Time as seconds since an arbitrary start. Modes read time only through a Clock, so tests and
// replays drive it.
#include <chrono>

namespace sr::core {

class Clock {
public:
    virtual ~Clock() = default;
    // Seconds, monotonic, since the clock's own epoch.
    virtual double now() const = 0;
};

class SteadyClock final : public Clock {
public:
    double now() const override {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - mStart).count();
    }

private:
    std::chrono::steady_clock::time_point mStart = std::chrono::steady_clock::now();
};

// A clock that moves only when told: for tests and deterministic replays.
class ManualClock final : public Clock {
public:
    double now() const override { return mNow; }
    void advance(double seconds) { mNow += seconds; }
    void set(double seconds) { mNow = seconds; }

private:
    double mNow = 0.0;
};

} // namespace sr::core
