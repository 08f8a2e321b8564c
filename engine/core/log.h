#pragma once
// Logging: one line per message to stderr (and to an optional sink, for tests and the UI).
#include <functional>
#include <sstream>
#include <string>
#include <string_view>

namespace sr::core {

enum class LogLevel { Debug, Info, Warning, Error };

// Receives every message at or above the current level. Thread-safe to call from any thread;
// a sink must not log itself.
using LogSink = std::function<void(LogLevel, std::string_view)>;

void setLogLevel(LogLevel level);
// Installs a sink beside stderr; returns the previous one. Pass {} to remove.
LogSink setLogSink(LogSink sink);
// Silences stderr output (messages still reach the sink). Returns the previous setting.
bool setLogQuiet(bool quiet);
void logMessage(LogLevel level, std::string_view message);

// Concatenates any streamable values: logInfo("loaded ", path, " in ", ms, " ms").
template <class... Args> std::string concat(const Args&... args) {
    std::ostringstream out;
    (out << ... << args);
    return out.str();
}
template <class... Args> void logDebug(const Args&... args) { logMessage(LogLevel::Debug, concat(args...)); }
template <class... Args> void logInfo(const Args&... args) { logMessage(LogLevel::Info, concat(args...)); }
template <class... Args> void logWarning(const Args&... args) {
    logMessage(LogLevel::Warning, concat(args...));
}
template <class... Args> void logError(const Args&... args) { logMessage(LogLevel::Error, concat(args...)); }

} // namespace sr::core
