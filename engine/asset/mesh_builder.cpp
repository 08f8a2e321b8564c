#include "asset/mesh_builder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace sr::asset::detail {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

uint64_t mixBits(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

uint64_t hashFloats(const float* values, size_t count, uint64_t seed) {
    for (size_t i = 0; i < count; ++i) {
        uint32_t bits;
        std::memcpy(&bits, &values[i], sizeof bits);
        seed = mixBits(seed ^ (uint64_t(bits) + 0x9e3779b97f4a7c15ull + (seed << 6)));
    }
    return seed;
}

bool sameFloats(const float* a, const float* b, size_t count) {
    return std::memcmp(a, b, count * sizeof(float)) == 0;
}

// For each of `count` items, the first item with an equal key (itself when none came before).
// Open addressing in one flat table: linear time, no allocation per item, which matters for
// OBJ files where every face corner arrives as its own vertex.
template <class HashFn, class EqualFn>
std::vector<uint32_t> findFirstEqual(uint32_t count, HashFn hashOf, EqualFn equal) {
    size_t capacity = 16;
    while (capacity < size_t(count) * 2) capacity *= 2;
    std::vector<uint32_t> table(capacity, kNone);
    std::vector<uint32_t> first(count);
    for (uint32_t i = 0; i < count; ++i) {
        size_t slot = hashOf(i) & (capacity - 1);
        for (;;) {
            uint32_t other = table[slot];
            if (other == kNone) {
                table[slot] = i;
                first[i] = i;
                break;
            }
            if (equal(other, i)) {
                first[i] = other;
                break;
            }
            slot = (slot + 1) & (capacity - 1);
        }
    }
    return first;
}

bool finite3(const float* p) { return std::isfinite(p[0]) && std::isfinite(p[1]) && std::isfinite(p[2]); }

uint32_t quantiseColor(const float* rgba) {
    uint32_t packed = 0;
    for (int c = 0; c < 4; ++c) {
        float v = rgba[c] >= 0.0f ? (rgba[c] <= 1.0f ? rgba[c] : 1.0f) : 0.0f; // NaN -> 0
        packed |= uint32_t(std::lround(v * 255.0f)) << (8 * c);
    }
    return packed;
}

} // namespace

glm::mat3 upAxisRotation(UpAxis up) {
    // Columns are the images of the file's x, y and z axes.
    switch (up) {
    case UpAxis::PosZ: return glm::mat3(1.0f);
    case UpAxis::NegZ: return glm::mat3({1, 0, 0}, {0, -1, 0}, {0, 0, -1});
    case UpAxis::PosY: return glm::mat3({1, 0, 0}, {0, 0, 1}, {0, -1, 0});
    case UpAxis::NegY: return glm::mat3({1, 0, 0}, {0, 0, -1}, {0, 1, 0});
    case UpAxis::PosX: return glm::mat3({0, 0, 1}, {0, 1, 0}, {-1, 0, 0});
    case UpAxis::NegX: return glm::mat3({0, 0, -1}, {0, 1, 0}, {1, 0, 0});
    }
    return glm::mat3(1.0f);
}

} // namespace sr::asset::detail

namespace sr::asset {

glm::mat3 fileToWorldRotation(UpAxis up, const glm::vec3& upVector) {
    const glm::mat3 axes = detail::upAxisRotation(up);
    const float length = glm::length(upVector);
    if (!(length > 0.0f) || !std::isfinite(length)) return axes;
    const glm::vec3 from = axes * (upVector / length), to(0.0f, 0.0f, 1.0f);
    const glm::vec3 axis = glm::cross(from, to);
    const float sine = glm::length(axis), cosine = glm::dot(from, to);
    if (sine < 1e-7f) return cosine > 0.0f ? axes : glm::mat3(1, 0, 0, 0, -1, 0, 0, 0, -1) * axes;
    // Rodrigues: about `axis` by the angle between the two directions.
    const glm::vec3 k = axis / sine;
    const glm::mat3 cross(0.0f, k.z, -k.y, -k.z, 0.0f, k.x, k.y, -k.x, 0.0f); // column-major [k]x
    const glm::mat3 tilt = glm::mat3(1.0f) + sine * cross + (1.0f - cosine) * (cross * cross);
    return tilt * axes;
}

} // namespace sr::asset

