#include "bedroom_parts.h"

#include <cmath>

#include "furniture.h"
#include "random.h"

namespace sr::demo {
namespace {

const glm::vec3 kLetterAt{0.80f, 2.86f, 0.7505f};
const glm::vec3 kMugAt{1.36f, 3.02f, 0.75f};
const glm::vec3 kDrawingAt{0.95f, 3.195f, 1.40f};

void addLetter(SceneBuilder& b) {
    glm::vec3 lo{-0.105f, -0.1485f, 0.0f}, hi{0.105f, 0.1485f, 0.0008f};
    b.beginObject(kLetterAt, 8.0f, 0.012f);
    b.setDeform(Deform::Fold, lo, hi, 0.02f);
    b.setDensity(6.0f); // close enough to read the handwriting in a detail photograph
    b.box(lo, hi, {Paint::Paper, Paint::Paper, Paint::Paper, Paint::Paper, Paint::Paper, Paint::Letter},
          kNoBottom);
    b.endObject();
}

void addMug(SceneBuilder& b) {
    b.beginObject(kMugAt, 20.0f, 0.008f);
    b.setDensity(3.0f);
    int prim = b.boxPrim({-0.042f, -0.042f, 0.0f}, {0.042f, 0.042f, 0.1f});
    b.cone({0, 0, 0}, {0, 0, 1}, 0.042f, 0.042f, 0.1f, Paint::Ceramic, prim);
    b.cone({0, 0, 0.008f}, {0, 0, 1}, 0.038f, 0.038f, 0.092f, Paint::CeramicInside).inward = true;
    b.torus({0, 0, 0.1f}, {0, 0, 1}, 0.040f, 0.0021f, Paint::Ceramic);
    b.disc({0, 0, 0.012f}, {0, 0, 1}, 0.038f, Paint::CeramicInside);
    b.torus({0.05f, 0, 0.05f}, {0, 1, 0}, 0.024f, 0.0055f, Paint::Ceramic);
    Rng rng(77);
    for (int i = 0; i < 6; ++i) {
        float a = float(i) * 1.047f + rng.range(-0.3f, 0.3f), r = rng.range(0.008f, 0.024f);
        glm::vec3 base{r * std::cos(a), r * std::sin(a), 0.012f};
        glm::vec3 axis = glm::normalize(glm::vec3(std::cos(a) * 0.22f, std::sin(a) * 0.22f, 1.0f));
        float length = rng.range(0.14f, 0.17f);
        Surface& body = b.cone(base, axis, 0.0037f, 0.0037f, length, Paint::Pencil);
        body.segmentsU = 6;
        body.variant = uint32_t(i);
        Surface& tip = b.cone(base + axis * length, axis, 0.0037f, 0.0006f, 0.018f, Paint::PencilTip);
        tip.segmentsU = 6;
        tip.variant = uint32_t(i);
    }
    b.endObject();
}

void addDrawing(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.02f);
    b.setDensity(3.5f);
    float a = glm::radians(2.5f);
    glm::vec3 u{std::cos(a), 0.0f, std::sin(a)}, v{-std::sin(a), 0.0f, std::cos(a)};
    glm::vec3 centre = kDrawingAt;
    b.quad(centre - u * 0.1485f - v * 0.105f, u, v, {0.297f, 0.21f}, Paint::Drawing);
    b.ellipsoid(centre + v * 0.094f + glm::vec3(0, -0.004f, 0), glm::vec3(0.006f), Paint::Pin, true);
    b.endObject();
}

void addDesk(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.05f);
    b.box({0.35f, 2.60f, 0.72f}, {1.55f, 3.18f, 0.75f}, Paint::DeskWood);
    b.box({0.37f, 2.63f, 0.0f}, {0.40f, 3.16f, 0.72f}, Paint::Birch, kNoBottom);
    b.box({1.13f, 2.63f, 0.0f}, {1.53f, 3.16f, 0.72f}, Paint::PaintedWood, kNoBottom);
    b.box({0.40f, 3.13f, 0.50f}, {1.13f, 3.16f, 0.72f}, Paint::Birch);
    for (glm::vec2 z : {glm::vec2(0.05f, 0.34f), glm::vec2(0.38f, 0.69f)}) {
        b.box({1.14f, 2.615f, z.x}, {1.52f, 2.63f, z.y}, Paint::DresserFront, kAllFaces & ~kPosY);
        b.ellipsoid({1.33f, 2.603f, (z.x + z.y) * 0.5f}, {0.013f, 0.012f, 0.013f}, Paint::Brass, true);
    }
    b.endObject();
    // The chair, pulled out as if someone had just stood up.
    b.beginObject({0.82f, 2.28f, 0.0f}, -12.0f, 0.035f);
    b.box({-0.2f, -0.2f, 0.42f}, {0.2f, 0.2f, 0.46f}, Paint::ChairPaint);
    for (glm::vec2 leg : {glm::vec2(-0.19f, -0.19f), glm::vec2(0.16f, -0.19f), glm::vec2(-0.19f, 0.16f),
                          glm::vec2(0.16f, 0.16f)})
        b.box({leg.x, leg.y, 0.0f}, {leg.x + 0.03f, leg.y + 0.03f, 0.42f}, Paint::Birch, kNoBottom);
    for (float x : {-0.19f, 0.16f}) b.box({x, -0.2f, 0.46f}, {x + 0.03f, -0.17f, 0.8f}, Paint::Birch);
    b.box({-0.17f, -0.205f, 0.6f}, {0.17f, -0.175f, 0.78f}, Paint::ChairPaint);
    b.endObject();
    // Two exercise books, squared up at the back of the desk.
    b.beginObject({0.52f, 2.98f, 0.75f}, -4.0f, 0.03f);
    b.box({-0.085f, -0.115f, 0.0f}, {0.085f, 0.115f, 0.006f},
          {Paint::BookPages, Paint::BookPages, Paint::BookPages, Paint::BookPages, Paint::Notebook,
           Paint::Notebook},
          kNoBottom, true, 0);
    b.box({-0.08f, -0.11f, 0.006f}, {0.09f, 0.12f, 0.012f},
          {Paint::BookPages, Paint::BookPages, Paint::BookPages, Paint::BookPages, Paint::Notebook,
           Paint::Notebook},
          kNoBottom, true, 1);
    b.endObject();
}

