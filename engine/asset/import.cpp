// The only file of the project that includes Assimp.
#include "asset/import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

#include <assimp/DefaultIOSystem.h>
#include <assimp/Importer.hpp>
#include <assimp/ProgressHandler.hpp>
#include <assimp/config.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <glm/gtc/type_ptr.hpp>

#include "asset/material_loader.h"
#include "asset/mesh_builder.h"
#include "asset/ply_reader.h"
#include "core/exhibit_path.h"
#include "core/files.h"
#include "core/log.h"

namespace sr::asset {
namespace {

namespace fs = std::filesystem;
using detail::DropCounts;
using detail::EmbeddedImage;
using detail::MaterialSource;
using detail::SourceMesh;

static_assert(sizeof(ai_real) == sizeof(float), "SourceMesh reads Assimp's arrays as floats");
static_assert(sizeof(aiVector3D) == 3 * sizeof(float) && sizeof(aiColor4D) == 4 * sizeof(float));

// Everything a file yields before the meshes are merged; SourceMesh pointers borrow from the
// Assimp scene or the PLY arrays, which outlive it.
struct Gathered {
    std::vector<MaterialSource> materials;
    std::vector<EmbeddedImage> embedded;
    std::vector<SourceMesh> meshes;
    std::vector<std::vector<glm::mat4>> instances;    // per mesh: node-to-root transforms
    std::vector<std::vector<uint32_t>> triangleLists; // storage for Assimp meshes' triangles
    DropCounts drops;
};

std::string lowerExtension(const fs::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

glm::mat4 toGlm(const aiMatrix4x4& m) { return glm::transpose(glm::make_mat4(&m.a1)); }

bool finite(const aiVector3D& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

// Removes faces that Assimp's post-processing must not see: Triangulate reads the positions of
// polygon corners without checking indices, and NaN corners would spread into neighbours.
// Kept faces move to the front; dropped ones stay behind mNumFaces, where aiMesh's destructor
// still frees them. The scene belongs to the importer and is not const in fact.
void dropBrokenFaces(aiScene* scene, DropCounts& drops) {
    for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
        aiMesh* mesh = scene->mMeshes[m];
        if (!mesh || !mesh->mFaces) continue;
        unsigned kept = 0;
        for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
            aiFace& face = mesh->mFaces[f];
            bool bad = face.mNumIndices == 0 || !face.mIndices || !mesh->mVertices;
            bool nonFinite = false;
            for (unsigned i = 0; !bad && i < face.mNumIndices; ++i) {
                bad = face.mIndices[i] >= mesh->mNumVertices;
                nonFinite = nonFinite || (!bad && !finite(mesh->mVertices[face.mIndices[i]]));
            }
            if (bad || nonFinite) {
                ++(bad ? drops.badIndex : drops.nonFinite);
                continue;
            }
            if (kept != f) {
                std::swap(mesh->mFaces[kept].mIndices, face.mIndices);
                std::swap(mesh->mFaces[kept].mNumIndices, face.mNumIndices);
            }
            ++kept;
        }
        mesh->mNumFaces = kept;
        // Triangulate asserts that a mesh flagged as holding polygons still has one.
        unsigned types = 0;
        for (unsigned f = 0; f < kept; ++f) {
            unsigned n = mesh->mFaces[f].mNumIndices;
            types |= n == 1   ? aiPrimitiveType_POINT
                     : n == 2 ? aiPrimitiveType_LINE
                     : n == 3 ? aiPrimitiveType_TRIANGLE
                              : aiPrimitiveType_POLYGON;
        }
        mesh->mPrimitiveTypes = types ? types : unsigned(aiPrimitiveType_TRIANGLE);
    }
}

std::vector<EmbeddedImage> gatherEmbedded(const aiScene* scene) {
    std::vector<EmbeddedImage> images(scene->mNumTextures);
    for (unsigned t = 0; t < scene->mNumTextures; ++t) {
        EmbeddedImage& image = images[t];
        image.name = "embedded:" + std::to_string(t);
        const aiTexture* texture = scene->mTextures[t];
        if (!texture || !texture->pcData) continue;
        if (texture->mHeight == 0) { // compressed file bytes, mWidth long
            image.encoded = {reinterpret_cast<const uint8_t*>(texture->pcData), texture->mWidth};
            continue;
        }
        image.pixels = core::Image8{texture->mWidth, texture->mHeight};
        for (size_t i = 0; i < size_t(texture->mWidth) * texture->mHeight; ++i) {
            const aiTexel& texel = texture->pcData[i]; // stored BGRA
            uint8_t* out = &image.pixels.pixels[i * 4];
            out[0] = texel.r;
            out[1] = texel.g;
            out[2] = texel.b;
            out[3] = texel.a;
        }
    }
    return images;
}

MaterialSource gatherMaterial(const aiScene* scene, const aiMaterial* material) {
    MaterialSource source;
    if (!material) return source;
    aiString name;
    if (material->Get(AI_MATKEY_NAME, name) == AI_SUCCESS) source.name = name.C_Str();
    aiColor4D color(1.0f, 1.0f, 1.0f, 1.0f);
    if (material->Get(AI_MATKEY_BASE_COLOR, color) == AI_SUCCESS) {
        source.baseColor = glm::vec4(color.r, color.g, color.b, color.a);
    } else if (material->Get(AI_MATKEY_COLOR_DIFFUSE, color) == AI_SUCCESS) {
        // OBJ writers disagree on whether "Tr" is transparency or opacity, so a scan can arrive
        // fully transparent; a material nobody could see is taken as the mix-up and made opaque.
        float opacity = 1.0f;
        material->Get(AI_MATKEY_OPACITY, opacity);
        if (!(opacity > 0.0f && opacity <= 1.0f)) opacity = 1.0f;
        source.baseColor = glm::vec4(color.r, color.g, color.b, opacity);
    }
    aiString path;
    if (material->GetTexture(aiTextureType_DIFFUSE, 0, &path) == AI_SUCCESS ||
        material->GetTexture(aiTextureType_BASE_COLOR, 0, &path) == AI_SUCCESS) {
        source.texturePath = path.C_Str();
        source.embeddedImage = scene->GetEmbeddedTextureAndIndex(path.C_Str()).second;
        // A scan's texture is the final colour, light included. The diffuse colour that OBJ and
        // similar writers put beside it (Meshroom writes 0.6) is a shading hint for lit viewers,
        // so it is ignored; a PBR base-colour factor (glTF) multiplies the texture as its spec says.
        if (material->Get(AI_MATKEY_BASE_COLOR, color) != AI_SUCCESS) {
            source.baseColor = glm::vec4(1.0f, 1.0f, 1.0f, source.baseColor.a);
        }
    }
    return source;
}

// World transforms of every node that references each mesh (a mesh may be instanced).
std::vector<std::vector<glm::mat4>> gatherInstances(const aiScene* scene) {
    std::vector<std::vector<glm::mat4>> instances(scene->mNumMeshes);
    std::vector<std::pair<const aiNode*, glm::mat4>> stack;
    if (scene->mRootNode) stack.emplace_back(scene->mRootNode, glm::mat4(1.0f));
    while (!stack.empty()) {
        auto [node, parent] = stack.back();
        stack.pop_back();
        glm::mat4 world = parent * toGlm(node->mTransformation);
        for (unsigned i = 0; i < node->mNumMeshes; ++i) {
            if (node->mMeshes && node->mMeshes[i] < scene->mNumMeshes) {
                instances[node->mMeshes[i]].push_back(world);
            }
        }
        for (unsigned c = 0; c < node->mNumChildren; ++c) {
            if (node->mChildren && node->mChildren[c]) stack.emplace_back(node->mChildren[c], world);
        }
    }
    return instances;
}

// One SourceMesh per placed Assimp mesh with its triangles; points and lines are counted and
// left out.
void gatherMeshes(const aiScene* scene, std::vector<std::vector<glm::mat4>> instances, Gathered& out) {
    out.triangleLists.reserve(scene->mNumMeshes); // spans into the lists must stay valid
    for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
        const aiMesh* mesh = scene->mMeshes[m];
        if (!mesh || !mesh->mVertices || !mesh->mFaces || instances[m].empty()) continue;
        std::vector<uint32_t>& list = out.triangleLists.emplace_back();
        list.reserve(size_t(mesh->mNumFaces) * 3);
        for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
            const aiFace& face = mesh->mFaces[f];
            switch (face.mNumIndices) {
            case 3: list.insert(list.end(), face.mIndices, face.mIndices + 3); break;
            case 2: ++out.drops.lines; break;
            case 1: ++out.drops.points; break;
            default: ++out.drops.badIndex; break; // Triangulate left a polygon: malformed
            }
        }
        SourceMesh source;
        source.vertexCount = mesh->mNumVertices;
        source.positions = &mesh->mVertices[0].x;
        if (mesh->mNormals) source.normals = &mesh->mNormals[0].x;
        if (mesh->mTextureCoords[0]) {
            source.uvs = &mesh->mTextureCoords[0][0].x;
            source.uvStride = 3; // aiVector3D
        }
        if (mesh->mColors[0]) source.colors = &mesh->mColors[0][0].r;
        source.slot = mesh->mMaterialIndex < out.materials.size() ? mesh->mMaterialIndex : 0;
        source.triangles = list;
        out.meshes.push_back(source);
        out.instances.push_back(std::move(instances[m]));
    }
}

