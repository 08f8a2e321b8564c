#pragma once
// The generator's description of a room before it becomes files: objects, their surfaces (each one
// texture chart), a signed distance field for baking light, and the light itself.
// World space: right-handed, +Z up, metres; the floor is z = 0 and the room spans [0, size].
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace sr::demo {

// How a surface maps its chart coordinates (u, v in metres) to object-local positions.
enum class Shape : uint8_t {
    Quad,      // origin + u * axisU + v * axisV
    Cone,      // around axisW from origin; params: base radius, top radius, height
    Torus,     // around axisW; params: ring radius, tube radius
    Ellipsoid, // params: semi-axes along axisU, axisV, axisW
    Disc,      // facing +axisW; params: radius; v runs from the rim (0) to the centre
};

// A displacement applied to object-local positions (a function of position only, so that faces
// sharing an edge stay joined).
enum class Deform : uint8_t { None, Noise, Duvet, Pillow, Curtain, Rug, Fold, Puff, Shoe };

// What a surface is made of: selects the albedo painter and any emission.
enum class Paint : uint8_t {
    Wall,
    Ceiling,
    Trim,
    FloorWood,
    Rug,
    Duvet,
    Pillow,
    Sheet,
    PaintedWood,
    Birch,
    DeskWood,
    ChairPaint,
    DresserFront,
    Door,
    Brass,
    HairTie,
    BookSpine,
    BookCover,
    BookPages,
    Paper,
    Letter,
    Drawing,
    Pin,
    Plush,
    PlushInner,
    Eye,
    TrainerUpper,
    TrainerSole,
    Ceramic,
    CeramicInside,
    Pencil,
    PencilTip,
    Curtain,
    Glass,
    Metal,
    GameBox,
    Notebook,
    LampShade,
    Runner,
    BenchWood,
    Backpack,
    Raincoat,
    Welly,
    Pot,
    Leaf,
    Soil,
    Photo,
};

struct Object {
    glm::vec3 translation{0.0f};
    float rotationDeg = 0.0f; // about +Z, applied before the translation
    Deform deform = Deform::None;
    glm::vec3 deformLo{0.0f}, deformHi{0.0f}; // local box the deform is shaped around
    float amplitude = 0.0f;                   // metres
    uint32_t seed = 0;
    float spacing = 0.05f; // target triangle edge length, metres
};

struct Surface {
    Shape shape = Shape::Quad;
    Paint paint = Paint::Wall;
    uint32_t object = 0;
    uint32_t seed = 0;
    uint32_t variant = 0; // painter-specific (book colour, tie colour, ...)
    int sdfPrim = -1;     // the distance-field primitive it lies on; ignored when lighting it
    glm::vec3 origin{0.0f};
    glm::vec3 axisU{1, 0, 0}, axisV{0, 1, 0}; // orthonormal; axisU x axisV is the outward normal
    glm::vec2 size{1.0f};                     // chart extent, metres
    glm::vec4 params{0.0f};
    float density = 1.0f;   // texel density relative to the room's
    bool inward = false;    // curved shapes: normal points towards the axis
    float spacing = 0.0f;   // overrides the object's spacing when > 0
    uint16_t segmentsU = 0; // curved shapes: fixed count around (a hexagonal pencil), else from spacing
    std::vector<float> splitsU, splitsV; // Quad: chart lines where patches must meet neighbours
    std::vector<glm::vec4> holes;        // Quad: (u0, v0, u1, v1) cut out, on split lines
};

enum class PrimKind : uint8_t { Box, Ellipsoid };
struct SdfPrim {
    PrimKind kind = PrimKind::Box;
    glm::vec3 center{0.0f};
    glm::vec3 half{0.0f}; // half extents or semi-axes, in the primitive's frame
    float cosR = 1.0f, sinR = 0.0f;
};
struct SdfGroup {
    glm::vec3 lo{0.0f}, hi{0.0f};
    uint32_t first = 0, count = 0;
};

// A glazed opening that lets daylight in: its mouth on the inner wall face, seen from the room.
struct WindowLight {
    glm::vec3 origin{0.0f}, edgeU{0.0f}, edgeV{0.0f}; // corners origin + {0,1} edgeU + {0,1} edgeV
    glm::vec3 inward{0.0f};                           // unit normal pointing into the room
    float depth = 0.0f;                               // from the mouth back to the glass
};

struct LightRig {
    glm::vec3 sunDir{0, 0, 1}; // unit, towards the sun
    glm::vec3 sunColor{0.0f};  // irradiance on a surface facing the sun
    glm::vec3 skyColor{0.0f};  // radiance of the window glass as a light
    glm::vec3 ambient{0.0f};   // fill from the room's walls
    glm::vec3 bounceAt{0.0f};  // where the sun patch lies; it lights the room warmly
    glm::vec3 bounceColor{0.0f};
    float exposure = 1.0f;
    std::vector<WindowLight> windows;
};

struct Scene {
    glm::vec3 roomSize{0.0f};
    std::vector<Object> objects;
    std::vector<Surface> surfaces;
    std::vector<SdfPrim> prims;
    std::vector<SdfGroup> groups;
    LightRig light;
};

} // namespace sr::demo
