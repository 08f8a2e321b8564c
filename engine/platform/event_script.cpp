#include "platform/event_script.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/files.h"
#include "core/log.h"

namespace sr::platform {
namespace {

struct Verb {
    const char* name;
    EventType type;
};
constexpr Verb kVerbs[] = {
    {"down", EventType::PointerDown}, {"move", EventType::PointerMove}, {"up", EventType::PointerUp},
    {"scroll", EventType::Scroll},    {"keydown", EventType::KeyDown},  {"keyup", EventType::KeyUp},
    {"resize", EventType::Resize},    {"close", EventType::Close},      {"gamepad", EventType::Gamepad},
    {"text", EventType::Text},
};

const char* verbName(EventType type) {
    for (const Verb& v : kVerbs) {
        if (v.type == type) return v.name;
    }
    return "?";
}

bool finite(std::initializer_list<double> values) {
    for (double v : values) {
        if (!std::isfinite(v)) return false;
    }
    return true;
}

} // namespace

core::Result<EventScript> parseEventScript(std::string_view text, const std::string& name) {
    EventScript script;
    std::istringstream in{std::string(text)};
    std::string line;
    int lineNumber = 0;
    double lastTime = 0.0;
    while (std::getline(in, line)) {
        ++lineNumber;
        const auto hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        std::istringstream fields(line);
        double time = 0.0;
        std::string verb;
        if (!(fields >> time)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            return core::makeError(name, core::concat("line ", lineNumber, ": expected a time in seconds"));
        }
        if (!(fields >> verb))
            return core::makeError(name, core::concat("line ", lineNumber, ": expected an event"));
        if (!finite({time}) || time < lastTime) {
            return core::makeError(
                name, core::concat("line ", lineNumber, ": time must be finite and not go back"));
        }
        lastTime = time;
        ScriptEntry entry;
        entry.event.time = time;
        if (verb == "frame") {
            if (!(fields >> entry.frameName)) {
                return core::makeError(name, core::concat("line ", lineNumber, ": frame needs a name"));
            }
            script.entries.push_back(entry);
            continue;
        }
        const Verb* found = nullptr;
        for (const Verb& v : kVerbs) {
            if (verb == v.name) found = &v;
        }
        if (!found)
            return core::makeError(name, core::concat("line ", lineNumber, ": unknown event '", verb, "'"));
        InputEvent& e = entry.event;
        e.type = found->type;
        bool ok = true;
        switch (e.type) {
        case EventType::PointerDown:
        case EventType::PointerUp: ok = bool(fields >> e.x >> e.y >> e.button); break;
        case EventType::PointerMove:
        case EventType::Resize: ok = bool(fields >> e.x >> e.y); break;
        case EventType::Scroll: ok = bool(fields >> e.scrollX >> e.scrollY); break;
        case EventType::Gamepad: ok = bool(fields >> e.x >> e.y >> e.scrollX >> e.scrollY); break;
        case EventType::KeyDown:
        case EventType::KeyUp: ok = bool(fields >> e.key); break;
        case EventType::Text: ok = bool(fields >> e.key) && e.key >= 32 && e.key <= 0x10FFFF; break;
        case EventType::Close: break;
        }
        if (!ok || !finite({e.x, e.y, e.scrollX, e.scrollY})) {
            return core::makeError(name, core::concat("line ", lineNumber, ": bad values for '", verb, "'"));
        }
        script.entries.push_back(entry);
    }
    return script;
}

core::Result<EventScript> loadEventScript(const std::filesystem::path& file) {
    auto bytes = core::readFile(file, 64u << 20);
    if (!bytes) return bytes.error();
    return parseEventScript(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()),
                            file.string());
}

static std::string formatEvent(const InputEvent& e) {
    char buffer[160];
    const char* verb = verbName(e.type);
    switch (e.type) {
    case EventType::PointerDown:
    case EventType::PointerUp:
        std::snprintf(buffer, sizeof buffer, "%.4f %s %.1f %.1f %d", e.time, verb, e.x, e.y, e.button);
        break;
    case EventType::PointerMove:
    case EventType::Resize:
        std::snprintf(buffer, sizeof buffer, "%.4f %s %.1f %.1f", e.time, verb, e.x, e.y);
        break;
    case EventType::Scroll:
        std::snprintf(buffer, sizeof buffer, "%.4f %s %.3f %.3f", e.time, verb, e.scrollX, e.scrollY);
        break;
    case EventType::Gamepad:
        std::snprintf(buffer, sizeof buffer, "%.4f %s %.3f %.3f %.3f %.3f", e.time, verb, e.x, e.y, e.scrollX,
                      e.scrollY);
        break;
    case EventType::KeyDown:
    case EventType::KeyUp:
    case EventType::Text: std::snprintf(buffer, sizeof buffer, "%.4f %s %d", e.time, verb, e.key); break;
    case EventType::Close: std::snprintf(buffer, sizeof buffer, "%.4f %s", e.time, verb); break;
    }
    return buffer;
}

std::string formatEventScript(const EventScript& script) {
    std::string text = "# stillroom-input/1\n";
    for (const ScriptEntry& entry : script.entries) {
        if (!entry.frameName.empty()) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.4f frame ", entry.event.time);
            text += buffer + entry.frameName + "\n";
        } else {
            text += formatEvent(entry.event) + "\n";
        }
    }
    return text;
}

core::Result<ScriptRecorder> ScriptRecorder::open(const std::filesystem::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "w");
    if (!f) return core::makeError(file.string(), "cannot create the recording");
    ScriptRecorder recorder;
    recorder.mFile.reset(f, std::fclose);
    std::fputs("# stillroom-input/1\n", f);
    return recorder;
}

void ScriptRecorder::record(const InputEvent& event) {
    if (!mFile) return;
    std::fprintf(mFile.get(), "%s\n", formatEvent(event).c_str());
    std::fflush(mFile.get());
}

std::vector<ScriptEntry> ScriptPlayer::take(double now) {
    std::vector<ScriptEntry> due;
    while (mNext < mScript.entries.size() && mScript.entries[mNext].event.time <= now) {
        due.push_back(mScript.entries[mNext++]);
    }
    return due;
}

} // namespace sr::platform
