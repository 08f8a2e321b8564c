#version 450
layout(set = 0, binding = 0) uniform sampler2D image; // sRGB: samples come out linear

layout(push_constant) uniform Push {
    vec4 rect;
    vec4 uvRect;
    vec4 color;
} push;

layout(location = 0) in vec2 inUv;
layout(location = 0) out vec4 outColor;

void main() {
    vec4 texel = texture(image, inUv);
    outColor = vec4(texel.rgb * push.color.rgb, texel.a * push.color.a);
}
