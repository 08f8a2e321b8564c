#include "mesh_writers.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace sr::demo {
namespace {

static_assert(std::endian::native == std::endian::little, "the PLY writer copies little-endian values");

void appendNumber(std::string& out, float value, int decimals) {
    if (std::abs(value) < 0.5f * std::pow(10.0f, float(-decimals))) value = 0.0f; // no "-0.0000"
    char buffer[32];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    out.append(buffer, result.ptr);
}

void appendInt(std::string& out, uint64_t value) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

struct PositionKey {
    uint32_t x, y, z;
    bool operator==(const PositionKey&) const = default;
};
struct PositionHash {
    size_t operator()(const PositionKey& k) const {
        return size_t(k.x) * 0x9E3779B1u ^ size_t(k.y) * 0x85EBCA77u ^ size_t(k.z) * 0xC2B2AE3Du;
    }
};
PositionKey keyOf(glm::vec3 p) {
    return {std::bit_cast<uint32_t>(p.x), std::bit_cast<uint32_t>(p.y), std::bit_cast<uint32_t>(p.z)};
}

void appendComments(std::string& out, const std::string& header) {
    size_t start = 0;
    while (start < header.size()) {
        size_t end = header.find('\n', start);
        if (end == std::string::npos) end = header.size();
        out += "# " + header.substr(start, end - start) + "\n";
        start = end + 1;
    }
}

} // namespace

std::string atlasFileName(uint32_t index) { return "texture_" + std::to_string(1001 + index) + ".jpg"; }

std::string formatObj(const TriMesh& mesh, const Scene& scene, const AtlasLayout& layout,
                      const std::string& mtlName, const std::string& header) {
    std::string out;
    out.reserve(mesh.indices.size() * 30);
    appendComments(out, header);
    out += "mtllib " + mtlName + "\n";
    // Welded positions, numbered in order of first use.
    std::unordered_map<PositionKey, uint32_t, PositionHash> welded;
    std::vector<uint32_t> positionOf(mesh.vertices.size());
    for (size_t i = 0; i < mesh.vertices.size(); ++i) {
        auto [it, inserted] = welded.try_emplace(keyOf(mesh.vertices[i].position), uint32_t(welded.size()));
        positionOf[i] = it->second;
        if (!inserted) continue;
        glm::vec3 p = mesh.vertices[i].position;
        out += "v ";
        appendNumber(out, p.x, 4);
        out += ' ';
        appendNumber(out, p.y, 4);
        out += ' ';
        appendNumber(out, p.z, 4);
        out += '\n';
    }
    for (const TriMesh::Vertex& v : mesh.vertices) {
        glm::vec2 t = objTexCoord(layout, scene.surfaces[v.surface], v.surface, v.uv);
        out += "vt ";
        appendNumber(out, t.x, 5);
        out += ' ';
        appendNumber(out, t.y, 5);
        out += '\n';
    }
    for (uint32_t page = 0; page < layout.count; ++page) {
        out += "usemtl TextureAtlas_" + std::to_string(1001 + page) + "\n";
        for (size_t f = 0; f + 2 < mesh.indices.size(); f += 3) {
            uint32_t surface = mesh.vertices[mesh.indices[f]].surface;
            if (layout.charts[surface].atlas != page) continue;
            out += 'f';
            for (int k = 0; k < 3; ++k) {
                uint32_t i = mesh.indices[f + size_t(k)];
                out += ' ';
                appendInt(out, positionOf[i] + 1);
                out += '/';
                appendInt(out, i + 1);
            }
            out += '\n';
        }
    }
    return out;
}

std::string formatMtl(uint32_t atlasCount, const std::string& header) {
    std::string out;
    appendComments(out, header);
    for (uint32_t i = 0; i < atlasCount; ++i) {
        std::string id = std::to_string(1001 + i);
        out += "\nnewmtl TextureAtlas_" + id + "\n";
        out += "Ka 0.0 0.0 0.0\nKd 1.0 1.0 1.0\nKs 0.0 0.0 0.0\nd 1.0\nNs 0.0\nillum 1\n";
        out += "map_Kd " + atlasFileName(i) + "\n";
    }
    return out;
}

std::vector<uint8_t> formatPly(const TriMesh& mesh, const std::vector<glm::u8vec3>& colors,
                               const std::string& comment) {
    // Weld vertices that share a position on the same surface (patch seams); keep colours apart
    // across surfaces, where a real scan's colours also change abruptly.
    std::unordered_map<PositionKey, uint32_t, PositionHash> welded;
    std::vector<uint32_t> remap(mesh.vertices.size());
    std::vector<uint32_t> kept;
    for (size_t i = 0; i < mesh.vertices.size(); ++i) {
        PositionKey key = keyOf(mesh.vertices[i].position);
        key.x ^= mesh.vertices[i].surface * 0x9E3779B9u; // separate surfaces
        auto [it, inserted] = welded.try_emplace(key, uint32_t(kept.size()));
        if (inserted) kept.push_back(uint32_t(i));
        remap[i] = it->second;
    }
    std::string header = "ply\nformat binary_little_endian 1.0\ncomment " + comment + "\nelement vertex " +
                         std::to_string(kept.size()) +
                         "\nproperty float x\nproperty float y\nproperty float z\n"
                         "property uchar red\nproperty uchar green\nproperty uchar blue\nelement face " +
                         std::to_string(mesh.indices.size() / 3) +
                         "\nproperty list uchar int vertex_indices\nend_header\n";
    std::vector<uint8_t> out(header.begin(), header.end());
    out.reserve(out.size() + kept.size() * 15 + mesh.indices.size() / 3 * 13);
    for (uint32_t i : kept) {
        uint8_t record[15];
        std::memcpy(record, &mesh.vertices[i].position, 12);
        record[12] = colors[i].x;
        record[13] = colors[i].y;
        record[14] = colors[i].z;
        out.insert(out.end(), record, record + 15);
    }
    for (size_t f = 0; f + 2 < mesh.indices.size(); f += 3) {
        uint8_t record[13];
        record[0] = 3;
        for (int k = 0; k < 3; ++k) {
            int32_t index = int32_t(remap[mesh.indices[f + size_t(k)]]);
            std::memcpy(record + 1 + 4 * k, &index, 4);
        }
        out.insert(out.end(), record, record + 13);
    }
    return out;
}

} // namespace sr::demo
