#version 450
// Room pass, clay: surfaces with neither a texture nor vertex colours (a missing atlas, an
// uncoloured mesh) get a soft clay shading, so their shape still reads. Scans themselves carry their
// lighting and are drawn by room.vert / room.frag.
#include "shared/color_space.glsl"
#include "shared/room_push.h"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inColor; // sRGB-encoded bytes read as UNORM

layout(push_constant) uniform Push { RoomPush room; } push;

layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outColor;
layout(location = 2) out vec3 outNormal;
layout(location = 3) out vec3 outToEye;

void main() {
    gl_Position = push.room.viewProj * vec4(inPosition, 1.0);
    outUv = inUv;
    outColor = vec4(srgbToLinear(inColor.rgb), inColor.a) * push.room.baseColor;
    outNormal = inNormal;
    outToEye = push.room.eye.xyz - inPosition;
}
