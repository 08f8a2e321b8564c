#version 450
#include "shared/color_space.glsl"
#include "shared/marker_push.h"

layout(push_constant) uniform Push { MarkerPush marker; } push;
layout(location = 0) in vec2 inLocal;
layout(location = 0) out vec4 outColor;

void main() {
    float r = length(inLocal);
    if (r > 1.0) discard;
    float aa = fwidth(r) * 1.5;
    float highlight = push.marker.cameraUp.w;
    float alpha;
    if (push.marker.cameraRight.w > 0.5) {
        // A soft glow with a small brighter core.
        float glow = exp(-r * r * 4.0);
        float core = 1.0 - smoothstep(0.22 - aa, 0.22 + aa, r);
        alpha = glow * (0.55 + 0.45 * highlight) + core * 0.5;
    } else {
        // A quiet ring with a faint fill.
        float ring = smoothstep(0.80 - aa, 0.84, r) * (1.0 - smoothstep(0.96, 1.0, r + aa * 0.5));
        float fill = 0.18 * (1.0 - smoothstep(0.7, 0.84, r));
        alpha = max(ring * (0.75 + 0.25 * highlight), fill * (1.0 + highlight));
    }
    outColor = vec4(outputColor(push.marker.color.rgb), push.marker.color.a * clamp(alpha, 0.0, 1.0));
}
