// Unit tests of the asset module's options, texture decoding and mip building. Importer tests
// live in asset_import_test.cpp.
#include <gtest/gtest.h>

#include "log_capture.h"
#include "test_folder.h"

#include <cmath>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "asset/import.h"
#include "asset/mesh_builder.h"
#include "asset/texture.h"
#include "core/files.h"
#include "core/image.h"
#include "core/log.h"

namespace fs = std::filesystem;
using namespace sr::asset;

namespace {
using sr::test::LogCapture;

fs::path testFolder() { return sr::test::freshTestFolder("asset"); }

sr::core::Image8 solidImage(uint32_t w, uint32_t h, uint32_t rgba) {
    sr::core::Image8 image{w, h};
    for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t x = 0; x < w; ++x) {
            for (int c = 0; c < 4; ++c) image.at(x, y)[c] = uint8_t(rgba >> (8 * c));
        }
    }
    return image;
}

std::vector<uint8_t> pngBytes(const sr::core::Image8& image, const fs::path& folder) {
    fs::path file = folder / "image.png";
    EXPECT_TRUE(sr::core::writePng(file, image).ok());
    return *sr::core::readFile(file);
}

// A PNG signature and IHDR chunk declaring `w` x `h` RGBA pixels, and nothing else.
std::vector<uint8_t> pngHeaderOnly(uint32_t w, uint32_t h) {
    std::vector<uint8_t> bytes = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a,
                                  0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    for (uint32_t v : {w, h}) {
        for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(uint8_t(v >> shift));
    }
    bytes.insert(bytes.end(), {8, 6, 0, 0, 0, 0, 0, 0, 0}); // depth, RGBA, methods, (unchecked) CRC
    return bytes;
}

} // namespace

TEST(AssetOptions, ParseUpAxisAcceptsSignedAndBareAxes) {
    EXPECT_EQ(*parseUpAxis("+Y"), UpAxis::PosY);
    EXPECT_EQ(*parseUpAxis("-z"), UpAxis::NegZ);
    EXPECT_EQ(*parseUpAxis("X"), UpAxis::PosX);
    EXPECT_EQ(*parseUpAxis(" +Z "), UpAxis::PosZ);
    EXPECT_EQ(*parseUpAxis("-x"), UpAxis::NegX);
    EXPECT_EQ(*parseUpAxis("-Y"), UpAxis::NegY);
}

