#include "core/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/files.h"
#include "core/log.h"

namespace sr::core {

Status writePng(const std::filesystem::path& path, const Image8& image) {
    if (image.width == 0 || image.height == 0) return makeError(path.string(), "cannot write an empty image");
    if (image.pixels.size() != size_t(image.width) * image.height * 4) {
        return makeError(path.string(), "image has the wrong number of pixels for its size");
    }
    std::vector<uint8_t> png;
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(context);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    if (!stbi_write_png_to_func(append, &png, int(image.width), int(image.height), 4, image.pixels.data(),
                                int(image.width * 4))) {
        return makeError(path.string(), "PNG encoding failed");
    }
    return writeFileAtomic(path, png);
}

Result<Image8> readPng(const std::filesystem::path& path) {
    // stb_image takes an int length; no PNG we read comes near 2 GiB.
    auto bytes = readFile(path, uint64_t(1) << 30);
    if (!bytes) return bytes.error();
    int w = 0, h = 0, comp = 0;
    stbi_uc* data = stbi_load_from_memory(bytes->data(), int(bytes->size()), &w, &h, &comp, 4);
    if (!data) return makeError(path.string(), concat("cannot decode image: ", stbi_failure_reason()));
    Image8 image{uint32_t(w), uint32_t(h)};
    std::copy(data, data + size_t(w) * h * 4, image.pixels.begin());
    stbi_image_free(data);
    return image;
}

} // namespace sr::core
