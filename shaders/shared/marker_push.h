// Push constants of the marker and fade passes, shared by GLSL and C++ (render/marker_pass.cpp).
#ifdef __cplusplus
#pragma once
#include <cstddef>
#include <glm/glm.hpp>
namespace sr::shaders {
using mat4 = glm::mat4;
using vec4 = glm::vec4;
#endif

// One marker: a disc lying on the floor (shape 0) or a soft dot facing the camera (shape 1).
struct MarkerPush {
    mat4 viewProj;
    vec4 centerRadius; // world centre (metres) and radius
    vec4 color;        // linear RGB and opacity
    vec4 cameraRight;  // for camera-facing markers; w: shape (0 disc, 1 dot)
    vec4 cameraUp;     // w: highlight 0..1
};

#ifdef __cplusplus
static_assert(sizeof(MarkerPush) == 128);
static_assert(offsetof(MarkerPush, centerRadius) == 64);
static_assert(offsetof(MarkerPush, cameraUp) == 112);
} // namespace sr::shaders
#endif
