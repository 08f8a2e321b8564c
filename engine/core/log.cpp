#include "core/log.h"

#include <cstdio>
#include <mutex>

namespace sr::core {
namespace {
std::mutex gMutex;
LogLevel gLevel = LogLevel::Info;
LogSink gSink;
bool gQuiet = false;

const char* levelName(LogLevel level) {
    switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    }
    return "?";
}
} // namespace

void setLogLevel(LogLevel level) {
    std::lock_guard lock(gMutex);
    gLevel = level;
}

LogSink setLogSink(LogSink sink) {
    std::lock_guard lock(gMutex);
    std::swap(gSink, sink);
    return sink;
}

bool setLogQuiet(bool quiet) {
    std::lock_guard lock(gMutex);
    std::swap(gQuiet, quiet);
    return quiet;
}

void logMessage(LogLevel level, std::string_view message) {
    std::lock_guard lock(gMutex);
    if (level < gLevel) return;
    if (!gQuiet) {
        std::fprintf(stderr, "stillroom %s: %.*s\n", levelName(level), int(message.size()), message.data());
    }
    if (gSink) gSink(level, message);
}

} // namespace sr::core
