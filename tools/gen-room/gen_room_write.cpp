// Painting the atlases and writing the OBJ, MTL and JPEG files.
#include "gen_room.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <thread>

#include "core/files.h"
#include "core/log.h"
#include "demo/jpeg.h"
#include "demo/noise.h"
#include "demo/random.h"

namespace sr::genroom {
namespace fs = std::filesystem;

namespace {

std::string atlasName(uint32_t atlas) {
    char name[32];
    std::snprintf(name, sizeof name, "atlas_%02u.jpg", atlas);
    return name;
}

uint8_t toByte(float v) { return uint8_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); }

// The colour a scan would record at `p` on `surface`: base colour with blotches, fine grain, darker
// corners and a light falling off towards the floor.
glm::vec3 shade(const Surface& surface, glm::vec3 p, const RoomSpec& spec) {
    glm::vec3 c = surface.color * (0.85f + 0.15f * demo::fbm(p * 2.5f, 3, 11));
    if (surface.u.z == 0.0f && surface.v.z == 0.0f && p.z < 0.01f) { // floor boards
        const float board = std::floor(p.x / 0.18f);
        c *= 0.9f + 0.1f * demo::gradientNoise(glm::vec2(board * 3.1f, p.y * 0.7f), 5);
    }
    const float wall = std::min({p.x, spec.size.x - p.x, p.y, spec.size.y - p.y});
    const float occlusion =
        1.0f - 0.35f * std::exp(-std::max(wall, 0.0f) / 0.35f) - 0.2f * std::exp(-p.z / 0.2f);
    const float light = 0.75f + 0.25f * (p.z / spec.size.z);
    const uint64_t grain =
        demo::hash3(uint64_t(p.x * 4096.0f), uint64_t(p.y * 4096.0f), uint64_t(p.z * 4096.0f));
    return c * occlusion * light + glm::vec3(demo::signedFloat(grain) * 0.02f);
}

void paintChart(core::Image8& image, const Surface& surface, const Chart& chart, const RoomSpec& spec) {
    const float gutter = 2.0f, usable = float(chart.cellSize) - 2.0f * gutter;
    for (uint32_t y = 0; y < chart.cellSize; ++y) {
        for (uint32_t x = 0; x < chart.cellSize; ++x) {
            const glm::vec2 local =
                glm::clamp((glm::vec2(float(x), float(y)) + 0.5f - gutter) / usable, 0.0f, 1.0f);
            const glm::vec2 st = chart.start + local * chart.extent;
            const glm::vec3 color =
                shade(surface, surface.origin + st.x * surface.u + st.y * surface.v, spec);
            uint8_t* px = image.at(chart.cellOrigin.x + x, chart.cellOrigin.y + y);
            px[0] = toByte(color.r), px[1] = toByte(color.g), px[2] = toByte(color.b), px[3] = 255;
        }
    }
}

// Buffered text output with fast number formatting; fails when the disk does.
class TextWriter {
public:
    explicit TextWriter(std::FILE* file) : mFile(file) { mBuffer.reserve(kFlush + 256); }
    void text(std::string_view s) { mBuffer.append(s), flushIfFull(); }
    void number(float v) {
        char digits[32];
        auto end = std::to_chars(digits, digits + sizeof digits, v, std::chars_format::fixed, 5).ptr;
        mBuffer.append(digits, end);
    }
    void number(uint32_t v) {
        char digits[16];
        auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
        mBuffer.append(digits, end);
    }
    bool finish() { return flush() && std::fflush(mFile) == 0; }

private:
    static constexpr size_t kFlush = 1 << 20;
    void flushIfFull() {
        if (mBuffer.size() >= kFlush) flush();
    }
    bool flush() {
        const bool ok = std::fwrite(mBuffer.data(), 1, mBuffer.size(), mFile) == mBuffer.size();
        mBuffer.clear();
        return ok;
    }
    std::FILE* mFile;
    std::string mBuffer;
};

void writeObjBody(TextWriter& out, const GeneratedMesh& mesh, const RoomSpec& spec) {
    out.text("# synthetic photogrammetry-like room (stillroom-gen-room), +Z up, metres\nmtllib room.mtl\n");
    for (const glm::vec3& p : mesh.positions) {
        out.text("v "), out.number(p.x), out.text(" "), out.number(p.y), out.text(" "), out.number(p.z);
        out.text("\n");
    }
    for (const glm::vec2& uv : mesh.uvs) {
        out.text("vt "), out.number(uv.x), out.text(" "), out.number(1.0f - uv.y), out.text("\n");
    }
    for (uint32_t atlas = 0; atlas + 1 < mesh.atlasFirstTriangle.size(); ++atlas) {
        out.text("usemtl atlas_"), out.number(atlas), out.text("\n");
        for (uint32_t t = mesh.atlasFirstTriangle[atlas]; t < mesh.atlasFirstTriangle[atlas + 1]; ++t) {
            out.text("f");
            for (int k = 0; k < 3; ++k) {
                const uint32_t i = mesh.indices[t * 3 + k] + 1;
                out.text(" "), out.number(i), out.text("/"), out.number(i);
            }
            out.text("\n");
        }
    }
    (void)spec;
}

core::Status writeObj(const fs::path& file, const GeneratedMesh& mesh, const RoomSpec& spec) {
    fs::path temporary = file;
    temporary += ".tmp";
    std::FILE* handle = std::fopen(temporary.c_str(), "wb");
    if (!handle) return core::makeError(temporary.string(), "cannot create");
    TextWriter out(handle);
    writeObjBody(out, mesh, spec);
    const bool ok = out.finish();
    if (std::fclose(handle) != 0 || !ok) return core::makeError(temporary.string(), "cannot write");
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) return core::makeError(file.string(), "cannot replace: " + ec.message());
    return {};
}

} // namespace

