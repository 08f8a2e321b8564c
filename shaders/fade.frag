#version 450
#include "shared/color_space.glsl"
layout(push_constant) uniform Push { vec4 color; } push; // linear RGB, opacity
layout(location = 0) out vec4 outColor;
void main() { outColor = vec4(outputColor(push.color.rgb), push.color.a); }
