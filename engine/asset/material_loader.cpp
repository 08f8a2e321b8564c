#include "asset/material_loader.h"

#include "core/exhibit_path.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "asset/pose_reader.h"
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

// The key that makes each distinct image one job, or empty for a material without one.
std::string jobKey(const TextureSource& source) {
    switch (source.kind) {
    case TextureSource::Kind::None: return {};
    case TextureSource::Kind::File: return "file:" + source.file.string();
    case TextureSource::Kind::Embedded: return "embedded:" + std::to_string(source.embeddedImage);
    case TextureSource::Kind::Missing: return "missing:" + source.written;
    }
    return {};
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

namespace {
// The rest of `line` after the word `keyword`, trimmed, when the line starts with that word.
std::optional<std::string_view> valueOf(std::string_view line, std::string_view keyword) {
    line = trim(line);
    if (line.size() <= keyword.size() || !line.starts_with(keyword) ||
        (line[keyword.size()] != ' ' && line[keyword.size()] != '\t'))
        return std::nullopt;
    return trim(line.substr(keyword.size()));
}

// Calls `onLine` with each line of the file (without its end), reading it in pieces; lines
// longer than a piece are skipped. Stops after `limit` bytes. False when it is not a regular file
// or cannot be read.
template <class OnLine> bool forEachLine(const fs::path& path, uint64_t limit, OnLine&& onLine) {
    constexpr size_t kPiece = size_t(1) << 20;
    if (!isFile(path)) return false; // a FIFO or a device would block or never end
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string buffer;
    uint64_t total = 0;
    while (in && total < limit) {
        const size_t kept = buffer.size();
        buffer.resize(kept + kPiece);
        in.read(buffer.data() + kept, std::streamsize(kPiece));
        const size_t got = size_t(std::max<std::streamsize>(in.gcount(), 0));
        buffer.resize(kept + got);
        total += got;
        const bool last = got < kPiece || total >= limit;
        size_t start = 0;
        for (size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1)
            onLine(std::string_view(buffer).substr(start, end - start));
        if (last) {
            onLine(std::string_view(buffer).substr(start));
            break;
        }
        buffer.erase(0, start);
        if (buffer.size() >= kPiece) buffer.clear(); // a line no writer makes
    }
    return true;
}
} // namespace

void findObjTextures(const fs::path& obj, const fs::path& confineTo,
                     const std::function<void(const TextureSource&)>& found) {
    constexpr uint64_t kMaxLibrary = uint64_t(4) << 20; // a material library is a few kilobytes
    const fs::path folder = obj.parent_path();
    std::set<std::string, std::less<>> libraries, used;
    std::map<std::string, std::string, std::less<>> imageOf; // material name: map_Kd as written
    auto readLibrary = [&](std::string_view name) {
        const fs::path library = (folder / fs::path(name)).lexically_normal();
        if (!confineTo.empty() && !core::isInsideFolder(confineTo, library)) return;
        std::string material;
        forEachLine(library, kMaxLibrary, [&](std::string_view line) {
            if (auto name = valueOf(line, "newmtl")) {
                material = *name;
            } else if (auto image = valueOf(line, "map_Kd")) {
                // Options (-o u v w, -clamp on, ...) come before the file name: then it is the
                // last word.
                imageOf.try_emplace(material, image->starts_with('-') ? splitWords(*image).back() : *image);
            }
        });
    };
    // One pass over the OBJ (at memory speed, beside the parser): libraries are read where they
    // are named, and a material's image is reported where a face first uses it, so decoding can
    // start long before the pass is over. Only used materials count, not every image a shared
    // library names.
    forEachLine(obj, UINT64_MAX, [&](std::string_view line) {
        if (line.empty() || (line[0] != 'm' && line[0] != 'u')) return;
        if (auto library = valueOf(line, "mtllib")) {
            if (libraries.emplace(*library).second) readLibrary(*library);
        } else if (auto material = valueOf(line, "usemtl")) {
            if (used.contains(*material)) return;
            used.emplace(*material);
            if (auto image = imageOf.find(*material); image != imageOf.end())
                found(resolveTexture(folder, image->second, confineTo));
        }
    });
}

struct TextureLoads::State {
    ImportOptions options;
    std::mutex mutex;
    std::deque<Job> jobs; // stable references: workers hold one while more are added
    std::map<std::string, size_t> jobOf;
    size_t next = 0;        // the first job no thread has taken
    size_t running = 0;     // workers that have not run out of jobs
    bool abandoned = false; // the import ended without finish(): no job starts any more
    std::vector<std::thread> threads;
    std::span<const EmbeddedImage> embedded;

    // Adds the job of `source` unless its image has one; returns its index, or SIZE_MAX for none.
    // Under `mutex`.
    size_t addJob(const TextureSource& source) {
        const std::string key = jobKey(source);
        if (key.empty()) return SIZE_MAX;
        auto [it, inserted] = jobOf.try_emplace(key, jobs.size());
        if (inserted) {
            jobs.push_back(Job{source, std::nullopt});
            if (source.kind == TextureSource::Kind::Missing)
                jobs.back().result = core::Result<Texture>(core::makeError(source.written, source.reason));
        }
        return it->second;
    }

    // Takes jobs until none is left; each job is run by exactly one thread. A worker leaves the
    // count of running ones under the same lock as its last look at the queue, so a job added
    // after that look always finds a worker started for it.
    void work(bool worker = false) {
        std::unique_lock lock(mutex);
        while (next < jobs.size() && !abandoned) {
            Job& job = jobs[next++];
            const std::span<const EmbeddedImage> images = embedded;
            lock.unlock();
            if (!job.result) job.result = runJob(job, images, options);
            lock.lock();
        }
        if (worker) --running;
    }

    // Starts workers until there are `wanted` (at most one per job not yet taken). Under `mutex`.
    void startWorkers(size_t wanted) {
        wanted = std::min(wanted, running + (jobs.size() - next));
        try {
            while (running < wanted) {
                threads.emplace_back([this] { work(true); });
                ++running;
            }
        } catch (const std::system_error&) {
            // No more threads available: the ones started and finish() do the work.
        }
    }

    void joinAll() {
        for (;;) {
            std::vector<std::thread> started;
            {
                std::lock_guard lock(mutex);
                started.swap(threads);
            }
            if (started.empty()) return;
            for (std::thread& thread : started) thread.join();
        }
    }
};

namespace {
// Threads decoding textures: large scans carry several 4K-8K atlases, and decoding plus mip
// building is much of their import.
size_t textureThreads() { return std::min<size_t>(4, std::max(1u, std::thread::hardware_concurrency())); }
} // namespace

TextureLoads::TextureLoads(const ImportOptions& options) : mState(std::make_unique<State>()) {
    mState->options = options;
}

TextureLoads::~TextureLoads() {
    {
        std::lock_guard lock(mState->mutex);
        mState->abandoned = true; // an import that failed does not wait for more textures than it must
    }
    mState->joinAll();
}

void TextureLoads::prefetchObjTextures(const fs::path& obj) {
    State& state = *mState;
    std::lock_guard lock(state.mutex);
    try {
        // Finding the images is a pass at memory speed; the parse it runs beside takes seconds.
        state.threads.emplace_back([&state, obj] {
            try {
                findObjTextures(obj, state.options.confineTexturesTo, [&state](const TextureSource& source) {
                    if (source.kind != TextureSource::Kind::File) return;
                    std::lock_guard lock(state.mutex);
                    if (state.abandoned) return;
                    state.addJob(source);
                    // One core stays with the parser (this thread only reads, briefly).
                    state.startWorkers(std::max<size_t>(1, textureThreads() - 1));
                });
            } catch (const std::exception&) {
                // A hint only: the textures are loaded once the mesh names them.
            }
        });
    } catch (const std::system_error&) {
        // No thread: the textures load after the parse.
    }
}

void TextureLoads::start(const MaterialPlan& plan, std::span<const uint32_t> wanted,
                         std::span<const EmbeddedImage> embedded) {
    State& state = *mState;
    std::lock_guard lock(state.mutex);
    state.embedded = embedded;
    for (uint32_t m : wanted) state.addJob(plan.textures.at(m));
    state.startWorkers(textureThreads());
}

void TextureLoads::finish(const fs::path& meshFile, const MaterialPlan& plan, std::span<const uint32_t> kept,
                          RoomMesh& mesh) {
    State& state = *mState;
    // Materials remember which job feeds them; one not among those started gets its job now.
    std::vector<size_t> materialJob(kept.size(), SIZE_MAX);
    mesh.materials.clear();
    {
        std::lock_guard lock(state.mutex);
        for (size_t i = 0; i < kept.size(); ++i) {
            mesh.materials.push_back(plan.materials[kept[i]]);
            materialJob[i] = state.addJob(plan.textures[kept[i]]);
        }
    }
    state.work();
    state.joinAll();

    // Only the images kept materials use become textures, in the order those materials need them.
    std::vector<int> textureOfJob(state.jobs.size(), -1);
    std::vector<bool> reported(state.jobs.size(), false);
    for (size_t i = 0; i < kept.size(); ++i) {
        const size_t j = materialJob[i];
        if (j == SIZE_MAX || reported[j]) continue;
        reported[j] = true;
        core::Result<Texture>& result = *state.jobs[j].result;
        if (result) {
            textureOfJob[j] = int(mesh.textures.size());
            mesh.textures.push_back(std::move(*result));
            continue;
        }
        const TextureSource& source = state.jobs[j].source;
        std::string shown = source.written;
        if (source.kind == TextureSource::Kind::Embedded)
            shown = state.embedded[size_t(source.embeddedImage)].name;
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