core::Image8 paintAtlas(const std::vector<Surface>& surfaces, const std::vector<Chart>& charts,
                        uint32_t atlas, const RoomSpec& spec) {
    core::Image8 image{spec.atlasSize, spec.atlasSize};
    std::fill(image.pixels.begin(), image.pixels.end(), uint8_t(128));
    std::vector<const Chart*> mine;
    for (const Chart& chart : charts) {
        if (chart.atlas == atlas) mine.push_back(&chart);
    }
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 16);
    std::vector<std::thread> workers;
    for (size_t w = 0; w < threads; ++w) {
        workers.emplace_back([&, w] {
            for (size_t i = w; i < mine.size(); i += threads)
                paintChart(image, surfaces[mine[i]->surface], *mine[i], spec);
        });
    }
    for (std::thread& worker : workers) worker.join();
    return image;
}

core::Status writeRoom(const fs::path& folder, const RoomSpec& spec) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    const std::vector<Surface> surfaces = roomSurfaces(spec);
    const std::vector<Chart> charts = planCharts(surfaces, spec);
    const GeneratedMesh mesh = buildMesh(surfaces, charts, spec);
    core::logInfo("generated ", mesh.indices.size() / 3, " triangles, ", mesh.positions.size(),
                  " vertices in ", charts.size(), " charts");
    if (core::Status s = writeObj(folder / "room.obj", mesh, spec); !s) return s;
    std::string mtl = "# synthetic room atlases\n";
    for (uint32_t atlas = 0; atlas < std::max(1u, spec.atlases); ++atlas) {
        mtl += core::concat("newmtl atlas_", atlas, "\nKd 1 1 1\nmap_Kd ", atlasName(atlas), "\n");
        const core::Image8 image = paintAtlas(surfaces, charts, atlas, spec);
        if (core::Status s = demo::writeJpeg(folder / atlasName(atlas), image, spec.jpegQuality); !s)
            return s;
    }
    return core::writeFileAtomic(folder / "room.mtl", mtl);
}

} // namespace sr::genroom