void addBookcase(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.05f);
    b.box({1.70f, 2.88f, 0.0f}, {1.72f, 3.2f, 1.45f}, Paint::PaintedWood, kNoBottom);
    b.box({2.46f, 2.88f, 0.0f}, {2.48f, 3.2f, 1.45f}, Paint::PaintedWood, kNoBottom);
    b.box({1.70f, 2.88f, 1.43f}, {2.48f, 3.2f, 1.45f}, Paint::PaintedWood, kNoBottom);
    b.box({1.72f, 2.89f, 0.0f}, {2.46f, 3.2f, 0.07f}, Paint::PaintedWood, kNegY | kPosZ);
    b.box({1.72f, 3.185f, 0.07f}, {2.46f, 3.2f, 1.43f}, Paint::PaintedWood, kNegY);
    const float shelves[3] = {0.42f, 0.78f, 1.12f};
    for (float z : shelves)
        b.box({1.72f, 2.89f, z}, {2.46f, 3.185f, z + 0.018f}, Paint::PaintedWood, kNegY | kPosZ | kNegZ);
    b.endObject();
    const glm::vec4 rows[4] = {{0.07f, 0.30f, 0.73f, 1},
                               {0.438f, 0.29f, 0.72f, 2},
                               {0.798f, 0.27f, 0.70f, 3},
                               {1.138f, 0.24f, 0.42f, 4}};
    for (glm::vec4 r : rows) {
        b.beginObject({0, 0, 0}, 0.0f, 0.05f);
        addBookRow(b, {1.725f, 2.93f, r.x}, r.z, 0.22f, r.y, uint32_t(r.w) * 131u);
        b.endObject();
    }
}

