// sRGB transfer functions, and whether a pass draws in sRGB-encoded space (specialization constant
// 0, set from RendererSettings::encodedColor). Encoded: the pass renders through a UNORM view of an
// sRGB target and samples UNORM textures, so it converts what it computes in linear light itself.

layout(constant_id = 0) const bool kEncodedColor = false;

vec3 srgbToLinear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

vec3 linearToSrgb(vec3 c) {
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, greaterThan(c, vec3(0.0031308)));
}

// A linear colour as the pass writes it.
vec3 outputColor(vec3 linear) { return kEncodedColor ? linearToSrgb(linear) : linear; }
