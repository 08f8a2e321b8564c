// stb_image compiled into fuzz_image, from the same Debian header the product's libstb.so is built
// from (2.27). The program's own definitions take precedence over the shared library's, so every
// decode the target makes runs in this copy: instrumented for coverage and AddressSanitizer, which
// sees nothing inside the shared library. Faults found here are avoided by the callers' checks
// before stb_image is called (asset/exif.h jpegDecoderHazard, the formats asset/texture.cpp and
// core/image.cpp refuse), never by changing this copy.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