void logDrops(const fs::path& file, const DropCounts& drops) {
    if (drops.triangles() > 0) {
        core::logWarning(file.string(), ": dropped ", drops.triangles(), " faces: ", drops.nonFinite,
                         " with a NaN or infinite corner, ", drops.farAway, " with a corner farther than ",
                         detail::kMaxWorldCoordinate / 1000.0f, " km from the origin, ", drops.badIndex,
                         " with missing or out-of-range vertex indices");
    }
    if (drops.points + drops.lines + drops.degenerate > 0) {
        core::logInfo(file.string(), ": ignored ", drops.points, " points, ", drops.lines, " lines and ",
                      drops.degenerate, " degenerate triangles (two corners at one position)");
    }
}

// Merges the gathered meshes, loads the textures of the materials in use, and finishes the mesh.
core::Result<RoomMesh> assemble(const fs::path& file, const ImportOptions& options, Gathered& gathered,
                                detail::TextureLoads& textures,
                                const std::function<void(double)>& progress = {}) {
    if (gathered.materials.empty()) gathered.materials.push_back(MaterialSource{"default"});
    detail::MaterialPlan plan = detail::planMaterials(file, gathered.materials, options.confineTexturesTo);
    // The atlases the meshes use are decoded (seconds, for a scan's 4K-8K JPEGs) while the meshes
    // are built.
    std::vector<uint32_t> wanted;
    for (const detail::SourceMesh& source : gathered.meshes) {
        if (source.triangles.empty()) continue;
        const detail::MaterialSlot& slot = plan.slots.at(source.slot);
        wanted.push_back(slot.material);
        for (const auto& [tile, material] : slot.udimTiles) wanted.push_back(material);
    }
    textures.start(plan, wanted, gathered.embedded);
    detail::MeshBuilder builder(options, plan.slots, uint32_t(plan.materials.size()));
    builder.drops() = gathered.drops;
    for (size_t m = 0; m < gathered.meshes.size(); ++m) {
        builder.addMesh(gathered.meshes[m], gathered.instances[m]);
    }
    logDrops(file, builder.drops());
    if (builder.triangleCount() == 0) {
        const DropCounts& drops = builder.drops();
        std::string detail = drops.points + drops.lines > 0 ? " (only points or lines)"
                             : drops.triangles() + drops.degenerate > 0
                                 ? " (every face was invalid or degenerate)"
                                 : "";
        return core::makeError(file.string(), "the file contains no triangles" + detail);
    }
    std::vector<uint32_t> kept;
    RoomMesh mesh = builder.finish(kept);
    if (progress) progress(0.75);
    textures.finish(file, plan, kept, mesh);
    mesh.source = file.string();
    computeBounds(mesh);
    return mesh;
}

