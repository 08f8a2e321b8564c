// Room 2: the landing outside her room, where the school things lived. Written as a PLY with
// vertex colours, the way some scanning apps deliver rooms.
#include <cmath>

#include "furniture.h"
#include "rooms.h"

namespace sr::demo {
namespace {

constexpr glm::vec3 kSize{2.8f, 1.8f, 2.45f};
const Opening kBedroomDoor{Wall::North, 1.55f, 2.35f, 0.0f, 2.04f, 0.04f, false};
const Opening kOtherDoor{Wall::South, 0.55f, 1.35f, 0.0f, 2.04f, 0.04f, false};
const Opening kWindow{Wall::East, 0.50f, 1.30f, 0.90f, 1.95f, 0.18f, true};
const glm::vec3 kBagAt{0.10f, 0.62f, 1.22f};

void addWindowDressing(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.04f);
    const uint8_t faces = kAllFaces & ~kPosX;
    const float x0 = 2.935f, x1 = 2.98f;
    b.box({x0, 0.50f, 0.90f}, {x1, 0.56f, 1.95f}, Paint::Trim, faces);
    b.box({x0, 1.24f, 0.90f}, {x1, 1.30f, 1.95f}, Paint::Trim, faces);
    b.box({x0, 0.56f, 0.90f}, {x1, 1.24f, 0.96f}, Paint::Trim, faces);
    b.box({x0, 0.56f, 1.89f}, {x1, 1.24f, 1.95f}, Paint::Trim, faces);
    b.box({x0, 0.88f, 0.96f}, {x1, 0.92f, 1.89f}, Paint::Trim, faces);
    b.box({2.72f, 0.44f, 0.87f}, {2.82f, 1.36f, 0.90f}, Paint::Trim);
    b.endObject();
    // A small plant on the sill.
    b.beginObject({2.72f, 0.72f, 0.90f}, 0.0f, 0.012f);
    b.cone({0, 0, 0}, {0, 0, 1}, 0.05f, 0.065f, 0.11f, Paint::Pot,
           b.boxPrim({-0.06f, -0.06f, 0}, {0.06f, 0.06f, 0.11f}));
    b.disc({0, 0, 0.1f}, {0, 0, 1}, 0.062f, Paint::Soil);
    const glm::vec4 leaves[5] = {{0, 0, 0.17f, 0.07f},
                                 {0.04f, 0.03f, 0.15f, 0.05f},
                                 {-0.04f, 0.02f, 0.16f, 0.05f},
                                 {0.01f, -0.04f, 0.2f, 0.05f},
                                 {-0.02f, -0.01f, 0.23f, 0.045f}};
    for (glm::vec4 l : leaves) b.ellipsoid({l.x, l.y, l.z}, {l.w, l.w, l.w * 0.8f}, Paint::Leaf, true);
    b.endObject();
}

void addHooksAndBench(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.03f);
    b.box({0.0f, 0.3f, 1.55f}, {0.022f, 1.5f, 1.65f}, Paint::Birch, kAllFaces & ~kNegX);
    for (float y : {0.62f, 1.12f})
        b.cone({0.022f, y, 1.6f}, glm::normalize(glm::vec3(1, 0, 0.6f)), 0.006f, 0.005f, 0.06f, Paint::Metal);
    b.box({0.0f, 0.25f, 0.40f}, {0.42f, 1.45f, 0.44f}, Paint::BenchWood);
    for (float y : {0.27f, 1.40f})
        b.box({0.03f, y, 0.0f}, {0.39f, y + 0.03f, 0.40f}, Paint::BenchWood, kNoBottom);
    b.endObject();
    // The school bag, hanging by its loop.
    glm::vec3 lo{-0.07f, -0.14f, -0.18f}, hi{0.07f, 0.14f, 0.18f};
    b.beginObject(kBagAt, 0.0f, 0.015f);
    b.setDeform(Deform::Puff, lo, hi, 0.003f);
    b.box(lo, hi, Paint::Backpack);
    b.endObject();
    glm::vec3 plo{0.07f, -0.1f, -0.16f}, phi{0.11f, 0.1f, 0.0f};
    b.beginObject(kBagAt, 0.0f, 0.012f);
    b.setDeform(Deform::Puff, plo, phi, 0.002f);
    b.box(plo, phi, Paint::Backpack, kAllFaces & ~kNegX);
    b.endObject();
    b.beginObject(kBagAt, 0.0f, 0.01f);
    b.box({-0.03f, -0.012f, 0.17f}, {-0.015f, 0.012f, 0.39f}, Paint::Backpack, kAllFaces, false);
    b.endObject();
    // A yellow raincoat on the other hook.
    glm::vec3 clo{0.02f, 0.94f, 0.82f}, chi{0.13f, 1.30f, 1.56f};
    b.beginObject({0, 0, 0}, 0.0f, 0.025f);
    b.setDeform(Deform::Puff, clo, chi, 0.006f);
    b.box(clo, chi, Paint::Raincoat);
    b.endObject();
}

