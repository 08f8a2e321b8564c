#include "gen_room.h"

#include <algorithm>
#include <cmath>

#include "demo/noise.h"
#include "demo/random.h"

namespace sr::genroom {
namespace {

void addBox(std::vector<Surface>& out, glm::vec3 b, glm::vec3 s, glm::vec3 color) {
    const glm::vec3 x(1, 0, 0), y(0, 1, 0), z(0, 0, 1);
    out.push_back({b + glm::vec3(0, 0, s.z), x, y, s.x, s.y, color});         // top
    out.push_back({b, x, z, s.x, s.z, color * 0.92f});                        // -Y side
    out.push_back({b + glm::vec3(0, s.y, 0), z, x, s.z, s.x, color * 0.92f}); // +Y side
    out.push_back({b, z, y, s.z, s.y, color * 0.85f});                        // -X side
    out.push_back({b + glm::vec3(s.x, 0, 0), y, z, s.y, s.z, color * 0.85f}); // +X side
}

// Offset along the surface normal: a scan's walls are never flat.
float displacement(glm::vec3 p, uint32_t seed) {
    return 0.008f * demo::fbm(p * 3.0f, 3, seed) + 0.002f * demo::gradientNoise(p * 40.0f, seed + 7);
}

// Vertex (i, j) of a surface's global grid of `columns` x `rows` cells, jittered inside its chart.
glm::vec2 gridPoint(const Surface& surface, uint32_t i, uint32_t j, uint32_t columns, uint32_t rows,
                    bool border, demo::Rng& rng) {
    glm::vec2 st(surface.width * float(i) / float(columns), surface.height * float(j) / float(rows));
    if (!border) {
        st.x += (rng.uniform() - 0.5f) * 0.7f * surface.width / float(columns);
        st.y += (rng.uniform() - 0.5f) * 0.7f * surface.height / float(rows);
    }
    return st;
}

uint32_t cellsAlong(float extent, double cell) { return std::max(1u, uint32_t(std::lround(extent / cell))); }

// The grid cell size (metres) that gives about `triangles` triangles over `charts`, refined from
// the area estimate because every chart rounds its cell count.
double cellSizeFor(const std::vector<Chart>& charts, uint64_t triangles) {
    double area = 0.0;
    for (const Chart& c : charts) area += double(c.extent.x) * c.extent.y;
    double cell = std::sqrt(2.0 * area / double(std::max<uint64_t>(triangles, 2)));
    for (int round = 0; round < 6; ++round) {
        double count = 0.0;
        for (const Chart& c : charts)
            count += 2.0 * cellsAlong(c.extent.x, cell) * cellsAlong(c.extent.y, cell);
        cell *= std::sqrt(count / double(triangles));
    }
    return cell;
}

} // namespace

std::vector<Surface> roomSurfaces(const RoomSpec& spec) {
    const float w = spec.size.x, d = spec.size.y, h = spec.size.z;
    const glm::vec3 x(1, 0, 0), y(0, 1, 0), z(0, 0, 1);
    std::vector<Surface> out;
    out.push_back({{0, 0, 0}, x, y, w, d, {0.56f, 0.42f, 0.30f}}); // floor
    out.push_back({{0, 0, h}, y, x, d, w, {0.90f, 0.89f, 0.86f}}); // ceiling
    const glm::vec3 wall(0.80f, 0.76f, 0.68f);
    out.push_back({{0, 0, 0}, z, x, h, w, wall});
    out.push_back({{0, d, 0}, x, z, w, h, wall * 0.96f});
    out.push_back({{0, 0, 0}, y, z, d, h, wall * 0.93f});
    out.push_back({{w, 0, 0}, z, y, h, d, wall * 0.98f});
    const glm::vec3 k = spec.size / glm::vec3(6.0f, 5.0f, 2.7f); // furniture scales with the room
    addBox(out, glm::vec3(0.3f, 0.3f, 0.0f) * k, glm::vec3(2.0f, 1.4f, 0.5f) * k, {0.55f, 0.60f, 0.72f});
    addBox(out, glm::vec3(3.4f, 2.4f, 0.0f) * k, glm::vec3(1.2f, 0.8f, 0.75f) * k, {0.45f, 0.32f, 0.22f});
    addBox(out, glm::vec3(4.6f, 4.2f, 0.0f) * k, glm::vec3(1.2f, 0.6f, 2.0f) * k, {0.70f, 0.66f, 0.58f});
    addBox(out, glm::vec3(2.5f, 0.6f, 0.0f) * k, glm::vec3(0.5f, 0.5f, 0.4f) * k, {0.75f, 0.35f, 0.25f});
    return out;
}

std::vector<Chart> planCharts(const std::vector<Surface>& surfaces, const RoomSpec& spec) {
    std::vector<Chart> charts;
    for (uint32_t s = 0; s < surfaces.size(); ++s) {
        const uint32_t cols = std::max(1u, uint32_t(std::lround(surfaces[s].width / spec.chartSize)));
        const uint32_t rows = std::max(1u, uint32_t(std::lround(surfaces[s].height / spec.chartSize)));
        const glm::vec2 extent(surfaces[s].width / float(cols), surfaces[s].height / float(rows));
        for (uint32_t r = 0; r < rows; ++r) {
            for (uint32_t c = 0; c < cols; ++c)
                charts.push_back({s, extent * glm::vec2(c, r), extent, 0, {}, 0});
        }
    }
    const uint32_t atlases = std::max(1u, spec.atlases);
    const uint32_t perAtlas = uint32_t((charts.size() + atlases - 1) / atlases);
    const uint32_t grid = uint32_t(std::ceil(std::sqrt(double(perAtlas))));
    const uint32_t cell = spec.atlasSize / grid;
    for (uint32_t i = 0; i < charts.size(); ++i) {
        const uint32_t j = i % perAtlas;
        charts[i].atlas = i / perAtlas;
        charts[i].cellOrigin = glm::uvec2(j % grid, j / grid) * cell;
        charts[i].cellSize = cell;
    }
    return charts;
}

GeneratedMesh buildMesh(const std::vector<Surface>& surfaces, const std::vector<Chart>& charts,
                        const RoomSpec& spec) {
    const double cell = cellSizeFor(charts, spec.triangles);
    GeneratedMesh mesh;
    demo::Rng rng(spec.seed);
    uint32_t atlas = 0;
    mesh.atlasFirstTriangle.push_back(0);
    for (const Chart& chart : charts) {
        while (atlas < chart.atlas)
            ++atlas, mesh.atlasFirstTriangle.push_back(uint32_t(mesh.indices.size() / 3));
        const Surface& surface = surfaces[chart.surface];
        const glm::vec3 normal = glm::cross(surface.u, surface.v);
        // Cells per chart; the same for every chart of a surface, so their borders coincide.
        const uint32_t nx = cellsAlong(chart.extent.x, cell), ny = cellsAlong(chart.extent.y, cell);
        const uint32_t columns = uint32_t(std::lround(surface.width / chart.extent.x)) * nx;
        const uint32_t rows = uint32_t(std::lround(surface.height / chart.extent.y)) * ny;
        const uint32_t i0 = uint32_t(std::lround(chart.start.x / chart.extent.x)) * nx;
        const uint32_t j0 = uint32_t(std::lround(chart.start.y / chart.extent.y)) * ny;
        const uint32_t base = uint32_t(mesh.positions.size());
        const float gutter = 2.0f, usable = float(chart.cellSize) - 2.0f * gutter;
        for (uint32_t j = 0; j <= ny; ++j) {
            for (uint32_t i = 0; i <= nx; ++i) {
                const bool border = i == 0 || j == 0 || i == nx || j == ny;
                const glm::vec2 st = gridPoint(surface, i0 + i, j0 + j, columns, rows, border, rng);
                const glm::vec3 p0 = surface.origin + st.x * surface.u + st.y * surface.v;
                mesh.positions.push_back(p0 + normal * displacement(p0, uint32_t(spec.seed)));
                const glm::vec2 local = glm::clamp((st - chart.start) / chart.extent, 0.0f, 1.0f);
                mesh.uvs.push_back((glm::vec2(chart.cellOrigin) + gutter + local * usable) /
                                   float(spec.atlasSize));
            }
        }
        for (uint32_t j = 0; j < ny; ++j) {
            for (uint32_t i = 0; i < nx; ++i) {
                const uint32_t a = base + j * (nx + 1) + i, b = a + 1, c = a + nx + 1, d = c + 1;
                if (rng.below(2)) {
                    mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
                } else {
                    mesh.indices.insert(mesh.indices.end(), {a, b, c, b, d, c});
                }
            }
        }
    }
    while (mesh.atlasFirstTriangle.size() <= std::max(1u, spec.atlases)) {
        mesh.atlasFirstTriangle.push_back(uint32_t(mesh.indices.size() / 3));
    }
    return mesh;
}

} // namespace sr::genroom