// Assimp opens the other files a mesh names itself (an OBJ's material libraries, a glTF's
// buffers); through this it may open only the mesh file and files inside the confining folder.
// The others are refused as if missing, and remembered for the messages.
class ConfinedIOSystem : public Assimp::DefaultIOSystem {
public:
    ConfinedIOSystem(const fs::path& mesh, fs::path folder)
        : mMesh(fs::absolute(mesh).lexically_normal()), mFolder(std::move(folder)) {}

    bool Exists(const char* file) const override { return allowed(file) && DefaultIOSystem::Exists(file); }
    Assimp::IOStream* Open(const char* file, const char* mode) override {
        return allowed(file) ? DefaultIOSystem::Open(file, mode) : nullptr;
    }

    // The refused files, each once, in the order Assimp asked for them.
    const std::vector<std::string>& refused() const { return mRefused; }

private:
    bool allowed(const char* file) const {
        std::error_code ec;
        const fs::path path = fs::absolute(fs::path(file), ec).lexically_normal();
        if (!ec && (path == mMesh || core::isInsideFolder(mFolder, path))) return true;
        const std::string shown = ec ? std::string(file) : path.string();
        if (std::find(mRefused.begin(), mRefused.end(), shown) == mRefused.end()) mRefused.push_back(shown);
        return false;
    }

    fs::path mMesh;
    fs::path mFolder;
    mutable std::vector<std::string> mRefused; // Assimp asks through const Exists() too
};

