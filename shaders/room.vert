#version 450
// Room pass: scans carry their lighting in textures and vertex colours, so they are drawn unlit.
// Surfaces with neither (a missing atlas, an uncoloured mesh) are drawn by room_clay.vert / .frag.
#include "shared/room_push.h"

layout(location = 0) in vec3 inPosition;
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inColor; // sRGB-encoded bytes read as UNORM

layout(push_constant) uniform Push { RoomPush room; } push;

layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outColor;

vec3 srgbToLinear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

void main() {
    gl_Position = push.room.viewProj * vec4(inPosition, 1.0);
    outUv = inUv;
    outColor = vec4(srgbToLinear(inColor.rgb), inColor.a) * push.room.baseColor;
}
