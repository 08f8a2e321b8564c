#version 450
#include "shared/room_push.h"

layout(set = 0, binding = 0) uniform sampler2D baseTexture; // sRGB format: samples come out linear

layout(location = 0) in vec2 inUv;
layout(location = 1) in vec4 inColor;

layout(location = 0) out vec4 outColor;

void main() {
    vec4 texel = texture(baseTexture, inUv);
    outColor = vec4(texel.rgb * inColor.rgb, 1.0);
}