// "; refused to read A, B: outside the exhibit folder", or empty.
std::string describeRefused(const ConfinedIOSystem* io) {
    if (!io || io->refused().empty()) return {};
    std::string text = "; refused to read ";
    for (size_t i = 0; i < io->refused().size(); ++i) text += (i ? ", " : "") + io->refused()[i];
    return text + ": outside the exhibit folder";
}

// Passes Assimp's reading progress on (its parsers report steps through the file), at most once
// a percent.
class ReadProgress : public Assimp::ProgressHandler {
public:
    explicit ReadProgress(std::function<void(double)> report) : mReport(std::move(report)) {}
    bool Update(float) override { return true; }
    void UpdateFileRead(int step, int steps) override {
        if (steps <= 0) return;
        const double fraction = std::clamp(double(step) / double(steps), 0.0, 1.0);
        if (fraction < mReported + 0.01) return;
        mReported = fraction;
        mReport(fraction);
    }

private:
    std::function<void(double)> mReport;
    double mReported = 0.0;
};

core::Result<RoomMesh> importWithAssimp(const fs::path& file, const ImportOptions& options,
                                        const std::function<void(double)>& progress) {
    Assimp::Importer importer;
    if (progress) {
        // Reading is most of an import: 0 .. 0.7 of it.
        importer.SetProgressHandler(new ReadProgress([&progress](double f) { progress(0.7 * f); }));
    }
    // No skeleton placeholder meshes, and only the primitives a room needs.
    importer.SetPropertyBool(AI_CONFIG_IMPORT_NO_SKELETON_MESHES, true);
    ConfinedIOSystem* io = nullptr; // owned by the importer
    if (!options.confineTexturesTo.empty()) {
        io = new ConfinedIOSystem(file, options.confineTexturesTo);
        importer.SetIOHandler(io);
    }
    Gathered gathered;
    detail::TextureLoads textures(options); // destroyed first: its threads read `gathered`
    if (lowerExtension(file) == ".obj") textures.prefetchObjTextures(file);
    const aiScene* scene = importer.ReadFile(file.string(), 0);
    if (!scene) {
        return core::makeError(
            file.string(), core::concat("cannot import: ", importer.GetErrorString(), describeRefused(io)));
    }
    if (io) {
        for (const std::string& refused : io->refused())
            core::logWarning(file.string(), ": names ", refused,
                             ", outside the exhibit folder; it is not read");
    }
    dropBrokenFaces(const_cast<aiScene*>(scene), gathered.drops);
    // Triangulate and split meshes by primitive type. Normals and vertex merging are done by
    // MeshBuilder in linear time: Assimp's GenSmoothNormals and JoinIdenticalVertices take
    // seconds on multi-million-triangle scans.
    scene = importer.ApplyPostProcessing(aiProcess_Triangulate | aiProcess_SortByPType);
    if (!scene) {
        return core::makeError(file.string(), core::concat("cannot import: ", importer.GetErrorString()));
    }

    for (unsigned m = 0; m < scene->mNumMaterials; ++m) {
        gathered.materials.push_back(gatherMaterial(scene, scene->mMaterials[m]));
    }
    gathered.embedded = gatherEmbedded(scene);
    gatherMeshes(scene, gatherInstances(scene), gathered);
    return assemble(file, options, gathered, textures, progress);
}

core::Result<RoomMesh> importWithPlyReader(const fs::path& file, const ImportOptions& options,
                                           std::span<const uint8_t> bytes) {
    auto ply = detail::readPly(bytes, file.string());
    if (!ply) return ply.error();
    Gathered gathered;
    detail::TextureLoads textures(options);
    gathered.drops.badIndex = ply->droppedFaces;
    if (ply->textureFiles.empty()) gathered.materials.push_back(MaterialSource{"default"});
    for (const std::string& texture : ply->textureFiles) {
        gathered.materials.push_back(
            MaterialSource{fs::path(texture).stem().string(), glm::vec4(1.0f), texture});
    }
    const uint32_t vertexCount = uint32_t(ply->positions.size() / 3);
    const glm::mat4 identity(1.0f);
    for (size_t group = 0; group < ply->triangles.size(); ++group) {
        SourceMesh source;
        source.vertexCount = vertexCount;
        source.positions = ply->positions.data();
        if (!ply->normals.empty()) source.normals = ply->normals.data();
        if (!ply->uvs.empty()) source.uvs = ply->uvs.data();
        if (!ply->colors.empty()) source.colors = ply->colors.data();
        source.triangles = ply->triangles[group];
        source.slot = uint32_t(group);
        gathered.meshes.push_back(source);
        gathered.instances.push_back({identity});
    }
    return assemble(file, options, gathered, textures);
}

