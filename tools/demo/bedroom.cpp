// Room 1: a ten-year-old's bedroom on a spring morning, sun coming in over the bed.
#include <cmath>

#include "bedroom_parts.h"
#include "furniture.h"
#include "rooms.h"

namespace sr::demo {
namespace {

constexpr glm::vec3 kSize{3.6f, 3.2f, 2.5f};

const Opening kDoor{Wall::South, 0.30f, 1.12f, 0.0f, 2.04f, 0.04f, false};
const Opening kWindow{Wall::East, 1.30f, 2.40f, 0.92f, 2.12f, 0.18f, true};

void addWindowDressing(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.04f);
    const uint8_t faces = kAllFaces & ~kPosX;
    const float x0 = 3.735f, x1 = 3.78f;
    b.box({x0, 1.30f, 0.92f}, {x1, 1.36f, 2.12f}, Paint::Trim, faces);
    b.box({x0, 2.34f, 0.92f}, {x1, 2.40f, 2.12f}, Paint::Trim, faces);
    b.box({x0, 1.36f, 0.92f}, {x1, 2.34f, 0.98f}, Paint::Trim, faces);
    b.box({x0, 1.36f, 2.06f}, {x1, 2.34f, 2.12f}, Paint::Trim, faces);
    b.box({x0, 1.83f, 0.98f}, {x1, 1.87f, 2.06f}, Paint::Trim, faces);
    b.box({x0, 1.36f, 1.62f}, {x1, 2.34f, 1.66f}, Paint::Trim, faces);
    b.box({3.52f, 1.24f, 0.895f}, {3.62f, 2.46f, 0.925f}, Paint::Trim);
    b.endObject();
    b.beginObject({0, 0, 0}, 0.0f, 0.02f);
    b.cone({3.50f, 0.98f, 2.25f}, {0, 1, 0}, 0.011f, 0.011f, 1.74f, Paint::Metal);
    b.ellipsoid({3.50f, 0.97f, 2.25f}, glm::vec3(0.02f), Paint::Metal, true);
    b.ellipsoid({3.50f, 2.73f, 2.25f}, glm::vec3(0.02f), Paint::Metal, true);
    b.endObject();
    for (float y0 : {1.00f, 2.28f}) {
        b.beginObject({0, 0, 0}, 0.0f, 0.03f);
        glm::vec3 lo{3.485f, y0, 0.98f}, hi{3.505f, y0 + 0.42f, 2.23f};
        b.setDeform(Deform::Curtain, lo, hi, 0.022f);
        b.box(lo, hi, Paint::Curtain);
        b.endObject();
    }
}

void addBed(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.05f);
    b.box({2.62f, 1.08f, 0.10f}, {3.56f, 3.13f, 0.32f}, Paint::PaintedWood, kAllFaces);
    for (glm::vec2 leg :
         {glm::vec2(2.63f, 1.09f), glm::vec2(3.50f, 1.09f), glm::vec2(2.63f, 3.07f), glm::vec2(3.50f, 3.07f)})
        b.box({leg.x, leg.y, 0.0f}, {leg.x + 0.05f, leg.y + 0.05f, 0.10f}, Paint::PaintedWood, kNoBottom);
    b.box({2.60f, 3.13f, 0.0f}, {3.58f, 3.18f, 0.98f}, Paint::PaintedWood, kNoBottom);
    b.box({2.60f, 1.03f, 0.0f}, {3.58f, 1.08f, 0.58f}, Paint::PaintedWood, kNoBottom);
    b.endObject();

    struct Soft {
        glm::vec3 lo, hi;
        Deform deform;
        float amplitude;
        Paint paint;
        float spacing;
    };
    const Soft parts[] = {
        {{2.65f, 1.10f, 0.32f}, {3.53f, 3.12f, 0.52f}, Deform::Puff, 0.002f, Paint::Sheet, 0.04f},
        {{2.60f, 1.10f, 0.34f}, {3.575f, 2.62f, 0.575f}, Deform::Duvet, 0.028f, Paint::Duvet, 0.035f},
        {{2.61f, 2.40f, 0.57f}, {3.565f, 2.72f, 0.61f}, Deform::Duvet, 0.014f, Paint::Duvet, 0.025f},
        {{2.80f, 2.74f, 0.52f}, {3.42f, 3.09f, 0.67f}, Deform::Pillow, 0.003f, Paint::Pillow, 0.025f},
    };
    for (const Soft& p : parts) {
        b.beginObject({0, 0, 0}, 0.0f, p.spacing);
        b.setDeform(p.deform, p.lo, p.hi, p.amplitude);
        // A duvet is a thin layer draped over the mattress: only its top occludes light.
        bool cloth = p.deform == Deform::Duvet;
        b.box(p.lo, p.hi, p.paint, kNoBottom, !cloth);
        if (cloth) b.boxPrim({p.lo.x, p.lo.y, p.hi.z - 0.035f}, p.hi);
        b.endObject();
    }
}