void addWelly(SceneBuilder& b, glm::vec3 at, float rotationDeg) {
    b.beginObject(at, rotationDeg, 0.012f);
    b.setDensity(2.0f);
    int prim = b.boxPrim({-0.056f, -0.056f, 0.02f}, {0.056f, 0.056f, 0.3f});
    b.cone({0, 0.0f, 0.02f}, {0, 0, 1}, 0.05f, 0.056f, 0.28f, Paint::Welly, prim);
    b.cone({0, 0.0f, 0.02f}, {0, 0, 1}, 0.046f, 0.052f, 0.28f, Paint::Welly).inward = true;
    b.ellipsoid({0, -0.05f, 0.045f}, {0.048f, 0.095f, 0.045f}, Paint::Welly, true);
    b.box({-0.05f, -0.145f, 0.0f}, {0.05f, 0.06f, 0.02f},
          {Paint::Welly, Paint::Welly, Paint::Welly, Paint::Welly, Paint::Welly, Paint::Welly}, kNoBottom,
          false, 1);
    b.endObject();
}

void addFramedPrint(SceneBuilder& b) {
    b.beginObject({0, 0, 0}, 0.0f, 0.02f);
    b.box({1.75f, 0.0f, 1.30f}, {2.35f, 0.025f, 1.72f}, Paint::Birch, kAllFaces & ~kNegY);
    b.quad({2.31f, 0.026f, 1.34f}, {-1, 0, 0}, {0, 0, 1}, {0.52f, 0.34f}, Paint::Photo).density = 2.0f;
    b.endObject();
}

void addRunner(SceneBuilder& b) {
    glm::vec3 lo{0.55f, 0.55f, 0.0f}, hi{2.55f, 1.20f, 0.006f};
    b.beginObject({0, 0, 0}, 0.0f, 0.03f);
    b.setDeform(Deform::Rug, lo, hi, 0.002f);
    b.box(lo, hi, Paint::Runner, kNoBottom);
    b.endObject();
}

} // namespace

RoomSpec buildLanding() {
    RoomSpec room;
    room.id = "landing";
    room.title = "The landing";
    room.subtitle = "Outside her door, where the school things lived.";
    room.format = MeshFormat::PlyColors;
    Scene& scene = room.scene;
    scene.roomSize = kSize;
    SceneBuilder b(scene, 0x5eed0002u);
    const Opening openings[] = {kBedroomDoor, kOtherDoor, kWindow};
    ShellPaints paints;
    buildShell(b, scene, kSize, openings, paints, 0.05f);
    addSkirting(b, kSize, openings);
    addDoorCasing(b, kSize, kBedroomDoor);
    addDoorCasing(b, kSize, kOtherDoor);
    addDoorKnob(b, {2.25f, kSize.y + 0.04f, 0.95f}, {0, -1, 0});
    addDoorKnob(b, {1.25f, -0.04f, 0.95f}, {0, 1, 0});
    addWindowDressing(b);
    addHooksAndBench(b);
    addWelly(b, {0.18f, 1.58f, 0.0f}, 95.0f);
    addWelly(b, {0.31f, 1.70f, 0.0f}, 80.0f);
    addFramedPrint(b);
    addRunner(b);
    addCeilingLight(b, {1.4f, 0.9f}, kSize.z);

    LightRig& light = scene.light;
    float el = glm::radians(33.0f), az = glm::radians(-10.0f);
    light.sunDir = {std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el)};
    light.sunColor = glm::vec3(1.0f, 0.86f, 0.68f) * 3.0f;
    light.skyColor = glm::vec3(0.78f, 0.87f, 1.0f) * 1.5f;
    light.ambient = glm::vec3(0.30f, 0.27f, 0.24f);
    light.bounceAt = {1.6f, 1.0f, 0.02f};
    light.bounceColor = glm::vec3(0.45f, 0.35f, 0.24f);
    light.exposure = 1.0f;

    room.stations = {
        {"her-door", "At her door", {1.95f, 1.25f, 1.6f}, 205.0f, -21.0f},
        {"window", "Looking to the window", {0.75f, 0.9f, 1.6f}, 0.0f, -12.0f},
    };
    room.hotspots = {
        {"school-bag",
         "School bag",
         "Her school bag on its hook at the top of the stairs. She chose it for the yellow piping.",
         kBagAt,
         0.16f,
         {{180.0f, -8.0f, 0.6f, 42.0f}, {150.0f, -15.0f, 0.55f, 40.0f}},
         {180.0f, -10.0f, 1.0f, 50.0f}},
        {"wellies",
         "Red wellies",
         "Red wellies by the bench, side by side, ready for puddles.",
         {0.24f, 1.63f, 0.16f},
         0.14f,
         {{165.0f, -32.0f, 0.6f, 42.0f}},
         {165.0f, -30.0f, 1.0f, 50.0f}},
    };
    return room;
}

} // namespace sr::demo