// Assimp's OFF reader allocates by the header's counts before reading any data; refuse counts
// the file cannot hold (a 309-byte file may claim 353 billion vertices).
core::Status checkOffCounts(std::span<const uint8_t> bytes, const std::string& name) {
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), std::min<size_t>(bytes.size(), 4096));
    size_t at = text.find("OFF");
    if (at == std::string_view::npos) return core::Status::success(); // Assimp reports it
    at = text.find('\n', at);
    // Skip blank and comment lines up to the counts line.
    while (at != std::string_view::npos && at + 1 < text.size() &&
           (text[at + 1] == '#' || text[at + 1] == '\n' || text[at + 1] == '\r')) {
        at = text.find('\n', at + 1);
    }
    if (at == std::string_view::npos) return core::Status::success();
    uint64_t counts[2] = {0, 0};
    const char* p = text.data() + at + 1;
    const char* end = text.data() + text.size();
    for (uint64_t& count : counts) {
        while (p < end && (*p == ' ' || *p == '\t')) ++p;
        auto [next, ec] = std::from_chars(p, end, count);
        if (ec != std::errc()) return core::Status::success();
        p = next;
    }
    // Each vertex takes at least three numbers, each face at least four ("3 a b c").
    double needed = double(counts[0]) * 6.0 + double(counts[1]) * 8.0;
    if (needed > double(bytes.size())) {
        return core::makeError(name, core::concat("OFF header declares ", counts[0], " vertices and ",
                                                  counts[1], " faces, more than the file's ", bytes.size(),
                                                  " bytes can hold"));
    }
    return core::Status::success();
}

core::Result<RoomMesh> importChecked(const fs::path& file, const ImportOptions& options,
                                     const std::function<void(double)>& progress) {
    const std::string name = file.string();
    if (!(options.metresPerUnit > 0.0f) || !std::isfinite(options.metresPerUnit)) {
        return core::makeError(
            name, core::concat("invalid unit scale ", options.metresPerUnit, " metres per unit"));
    }
    if (options.maxTextureSize == 0) return core::makeError(name, "maxTextureSize must be at least 1");
    std::error_code ec;
    fs::file_status status = fs::status(file, ec);
    if (!fs::exists(status)) return core::makeError(name, "mesh file not found");
    if (!fs::is_regular_file(status)) return core::makeError(name, "not a regular file");

    auto mapped = core::MappedFile::open(file);
    if (!mapped) return mapped.error();
    std::span<const uint8_t> bytes = mapped->bytes();
    if (bytes.empty()) return core::makeError(name, "the file is empty");

    auto started = std::chrono::steady_clock::now();
    core::Result<RoomMesh> result = core::makeError(name, "not imported");
    if (detail::looksLikePly(bytes)) {
        result = importWithPlyReader(file, options, bytes);
    } else {
        if (lowerExtension(file) == ".off" ||
            std::string_view(reinterpret_cast<const char*>(bytes.data()), std::min<size_t>(bytes.size(), 8))
                    .find("OFF") != std::string_view::npos) {
            core::Status plausible = checkOffCounts(bytes, name);
            if (!plausible) return plausible.error();
        }
        mapped = core::MappedFile(); // Assimp reads the file itself
        result = importWithAssimp(file, options, progress);
    }
    if (result) {
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        core::logInfo("imported ", name, ": ", result->triangleCount(), " triangles, ",
                      result->vertices.size(), " vertices, ", result->materials.size(), " materials, ",
                      result->textures.size(), " textures in ", int64_t(ms), " ms");
    }
    return result;
}

} // namespace

core::Result<RoomMesh> importRoomMesh(const std::filesystem::path& file, const ImportOptions& options,
                                      const std::function<void(double)>& progress) {
    try {
        return importChecked(file, options, progress);
    } catch (const std::bad_alloc&) {
        return core::makeError(file.string(), "out of memory while importing the mesh");
    } catch (const std::exception& e) {
        return core::makeError(file.string(), core::concat("import failed: ", e.what()));
    } catch (...) {
        return core::makeError(file.string(), "import failed with an unknown error");
    }
}

bool isImportableExtension(std::string_view extension) {
    if (extension.empty()) return false;
    std::string ext(extension);
    if (ext.front() != '.') ext.insert(ext.begin(), '.');
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    try {
        Assimp::Importer importer;
        return importer.IsExtensionSupported(ext.c_str());
    } catch (...) {
        return false;
    }
}

} // namespace sr::asset