TEST(AssetOptions, ParseUpAxisRejectsUnknownValuesNamingTheChoices) {
    for (const char* bad : {"", "up", "+W", "++Y", "Y+", "xy"}) {
        auto r = parseUpAxis(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_NE(r.error().message.find("+X, -X, +Y, -Y, +Z, -Z"), std::string::npos) << r.error().message;
    }
}

TEST(AssetOptions, ParseUnitsGivesMetresPerUnit) {
    EXPECT_FLOAT_EQ(*parseUnits("m"), 1.0f);
    EXPECT_FLOAT_EQ(*parseUnits("cm"), 0.01f);
    EXPECT_FLOAT_EQ(*parseUnits("MM"), 0.001f);
    EXPECT_FLOAT_EQ(*parseUnits("in"), 0.0254f);
    EXPECT_FLOAT_EQ(*parseUnits(" ft"), 0.3048f);
}

TEST(AssetOptions, ParseUnitsRejectsUnknownUnits) {
    for (const char* bad : {"", "metre", "km", "furlong", "1"}) {
        auto r = parseUnits(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_NE(r.error().message.find("m, cm, mm, in, ft"), std::string::npos) << r.error().message;
    }
}

TEST(AssetOptions, EveryUpAxisIsRotatedOntoPlusZ) {
    struct Case {
        UpAxis axis;
        glm::vec3 up;
    };
    for (Case c :
         {Case{UpAxis::PosX, {1, 0, 0}}, Case{UpAxis::NegX, {-1, 0, 0}}, Case{UpAxis::PosY, {0, 1, 0}},
          Case{UpAxis::NegY, {0, -1, 0}}, Case{UpAxis::PosZ, {0, 0, 1}}, Case{UpAxis::NegZ, {0, 0, -1}}}) {
        glm::mat3 r = detail::upAxisRotation(c.axis);
        glm::vec3 up = r * c.up;
        EXPECT_NEAR(up.x, 0.0f, 1e-6f);
        EXPECT_NEAR(up.y, 0.0f, 1e-6f);
        EXPECT_NEAR(up.z, 1.0f, 1e-6f);
        EXPECT_NEAR(glm::determinant(r), 1.0f, 1e-6f); // a rotation: no mirroring
    }
    // The usual Y-up to Z-up convention: the file's -Z (glTF's forward) becomes +Y.
    glm::vec3 forward = detail::upAxisRotation(UpAxis::PosY) * glm::vec3(0, 0, -1);
    EXPECT_NEAR(forward.y, 1.0f, 1e-6f);
}

TEST(AssetTexture, BuildTextureMakesTheFullMipChain) {
    Texture t = buildTexture(solidImage(16, 4, 0xff336699), "chain", 4096);
    ASSERT_EQ(t.mips.size(), 5u); // 16x4, 8x2, 4x1, 2x1, 1x1
    const uint32_t sizes[5][2] = {{16, 4}, {8, 2}, {4, 1}, {2, 1}, {1, 1}};
    for (size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(t.mips[i].width, sizes[i][0]);
        EXPECT_EQ(t.mips[i].height, sizes[i][1]);
        EXPECT_EQ(t.mips[i].pixels.size(), size_t(sizes[i][0]) * sizes[i][1] * 4);
    }
    EXPECT_EQ(t.name, "chain");
    // A flat colour stays that colour all the way down.
    EXPECT_EQ(t.mips[4].pixels[0], 0x99);
    EXPECT_EQ(t.mips[4].pixels[3], 0xff);
}

TEST(AssetTexture, MipsAverageInLinearLight) {
    sr::core::Image8 image = solidImage(2, 1, 0xff000000);
    for (int c = 0; c < 3; ++c) image.at(1, 0)[c] = 255;
    Texture t = buildTexture(image, "black and white", 4096);
    ASSERT_EQ(t.mips.size(), 2u);
    // Half white in linear light is sRGB 188; averaging the encoded values would give 128.
    EXPECT_NEAR(int(t.mips[1].pixels[0]), 188, 4);
}

TEST(AssetTexture, OversizedImageIsDownsampledKeepingAspectAndLogged) {
    LogCapture log;
    Texture t = buildTexture(solidImage(64, 16, 0xff0000ff), "walls.jpg", 32);
    EXPECT_EQ(t.mips[0].width, 32u);
    EXPECT_EQ(t.mips[0].height, 8u);
    EXPECT_EQ(t.mips.size(), 6u);
    EXPECT_EQ(log.count({"walls.jpg", "64x16", "32x8"}), 1u);
}

TEST(AssetTexture, DecodeImageReadsPngAsRgbaTopRowFirst) {
    fs::path folder = testFolder();
    sr::core::Image8 image = solidImage(3, 2, 0xff00ff00);
    image.at(0, 0)[0] = 255; // top-left red channel up
    auto decoded = decodeImage(pngBytes(image, folder), "pixels.png", 1000);
    ASSERT_TRUE(decoded.ok()) << decoded.error().describe();
    EXPECT_EQ(decoded->width, 3u);
    EXPECT_EQ(decoded->height, 2u);
    EXPECT_EQ(decoded->pixels, image.pixels);
}

TEST(AssetTexture, DecodeImageRefusesAnImageOverThePixelLimit) {
    fs::path folder = testFolder();
    auto decoded = decodeImage(pngBytes(solidImage(16, 16, 0xffffffff), folder), "big.png", 255);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().path, "big.png");
    EXPECT_NE(decoded.error().message.find("16x16"), std::string::npos) << decoded.error().message;
    EXPECT_NE(decoded.error().message.find("before decoding"), std::string::npos) << decoded.error().message;
}

TEST(AssetTexture, DecodeImageRefusesAHeaderClaiming60000SquareBeforeDecoding) {
    std::vector<uint8_t> bomb = pngHeaderOnly(60000, 60000);
    auto decoded = decodeImage(bomb, "bomb.png", uint64_t(16384) * 16384);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().path, "bomb.png");
    // stb_image's header check or ours, either way before any pixel memory exists.
    EXPECT_FALSE(decoded.error().message.empty());
    // Under stb's own size sanity limit, the pixel limit alone refuses it.
    auto large = decodeImage(pngHeaderOnly(12000, 12000), "large.png", uint64_t(8192) * 8192);
    ASSERT_FALSE(large.ok());
    EXPECT_NE(large.error().message.find("12000x12000"), std::string::npos) << large.error().message;
}

TEST(AssetTexture, DecodeImageRefusesGarbageAndEmptyInput) {
    std::vector<uint8_t> garbage(200);
    for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = uint8_t(i * 37 + 11);
    auto decoded = decodeImage(garbage, "noise.png", 1 << 20);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().path, "noise.png");
    EXPECT_NE(decoded.error().message.find("not a readable image"), std::string::npos);
    EXPECT_FALSE(decodeImage({}, "empty.png", 1 << 20).ok());
}

TEST(AssetTexture, DecodeImageRefusesATruncatedPng) {
    fs::path folder = testFolder();
    std::vector<uint8_t> bytes = pngBytes(solidImage(32, 32, 0xff102030), folder);
    bytes.resize(bytes.size() / 2);
    auto decoded = decodeImage(bytes, "cut.png", 1 << 20);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().path, "cut.png");
}

TEST(AssetTexture, LoadTextureNamesAMissingFile) {
    fs::path folder = testFolder();
    auto t = loadTexture(folder / "absent.png", 4096, 1 << 20);
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.error().describe().find("absent.png"), std::string::npos);
}

TEST(AssetTexture, LoadTextureBuildsMipsFromAFile) {
    fs::path folder = testFolder();
    ASSERT_TRUE(sr::core::writePng(folder / "atlas.png", solidImage(8, 8, 0xff808080)).ok());
    auto t = loadTexture(folder / "atlas.png", 4096, 1 << 20);
    ASSERT_TRUE(t.ok()) << t.error().describe();
    EXPECT_EQ(t->mips.size(), 4u);
    EXPECT_EQ(t->name, (folder / "atlas.png").string());
}
