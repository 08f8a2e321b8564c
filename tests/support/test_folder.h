#pragma once
// A fresh, empty folder for the running test: SR_TEST_OUTPUT/AREA/Suite.Test.
#include <filesystem>
#include <string>

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

} // namespace sr::test
