// Push constants of the room pass, shared by GLSL (room*.vert/frag) and C++ (render/room_pass.cpp).
#ifdef __cplusplus
#pragma once
#include <cstddef>
#include <glm/glm.hpp>
namespace sr::shaders {
using mat4 = glm::mat4;
using vec4 = glm::vec4;
#endif

struct RoomPush {
    mat4 viewProj;  // world (+Z up, metres) to Vulkan clip space
    vec4 baseColor; // linear RGBA factor of the material
    vec4 eye;       // xyz: camera position (metres), for the clay shading; w: unused
};

#ifdef __cplusplus
static_assert(sizeof(RoomPush) == 96);
static_assert(offsetof(RoomPush, eye) == 80);
static_assert(offsetof(RoomPush, viewProj) == 0);
static_assert(offsetof(RoomPush, baseColor) == 64);
} // namespace sr::shaders
#endif
