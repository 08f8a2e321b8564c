#include "jpeg.h"

#include <stb_image_write.h>

#include "core/files.h"

namespace sr::demo {

core::Result<std::vector<uint8_t>> encodeJpeg(const core::Image8& image, int quality) {
    if (image.width == 0 || image.height == 0) return core::makeError("", "cannot encode an empty image");
    std::vector<uint8_t> rgb(size_t(image.width) * image.height * 3);
    for (size_t i = 0, n = size_t(image.width) * image.height; i < n; ++i) {
        rgb[i * 3 + 0] = image.pixels[i * 4 + 0];
        rgb[i * 3 + 1] = image.pixels[i * 4 + 1];
        rgb[i * 3 + 2] = image.pixels[i * 4 + 2];
    }
    std::vector<uint8_t> out;
    auto append = [](void* context, void* data, int size) {
        auto* bytes = static_cast<std::vector<uint8_t>*>(context);
        bytes->insert(bytes->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    if (!stbi_write_jpg_to_func(append, &out, int(image.width), int(image.height), 3, rgb.data(), quality)) {
        return core::makeError("", "JPEG encoding failed");
    }
    return out;
}

core::Status writeJpeg(const std::filesystem::path& path, const core::Image8& image, int quality) {
    auto bytes = encodeJpeg(image, quality);
    if (!bytes) return core::makeError(path.string(), bytes.error().message);
    return core::writeFileAtomic(path, *bytes);
}

} // namespace sr::demo