void addWardrobeAndDresser(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.055f);
    b.box({0.0f, 1.0f, 0.0f}, {0.58f, 2.0f, 1.92f}, Paint::PaintedWood, kAllFaces & ~(kNegX | kNegZ));
    b.box({0.58f, 1.01f, 0.08f}, {0.595f, 1.497f, 1.88f}, Paint::DresserFront, kAllFaces & ~kNegX);
    b.box({0.58f, 1.503f, 0.08f}, {0.595f, 1.99f, 1.88f}, Paint::DresserFront, kAllFaces & ~kNegX);
    for (float y : {1.47f, 1.53f})
        b.ellipsoid({0.607f, y, 1.0f}, {0.012f, 0.013f, 0.013f}, Paint::Brass, true);
    b.endObject();
    b.beginObject({0, 0, 0}, 0.0f, 0.05f);
    b.box({2.30f, 0.0f, 0.0f}, {3.30f, 0.46f, 0.84f}, Paint::PaintedWood, kAllFaces & ~(kNegY | kNegZ));
    for (glm::vec2 z : {glm::vec2(0.06f, 0.30f), glm::vec2(0.32f, 0.56f), glm::vec2(0.58f, 0.80f)}) {
        b.box({2.32f, 0.46f, z.x}, {3.28f, 0.475f, z.y}, Paint::DresserFront, kAllFaces & ~kNegY);
        for (float x : {2.55f, 3.05f})
            b.ellipsoid({x, 0.487f, (z.x + z.y) * 0.5f}, {0.014f, 0.012f, 0.014f}, Paint::Brass, true);
    }
    b.endObject();
    const glm::vec4 games[3] = {
        {2.62f, 0.24f, 0.055f, 4.0f}, {2.63f, 0.23f, 0.05f, -7.0f}, {2.61f, 0.25f, 0.045f, 11.0f}};
    float z = 0.84f;
    for (int i = 0; i < 3; ++i) {
        b.beginObject({games[i].x, games[i].y, z}, games[i].w, 0.03f);
        const Paint g = Paint::GameBox;
        b.box({-0.16f, -0.12f, 0.0f}, {0.16f, 0.12f, games[i].z}, {g, g, g, g, g, g}, kNoBottom, true,
              uint32_t(i));
        b.endObject();
        z += games[i].z;
    }
}

void addRug(SceneBuilder& b) {
    glm::vec3 lo{0.95f, 0.80f, 0.0f}, hi{2.30f, 2.25f, 0.008f};
    b.beginObject({0, 0, 0}, 0.0f, 0.035f);
    b.setDeform(Deform::Rug, lo, hi, 0.003f);
    b.box(lo, hi, Paint::Rug, kNoBottom);
    b.endObject();
}

} // namespace

void addBedroomDesk(SceneBuilder& b) {
    addDesk(b);
    addLetter(b);
    addMug(b);
    addDrawing(b);
}

void addBedroomFurniture(SceneBuilder& b) {
    addBookcase(b);
    addWardrobeAndDresser(b);
    addRug(b);
}

std::vector<Hotspot> bedroomHotspots(glm::vec3 knobNeck, glm::vec3 rabbit) {
    std::vector<Hotspot> h;
    h.push_back({"hair-ties",
                 "Hair ties",
                 "Three hair ties on the doorknob, where she always left them on her way to bed.",
                 knobNeck + glm::vec3(0, 0.01f, -0.025f),
                 0.07f,
                 {{-72.0f, -8.0f, 0.26f, 40.0f}, {-112.0f, 6.0f, 0.27f, 40.0f}},
                 {-90.0f, -20.0f, 0.7f, 50.0f}});
    h.push_back(
        {"letter",
         "A letter to herself",
         "A letter to her future self, in her best handwriting. She meant to open it when she turned twenty.",
         kLetterAt + glm::vec3(0, 0, 0.012f),
         0.1f,
         {{90.0f, -58.0f, 0.42f, 42.0f}, {60.0f, -40.0f, 0.5f, 40.0f}},
         {90.0f, -55.0f, 0.8f, 50.0f}});
    h.push_back({"pencils",
                 "The pencil mug",
                 "Her coloured pencils, sorted more or less by colour, in the mug she painted at a friend's "
                 "birthday party.",
                 kMugAt + glm::vec3(0, 0, 0.08f),
                 0.08f,
                 {{100.0f, -28.0f, 0.42f, 40.0f}},
                 {100.0f, -30.0f, 0.8f, 50.0f}});
    h.push_back({"drawing",
                 "Rainbow after rain",
                 "Pinned above the desk: the house, the sun, and a rainbow, because a drawing without one "
                 "was not finished.",
                 kDrawingAt,
                 0.12f,
                 {{90.0f, -4.0f, 0.55f, 38.0f}},
                 {90.0f, -8.0f, 0.9f, 50.0f}});
    h.push_back(
        {"pip",
         "Pip",
         "Pip the rabbit, propped up by the pillow. One ear is softer than the other from being held.",
         rabbit,
         0.1f,
         {{15.0f, -24.0f, 0.48f, 40.0f}, {-20.0f, -12.0f, 0.42f, 40.0f}},
         {15.0f, -28.0f, 0.9f, 50.0f}});
    h.push_back({"trainers",
                 "Trainers",
                 "Her trainers, kicked off beside the bed with the laces still tied.",
                 {2.41f, 1.53f, 0.05f},
                 0.14f,
                 {{0.0f, -46.0f, 0.47f, 42.0f}},
                 {0.0f, -50.0f, 1.0f, 50.0f}});
    return h;
}

} // namespace sr::demo
