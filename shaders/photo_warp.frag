#version 450
// A photograph registered over the room: each screen pixel's ray is turned into the photo camera's
// frame, run through the photo's lens distortion and looked up in the photo, so the photograph
// lands exactly where the room it shows is drawn (undistorted for radial and fisheye lenses).
layout(set = 0, binding = 0) uniform sampler2D image; // sRGB: samples come out linear

layout(push_constant) uniform Push {
    // Rows of the 3x3 matrix taking (pixel x, pixel y, 1) of the target to a ray in the photo
    // camera's frame (+X right, +Y down, +Z forward). w: unused.
    vec4 row0;
    vec4 row1;
    vec4 row2;
    vec4 focal;  // fx, fy, cx, cy in stored photo pixels
    vec4 size;   // 1 / width, 1 / height (stored photo pixels), opacity, distortion model (0 none, 1 Brown, 2 fisheye)
    vec4 k;      // k1..k4
    vec4 p;      // p1, p2 (Brown), feather (fraction of the photo's shorter side), EXIF orientation 1..8
} push;

layout(location = 0) out vec4 outColor;

// Stored-image coordinates (0..1) to the displayed image's, as the EXIF orientation turns it.
vec2 orient(vec2 uv, int orientation) {
    switch (orientation) {
    case 2: return vec2(1.0 - uv.x, uv.y);
    case 3: return vec2(1.0 - uv.x, 1.0 - uv.y);
    case 4: return vec2(uv.x, 1.0 - uv.y);
    case 5: return vec2(uv.y, uv.x);
    case 6: return vec2(1.0 - uv.y, uv.x);
    case 7: return vec2(1.0 - uv.y, 1.0 - uv.x);
    case 8: return vec2(uv.y, 1.0 - uv.x);
    default: return uv;
    }
}

void main() {
    vec3 pixel = vec3(gl_FragCoord.xy, 1.0);
    vec3 ray = vec3(dot(push.row0.xyz, pixel), dot(push.row1.xyz, pixel), dot(push.row2.xyz, pixel));
    if (ray.z <= 1e-6) discard; // behind the photo camera
    vec2 xy = ray.xy / ray.z;
    int model = int(push.size.w + 0.5);
    float r2 = dot(xy, xy);
    if (model == 1) {
        float radial = 1.0 + r2 * (push.k.x + r2 * (push.k.y + r2 * (push.k.z + r2 * push.k.w)));
        float p1 = push.p.x, p2 = push.p.y;
        xy = vec2(xy.x * radial + 2.0 * p1 * xy.x * xy.y + p2 * (r2 + 2.0 * xy.x * xy.x),
                  xy.y * radial + p1 * (r2 + 2.0 * xy.y * xy.y) + 2.0 * p2 * xy.x * xy.y);
    } else if (model == 2) {
        float r = sqrt(r2);
        if (r > 1e-8) {
            float theta = atan(r);
            float t2 = theta * theta;
            float thetaD = theta * (1.0 + t2 * (push.k.x + t2 * (push.k.y + t2 * (push.k.z + t2 * push.k.w))));
            xy *= thetaD / r;
        }
    }
    vec2 uv = (push.focal.xy * xy + push.focal.zw) * push.size.xy;
    // Soft edges, so the photograph's border does not cut a hard line through the room.
    float longer = max(push.size.x, push.size.y); // 1 / the shorter side
    vec2 inside = min(uv, 1.0 - uv) * vec2(longer / push.size.x, longer / push.size.y); // in shorter sides
    float edge = min(inside.x, inside.y);
    if (edge <= 0.0) discard;
    float alpha = push.size.z * smoothstep(0.0, max(push.p.z, 1e-6), edge);
    vec4 texel = texture(image, orient(uv, int(push.p.w + 0.5)));
    outColor = vec4(texel.rgb, texel.a * alpha);
}
