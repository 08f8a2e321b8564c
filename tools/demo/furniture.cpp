#include "furniture.h"

#include <algorithm>
#include <cmath>

#include "random.h"

namespace sr::demo {

void addSkirting(SceneBuilder& b, glm::vec3 size, std::span<const Opening> openings) {
    const float h = 0.08f, t = 0.014f;
    b.beginObject({0, 0, 0}, 0.0f, 0.05f);
    struct Run {
        Wall wall;
        float from, to;
    };
    std::vector<Run> runs;
    for (Wall wall : {Wall::South, Wall::North, Wall::West, Wall::East}) {
        float length = (wall == Wall::South || wall == Wall::North) ? size.x : size.y;
        std::vector<glm::vec2> gaps;
        for (const Opening& o : openings)
            if (o.wall == wall && o.z0 < 0.01f) gaps.push_back({o.along0 - 0.08f, o.along1 + 0.08f});
        std::sort(gaps.begin(), gaps.end(), [](glm::vec2 a, glm::vec2 c) { return a.x < c.x; });
        float from = 0.0f;
        for (glm::vec2 g : gaps) {
            runs.push_back({wall, from, g.x});
            from = g.y;
        }
        runs.push_back({wall, from, length});
    }
    for (const Run& r : runs) {
        if (r.to - r.from < 0.02f) continue;
        switch (r.wall) {
        case Wall::South:
            b.box({r.from, 0, 0}, {r.to, t, h}, Paint::Trim, kPosY | kPosZ | kNegX | kPosX);
            break;
        case Wall::North:
            b.box({r.from, size.y - t, 0}, {r.to, size.y, h}, Paint::Trim, kNegY | kPosZ | kNegX | kPosX);
            break;
        case Wall::West:
            b.box({0, r.from, 0}, {t, r.to, h}, Paint::Trim, kPosX | kPosZ | kNegY | kPosY);
            break;
        case Wall::East:
            b.box({size.x - t, r.from, 0}, {size.x, r.to, h}, Paint::Trim, kNegX | kPosZ | kNegY | kPosY);
            break;
        }
    }
    b.endObject();
}

void addDoorCasing(SceneBuilder& b, glm::vec3 size, const Opening& d) {
    const float w = 0.075f, t = 0.016f;
    b.beginObject({0, 0, 0}, 0.0f, 0.05f);
    if (d.wall == Wall::South || d.wall == Wall::North) {
        bool south = d.wall == Wall::South;
        float y0 = south ? 0.0f : size.y - t, y1 = south ? t : size.y;
        uint8_t faces = kAllFaces & ~(south ? kNegY : kPosY);
        b.box({d.along0 - w, y0, 0}, {d.along0, y1, d.z1 + w}, Paint::Trim, faces);
        b.box({d.along1, y0, 0}, {d.along1 + w, y1, d.z1 + w}, Paint::Trim, faces);
        b.box({d.along0, y0, d.z1}, {d.along1, y1, d.z1 + w}, Paint::Trim, faces);
    } else {
        bool west = d.wall == Wall::West;
        float x0 = west ? 0.0f : size.x - t, x1 = west ? t : size.x;
        uint8_t faces = kAllFaces & ~(west ? kNegX : kPosX);
        b.box({x0, d.along0 - w, 0}, {x1, d.along0, d.z1 + w}, Paint::Trim, faces);
        b.box({x0, d.along1, 0}, {x1, d.along1 + w, d.z1 + w}, Paint::Trim, faces);
        b.box({x0, d.along0, d.z1}, {x1, d.along1, d.z1 + w}, Paint::Trim, faces);
    }
    b.endObject();
}

glm::vec3 addDoorKnob(SceneBuilder& b, glm::vec3 at, glm::vec3 out) {
    b.beginObject(at, 0.0f, 0.006f);
    glm::vec3 across = glm::vec3(1.0f) - glm::abs(out); // the two axes across the spindle
    int rose = b.boxPrim(glm::min(glm::vec3(0), out * 0.008f) - across * 0.029f,
                         glm::max(glm::vec3(0), out * 0.008f) + across * 0.029f);
    int ball = b.ellipsoidPrim(out * 0.074f, glm::vec3(0.026f));
    b.cone(glm::vec3(0), out, 0.029f, 0.027f, 0.008f, Paint::Brass, rose);
    b.disc(out * 0.008f, out, 0.027f, Paint::Brass, rose);
    b.cone(out * 0.008f, out, 0.0085f, 0.0075f, 0.045f, Paint::Brass);
    b.ellipsoid(out * 0.074f, glm::vec3(0.026f), Paint::Brass, false, out).sdfPrim = ball;
    b.endObject();
    return at + out * 0.03f;
}

void addCeilingLight(SceneBuilder& b, glm::vec2 xy, float h) {
    b.beginObject({xy.x, xy.y, h}, 0.0f, 0.03f);
    b.cone({0, 0, -0.01f}, {0, 0, 1}, 0.16f, 0.16f, 0.011f, Paint::Trim);
    b.ellipsoid({0, 0, -0.01f}, {0.15f, 0.15f, 0.055f}, Paint::LampShade, true);
    b.endObject();
}

void addBookRow(SceneBuilder& b, glm::vec3 start, float length, float depth, float maxHeight, uint32_t seed) {
    Rng rng(seed);
    b.boxPrim(start, start + glm::vec3(length, depth, maxHeight * 0.9f));
    float x = start.x;
    while (x < start.x + length - 0.02f) {
        float thick = rng.range(0.016f, 0.042f);
        if (x + thick > start.x + length) break;
        float height = maxHeight * rng.range(0.72f, 1.0f);
        float d = depth * rng.range(0.75f, 1.0f);
        uint32_t colour = rng.below(10);
        glm::vec3 lo{x, start.y, start.z}, hi{x + thick, start.y + d, start.z + height};
        b.box(lo, hi,
              {Paint::BookCover, Paint::BookCover, Paint::BookSpine, Paint::BookCover, Paint::BookPages,
               Paint::BookPages},
              kNegX | kPosX | kNegY | kPosZ, false, colour);
        x += thick + (rng.uniform() < 0.12f ? rng.range(0.01f, 0.05f) : 0.0015f);
    }
}

} // namespace sr::demo
