// Writes the fuzz targets' seed corpora (corpus/<target>/) and the images the pose target looks
// up (data/poses/). Run by hand when a format changes, then commit what it wrote:
//   build/sanitize/tests/fuzz/fuzz_make_seeds tests/fuzz
// Every seed is small (a few KB) and made here, from the demo generator and hand-written text.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <stb_image_write.h>

#include "asset/room_cache.h"
#include "asset/texture.h"
#include "core/files.h"
#include "core/image.h"
#include "demo/exhibit.h"

namespace {
using namespace sr;
namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

fs::path gOut;

Bytes bytesOf(std::string_view text) { return Bytes(text.begin(), text.end()); }

void writeSeed(const fs::path& relative, const Bytes& bytes) {
    const fs::path file = gOut / relative;
    fs::create_directories(file.parent_path());
    if (core::Status status = core::writeFileAtomic(file, bytes); !status) {
        std::fprintf(stderr, "%s\n", status.error().describe().c_str());
        std::exit(1);
    }
    std::printf("%8zu  %s\n", bytes.size(), relative.c_str());
}

// ---- manifests ----

void manifestSeeds() {
    const fs::path dir = "corpus/fuzz_manifest";
    writeSeed(dir / "demo.json", bytesOf(demo::demoManifest(demo::buildDemoRooms()).dump(1)));
    writeSeed(dir / "minimal.json", bytesOf(R"({"format": "stillroom-exhibit/1", "title": "One room",
 "rooms": [{"id": "room", "mesh": "room.ply", "stations": [{"id": "door", "position": [0, 0, 1.6]}]}]})"));
    writeSeed(dir / "everything.json", bytesOf(R"({"format": "stillroom-exhibit/1.2", "title": "All keys",
 "intro": "Every key of the schema once.", "_comment": "ignored",
 "kiosk": {"idle_seconds": 60, "prompt_seconds": 5, "attract": "none"},
 "rooms": [{"id": "a.b-c_d", "title": "T", "subtitle": "S", "mesh": "rooms/a/scan.obj", "up": "+Y",
   "units": "cm", "poses": "rooms/a/sparse",
   "walk": {"enabled": false, "eye_height": 1.5, "speed": 1.2},
   "stations": [{"id": "s1", "title": "One", "position": [1, 2, 1.6], "yaw": -90, "pitch": 10}],
   "hotspots": [{"id": "h1", "position": [1, 1, 1], "radius": 0.2, "title": "H", "caption": "C",
     "photos": ["photos/a.jpg", "photos/b.png"], "view": {"position": [0, 0, 1.6], "yaw": 5, "pitch": -5}}]}]})"));
    writeSeed(dir / "problems.json", bytesOf(R"({"format": "stillroom-exhibit/1", "title": 7, "titel": "x",
 "rooms": [{"id": "bad id!", "mesh": "../outside.obj"},
  {"id": "r", "id": "r2", "mesh": "/abs.obj", "units": 1e999, "up": "sideways",
   "stations": [{"id": "s", "position": [1e400, -1e999, "x"], "yaw": 720, "pitch": -1e308}],
   "hotspots": [{"id": "h", "position": [0, 0], "radius": 0, "photos": [1, "\u0000.jpg", "a\\b.jpg"]}]},
  [], null, "room"],
 "kiosk": {"idle_seconds": -1, "attract": "tuor"}})"));
    writeSeed(dir / "deep.json", bytesOf(std::string(70, '[') + std::string(70, ']')));
    writeSeed(dir / "not-object.json", bytesOf(R"(["stillroom-exhibit/1", {"\ud83d\ude00": -0.0e-5}])"));
}

// ---- room caches ----

asset::Texture checkerTexture(uint32_t size, bool alpha) {
    core::Image8 image(size, size);
    for (uint32_t y = 0; y < size; ++y) {
        for (uint32_t x = 0; x < size; ++x) {
            uint8_t* p = image.at(x, y);
            p[0] = uint8_t(x * 255 / size), p[1] = uint8_t(y * 255 / size), p[2] = ((x ^ y) & 1) ? 200 : 40;
            p[3] = alpha ? uint8_t((x + y) * 127 / size) : 255;
        }
    }
    return asset::buildTexture(std::move(image), alpha ? "leaves.png" : "wall.png", size);
}

// A floor of n x n quads with a bump, in two submeshes (textured and coloured).
asset::RoomMesh floorMesh(uint32_t n, bool alpha) {
    asset::RoomMesh mesh;
    mesh.source = "rooms/fuzz/floor.obj";
    for (uint32_t y = 0; y <= n; ++y) {
        for (uint32_t x = 0; x <= n; ++x) {
            const float fx = float(x) / float(n), fy = float(y) / float(n);
            const float z = 0.05f * float((x * 7 + y * 3) % 5) / 5.0f;
            mesh.vertices.push_back(
                {{fx * 3.0f, fy * 2.0f, z}, {0, 0, 1}, {fx, fy}, 0xff336699u + x * 16 + y});
        }
    }
    const uint32_t half = n / 2;
    for (uint32_t part = 0; part < 2; ++part) {
        asset::Submesh sub{uint32_t(mesh.indices.size()), 0, part};
        for (uint32_t y = part * half; y < (part ? n : half); ++y) {
            for (uint32_t x = 0; x < n; ++x) {
                const uint32_t a = y * (n + 1) + x, b = a + 1, c = a + n + 1, d = c + 1;
                mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
            }
        }
        sub.indexCount = uint32_t(mesh.indices.size()) - sub.firstIndex;
        mesh.submeshes.push_back(sub);
    }
    mesh.materials = {asset::Material{"textured", glm::vec4(1.0f), 0},
                      asset::Material{"plain", glm::vec4(0.5f, 0.4f, 0.3f, 1.0f), -1}};
    mesh.textures.push_back(checkerTexture(8, alpha));
    mesh.hasVertexColors = true;
    asset::computeBounds(mesh);
    return mesh;
}

void roomCacheSeeds() {
    const fs::path dir = "corpus/fuzz_room_cache";
    const asset::CacheStamp stamp{0x1234, {{"floor.obj", 100, 1700000000000000000, 0x42}}};
    asset::RoomCacheSettings settings;
    settings.chunkTriangles = 16;
    settings.clusterTriangles = 8;
    settings.clusterVertices = 16;
    writeSeed(dir / "rgba.srcache",
              asset::serializeRoomCache(asset::bakeRoom(floorMesh(4, false), settings), stamp));
    settings.compressTextures = true;
    writeSeed(dir / "bc1.srcache",
              asset::serializeRoomCache(asset::bakeRoom(floorMesh(2, false), settings), stamp));
    writeSeed(dir / "bc3.srcache",
              asset::serializeRoomCache(asset::bakeRoom(floorMesh(2, true), settings), {}));
    settings.compressTextures = false;
    settings.lodLevels = 0;
    asset::RoomMesh bare = floorMesh(1, false);
    bare.textures.clear();
    bare.materials[0].texture = -1;
    bare.hasVertexColors = false;
    writeSeed(dir / "untextured.srcache",
              asset::serializeRoomCache(asset::bakeRoom(std::move(bare), settings), {}));
}

// ---- images ----

Bytes encoded(int (*write)(stbi_write_func*, void*, int, int, int, const void*, int),
              const core::Image8& rgba, int channels) {
    std::vector<uint8_t> pixels;
    for (size_t i = 0; i < rgba.pixels.size(); i += 4)
        pixels.insert(pixels.end(), rgba.pixels.begin() + long(i), rgba.pixels.begin() + long(i) + channels);
    Bytes out;
    auto append = [](void* context, void* data, int size) {
        auto* bytes = static_cast<Bytes*>(context);
        bytes->insert(bytes->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    write(append, &out, int(rgba.width), int(rgba.height), channels, pixels.data(), 0);
    return out;
}

int writePngTo(stbi_write_func* f, void* c, int w, int h, int n, const void* data, int) {
    return stbi_write_png_to_func(f, c, w, h, n, data, w * n);
}
int writeJpgTo(stbi_write_func* f, void* c, int w, int h, int n, const void* data, int) {
    return stbi_write_jpg_to_func(f, c, w, h, n, data, 60);
}
int writeBmpTo(stbi_write_func* f, void* c, int w, int h, int n, const void* data, int) {
    return stbi_write_bmp_to_func(f, c, w, h, n, data);
}
int writeTgaTo(stbi_write_func* f, void* c, int w, int h, int n, const void* data, int) {
    return stbi_write_tga_to_func(f, c, w, h, n, data);
}

// APP1 "Exif" with a big-endian TIFF header and IFD0 holding only the orientation.
Bytes withExifOrientation(Bytes jpeg, uint16_t orientation) {
    const uint8_t app1[] = {0xFF,
                            0xE1,
                            0x00,
                            0x22,
                            'E',
                            'x',
                            'i',
                            'f',
                            0,
                            0,
                            'M',
                            'M',
                            0,
                            42,
                            0,
                            0,
                            0,
                            8,
                            0,
                            1,
                            0x01,
                            0x12,
                            0,
                            3,
                            0,
                            0,
                            0,
                            1,
                            uint8_t(orientation >> 8),
                            uint8_t(orientation),
                            0,
                            0,
                            0,
                            0,
                            0,
                            0};
    jpeg.insert(jpeg.begin() + 2, app1, app1 + sizeof app1);
    return jpeg;
}

void imageSeeds() {
    const fs::path dir = "corpus/fuzz_image";
    core::Image8 image(12, 9);
    for (uint32_t y = 0; y < image.height; ++y) {
        for (uint32_t x = 0; x < image.width; ++x) {
            uint8_t* p = image.at(x, y);
            p[0] = uint8_t(x * 20), p[1] = uint8_t(y * 28), p[2] = uint8_t((x * y) & 0xff),
            p[3] = uint8_t(255 - x);
        }
    }
    writeSeed(dir / "rgba.png", encoded(writePngTo, image, 4));
    writeSeed(dir / "grey.png", encoded(writePngTo, image, 1));
    writeSeed(dir / "grey-alpha.png", encoded(writePngTo, image, 2));
    writeSeed(dir / "rgb.png", encoded(writePngTo, image, 3));
    const Bytes jpeg = encoded(writeJpgTo, image, 3);
    writeSeed(dir / "baseline.jpg", jpeg);
    writeSeed(dir / "grey.jpg", encoded(writeJpgTo, image, 1));
    writeSeed(dir / "exif-6.jpg", withExifOrientation(jpeg, 6));
    writeSeed(dir / "exif-3.jpg", withExifOrientation(jpeg, 3));
    writeSeed(dir / "truncated.jpg", Bytes(jpeg.begin(), jpeg.begin() + long(jpeg.size() / 2)));
    // Wider than a pyramid tile and than the coarsest level: several tiles and levels.
    core::Image8 strip(1100, 6);
    for (uint32_t x = 0; x < strip.width; ++x) strip.at(x, 3)[0] = uint8_t(x), strip.at(x, 3)[3] = 255;
    writeSeed(dir / "strip.png", encoded(writePngTo, strip, 4));
    writeSeed(dir / "strip-exif-8.jpg", withExifOrientation(encoded(writeJpgTo, strip, 3), 8));
    writeSeed(dir / "rgb.bmp", encoded(writeBmpTo, image, 3));
    writeSeed(dir / "rgba.tga", encoded(writeTgaTo, image, 4));
}

// ---- camera poses ----

// Input of fuzz_poses: the format's index in its table (kLayouts in fuzz_poses.cpp), then the
// file, or the first file's length (16 bits, little-endian), the first file and the second.
Bytes poseInput(uint8_t format, std::string_view first, std::string_view second = {}, bool two = false) {
    Bytes out{format};
    if (two) out.insert(out.end(), {uint8_t(first.size() & 0xff), uint8_t(first.size() >> 8)});
    out.insert(out.end(), first.begin(), first.end());
    out.insert(out.end(), second.begin(), second.end());
    return out;
}

template <class T> void put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

const fs::path kPoseSeeds = "corpus/fuzz_poses";

void colmapSeeds() {
    const fs::path& dir = kPoseSeeds;
    writeSeed(
        dir / "colmap-text",
        poseInput(
            0,
            "# CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n1 PINHOLE 640 480 500 510 320 240\n"
            "2 SIMPLE_RADIAL 100 50 60 50 25 0.1\n3 OPENCV_FISHEYE 100 50 60 61 50 25 0.1 0.2 0.3 0.4\n"
            "4 FULL_OPENCV 1 1 1 1 1 1 1 1 1 1 1 1\n",
            "# IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n1 0.5 0.5 -0.5 0.5 2 3 -1 1 a.png\n"
            "10 20.5 30.5 7\n2 1 0 0 0 0 0 0 2 sub dir/b.png\n\n3 1 0 0 0 0 0 0 3 c.jpg\n4 1 0 0 0 0 0 0 4 "
            "d.jpg\n",
            true));
    std::string cameras, images;
    put(cameras, uint64_t(2));
    for (uint32_t id : {1u, 2u}) {
        put(cameras, id), put(cameras, int32_t(id == 1 ? 1 : 4)), put(cameras, uint64_t(640)),
            put(cameras, uint64_t(480));
        for (int i = 0; i < (id == 1 ? 4 : 8); ++i)
            put(cameras, double(i == 0 || i == 1 ? 500 : i < 4 ? 300 : 0.01));
    }
    put(images, uint64_t(2));
    for (uint32_t id : {1u, 2u}) {
        put(images, id);
        for (double v : {0.5, 0.5, -0.5, 0.5, 2.0, 3.0, -1.0}) put(images, v);
        put(images, id);
        images += id == 1 ? std::string("a.png", 6) : std::string("b.png", 6);
        put(images, uint64_t(1));
        put(images, 1.5), put(images, 2.5), put(images, uint64_t(7));
    }
    writeSeed(dir / "colmap-binary", poseInput(1, cameras, images, true));
}

void otherPoseSeeds() {
    const fs::path& dir = kPoseSeeds;
    writeSeed(dir / "alicevision", poseInput(2, R"({"version": ["1", "2", "14"],
 "views": [{"viewId": "11", "poseId": "21", "intrinsicId": "31", "path": "/shoot/a.png", "width": "400", "height": "300"}],
 "intrinsics": [{"intrinsicId": "31", "width": "400", "height": "300", "sensorWidth": "36", "sensorHeight": "24",
   "type": "pinhole", "focalLength": "18", "pixelRatio": "1", "principalPoint": ["10", "-20"],
   "distortionType": "radialk3", "distortionParams": ["0.1", "0.01", "-0.001"]}],
 "poses": [{"poseId": "21", "pose": {"transform": {"rotation": ["0", "0", "1", "-1", "0", "0", "0", "-1", "0"],
   "center": ["1", "2", "3"]}}}]})"));
    writeSeed(dir / "metashape", poseInput(3, R"(<?xml version="1.0" encoding="UTF-8"?>
<document version="1.5.0"><chunk label="Chunk 1" enabled="true"><sensors next_id="1">
<sensor id="0" label="cam" type="frame"><resolution width="400" height="300"/>
<calibration type="frame" class="adjusted"><resolution width="400" height="300"/><f>300</f><cx>10</cx><cy>-5</cy>
<b1>2</b1><k1>0.1</k1><k2>0.01</k2><p1>0.001</p1><p2>0.002</p2></calibration></sensor></sensors>
<components><component id="0"><transform><translation>0 0 5</translation></transform></component></components>
<cameras><camera id="0" sensor_id="0" label="a"><transform>1 0 0 1 0 1 0 0 0 0 1 0 0 0 0 1</transform></camera>
<group id="0" label="Folder" type="folder"><camera id="1" sensor_id="0" component_id="0" label="b.png">
<transform>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1</transform></camera></group></cameras>
<transform><rotation>0 -1 0 1 0 0 0 0 1</rotation><translation>10 0 0</translation><scale>2</scale></transform>
</chunk></document>
)"));
    writeSeed(dir / "realitycapture-xmp", poseInput(4, R"(<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xcr:Version="3" xcr:PosePrior="locked" xcr:Coordinates="absolute" xcr:DistortionModel="brown3t2"
 xcr:FocalLength35mm="36" xcr:Skew="0" xcr:AspectRatio="1" xcr:PrincipalPointU="0.01" xcr:PrincipalPointV="-0.02"
 xcr:CalibrationPrior="exact" xmlns:xcr="http://www.capturingreality.com/ns/xcr/1.1#">
<xcr:Rotation>0 -1 0 0 0 -1 1 0 0</xcr:Rotation><xcr:Position>1 2 3</xcr:Position>
<xcr:DistortionCoeficients>0.1 0.2 0.3 0 0.004 0.005</xcr:DistortionCoeficients>
</rdf:Description></rdf:RDF></x:xmpmeta>
)"));
    writeSeed(
        dir / "realitycapture-csv",
        poseInput(
            5,
            "#name,x,y,alt,heading,pitch,roll,f,px,py,k1,k2,k3,k4,t1,t2\n"
            "a.png,1,2,3,0,90,0,36,0.01,-0.02,0.1,0,0,0,0.004,0.005\nb.png,4,5,6,90,90,0,18,0,0,0,0,0,0,0,0\n"
            "c.png,1,2,3,0,90,0,nan\n"));
    writeSeed(dir / "nerf",
              poseInput(6, R"({"w": 400, "h": 300, "fl_x": 500, "fl_y": 510, "cx": 201, "cy": 151,
 "k1": 0.1, "k2": -0.01, "p1": 0.001, "p2": 0.002, "camera_model": "OPENCV",
 "frames": [{"file_path": "a.png", "transform_matrix": [[0, 0, -1, 1], [-1, 0, 0, 2], [0, 1, 0, 3], [0, 0, 0, 1]]},
  {"file_path": "b", "fl_x": 600, "transform_matrix": [[0, 0, -1, 1], [-1, 0, 0, 2], [0, 1, 0, 3], [0, 0, 0, 1]]}]})"));
    writeSeed(dir / "nerf-fov", poseInput(6, R"({"camera_angle_x": 0.7610, "frames": [{"file_path": "./a",
 "transform_matrix": [[0, 0, -1, 1], [-1, 0, 0, 2], [0, 1, 0, 3], [0, 0, 0, 1]]}]})"));
    writeSeed(dir / "openmvs",
              poseInput(7, "CAMERA platform=0 camera=0 width=640 height=480 K=500 0 320 0 500 240 0 0 1\n"
                           "CAMERA platform=0 camera=1 width=0 height=0 K=1.25 0 0.5 0 1.25 0.375 0 0 1\n"
                           "IMAGE 0 x.jpg 0 0 0 R= 1 0 0 0 1 0 0 0 1 C= 0 0 0\nIMAGE 1 a.png 0 1 1 R= 1 0 0 "
                           "0 1 0 0 0 1 C= 1 2 3\n"));
    writeSeed(dir / "projection-matrices",
              poseInput(8, "320 -500 0 680\n240 0 -500 1260\n1 0 0 -1\n",
                        "[global]\nncams=1\n\n[imageResolutions]\na=640x480\n", true));
}

void poseImages() {
    // Small and flat, so they compress to almost nothing.
    if (core::Status s = core::writePng(gOut / "data/poses/a.png", core::Image8(400, 300)); !s) std::exit(1);
    if (core::Status s = core::writePng(gOut / "data/poses/b.png", core::Image8(300, 400)); !s) std::exit(1);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s TESTS_FUZZ_FOLDER\n", argv[0]);
        return 2;
    }
    gOut = argv[1];
    manifestSeeds();
    roomCacheSeeds();
    imageSeeds();
    colmapSeeds();
    otherPoseSeeds();
    poseImages();
    return 0;
}
