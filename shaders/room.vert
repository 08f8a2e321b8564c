#version 450
// Room pass: scans carry their lighting in textures and vertex colours, so they are drawn unlit.
// Surfaces with neither (a missing atlas, an uncoloured mesh) are drawn by room_clay.vert / .frag.
#include "shared/color_space.glsl"
#include "shared/room_push.h"

layout(location = 0) in vec3 inPosition;
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inColor; // sRGB-encoded bytes read as UNORM

layout(push_constant) uniform Push { RoomPush room; } push;

layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outColor;

void main() {
    gl_Position = push.room.viewProj * vec4(inPosition, 1.0);
    outUv = inUv;
    // In encoded space the product of encoded factors stands for the encoded product (exact for a
    // pure power curve, within a few levels for sRGB's).
    outColor = kEncodedColor ? vec4(inColor.rgb * linearToSrgb(push.room.baseColor.rgb),
                                    inColor.a * push.room.baseColor.a)
                             : vec4(srgbToLinear(inColor.rgb), inColor.a) * push.room.baseColor;
}
