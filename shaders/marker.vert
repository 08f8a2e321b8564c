#version 450
// Markers: quads built here from the push constants, no vertex buffer.
#include "shared/marker_push.h"

layout(push_constant) uniform Push { MarkerPush marker; } push;
layout(location = 0) out vec2 outLocal; // -1..1 across the marker

const vec2 kCorners[6] = vec2[](vec2(-1, -1), vec2(1, -1), vec2(1, 1), vec2(-1, -1), vec2(1, 1), vec2(-1, 1));

void main() {
    vec2 c = kCorners[gl_VertexIndex];
    vec3 center = push.marker.centerRadius.xyz;
    float radius = push.marker.centerRadius.w;
    vec3 axisA = vec3(1, 0, 0);
    vec3 axisB = vec3(0, 1, 0);
    if (push.marker.cameraRight.w > 0.5) {
        axisA = push.marker.cameraRight.xyz;
        axisB = push.marker.cameraUp.xyz;
    }
    vec3 world = center + (axisA * c.x + axisB * c.y) * radius;
    gl_Position = push.marker.viewProj * vec4(world, 1.0);
    outLocal = c;
}
