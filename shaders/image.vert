#version 450
// Screen-space image quads (photographs, thumbnails): corners from push constants, no vertex buffer.
layout(push_constant) uniform Push {
    vec4 rect;    // x0, y0, x1, y1 in normalised device coordinates
    vec4 uvRect;  // u0, v0, u1, v1
    vec4 color;   // linear tint and opacity
} push;

layout(location = 0) out vec2 outUv;

const vec2 kCorners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));

void main() {
    vec2 c = kCorners[gl_VertexIndex];
    gl_Position = vec4(mix(push.rect.xy, push.rect.zw, c), 0.0, 1.0);
    outUv = mix(push.uvRect.xy, push.uvRect.zw, c);
}
