#pragma once
// Internal to the asset module: from the materials a mesh file names to RoomMesh materials with
// loaded textures. Knows nothing of Assimp.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "asset/import.h"
#include "asset/mesh_builder.h"
#include "asset/room_mesh.h"
#include "core/image.h"

namespace sr::asset::detail {

// An image stored inside the mesh file (glTF buffers and data URIs, FBX embedded media).
// Borrowed: `encoded` points into the importer's scene, which must outlive the TextureLoads.
struct EmbeddedImage {
    std::string name;                 // "embedded:N", for messages
    std::span<const uint8_t> encoded; // PNG/JPEG/... bytes; empty when `pixels` holds the image
    core::Image8 pixels;              // texels the importer already decoded
};

// A material as the mesh file describes it.
struct MaterialSource {
    std::string name;
    glm::vec4 baseColor{1.0f}; // linear
    std::string texturePath;   // the base colour image as written in the file; empty for none
    int embeddedImage = -1;    // index into the EmbeddedImage list, or -1
};

// What a final material's texture comes from.
struct TextureSource {
    enum class Kind { None, File, Embedded, Missing };
    Kind kind = Kind::None;
    std::filesystem::path file; // Kind::File: the resolved path
    int embeddedImage = -1;     // Kind::Embedded
    std::string written;        // the path as the mesh file wrote it, for messages
    std::string reason;         // Kind::Missing: why it could not be found
};

struct MaterialPlan {
    std::vector<Material> materials;     // final materials; `texture` is set by TextureLoads
    std::vector<TextureSource> textures; // one per final material
    std::vector<MaterialSlot> slots;     // one per source material, for the MeshBuilder
};

// Finds each texture file: the path as written (backslashes read as separators; relative paths
// against the mesh file's folder), then its file name alone beside the mesh file. A material
// whose image name holds a UDIM tile number N (1001-1100) becomes a UDIM slot: one extra
// material per sibling tile image on disk, except tile 1001 when N is not 1001 (Meshroom's one
// material per tile keeps UVs in the unit square, so tile 1001 there means its own image).
// Touches the file system (existence checks) only.
// Texture files outside `confineTo` (when not empty) are treated as missing, with that reason.
MaterialPlan planMaterials(const std::filesystem::path& meshFile, std::span<const MaterialSource> sources,
                           const std::filesystem::path& confineTo = {});

// Reports each texture file (map_Kd) of the materials an OBJ's faces use (usemtl), from the
// material libraries it names (mtllib), found as planMaterials() finds them, so they can be
// decoded while the OBJ is parsed: each as soon as a face first uses its material. Reads the OBJ
// once, in pieces, and the libraries inside `confineTo` (when not empty). A hint only: what
// cannot be read gives nothing.
void findObjTextures(const std::filesystem::path& obj, const std::filesystem::path& confineTo,
                     const std::function<void(const TextureSource&)>& found);

// The textures of a mesh's materials, decoded on threads of their own (several 4K-8K atlases of a
// scan take seconds) while the mesh is read and its meshes are built, each distinct image once.
// Destroying it waits for its threads.
class TextureLoads {
public:
    explicit TextureLoads(const ImportOptions& options);
    ~TextureLoads();
    TextureLoads(const TextureLoads&) = delete;
    TextureLoads& operator=(const TextureLoads&) = delete;

    // Starts decoding the textures objTextureFiles() finds for `obj`, on one thread less than the
    // machine has cores (at least one), while the caller parses it.
    void prefetchObjTextures(const std::filesystem::path& obj);
    // Starts decoding the images of the plan materials `wanted` (those the meshes use) not already
    // started. `embedded` must outlive this object.
    void start(const MaterialPlan& plan, std::span<const uint32_t> wanted,
               std::span<const EmbeddedImage> embedded);
    // Waits for the loads (helping with those not started) and fills `mesh.materials` and
    // `mesh.textures` for the materials MeshBuilder::finish() kept (`kept[i]` is the plan index of
    // mesh material i; one not started is loaded now). A texture that is missing or cannot be
    // decoded leaves its materials untextured and kMissingTextureGrey, with one warning per image
    // naming it, the mesh file and the reason; images that only materials left out use are
    // dropped unreported. Decoding failures never throw; running out of memory for bookkeeping
    // throws std::bad_alloc, which importRoomMesh() turns into an Error.
    void finish(const std::filesystem::path& meshFile, const MaterialPlan& plan,
                std::span<const uint32_t> kept, RoomMesh& mesh);

private:
    struct State;
    std::unique_ptr<State> mState;
};

} // namespace sr::asset::detail
