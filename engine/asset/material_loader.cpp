#include "asset/material_loader.h"

#include "core/exhibit_path.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <optional>
#include <thread>

#include "asset/texture.h"
#include "core/log.h"

namespace sr::asset::detail {
namespace {

namespace fs = std::filesystem;

bool isFile(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string percentDecoded(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(uint8_t(text[i + 1])) &&
            std::isxdigit(uint8_t(text[i + 2]))) {
            out.push_back(char(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

TextureSource resolveTexture(const fs::path& folder, const std::string& written, const fs::path& confineTo) {
    TextureSource source;
    source.written = written;
    std::string slashed = written;
    std::replace(slashed.begin(), slashed.end(), '\\', '/');
    // Authoring tools write paths from their own machine; the image usually travels beside the mesh.
    std::vector<fs::path> candidates;
    fs::path given(slashed);
    candidates.push_back(given.is_absolute() ? given : folder / given);
    if (slashed.find('%') != std::string::npos) {
        candidates.push_back(folder / fs::path(percentDecoded(slashed)));
    }
    std::string fileName = slashed.substr(slashed.find_last_of('/') + 1);
    if (!fileName.empty()) candidates.push_back(folder / fileName);
    bool refusedOutside = false;
    for (const fs::path& candidate : candidates) {
        if (!confineTo.empty() && !core::isInsideFolder(confineTo, candidate)) {
            refusedOutside = refusedOutside || isFile(candidate);
            continue;
        }
        if (isFile(candidate)) {
            source.kind = TextureSource::Kind::File;
            source.file = candidate.lexically_normal();
            return source;
        }
    }
    source.kind = TextureSource::Kind::Missing;
    if (refusedOutside) {
        source.reason = "refused: the file lies outside the exhibit folder";
        return source;
    }
    source.reason = "file not found (looked for";
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (i > 0 && candidates[i] == candidates[i - 1]) continue;
        source.reason += (i ? ", " : " ") + candidates[i].lexically_normal().string();
    }
    source.reason += ")";
    return source;
}

// The last 4-digit run of `stem` that is a UDIM tile number (1001-1100): position, or npos.
size_t findUdimTile(const std::string& stem, uint32_t& tile) {
    size_t found = std::string::npos;
    for (size_t i = 0; i < stem.size();) {
        if (!std::isdigit(uint8_t(stem[i]))) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < stem.size() && std::isdigit(uint8_t(stem[end]))) ++end;
        if (end - i == 4) {
            uint32_t value = uint32_t(std::stoul(stem.substr(i, 4)));
            if (value >= 1001 && value <= 1100) {
                found = i;
                tile = value;
            }
        }
        i = end;
    }
    return found;
}

// Adds one material per sibling tile image of a UDIM material (see planMaterials).
void expandUdim(const MaterialSource& source, const TextureSource& texture, MaterialPlan& plan,
                MaterialSlot& slot) {
    std::string stem = texture.file.stem().string();
    uint32_t ownTile = 0;
    size_t at = findUdimTile(stem, ownTile);
    if (at == std::string::npos) return;
    // Tile 1001 (UVs in the unit square) of a material named after another tile is that
    // material's own image: Meshroom writes one material per tile with UVs in [0,1].
    std::vector<std::pair<uint32_t, fs::path>> siblings;
    for (uint32_t tile = 1001; tile <= 1100; ++tile) {
        if (tile == ownTile || (tile == 1001 && ownTile != 1001)) continue;
        std::string name = stem.substr(0, at) + std::to_string(tile) + stem.substr(at + 4);
        fs::path sibling = texture.file.parent_path() / (name + texture.file.extension().string());
        if (isFile(sibling)) siblings.emplace_back(tile, sibling);
    }
    // Without siblings, a 1001 image keeps its UVs as written (they may tile on purpose); any
    // other tile's UVs are shifted into the unit square, which repeat addressing samples alike.
    if (siblings.empty() && ownTile == 1001) return;
    slot.udimTiles.emplace_back(ownTile, slot.material);
    for (const auto& [tile, file] : siblings) {
        slot.udimTiles.emplace_back(tile, uint32_t(plan.materials.size()));
        plan.materials.push_back(Material{source.name + "." + std::to_string(tile), source.baseColor, -1});
        TextureSource tileTexture = texture;
        tileTexture.file = file;
        tileTexture.written = file.filename().string();
        plan.textures.push_back(std::move(tileTexture));
    }
}

struct Job {
    TextureSource source;
    std::optional<core::Result<Texture>> result;
};

core::Result<Texture> runJob(const Job& job, std::span<const EmbeddedImage> embedded,
                             const ImportOptions& options) {
    try {
        if (job.source.kind == TextureSource::Kind::File) {
            return loadTexture(job.source.file, options.maxTextureSize, options.maxTexturePixels);
        }
        const EmbeddedImage& image = embedded[size_t(job.source.embeddedImage)];
        if (!image.encoded.empty()) {
            auto decoded = decodeImage(image.encoded, image.name, options.maxTexturePixels);
            if (!decoded) return decoded.error();
            return buildTexture(std::move(*decoded), image.name, options.maxTextureSize);
        }
        if (image.pixels.width == 0 || image.pixels.height == 0) {
            return core::makeError(image.name, "image is empty");
        }
        if (uint64_t(image.pixels.width) * image.pixels.height > options.maxTexturePixels) {
            return core::makeError(image.name, "image is larger than the pixel limit");
        }
        return buildTexture(image.pixels, image.name, options.maxTextureSize);
    } catch (const std::exception& e) {
        std::string name = job.source.kind == TextureSource::Kind::File
                               ? job.source.file.string()
                               : embedded[size_t(job.source.embeddedImage)].name;
        return core::makeError(name, core::concat("cannot load the texture: ", e.what()));
    }
}

// Runs the jobs on a few threads: large scans carry several 4K-8K atlases, and decoding plus
// mip building dominates their import time.
void runJobs(std::vector<Job>& jobs, std::span<const EmbeddedImage> embedded, const ImportOptions& options) {
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < jobs.size(); i = next++) {
            if (!jobs[i].result) jobs[i].result = runJob(jobs[i], embedded, options);
        }
    };
    size_t threadCount =
        std::min<size_t>({jobs.size(), 4, std::max(1u, std::thread::hardware_concurrency())});
    std::vector<std::thread> threads;
    try {
        for (size_t t = 1; t < threadCount; ++t) threads.emplace_back(work);
    } catch (const std::system_error&) {
        // No more threads available: the ones started and this one finish the work.
    }
    work();
    for (std::thread& thread : threads) thread.join();
}

} // namespace

MaterialPlan planMaterials(const fs::path& meshFile, std::span<const MaterialSource> sources,
                           const fs::path& confineTo) {
    MaterialPlan plan;
    const fs::path folder = meshFile.parent_path();
    plan.slots.reserve(sources.size());
    for (const MaterialSource& source : sources) {
        MaterialSlot slot;
        slot.material = uint32_t(plan.materials.size());
        plan.materials.push_back(Material{source.name, source.baseColor, -1});
        TextureSource texture;
        if (source.embeddedImage >= 0) {
            texture.kind = TextureSource::Kind::Embedded;
            texture.embeddedImage = source.embeddedImage;
            texture.written = source.texturePath;
        } else if (!source.texturePath.empty()) {
            texture = resolveTexture(folder, source.texturePath, confineTo);
        }
        plan.textures.push_back(texture);
        if (texture.kind == TextureSource::Kind::File) expandUdim(source, texture, plan, slot);
        plan.slots.push_back(std::move(slot));
    }
    return plan;
}

void loadTextures(const fs::path& meshFile, const MaterialPlan& plan, std::span<const uint32_t> kept,
                  std::span<const EmbeddedImage> embedded, const ImportOptions& options, RoomMesh& mesh) {
    // One job per distinct image; materials remember which job feeds them.
    std::vector<Job> jobs;
    std::map<std::string, size_t> jobOf;
    std::vector<size_t> materialJob(kept.size(), SIZE_MAX);
    mesh.materials.clear();
    for (size_t i = 0; i < kept.size(); ++i) {
        mesh.materials.push_back(plan.materials[kept[i]]);
        const TextureSource& source = plan.textures[kept[i]];
        std::string key;
        switch (source.kind) {
        case TextureSource::Kind::None: continue;
        case TextureSource::Kind::File: key = "file:" + source.file.string(); break;
        case TextureSource::Kind::Embedded: key = "embedded:" + std::to_string(source.embeddedImage); break;
        case TextureSource::Kind::Missing: key = "missing:" + source.written; break;
        }
        auto [it, inserted] = jobOf.try_emplace(key, jobs.size());
        if (inserted) jobs.push_back(Job{source, std::nullopt});
        materialJob[i] = it->second;
    }
    for (Job& job : jobs) {
        if (job.source.kind == TextureSource::Kind::Missing) {
            job.result = core::Result<Texture>(core::makeError(job.source.written, job.source.reason));
        }
    }
    runJobs(jobs, embedded, options);

    std::vector<int> textureOfJob(jobs.size(), -1);
    for (size_t j = 0; j < jobs.size(); ++j) {
        core::Result<Texture>& result = *jobs[j].result;
        if (result) {
            textureOfJob[j] = int(mesh.textures.size());
            mesh.textures.push_back(std::move(*result));
            continue;
        }
        const TextureSource& source = jobs[j].source;
        std::string shown = source.written;
        if (source.kind == TextureSource::Kind::Embedded) shown = embedded[size_t(source.embeddedImage)].name;
        if (source.kind == TextureSource::Kind::File && source.file.string() != source.written) {
            shown += " (" + source.file.string() + ")";
        }
        core::logWarning("texture ", shown, " of mesh ", meshFile.string(),
                         " not loaded: ", result.error().message, "; its materials show neutral grey");
    }
    for (size_t i = 0; i < kept.size(); ++i) {
        if (materialJob[i] == SIZE_MAX) continue;
        Material& material = mesh.materials[i];
        material.texture = textureOfJob[materialJob[i]];
        if (material.texture < 0) {
            material.baseColor = glm::vec4(kMissingTextureGrey, kMissingTextureGrey, kMissingTextureGrey,
                                           material.baseColor.a);
        }
    }
}

} // namespace sr::asset::detail