// Pip, a well-loved toy rabbit, sitting up and facing local -y.
glm::vec3 addRabbit(SceneBuilder& b, glm::vec3 at, float rotationDeg) {
    b.beginObject(at, rotationDeg, 0.013f);
    b.setDeform(Deform::Noise, glm::vec3(0), glm::vec3(0), 0.0012f);
    b.setDensity(2.5f);
    b.ellipsoid({0, 0, 0.07f}, {0.06f, 0.05f, 0.075f}, Paint::Plush);
    b.ellipsoid({0, -0.01f, 0.175f}, {0.05f, 0.045f, 0.046f}, Paint::Plush);
    for (float side : {-1.0f, 1.0f}) {
        glm::vec3 earAxis = glm::normalize(glm::vec3(side * 0.3f, 0.12f, 1.0f));
        b.ellipsoid(glm::vec3(side * 0.024f, 0.0f, 0.2f) + earAxis * 0.055f, {0.016f, 0.009f, 0.058f},
                    Paint::Plush, false, earAxis);
        b.ellipsoid(glm::vec3(side * 0.024f, -0.007f, 0.2f) + earAxis * 0.055f, {0.009f, 0.004f, 0.042f},
                    Paint::PlushInner, false, earAxis);
        glm::vec3 armAxis = glm::normalize(glm::vec3(side * 0.45f, -0.35f, 1.0f));
        b.ellipsoid({side * 0.052f, -0.022f, 0.085f}, {0.018f, 0.018f, 0.042f}, Paint::Plush, false, armAxis);
        b.ellipsoid({side * 0.03f, -0.048f, 0.018f}, {0.022f, 0.04f, 0.018f}, Paint::Plush);
        b.ellipsoid({side * 0.019f, -0.048f, 0.19f}, {0.0058f, 0.0045f, 0.0058f}, Paint::Eye, false).spacing =
            0.0022f; // round, not faceted, eyes
    }
    b.ellipsoid({0, -0.047f, 0.163f}, {0.02f, 0.014f, 0.016f}, Paint::Plush, false);
    b.ellipsoid({0, -0.06f, 0.171f}, {0.006f, 0.004f, 0.005f}, Paint::PlushInner, false);
    b.ellipsoid({0, 0.05f, 0.035f}, glm::vec3(0.018f), Paint::PlushInner, false);
    b.endObject();
    return at + glm::vec3(0, 0, 0.12f);
}

// One canvas trainer, toe along local -y: a white sole under a canvas upper that rises from the
// toe to the heel, the opening on top.
void addTrainer(SceneBuilder& b, glm::vec3 at, float rotationDeg) {
    b.beginObject(at, rotationDeg, 0.015f);
    b.setDeform(Deform::Shoe, {-0.05f, -0.13f, 0.0f}, {0.05f, 0.13f, 0.09f}, 0.0005f);
    b.setDensity(2.5f);
    b.ellipsoid({0, 0, 0.012f}, {0.046f, 0.131f, 0.017f}, Paint::TrainerSole);
    b.ellipsoid({0, 0.004f, 0.018f}, {0.041f, 0.122f, 0.066f}, Paint::TrainerUpper);
    b.ellipsoid({0, 0.058f, 0.079f}, {0.026f, 0.042f, 0.007f}, Paint::Eye, false);
    b.endObject();
}

} // namespace

RoomSpec buildBedroom() {
    RoomSpec room;
    room.id = "bedroom";
    room.title = "Maya's room";
    room.subtitle = "Photographed on a spring morning, the way she left it.";
    room.format = MeshFormat::ObjAtlas;
    Scene& scene = room.scene;
    scene.roomSize = kSize;
    SceneBuilder b(scene, 0x5eed0001u);
    const Opening openings[] = {kDoor, kWindow};
    buildShell(b, scene, kSize, openings, ShellPaints{}, 0.07f);
    addSkirting(b, kSize, openings);
    addDoorCasing(b, kSize, kDoor);
    glm::vec3 neck = addDoorKnob(b, {1.02f, -0.04f, 0.95f}, {0, 1, 0});
    // Three hair ties looped over the knob's neck, hanging below it.
    const float rings[3] = {0.024f, 0.022f, 0.026f};
    for (int i = 0; i < 3; ++i) {
        b.beginObject({0, 0, 0}, 0.0f, 0.004f);
        b.setDensity(3.0f);
        glm::vec3 axis = glm::normalize(glm::vec3(0.3f * float(i - 1), 1.0f, 0.55f - 0.45f * float(i)));
        float drop = rings[i] - 0.0085f - 0.003f; // the loop rests on top of the neck
        glm::vec3 centre = neck + glm::vec3(0.004f * float(i - 1), -0.014f + 0.0065f * float(i), -drop);
        b.torus(centre, axis, rings[i], 0.003f, Paint::HairTie).variant = uint32_t(i);
        b.endObject();
    }
    addWindowDressing(b);
    addBed(b);
    glm::vec3 rabbit = addRabbit(b, {3.02f, 2.52f, 0.606f}, -75.0f);
    addTrainer(b, {2.45f, 1.40f, 0.0f}, 8.0f);
    addTrainer(b, {2.37f, 1.66f, 0.0f}, -28.0f);
    addBedroomDesk(b);
    addBedroomFurniture(b);
    addCeilingLight(b, {1.8f, 1.6f}, kSize.z);

    LightRig& light = scene.light;
    float el = glm::radians(35.0f), az = glm::radians(15.0f);
    light.sunDir = {std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el)};
    light.sunColor = glm::vec3(1.0f, 0.86f, 0.68f) * 3.2f;
    light.skyColor = glm::vec3(0.78f, 0.87f, 1.0f) * 1.5f;
    light.ambient = glm::vec3(0.36f, 0.31f, 0.26f);
    light.bounceAt = {2.0f, 1.55f, 0.02f};
    light.bounceColor = glm::vec3(0.55f, 0.42f, 0.28f);
    light.exposure = 1.12f;

    room.stations = {
        {"door", "From the doorway", {0.95f, 0.55f, 1.6f}, 48.0f, -14.0f},
        {"wardrobe", "Beside the wardrobe", {0.85f, 1.55f, 1.6f}, 2.0f, -16.0f},
        {"bed", "By the bed", {2.3f, 2.65f, 1.6f}, -125.0f, -18.0f},
    };
    room.hotspots = bedroomHotspots(neck, rabbit);
    return room;
}

} // namespace sr::demo
