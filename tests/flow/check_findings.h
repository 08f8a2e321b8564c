#pragma once
// What the stillroom-check tests share: run the checks on an exhibit folder, and find or list
// what they found.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "check/exhibit_check.h"

namespace sr::test {

// Checks `exhibit`; the check itself must run (only an unloadable manifest stops it).
inline check::CheckReport checkFolder(const std::filesystem::path& exhibit) {
    auto report = check::checkExhibit(exhibit);
    EXPECT_TRUE(report.ok()) << (report ? "" : report.error().describe());
    return report ? std::move(*report) : check::CheckReport{};
}

// Every finding, one per line, as stillroom-check prints them.
inline std::string listFindings(const check::CheckReport& report) {
    std::string text;
    for (const check::Finding& finding : report.findings) text += check::formatFinding(finding) + "\n";
    return text;
}

// Findings of `severity` in `file` at `jsonPath` whose message contains `part`.
inline size_t countFindings(const check::CheckReport& report, scene::Severity severity,
                            const std::string& file, const std::string& jsonPath,
                            const std::string& part = "") {
    size_t n = 0;
    for (const check::Finding& f : report.findings) {
        n += f.severity == severity && f.file == file && f.jsonPath == jsonPath &&
             f.message.find(part) != std::string::npos;
    }
    return n;
}

} // namespace sr::test
