#pragma once
// Input scripts: a session's events as text, one per line, so a live session can be recorded and
// any session replayed deterministically with a driven clock.
//
//   # stillroom-input/1
//   0.000 resize 1280 720
//   0.500 down 640 360 0        (time, pointer x y, button)
//   0.600 move 700 362
//   0.700 up 700 362 0
//   1.000 scroll 0 -1           (x y)
//   1.200 keydown 87            (GLFW key code; 87 = W)
//   2.000 keyup 87
//   2.500 frame bedroom-walked  (a named frame for headless replays to write)
//   9.000 close
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "platform/input_event.h"

namespace sr::platform {

struct ScriptEntry {
    InputEvent event;
    std::string frameName; // non-empty for "frame" lines: no event, a frame to capture
};

struct EventScript {
    std::vector<ScriptEntry> entries; // sorted by time
    double duration() const { return entries.empty() ? 0.0 : entries.back().event.time; }
};

// Parses a script; fails with the line number and reason. Times must not go backwards.
core::Result<EventScript> parseEventScript(std::string_view text, const std::string& name);
core::Result<EventScript> loadEventScript(const std::filesystem::path& file);
std::string formatEventScript(const EventScript& script);

// Appends events to a script file as they happen (for --record), flushing each line.
class ScriptRecorder {
public:
    static core::Result<ScriptRecorder> open(const std::filesystem::path& file);
    void record(const InputEvent& event);

private:
    std::shared_ptr<std::FILE> mFile;
};

// Replays a script against a driven clock: each call returns the entries due up to `now`.
class ScriptPlayer {
public:
    explicit ScriptPlayer(EventScript script) : mScript(std::move(script)) {}
    // Entries with time <= now that were not returned before, in order.
    std::vector<ScriptEntry> take(double now);
    bool finished() const { return mNext >= mScript.entries.size(); }
    const EventScript& script() const { return mScript; }

private:
    EventScript mScript;
    size_t mNext = 0;
};

} // namespace sr::platform