namespace sr::asset::detail {

struct MeshBuilder::Local {
    std::vector<glm::vec3> positions;
    std::vector<glm::vec3> normals;
    std::vector<glm::vec2> uvs; // file convention, v up
    std::vector<uint32_t> colors;
    std::vector<uint32_t> triangles;
    std::vector<uint32_t> materials; // final material per triangle
};

MeshBuilder::MeshBuilder(const ImportOptions& options, std::vector<MaterialSlot> slots,
                         uint32_t materialCount)
    : mAxes(fileToWorldRotation(options.up, options.upVector)), mScale(options.metresPerUnit),
      mSlots(std::move(slots)), mMaterialCount(materialCount) {}

void MeshBuilder::addMesh(const SourceMesh& mesh, std::span<const glm::mat4> instances) {
    assert(mesh.slot < mSlots.size());
    if (instances.empty() || mesh.positions == nullptr) return;
    Local local;
    buildLocal(mesh, local);
    if (local.triangles.empty()) return;
    const MaterialSlot& slot = mSlots[mesh.slot];
    local.materials.assign(local.triangles.size() / 3, slot.material);
    if (!slot.udimTiles.empty() && mesh.uvs) splitUdimTiles(slot, local);
    if (mesh.colors) mHasColors = true;
    size_t addVertices = local.positions.size() * instances.size();
    size_t addTriangles = local.materials.size() * instances.size();
    if (mVertices.size() + addVertices > size_t(kNone) ||
        (mTriangles.size() + addTriangles * 3) > size_t(kNone)) {
        throw std::length_error("the mesh has more vertices or indices than 32-bit indices can address");
    }
    mVertices.reserve(mVertices.size() + addVertices);
    mTriangles.reserve(mTriangles.size() + addTriangles * 3);
    mTriangleMaterial.reserve(mTriangleMaterial.size() + addTriangles);
    for (const glm::mat4& instance : instances) emit(local, instance);
}

namespace {

const float* positionOf(const SourceMesh& mesh, uint32_t v) {
    return mesh.positions + size_t(v) * mesh.positionStride;
}

// Keeps the triangles whose corners exist, are finite and lie at three distinct positions.
// Returns them indexed into `refs`, the referenced source vertices in order of first use.
std::vector<uint32_t> keepValidTriangles(const SourceMesh& mesh, DropCounts& drops,
                                         std::vector<uint32_t>& refs) {
    std::vector<uint32_t> sourceToRef(mesh.vertexCount, kNone);
    std::vector<uint32_t> triangles;
    triangles.reserve(mesh.triangles.size());
    for (size_t t = 0; t + 2 < mesh.triangles.size(); t += 3) {
        const uint32_t* corner = &mesh.triangles[t];
        if (corner[0] >= mesh.vertexCount || corner[1] >= mesh.vertexCount || corner[2] >= mesh.vertexCount) {
            ++drops.badIndex;
            continue;
        }
        const float *p0 = positionOf(mesh, corner[0]), *p1 = positionOf(mesh, corner[1]),
                    *p2 = positionOf(mesh, corner[2]);
        if (!finite3(p0) || !finite3(p1) || !finite3(p2)) {
            ++drops.nonFinite;
            continue;
        }
        if (sameFloats(p0, p1, 3) || sameFloats(p1, p2, 3) || sameFloats(p0, p2, 3)) {
            ++drops.degenerate;
            continue;
        }
        for (int c = 0; c < 3; ++c) {
            uint32_t& ref = sourceToRef[corner[c]];
            if (ref == kNone) {
                ref = uint32_t(refs.size());
                refs.push_back(corner[c]);
            }
            triangles.push_back(ref);
        }
    }
    return triangles;
}

// Whether two source vertices agree bit for bit in every attribute the mesh has.
bool sameVertex(const SourceMesh& mesh, uint32_t a, uint32_t b) {
    auto same = [](const float* base, size_t stride, uint32_t a, uint32_t b, size_t count) {
        return !base || sameFloats(base + size_t(a) * stride, base + size_t(b) * stride, count);
    };
    return same(mesh.positions, mesh.positionStride, a, b, 3) && same(mesh.uvs, mesh.uvStride, a, b, 2) &&
           same(mesh.normals, mesh.normalStride, a, b, 3) && same(mesh.colors, mesh.colorStride, a, b, 4);
}

uint64_t hashVertex(const SourceMesh& mesh, uint32_t v) {
    uint64_t h = hashFloats(positionOf(mesh, v), 3, 0x51ed27u);
    if (mesh.uvs) h = hashFloats(mesh.uvs + size_t(v) * mesh.uvStride, 2, h);
    if (mesh.normals) h = hashFloats(mesh.normals + size_t(v) * mesh.normalStride, 3, h);
    if (mesh.colors) h = hashFloats(mesh.colors + size_t(v) * mesh.colorStride, 4, h);
    return h;
}

// Area-weighted face normals summed over all corners that share a position, so UV seams do not
// show as creases.
void computeSmoothNormals(std::vector<glm::vec3>& normals, const std::vector<glm::vec3>& positions,
                          const std::vector<uint32_t>& triangles) {
    const uint32_t count = uint32_t(positions.size());
    std::vector<uint32_t> sharing = findFirstEqual(
        count, [&](uint32_t i) { return hashFloats(&positions[i].x, 3, 0x2545f491u); },
        [&](uint32_t a, uint32_t b) { return positions[a] == positions[b]; });
    std::vector<glm::vec3> sums(count, glm::vec3(0.0f));
    for (size_t t = 0; t < triangles.size(); t += 3) {
        const glm::vec3& p0 = positions[triangles[t]];
        glm::vec3 n = glm::cross(positions[triangles[t + 1]] - p0, positions[triangles[t + 2]] - p0);
        for (int c = 0; c < 3; ++c) sums[sharing[triangles[t + c]]] += n;
    }
    normals.resize(count);
    for (uint32_t i = 0; i < count; ++i) normals[i] = sums[sharing[i]];
}

} // namespace

void MeshBuilder::buildLocal(const SourceMesh& mesh, Local& local) {
    std::vector<uint32_t> refs;
    std::vector<uint32_t> triangles = keepValidTriangles(mesh, mDrops, refs);
    if (triangles.empty()) return;

    // Merge vertices whose every attribute is bit-identical (OBJ gives one vertex per corner).
    std::vector<uint32_t> first = findFirstEqual(
        uint32_t(refs.size()), [&](uint32_t r) { return hashVertex(mesh, refs[r]); },
        [&](uint32_t a, uint32_t b) { return sameVertex(mesh, refs[a], refs[b]); });
    std::vector<uint32_t> refToLocal(refs.size());
    for (uint32_t r = 0; r < refs.size(); ++r) {
        if (first[r] != r) {
            refToLocal[r] = refToLocal[first[r]];
            continue;
        }
        refToLocal[r] = uint32_t(local.positions.size());
        const uint32_t v = refs[r];
        const float* p = positionOf(mesh, v);
        local.positions.emplace_back(p[0], p[1], p[2]);
        if (mesh.normals) {
            const float* n = mesh.normals + size_t(v) * mesh.normalStride;
            local.normals.emplace_back(n[0], n[1], n[2]);
        }
        if (mesh.uvs) {
            const float* uv = mesh.uvs + size_t(v) * mesh.uvStride;
            local.uvs.emplace_back(uv[0], uv[1]);
        }
        if (mesh.colors) local.colors.push_back(quantiseColor(mesh.colors + size_t(v) * mesh.colorStride));
    }
    for (uint32_t& index : triangles) index = refToLocal[index];
    local.triangles = std::move(triangles);
    if (!mesh.normals) computeSmoothNormals(local.normals, local.positions, local.triangles);
}

void MeshBuilder::splitUdimTiles(const MaterialSlot& slot, Local& local) {
    // Each vertex takes the tile of the first triangle that uses it; a vertex shared by triangles
    // of different tiles is copied, since its UV must be shifted differently for each.
    const std::vector<glm::vec2> original = local.uvs;
    std::vector<uint32_t> vertexTile(local.positions.size(), kNone);
    std::unordered_map<uint64_t, uint32_t> copies;
    for (size_t t = 0; t < local.materials.size(); ++t) {
        uint32_t* corner = &local.triangles[t * 3];
        glm::vec2 centroid = (original[corner[0]] + original[corner[1]] + original[corner[2]]) / 3.0f;
        float tu = std::floor(centroid.x), tv = std::floor(centroid.y);
        uint32_t tile = 0; // 0: no image for this tile; stays on the slot's material, UVs unchanged
        glm::vec2 shift(0.0f);
        if (tu >= 0.0f && tu <= 9.0f && tv >= 0.0f && tv <= 99.0f) {
            uint32_t number = 1001 + uint32_t(tu) + 10 * uint32_t(tv);
            for (const auto& [tileNumber, material] : slot.udimTiles) {
                if (tileNumber != number) continue;
                tile = number;
                shift = glm::vec2(tu, tv);
                local.materials[t] = material;
            }
        }
        for (int c = 0; c < 3; ++c) {
            uint32_t v = corner[c];
            if (vertexTile[v] == kNone) {
                vertexTile[v] = tile;
                local.uvs[v] = original[v] - shift;
                continue;
            }
            if (vertexTile[v] == tile) continue;
            auto [it, inserted] =
                copies.try_emplace((uint64_t(v) << 32) | tile, uint32_t(local.positions.size()));
            if (inserted) {
                local.positions.push_back(local.positions[v]);
                local.normals.push_back(local.normals[v]);
                local.uvs.push_back(original[v] - shift);
                if (!local.colors.empty()) local.colors.push_back(local.colors[v]);
            }
            corner[c] = it->second;
        }
    }
}

void MeshBuilder::emit(const Local& local, const glm::mat4& instance) {
    const glm::mat4 placed = glm::mat4(mAxes) * instance; // file units, world axes
    const glm::mat3 linear(placed);
    const glm::mat3 normalMatrix = glm::transpose(glm::inverse(linear));
    // A mirroring node transform turns triangles inside out; swapping two corners keeps the
    // winding consistent with the transformed normals.
    const bool mirrored = glm::determinant(linear) < 0.0f;
    const bool hasUvs = !local.uvs.empty(), hasColors = !local.colors.empty();
    // Huge coordinates or transforms can overflow once placed, or land absurdly far away: such
    // vertices are left out with their triangles. `placedIndex` maps local vertices to
    // mVertices, kNone when left out; `farAway` says which of those were finite.
    std::vector<uint32_t> placedIndex(local.positions.size());
    std::vector<bool> farAway(local.positions.size(), false);
    for (size_t i = 0; i < local.positions.size(); ++i) {
        Vertex v;
        v.position = mScale * glm::vec3(placed * glm::vec4(local.positions[i], 1.0f));
        if (!finite3(&v.position.x)) {
            placedIndex[i] = kNone;
            continue;
        }
        if (glm::any(glm::greaterThan(glm::abs(v.position), glm::vec3(kMaxWorldCoordinate)))) {
            placedIndex[i] = kNone;
            farAway[i] = true;
            continue;
        }
        glm::vec3 n = normalMatrix * local.normals[i];
        float length = glm::length(n);
        v.normal = (length > 1e-30f && std::isfinite(length)) ? n / length : glm::vec3(0.0f, 0.0f, 1.0f);
        v.uv = hasUvs ? glm::vec2(local.uvs[i].x, 1.0f - local.uvs[i].y) : glm::vec2(0.0f);
        v.color = hasColors ? local.colors[i] : 0xffffffffu;
        placedIndex[i] = uint32_t(mVertices.size());
        mVertices.push_back(v);
    }
    for (size_t t = 0; t < local.materials.size(); ++t) {
        const uint32_t* corner = &local.triangles[t * 3];
        uint32_t a = placedIndex[corner[0]], b = placedIndex[corner[1]], c = placedIndex[corner[2]];
        if (a == kNone || b == kNone || c == kNone) {
            const bool overflow = (a == kNone && !farAway[corner[0]]) ||
                                  (b == kNone && !farAway[corner[1]]) || (c == kNone && !farAway[corner[2]]);
            ++(overflow ? mDrops.nonFinite : mDrops.farAway);
            continue;
        }
        mTriangles.insert(mTriangles.end(), {a, mirrored ? c : b, mirrored ? b : c});
        mTriangleMaterial.push_back(local.materials[t]);
    }
}

RoomMesh MeshBuilder::finish(std::vector<uint32_t>& keptMaterials) {
    RoomMesh mesh;
    std::vector<uint64_t> counts(mMaterialCount, 0);
    for (uint32_t material : mTriangleMaterial) ++counts[material];
    std::vector<uint64_t> offsets(mMaterialCount, 0);
    keptMaterials.clear();
    uint64_t offset = 0;
    for (uint32_t m = 0; m < mMaterialCount; ++m) {
        offsets[m] = offset;
        if (counts[m] == 0) continue;
        mesh.submeshes.push_back(
            Submesh{uint32_t(offset * 3), uint32_t(counts[m] * 3), uint32_t(keptMaterials.size())});
        keptMaterials.push_back(m);
        offset += counts[m];
    }
    mesh.indices.resize(mTriangles.size());
    for (size_t t = 0; t < mTriangleMaterial.size(); ++t) {
        uint64_t slot = offsets[mTriangleMaterial[t]]++;
        std::copy_n(&mTriangles[t * 3], 3, &mesh.indices[slot * 3]);
    }
    mTriangles = {};
    mTriangleMaterial = {};
    mesh.vertices = std::move(mVertices);
    mesh.hasVertexColors = mHasColors;
    return mesh;
}

} // namespace sr::asset::detail
