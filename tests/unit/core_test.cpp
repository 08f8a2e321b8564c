#include <gtest/gtest.h>

#include "core/exhibit_path.h"

TEST(ExhibitPath, RefusesParentEscape) {
    auto r = sr::core::resolveInExhibit("/tmp", "../etc/passwd");
    EXPECT_FALSE(r.ok());
}
