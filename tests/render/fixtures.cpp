#include "fixtures.h"

#include <array>

#include "asset/texture.h"

namespace sr::test {
namespace {

uint32_t rgba(uint8_t r, uint8_t g, uint8_t b) { return r | (g << 8) | (b << 16) | 0xff000000u; }

// Appends a quad a-b-c-d (counter-clockwise seen from where it should be visible) with full-range UVs.
void addQuad(asset::RoomMesh& mesh, std::array<glm::vec3, 4> corners, uint32_t color,
             glm::vec2 uvScale = {1, 1}) {
    const uint32_t base = uint32_t(mesh.vertices.size());
    const glm::vec3 normal = glm::normalize(glm::cross(corners[1] - corners[0], corners[2] - corners[0]));
    const glm::vec2 uvs[4] = {{0, uvScale.y}, {uvScale.x, uvScale.y}, {uvScale.x, 0}, {0, 0}};
    for (int i = 0; i < 4; ++i) mesh.vertices.push_back({corners[i], normal, uvs[i], color});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) mesh.indices.push_back(base + i);
}

// An axis-aligned box from lo to hi; faces point outwards.
void addBox(asset::RoomMesh& mesh, glm::vec3 lo, glm::vec3 hi, uint32_t color) {
    const glm::vec3 p[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                            {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
    addQuad(mesh, {p[4], p[5], p[6], p[7]}, color); // top
    addQuad(mesh, {p[0], p[1], p[5], p[4]}, color); // -y
    addQuad(mesh, {p[1], p[2], p[6], p[5]}, color); // +x
    addQuad(mesh, {p[2], p[3], p[7], p[6]}, color); // +y
    addQuad(mesh, {p[3], p[0], p[4], p[7]}, color); // -x
}

void addRoomShell(asset::RoomMesh& mesh, bool colored) {
    const float x = 2.0f, y = 1.5f, h = 2.5f;
    auto c = [&](uint8_t r, uint8_t g, uint8_t b) { return colored ? rgba(r, g, b) : 0xffffffffu; };
    addQuad(mesh, {glm::vec3{-x, -y, 0}, {x, -y, 0}, {x, y, 0}, {-x, y, 0}}, c(150, 120, 90));    // floor
    addQuad(mesh, {glm::vec3{-x, -y, h}, {-x, y, h}, {x, y, h}, {x, -y, h}}, c(235, 232, 225));   // ceiling
    addQuad(mesh, {glm::vec3{x, -y, 0}, {x, y, 0}, {x, y, h}, {x, -y, h}}, c(200, 170, 140));     // +x
    addQuad(mesh, {glm::vec3{-x, y, 0}, {-x, -y, 0}, {-x, -y, h}, {-x, y, h}}, c(120, 150, 170)); // -x
    addQuad(mesh, {glm::vec3{x, y, 0}, {-x, y, 0}, {-x, y, h}, {x, y, h}}, c(190, 200, 150));     // +y
    addQuad(mesh, {glm::vec3{-x, -y, 0}, {x, -y, 0}, {x, -y, h}, {-x, -y, h}}, c(210, 160, 160)); // -y
}

core::Image8 checker(uint32_t size, uint32_t cells, std::array<uint8_t, 3> a, std::array<uint8_t, 3> b) {
    core::Image8 image{size, size};
    for (uint32_t y = 0; y < size; ++y) {
        for (uint32_t x = 0; x < size; ++x) {
            const bool odd = ((x * cells / size) + (y * cells / size)) % 2;
            const auto& c = odd ? a : b;
            uint8_t* p = image.at(x, y);
            p[0] = c[0], p[1] = c[1], p[2] = c[2], p[3] = 255;
        }
    }
    return image;
}

core::Image8 stripes(uint32_t size) {
    core::Image8 image{size, size};
    for (uint32_t y = 0; y < size; ++y) {
        for (uint32_t x = 0; x < size; ++x) {
            uint8_t* p = image.at(x, y);
            const bool band = (x / (size / 8)) % 2;
            p[0] = band ? 90 : 200, p[1] = band ? 60 : 150, p[2] = band ? 40 : 100, p[3] = 255;
        }
    }
    return image;
}

void finish(asset::RoomMesh& mesh, std::vector<uint32_t> submeshEnds) {
    uint32_t first = 0;
    for (uint32_t m = 0; m < submeshEnds.size(); ++m) {
        mesh.submeshes.push_back({first, submeshEnds[m] - first, m});
        first = submeshEnds[m];
    }
    asset::computeBounds(mesh);
}

} // namespace

core::Result<asset::RoomMesh> makeFixture(const std::string& name) {
    asset::RoomMesh mesh;
    mesh.source = "fixture:" + name;
    if (name == "color-box") {
        addRoomShell(mesh, true);
        addBox(mesh, {-0.5f, -0.3f, 0.0f}, {0.5f, 0.3f, 0.75f}, rgba(110, 80, 60));
        mesh.hasVertexColors = true;
        mesh.materials.push_back({"vertex-colour", glm::vec4(1.0f), -1});
        finish(mesh, {uint32_t(mesh.indices.size())});
    } else if (name == "textured-room") {
        addRoomShell(mesh, false);
        const uint32_t shellEnd = uint32_t(mesh.indices.size());
        addBox(mesh, {-0.5f, -0.3f, 0.0f}, {0.5f, 0.3f, 0.75f}, 0xffffffffu);
        mesh.textures.push_back(
            asset::buildTexture(checker(256, 8, {70, 90, 110}, {230, 225, 210}), "checker", 4096));
        mesh.textures.push_back(asset::buildTexture(stripes(128), "stripes", 4096));
        mesh.materials.push_back({"walls", glm::vec4(1.0f), 0});
        mesh.materials.push_back({"table", glm::vec4(1.0f), 1});
        finish(mesh, {shellEnd, uint32_t(mesh.indices.size())});
    } else if (name == "srgb-wall") {
        addQuad(mesh, {glm::vec3{1, 2, -2}, {1, -2, -2}, {1, -2, 2}, {1, 2, 2}}, 0xffffffffu);
        core::Image8 grey{4, 4};
        for (size_t i = 0; i < grey.pixels.size(); i += 4)
            grey.pixels[i] = grey.pixels[i + 1] = grey.pixels[i + 2] = 188, grey.pixels[i + 3] = 255;
        mesh.textures.push_back(asset::buildTexture(grey, "grey188", 4096));
        mesh.materials.push_back({"grey", glm::vec4(1.0f), 0});
        finish(mesh, {uint32_t(mesh.indices.size())});
    } else {
        return core::makeError(name, "unknown render fixture");
    }
    return mesh;
}

} // namespace sr::test
