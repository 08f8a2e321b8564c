#include "render/gpu_room.h"

#include <algorithm>

#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"

namespace sr::render {
namespace {

gpu::Image uploadTexture(gpu::Context& context, const asset::Texture& texture, bool encoded,
                         const std::string& debugName) {
    // Skip top levels the device cannot hold.
    const uint32_t limit = context.caps().maxImageDimension2D;
    const size_t first = asset::firstMipWithin(texture.mips, limit);
    if (first > 0) {
        core::logWarning(texture.name, ": ", texture.mips[0].width, "x", texture.mips[0].height,
                         " is larger than this device allows (", limit, "); using ",
                         texture.mips[first].width, "x", texture.mips[first].height);
    }
    std::vector<gpu::MipData> levels;
    for (size_t i = first; i < texture.mips.size(); ++i) {
        const core::Image8& mip = texture.mips[i];
        levels.push_back({mip.width, mip.height, mip.pixels});
    }
    gpu::ImageDesc desc;
    desc.width = levels[0].width;
    desc.height = levels[0].height;
    desc.mipLevels = uint32_t(levels.size());
    desc.format = encoded ? VK_FORMAT_R8G8B8A8_UNORM : VK_FORMAT_R8G8B8A8_SRGB;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    gpu::Image image(context, desc, debugName);
    gpu::uploadImageLevels(context, image, levels);
    return image;
}

gpu::Sampler createRoomSampler(gpu::Context& context, float maxAnisotropy) {
    VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    info.magFilter = VK_FILTER_LINEAR;
    info.minFilter = VK_FILTER_LINEAR;
    info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
    // Repeat, as glTF and OpenGL-era formats define it: some models' UVs run past 1 on purpose.
    // Scan atlases keep their charts inside the image, where the mode makes no difference.
    info.addressModeU = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    info.addressModeV = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    info.maxLod = VK_LOD_CLAMP_NONE;
    if (context.caps().samplerAnisotropy && maxAnisotropy > 1.0f) {
        info.anisotropyEnable = VK_TRUE;
        info.maxAnisotropy = std::min(maxAnisotropy, context.caps().maxSamplerAnisotropy);
    }
    VkSampler sampler;
    SR_VK_CHECK(vkCreateSampler(context.device(), &info, nullptr, &sampler));
    context.setDebugName(sampler, VK_OBJECT_TYPE_SAMPLER, "roomSampler");
    return gpu::Sampler(context.device(), sampler);
}

template <class T> std::span<const uint8_t> bytesOf(std::span<const T> items) {
    return {reinterpret_cast<const uint8_t*>(items.data()), items.size_bytes()};
}

// The Vulkan format a cached texture is uploaded in, or UNDEFINED when it must be decoded to RGBA8
// first (block-compressed, on a device without BC support). `encoded`: the UNORM twin of the format.
VkFormat uploadFormat(const gpu::Context& context, asset::CacheTextureFormat format, bool encoded) {
    const bool bc = context.caps().textureCompressionBC;
    switch (format) {
    case asset::CacheTextureFormat::Rgba8Srgb:
        return encoded ? VK_FORMAT_R8G8B8A8_UNORM : VK_FORMAT_R8G8B8A8_SRGB;
    case asset::CacheTextureFormat::Bc1Srgb:
        return !bc       ? VK_FORMAT_UNDEFINED
               : encoded ? VK_FORMAT_BC1_RGB_UNORM_BLOCK
                         : VK_FORMAT_BC1_RGB_SRGB_BLOCK;
    case asset::CacheTextureFormat::Bc3Srgb:
        return !bc ? VK_FORMAT_UNDEFINED : encoded ? VK_FORMAT_BC3_UNORM_BLOCK : VK_FORMAT_BC3_SRGB_BLOCK;
    }
    return VK_FORMAT_UNDEFINED;
}

// The mips of a cached texture from level `first` on, straight from the mapping, as stored
// (RGBA8, or BC blocks on a device that samples them).
gpu::Image uploadCachedTexture(gpu::Context& context, const asset::CacheTextureView& texture, size_t first,
                               VkFormat format, const std::string& debugName,
                               const gpu::UploadedPiece& uploaded) {
    std::vector<gpu::MipData> levels;
    for (size_t i = first; i < texture.mips.size(); ++i) {
        levels.push_back({texture.mips[i].width, texture.mips[i].height, texture.pixels(i)});
    }
    gpu::ImageDesc desc;
    desc.width = levels[0].width;
    desc.height = levels[0].height;
    desc.mipLevels = uint32_t(levels.size());
    desc.format = format;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    gpu::Image image(context, desc, debugName);
    gpu::uploadImageLevels(context, image, levels, uploaded);
    return image;
}

// Bytes a cached texture takes on the GPU from mip `first` on, as `format` (RGBA8 when decoded).
uint64_t gpuTextureBytes(const asset::CacheTextureView& texture, size_t first, VkFormat format) {
    uint64_t bytes = 0;
    for (size_t i = first; i < texture.mips.size(); ++i) {
        bytes += format == VK_FORMAT_UNDEFINED ? uint64_t(texture.mips[i].width) * texture.mips[i].height * 4
                                               : texture.mips[i].size;
    }
    return bytes;
}

} // namespace

std::vector<size_t> fitTexturesToBudget(std::span<const uint32_t> topSizes, std::span<const uint64_t> bytes,
                                        std::span<const size_t> levels, uint64_t budget) {
    std::vector<size_t> first(topSizes.size(), 0);
    // bytes[t] is texture t's whole chain; each mip dropped leaves about a quarter.
    std::vector<double> current(bytes.begin(), bytes.end());
    double total = 0.0;
    for (double b : current) total += b;
    while (total > double(budget)) {
        size_t largest = topSizes.size();
        for (size_t t = 0; t < topSizes.size(); ++t) {
            if (first[t] + 1 >= levels[t]) continue; // the smallest level always stays
            if (largest == topSizes.size() ||
                (topSizes[t] >> first[t]) > (topSizes[largest] >> first[largest]) ||
                ((topSizes[t] >> first[t]) == (topSizes[largest] >> first[largest]) &&
                 current[t] > current[largest]))
                largest = t;
        }
        if (largest == topSizes.size()) break; // nothing left to drop
        const double dropped = current[largest] * 0.75;
        current[largest] -= dropped;
        total -= dropped;
        ++first[largest];
    }
    return first;
}

GpuRoom::GpuRoom(gpu::Context& context, const asset::RoomMesh& mesh, VkDescriptorSetLayout textureSetLayout,
                 const TextureSampling& sampling)
    : mBounds(mesh.bounds), mTriangles(mesh.triangleCount()) {
    uploadGeometry(context, bytesOf(std::span(mesh.vertices)), bytesOf(std::span(mesh.indices)));
    for (size_t i = 0; i < mesh.textures.size(); ++i) {
        mTextures.push_back(
            uploadTexture(context, mesh.textures[i], sampling.encoded, "room.texture" + std::to_string(i)));
    }
    std::vector<DrawSource> sources;
    for (const asset::Submesh& sub : mesh.submeshes) {
        sources.push_back({sub.firstIndex, sub.indexCount, &mesh.materials.at(sub.material), 0, 0});
    }
    createDraws(context, textureSetLayout, sampling, sources, mesh.hasVertexColors);
}

GpuRoom::GpuRoom(gpu::Context& context, const asset::RoomCache& cache, VkDescriptorSetLayout textureSetLayout,
                 const TextureSampling& sampling, uint64_t textureBudget)
    : mBounds(cache.bounds()) {
    // What has been copied to the GPU is let go of in the mapping, so a room's bytes are resident
    // about once (on the GPU, or in host memory on a CPU device), not twice.
    const gpu::UploadedPiece release = [&cache](std::span<const uint8_t> piece) { cache.release(piece); };
    uploadGeometry(context, bytesOf(cache.vertices()), bytesOf(cache.indices()), release);
    // Which mips each texture starts at: none larger than the device allows, and all of them
    // within the budget, giving up the top mips of the largest textures first.
    const uint32_t limit = context.caps().maxImageDimension2D;
    std::vector<uint32_t> topSizes;
    std::vector<uint64_t> bytes;
    std::vector<size_t> levels, deviceFirst;
    std::vector<VkFormat> formats;
    for (size_t i = 0; i < cache.textureCount(); ++i) {
        const asset::CacheTextureView texture = cache.texture(i);
        const size_t first = asset::firstMipWithin(texture.mips, limit);
        if (first > 0)
            core::logWarning(cache.name(), ": texture ", texture.name, " is larger than this device allows (",
                             limit, "); top mips left out");
        formats.push_back(uploadFormat(context, texture.format, sampling.encoded));
        deviceFirst.push_back(first);
        topSizes.push_back(std::max(texture.mips[first].width, texture.mips[first].height));
        bytes.push_back(gpuTextureBytes(texture, first, formats.back()));
        levels.push_back(texture.mips.size() - first);
    }
    const std::vector<size_t> budgetFirst = fitTexturesToBudget(topSizes, bytes, levels, textureBudget);
    uint64_t wanted = 0, kept = 0;
    size_t reduced = 0;
    for (size_t i = 0; i < cache.textureCount(); ++i) {
        const asset::CacheTextureView texture = cache.texture(i);
        const size_t first = deviceFirst[i] + budgetFirst[i];
        wanted += bytes[i];
        kept += gpuTextureBytes(texture, first, formats[i]);
        reduced += budgetFirst[i] > 0;
        const std::string name = "room.texture" + std::to_string(i);
        if (formats[i] != VK_FORMAT_UNDEFINED) {
            mTextures.push_back(uploadCachedTexture(context, texture, first, formats[i], name, release));
        } else {
            // Decoded from `first` on: the levels left out are never decoded.
            const uint32_t side = std::max(texture.mips[first].width, texture.mips[first].height);
            mTextures.push_back(
                uploadTexture(context, asset::textureFromCache(texture, side), sampling.encoded, name));
        }
    }
    mTextureBytes = kept;
    if (reduced > 0) {
        core::logWarning(cache.name(), ": textures need ", wanted >> 20,
                         " MB, over the GPU texture budget of ", textureBudget >> 20,
                         " MB; the largest mips of ", reduced, " of ", cache.textureCount(),
                         " textures are left out (", kept >> 20, " MB kept)");
    }
    // A scan coloured per vertex keeps its colour detail in its vertices: simplified levels lose
    // it where the surface is flat, which their geometric error does not measure. Such a room is
    // drawn at full detail, culled.
    if (cache.hasVertexColors()) mCull.maxScreenError = 0.0f;
    mClusters.chunks.assign(cache.chunks().begin(), cache.chunks().end());
    mClusters.lods.assign(cache.lods().begin(), cache.lods().end());
    mClusters.clusters.assign(cache.clusters().begin(), cache.clusters().end());
    std::vector<asset::Material> materials;
    for (size_t i = 0; i < cache.materialCount(); ++i) materials.push_back(cache.material(i));
    std::vector<DrawSource> sources;
    for (const asset::CacheSubmesh& sub : cache.submeshes()) {
        sources.push_back(
            {sub.firstIndex, sub.indexCount, &materials[sub.material], sub.firstChunk, sub.chunkCount});
        mTriangles += sub.indexCount / 3;
    }
    createDraws(context, textureSetLayout, sampling, sources, cache.hasVertexColors());
}

void GpuRoom::uploadGeometry(gpu::Context& context, std::span<const uint8_t> vertices,
                             std::span<const uint8_t> indices, const gpu::UploadedPiece& uploaded) {
    mVertices = gpu::createBufferWithData(context, vertices, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                          "room.vertices", uploaded);
    mIndices = gpu::createBufferWithData(context, indices, VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "room.indices",
                                         uploaded);
}

// Adds the white texture for untextured draws, the sampler, and one descriptor set per draw.
void GpuRoom::createDraws(gpu::Context& context, VkDescriptorSetLayout textureSetLayout,
                          const TextureSampling& sampling, std::span<const DrawSource> sources,
                          bool hasVertexColors) {
    asset::Texture white;
    white.name = "white";
    white.mips.emplace_back(1, 1);
    std::fill(white.mips[0].pixels.begin(), white.mips[0].pixels.end(), uint8_t(255));
    mTextures.push_back(uploadTexture(context, white, sampling.encoded, "room.whiteTexture"));
    mSampler = createRoomSampler(context, sampling.maxAnisotropy);

    const uint32_t setCount = uint32_t(std::max<size_t>(sources.size(), 1));
    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, setCount};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = setCount;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    VkDescriptorPool pool;
    SR_VK_CHECK(vkCreateDescriptorPool(context.device(), &poolInfo, nullptr, &pool));
    mPool = gpu::DescriptorPool(context.device(), pool);
    context.setDebugName(pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "room.descriptorPool");

    for (const DrawSource& source : sources) {
        if (source.indexCount == 0) continue;
        const asset::Material& material = *source.material;
        const gpu::Image& texture =
            material.texture >= 0 ? mTextures.at(size_t(material.texture)) : mTextures.back();
        VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        alloc.descriptorPool = mPool;
        alloc.descriptorSetCount = 1;
        alloc.pSetLayouts = &textureSetLayout;
        VkDescriptorSet set;
        SR_VK_CHECK(vkAllocateDescriptorSets(context.device(), &alloc, &set));
        VkDescriptorImageInfo imageInfo{mSampler, texture.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
        VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        write.dstSet = set;
        write.descriptorCount = 1;
        write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
        write.pImageInfo = &imageInfo;
        vkUpdateDescriptorSets(context.device(), 1, &write, 0, nullptr);
        const bool shaded = material.texture < 0 && !hasVertexColors;
        mDraws.push_back({source.firstIndex, source.indexCount, set, material.baseColor, shaded,
                          source.firstChunk, source.chunkCount});
    }
}

} // namespace sr::render
