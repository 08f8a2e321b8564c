#pragma once
// A fresh, empty folder for the running test: SR_TEST_OUTPUT/AREA/Suite.Test; writing fixtures.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace sr::test {

inline std::filesystem::path freshTestFolder(const std::string& area) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path folder = std::filesystem::path(SR_TEST_OUTPUT) / area /
                                         (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

// A fresh, empty folder for a suite's shared fixtures: SR_TEST_OUTPUT/AREA-PID. CTest runs every test
// in its own process, several at once, and each runs the suite's set-up: a folder shared by name would
// be rewritten under a neighbour's feet. Remove it in the suite's tear-down.
inline std::filesystem::path freshSuiteFolder(const std::string& area) {
    const std::filesystem::path folder =
        std::filesystem::path(SR_TEST_OUTPUT) / (area + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

// Writes `bytes` to `file`, making its folder first; a failed write fails the test. Plainly, without
// core's atomic rename and sync: fixtures are throwaway, and some tests write hundreds.
inline void writeBytes(const std::filesystem::path& file, std::string_view bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    ASSERT_TRUE(out.good()) << file;
}

inline void writeBytes(const std::filesystem::path& file, const std::vector<uint8_t>& bytes) {
    writeBytes(file, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

} // namespace sr::test
