#version 450
// Room pass: scans carry their lighting in textures and vertex colours, so they are drawn unlit.
// Only what a pixel needs is interpolated (on a CPU device, every varying costs per pixel).
#include "shared/room_push.h"

// sRGB format: samples come out linear; in encoded space (color_space.glsl) a UNORM format, whose
// samples are the encoded values, as the vertex colour is then.
layout(set = 0, binding = 0) uniform sampler2D baseTexture;

layout(push_constant) uniform Push { RoomPush room; } push;

layout(location = 0) in vec2 inUv;
layout(location = 1) in vec4 inColor;

layout(location = 0) out vec4 outColor;

void main() {
    outColor = vec4(texture(baseTexture, inUv).rgb * inColor.rgb, 1.0);
}
