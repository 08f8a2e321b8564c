#pragma once
// EXPECT_VEC_NEAR(actual, expected, tolerance): two 3D points or directions within `tolerance`
// of each other (as glm::dvec3), printing both when they are not.
#include <gtest/gtest.h>

#include <glm/glm.hpp>

#define EXPECT_VEC_NEAR(actual, expected, tolerance)                                                         \
    do {                                                                                                     \
        const glm::dvec3 a_ = (actual), e_ = (expected);                                                     \
        EXPECT_LT(glm::length(a_ - e_), (tolerance))                                                         \
            << "actual (" << a_.x << ", " << a_.y << ", " << a_.z << "), expected (" << e_.x << ", " << e_.y \
            << ", " << e_.z << ")";                                                                          \
    } while (0)
