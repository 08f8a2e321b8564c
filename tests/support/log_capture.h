#pragma once
// Captures log lines for a test's lifetime (and keeps them off stderr).
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/log.h"

namespace sr::test {

class LogCapture {
public:
    LogCapture() {
        mQuiet = core::setLogQuiet(true);
        mPrevious = core::setLogSink([this](core::LogLevel, std::string_view text) {
            std::lock_guard lock(mMutex);
            mLines.emplace_back(text);
        });
    }
    ~LogCapture() {
        core::setLogSink(mPrevious);
        core::setLogQuiet(mQuiet);
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    // Lines containing every one of `parts`.
    size_t count(std::initializer_list<std::string_view> parts) const {
        std::lock_guard lock(mMutex);
        size_t n = 0;
        for (const std::string& line : mLines) {
            bool all = true;
            for (std::string_view part : parts) all = all && line.find(part) != std::string::npos;
            n += all;
        }
        return n;
    }
    std::string all() const {
        std::lock_guard lock(mMutex);
        std::string text;
        for (const std::string& line : mLines) text += line + "\n";
        return text;
    }

private:
    mutable std::mutex mMutex;
    std::vector<std::string> mLines;
    core::LogSink mPrevious;
    bool mQuiet = false;
};

} // namespace sr::test
