#version 450
#include "shared/color_space.glsl"
#include "shared/room_push.h"

layout(set = 0, binding = 0) uniform sampler2D baseTexture; // linear samples, or encoded ones in encoded space

layout(push_constant) uniform Push { RoomPush room; } push;

layout(location = 0) in vec2 inUv;
layout(location = 1) in vec4 inColor;
layout(location = 2) in vec3 inNormal;
layout(location = 3) in vec3 inToEye;

layout(location = 0) out vec4 outColor;

void main() {
    vec3 texel = texture(baseTexture, inUv).rgb;
    vec3 color = (kEncodedColor ? srgbToLinear(texel) : texel) * inColor.rgb;
    // A soft sky from above plus a little light from the viewer; scans are open surfaces, so the
    // normal is turned towards the viewer first.
    vec3 n = normalize(inNormal);
    vec3 v = normalize(inToEye);
    if (dot(n, v) < 0.0) n = -n;
    float sky = 0.5 + 0.5 * n.z;
    float head = max(dot(n, v), 0.0);
    color *= 0.25 + 0.55 * sky + 0.45 * head;
    outColor = vec4(outputColor(color), 1.0);
}
