// Unit tests of the lightbox photos: EXIF orientation, header probing, the tiled pyramid and the
// background loader. Fixtures are generated here, EXIF segments spliced in by hand.
#include <gtest/gtest.h>

#include "log_capture.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>

#include "asset/exif.h"
#include "asset/photo.h"
#include "core/files.h"
#include "core/image.h"

namespace fs = std::filesystem;
using namespace sr::asset;
using sr::core::Image8;

namespace {
using sr::test::LogCapture;

constexpr uint32_t kRed = 0xff0000ff, kGreen = 0xff00ff00, kBlue = 0xffff0000, kWhite = 0xffffffff;

// A fresh folder per test under the build's test output.
fs::path testFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    fs::path folder =
        fs::path(SR_TEST_OUTPUT) / "photo" / (std::string(info->test_suite_name()) + "." + info->name());
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

void setPixel(Image8& image, uint32_t x, uint32_t y, uint32_t rgba) {
    for (int c = 0; c < 4; ++c) image.at(x, y)[c] = uint8_t(rgba >> (8 * c));
}

uint32_t pixel(const Image8& image, uint32_t x, uint32_t y) {
    const uint8_t* p = image.at(x, y);
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// Red, green / blue, white quadrants (top left, top right / bottom left, bottom right).
Image8 quadrants(uint32_t w, uint32_t h) {
    Image8 image{w, h};
    for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t x = 0; x < w; ++x) {
            const bool right = x >= w / 2, bottom = y >= h / 2;
            setPixel(image, x, y, bottom ? (right ? kWhite : kBlue) : (right ? kGreen : kRed));
        }
    }
    return image;
}

// Detail that differs at every pixel, so a misplaced tile or pixel shows.
Image8 pattern(uint32_t w, uint32_t h) {
    Image8 image{w, h};
    for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t x = 0; x < w; ++x) {
            uint8_t* p = image.at(x, y);
            p[0] = uint8_t(x * 7 + y), p[1] = uint8_t(y * 5 + (x >> 3)), p[2] = uint8_t((x ^ y) * 3),
            p[3] = 255;
        }
    }
    return image;
}

// The quadrant colour nearest to the pixel, or 0 when none is close (JPEG blurs a little).
uint32_t quadrantColour(const Image8& image, uint32_t x, uint32_t y) {
    for (uint32_t colour : {kRed, kGreen, kBlue, kWhite}) {
        bool close = true;
        for (int c = 0; c < 3; ++c)
            close = close && std::abs(int(image.at(x, y)[c]) - int((colour >> (8 * c)) & 255)) < 40;
        if (close) return colour;
    }
    return 0;
}

std::vector<uint8_t> encodeJpeg(const Image8& image) {
    std::vector<uint8_t> bytes;
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(context);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    EXPECT_NE(stbi_write_jpg_to_func(append, &bytes, int(image.width), int(image.height), 4,
                                     image.pixels.data(), 95),
              0);
    return bytes;
}

// An APP1 "Exif" segment whose IFD0 holds one orientation entry (SHORT).
std::vector<uint8_t> exifSegment(int orientation, bool littleEndian) {
    auto put16 = [&](std::vector<uint8_t>& out, uint16_t v) {
        if (littleEndian)
            out.insert(out.end(), {uint8_t(v), uint8_t(v >> 8)});
        else
            out.insert(out.end(), {uint8_t(v >> 8), uint8_t(v)});
    };
    auto put32 = [&](std::vector<uint8_t>& out, uint32_t v) {
        littleEndian ? (put16(out, uint16_t(v)), put16(out, uint16_t(v >> 16)))
                     : (put16(out, uint16_t(v >> 16)), put16(out, uint16_t(v)));
    };
    std::vector<uint8_t> tiff = {uint8_t(littleEndian ? 'I' : 'M'), uint8_t(littleEndian ? 'I' : 'M')};
    put16(tiff, 42), put32(tiff, 8), put16(tiff, 1);                    // header, IFD0 with one entry
    put16(tiff, 0x0112), put16(tiff, 3), put32(tiff, 1);                // orientation, SHORT, count 1
    put16(tiff, uint16_t(orientation)), put16(tiff, 0), put32(tiff, 0); // value (padded), no next IFD
    std::vector<uint8_t> payload = {'E', 'x', 'i', 'f', 0, 0};
    payload.insert(payload.end(), tiff.begin(), tiff.end());
    const size_t length = payload.size() + 2;
    std::vector<uint8_t> segment = {0xFF, 0xE1, uint8_t(length >> 8), uint8_t(length)};
    segment.insert(segment.end(), payload.begin(), payload.end());
    return segment;
}

// The JPEG with `segment` spliced in right after its start-of-image marker.
std::vector<uint8_t> withSegment(std::vector<uint8_t> jpeg, const std::vector<uint8_t>& segment) {
    jpeg.insert(jpeg.begin() + 2, segment.begin(), segment.end());
    return jpeg;
}

fs::path writeFile(const fs::path& file, const std::vector<uint8_t>& bytes) {
    EXPECT_TRUE(sr::core::writeFileAtomic(file, bytes).ok());
    return file;
}

// Index of the first `marker` (0xFF, marker) in a JPEG's header.
size_t findMarker(const std::vector<uint8_t>& jpeg, uint8_t marker) {
    for (size_t i = 2; i + 1 < jpeg.size(); ++i) {
        if (jpeg[i] == 0xFF && jpeg[i + 1] == marker) return i;
    }
    ADD_FAILURE() << "no marker " << int(marker);
    return 0;
}

// A PNG signature and IHDR chunk declaring `w` x `h` RGBA pixels, and nothing else.
std::vector<uint8_t> pngHeaderOnly(uint32_t w, uint32_t h) {
    std::vector<uint8_t> bytes = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a,
                                  0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    for (uint32_t v : {w, h}) {
        for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(uint8_t(v >> shift));
    }
    bytes.insert(bytes.end(), {8, 6, 0, 0, 0, 0, 0, 0, 0});
    return bytes;
}

Image8 decodeJpeg(const std::vector<uint8_t>& bytes) {
    int w = 0, h = 0, n = 0;
    stbi_uc* data = stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &n, 4);
    EXPECT_NE(data, nullptr);
    Image8 image{uint32_t(w), uint32_t(h)};
    if (data) std::memcpy(image.pixels.data(), data, image.pixels.size());
    stbi_image_free(data);
    return image;
}

// Level `level` of a pyramid, stitched from its tiles.
Image8 stitch(const PhotoPyramid& pyramid, uint32_t level) {
    Image8 out{pyramid.width(level), pyramid.height(level)};
    for (uint32_t ty = 0; ty < pyramid.tilesY(level); ++ty) {
        for (uint32_t tx = 0; tx < pyramid.tilesX(level); ++tx) {
            const Image8& tile = pyramid.tile(level, tx, ty);
            for (uint32_t y = 0; y < tile.height; ++y) {
                std::memcpy(out.at(tx * kPhotoTileSize, ty * kPhotoTileSize + y), tile.at(0, y),
                            tile.width * 4);
            }
        }
    }
    return out;
}

void expectContains(const std::string& text, const std::string& part) {
    EXPECT_NE(text.find(part), std::string::npos) << "'" << text << "' lacks '" << part << "'";
}

// Expected quadrant colours (top left, top right, bottom left, bottom right) per orientation.
constexpr uint32_t kExpectedCorners[9][4] = {
    {},
    {kRed, kGreen, kBlue, kWhite},
    {kGreen, kRed, kWhite, kBlue},
    {kWhite, kBlue, kGreen, kRed},
    {kBlue, kWhite, kRed, kGreen},
    {kRed, kBlue, kGreen, kWhite},
    {kBlue, kRed, kWhite, kGreen},
    {kWhite, kGreen, kBlue, kRed},
    {kGreen, kWhite, kRed, kBlue},
};

void expectCorners(const Image8& image, int orientation, bool exact) {
    const uint32_t w = image.width, h = image.height;
    const uint32_t points[4][2] = {
        {w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
    for (int i = 0; i < 4; ++i) {
        const uint32_t got = exact ? pixel(image, points[i][0], points[i][1])
                                   : quadrantColour(image, points[i][0], points[i][1]);
        EXPECT_EQ(got, kExpectedCorners[orientation][i]) << "orientation " << orientation << " corner " << i;
    }
}

} // namespace

TEST(ExifOrientation, ApplyOrientationPlacesQuadrantsForAllEight) {
    const Image8 source = quadrants(8, 4);
    for (int orientation = 1; orientation <= 8; ++orientation) {
        const Image8 out = applyOrientation(source, orientation);
        const bool swapped = orientation >= 5;
        EXPECT_EQ(out.width, swapped ? 4u : 8u);
        EXPECT_EQ(out.height, swapped ? 8u : 4u);
        expectCorners(out, orientation, true);
        uint32_t w = 0, h = 0;
        orientedSize(8, 4, orientation, w, h);
        EXPECT_EQ(w, out.width);
        EXPECT_EQ(h, out.height);
    }
}

TEST(ExifOrientation, ReadsTheTagInBothByteOrders) {
    const std::vector<uint8_t> jpeg = encodeJpeg(quadrants(16, 8));
    for (int orientation = 1; orientation <= 8; ++orientation) {
        EXPECT_EQ(readExifOrientation(withSegment(jpeg, exifSegment(orientation, true))), orientation);
        EXPECT_EQ(readExifOrientation(withSegment(jpeg, exifSegment(orientation, false))), orientation);
    }
}

TEST(ExifOrientation, IsOneWithoutExif) {
    const std::vector<uint8_t> jpeg = encodeJpeg(quadrants(16, 8));
    EXPECT_EQ(readExifOrientation(jpeg), 1);
    const JpegHeader header = readJpegHeader(jpeg);
    EXPECT_EQ(header.status, JpegHeader::Status::Ok);
    EXPECT_EQ(header.width, 16u);
    EXPECT_EQ(header.height, 8u);
    EXPECT_TRUE(jpegHasEndMarker(jpeg));
    EXPECT_EQ(readExifOrientation({}), 1);
}

TEST(ExifOrientation, IgnoresGarbageAndTruncatedSegmentsSafely) {
    const std::vector<uint8_t> jpeg = encodeJpeg(quadrants(16, 8));
    const std::vector<uint8_t> good = exifSegment(6, false);
    std::vector<std::vector<uint8_t>> bad;
    auto variant = [&](size_t index, uint8_t value) {
        std::vector<uint8_t> segment = good;
        segment[index] = value;
        bad.push_back(segment);
    };
    variant(10, 'X');                     // byte order neither II nor MM
    variant(13, 43);                      // TIFF magic not 42
    variant(14, 0xFF), variant(17, 0xF0); // IFD0 offset far outside the segment
    {
        std::vector<uint8_t> segment = good; // 65535 entries in a 12-byte table, none of them orientation
        segment[18] = segment[19] = 0xFF;
        segment[21] = 0x11;
        bad.push_back(segment);
    }
    variant(23, 4);   // orientation as LONG, not SHORT
    variant(29, 9);   // value outside 1..8
    variant(2, 0xFF); // segment length past the end of the file
    variant(3, 1);    // segment length below 2
    std::vector<uint8_t> shortTiff(good.begin(), good.begin() + 16); // TIFF cut short
    shortTiff[3] = 14;
    bad.push_back(shortTiff);
    for (const auto& segment : bad) {
        EXPECT_EQ(readExifOrientation(withSegment(jpeg, segment)), 1);
    }
    // Deterministic noise after a start-of-image marker, and the file cut at every length.
    uint32_t state = 12345;
    std::vector<uint8_t> noisy = withSegment(jpeg, good);
    for (size_t i = 4; i < 40; ++i) noisy[i] = uint8_t((state = state * 1664525u + 1013904223u) >> 24);
    const std::vector<uint8_t> exif = withSegment(jpeg, good);
    for (size_t n = 0; n <= exif.size(); n += 7) {
        std::span<const uint8_t> cut(exif.data(), n);
        const int orientation = readExifOrientation(cut);
        EXPECT_TRUE(orientation == 1 || orientation == 6);
        EXPECT_EQ(jpegHasEndMarker(cut), n == exif.size());
    }
    EXPECT_TRUE(jpegHasEndMarker(exif));
    const int orientation = readExifOrientation(noisy);
    EXPECT_TRUE(orientation >= 1 && orientation <= 8);
    (void)jpegHasEndMarker(noisy);
}

TEST(PhotoProbe, ReadsSizeOrientationAndFormatFromTheHeader) {
    const fs::path folder = testFolder();
    const std::vector<uint8_t> bytes = withSegment(encodeJpeg(quadrants(96, 64)), exifSegment(6, true));
    const fs::path file = writeFile(folder / "turned.jpg", bytes);
    auto info = probePhoto(file);
    ASSERT_TRUE(info.ok()) << info.error().describe();
    EXPECT_EQ(info->width, 64u);
    EXPECT_EQ(info->height, 96u);
    EXPECT_EQ(info->orientation, 6);
    EXPECT_EQ(info->format, "JPEG");
    EXPECT_EQ(info->fileBytes, bytes.size());
    ASSERT_TRUE(sr::core::writePng(folder / "plain.png", quadrants(30, 20)).ok());
    auto png = probePhoto(folder / "plain.png");
    ASSERT_TRUE(png.ok()) << png.error().describe();
    EXPECT_EQ(png->width, 30u);
    EXPECT_EQ(png->orientation, 1);
    EXPECT_EQ(png->format, "PNG");
}

TEST(PhotoProbe, RefusesHeadersClaiming60000SquareBeforeDecoding) {
    const fs::path folder = testFolder();
    std::vector<uint8_t> jpeg = encodeJpeg(quadrants(16, 8));
    const size_t sof = findMarker(jpeg, 0xC0);
    for (size_t i : {sof + 5, sof + 7}) jpeg[i] = 60000 >> 8, jpeg[i + 1] = 60000 & 255;
    for (const fs::path& file : {writeFile(folder / "bomb.jpg", jpeg),
                                 writeFile(folder / "bomb.png", pngHeaderOnly(60000, 60000))}) {
        auto info = probePhoto(file);
        ASSERT_FALSE(info.ok());
        EXPECT_EQ(info.error().path, file.string());
        expectContains(info.error().message, "60000 x 60000");
        expectContains(info.error().message, "120000000");
        auto load = loadPhoto(file);
        ASSERT_FALSE(load.ok());
        expectContains(load.error().message, "before decoding");
    }
}

TEST(PhotoProbe, ReportsMissingEmptyNonImageAndUnsupportedFiles) {
    const fs::path folder = testFolder();
    auto missing = probePhoto(folder / "absent.jpg");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().path, (folder / "absent.jpg").string());
    expectContains(missing.error().message, "not found");
    auto empty = probePhoto(writeFile(folder / "empty.jpg", {}));
    ASSERT_FALSE(empty.ok());
    expectContains(empty.error().message, "empty");
    auto text =
        probePhoto(writeFile(folder / "notes.jpg", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}));
    ASSERT_FALSE(text.ok());
    expectContains(text.error().message, "not an image");
    auto gif =
        probePhoto(writeFile(folder / "anim.gif", {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0}));
    ASSERT_FALSE(gif.ok());
    expectContains(gif.error().message, "unsupported image format GIF");
    auto folderAsFile = probePhoto(folder);
    EXPECT_FALSE(folderAsFile.ok());
    PhotoLimits small;
    small.maxFileBytes = 4;
    auto tooBig = probePhoto(writeFile(folder / "big.jpg", encodeJpeg(quadrants(16, 8))), small);
    ASSERT_FALSE(tooBig.ok());
    expectContains(tooBig.error().message, "over the limit");
}

TEST(PhotoLoad, RefusesCorruptAndTruncatedJpegNamingTheFile) {
    LogCapture log;
    const fs::path folder = testFolder();
    const std::vector<uint8_t> jpeg = encodeJpeg(pattern(64, 48));
    std::vector<uint8_t> corrupt = jpeg;
    const size_t dht = findMarker(corrupt, 0xC4);
    std::fill(corrupt.begin() + dht + 5, corrupt.begin() + dht + 21, 0xF0); // impossible code counts
    const fs::path corruptFile = writeFile(folder / "corrupt.jpg", corrupt);
    auto bad = loadPhoto(corruptFile);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().path, corruptFile.string());
    expectContains(bad.error().describe(), "corrupt.jpg");
    expectContains(bad.error().message, "JPEG");

    const fs::path cutFile = writeFile(folder / "cut.jpg", {jpeg.begin(), jpeg.begin() + jpeg.size() / 2});
    EXPECT_TRUE(probePhoto(cutFile).ok()); // the header is intact; only loading can tell
    auto cut = loadPhoto(cutFile);
    ASSERT_FALSE(cut.ok());
    EXPECT_EQ(cut.error().path, cutFile.string());
    expectContains(cut.error().message, "truncated JPEG");

    const fs::path headFile = writeFile(folder / "head.jpg", {jpeg.begin(), jpeg.begin() + 30});
    auto head = probePhoto(headFile);
    ASSERT_FALSE(head.ok());
    expectContains(head.error().message, "truncated JPEG");
}

TEST(PhotoLoad, RefusesCorruptAndTruncatedPngNamingTheFile) {
    LogCapture log;
    const fs::path folder = testFolder();
    ASSERT_TRUE(sr::core::writePng(folder / "good.png", pattern(64, 48)).ok());
    const std::vector<uint8_t> png = *sr::core::readFile(folder / "good.png");
    std::vector<uint8_t> corrupt = png;
    const auto idat = std::search(corrupt.begin(), corrupt.end(), std::begin("IDAT"), std::end("IDAT") - 1);
    ASSERT_NE(idat, corrupt.end());
    idat[4] = 0xFF, idat[5] = 0xFF; // zlib header
    const fs::path corruptFile = writeFile(folder / "corrupt.png", corrupt);
    auto bad = loadPhoto(corruptFile);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().path, corruptFile.string());
    expectContains(bad.error().message, "PNG");

    const fs::path cutFile = writeFile(folder / "cut.png", {png.begin(), png.begin() + png.size() / 2});
    auto cut = loadPhoto(cutFile);
    ASSERT_FALSE(cut.ok());
    EXPECT_EQ(cut.error().path, cutFile.string());
    expectContains(cut.error().message, "truncated PNG");
    auto head = probePhoto(writeFile(folder / "head.png", {png.begin(), png.begin() + 20}));
    ASSERT_FALSE(head.ok());
    expectContains(head.error().message, "truncated PNG");
}

TEST(PhotoLoad, AppliesEachExifOrientationToTheTiles) {
    LogCapture log;
    const fs::path folder = testFolder();
    // Wider than two tiles and taller than one, so rotated photos cross tile edges both ways.
    const std::vector<uint8_t> jpeg = encodeJpeg(quadrants(1100, 700));
    const Image8 decoded = decodeJpeg(jpeg);
    for (int orientation = 1; orientation <= 8; ++orientation) {
        const fs::path file = writeFile(folder / ("o" + std::to_string(orientation) + ".jpg"),
                                        withSegment(jpeg, exifSegment(orientation, orientation % 2 == 0)));
        auto pyramid = loadPhoto(file);
        ASSERT_TRUE(pyramid.ok()) << pyramid.error().describe();
        const Image8 expected = applyOrientation(decoded, orientation);
        ASSERT_EQ(pyramid->width(0), expected.width);
        ASSERT_EQ(pyramid->height(0), expected.height);
        const Image8 level0 = stitch(*pyramid, 0);
        EXPECT_TRUE(level0.pixels == expected.pixels) << "orientation " << orientation;
        expectCorners(level0, orientation, false);
    }
}

TEST(PhotoPyramid, LevelSizesAndTileCountsHalveDownTo256) {
    const PhotoPyramid pyramid = PhotoPyramid::fromImage(pattern(1500, 1000));
    ASSERT_EQ(pyramid.levelCount(), 4u);
    const uint32_t expected[4][4] = {
        {1500, 1000, 3, 2}, {750, 500, 2, 1}, {375, 250, 1, 1}, {187, 125, 1, 1}};
    uint64_t bytes = 0;
    for (uint32_t level = 0; level < 4; ++level) {
        EXPECT_EQ(pyramid.width(level), expected[level][0]);
        EXPECT_EQ(pyramid.height(level), expected[level][1]);
        EXPECT_EQ(pyramid.tilesX(level), expected[level][2]);
        EXPECT_EQ(pyramid.tilesY(level), expected[level][3]);
        bytes += uint64_t(expected[level][0]) * expected[level][1] * 4;
    }
    EXPECT_EQ(pyramid.memoryBytes(), bytes);
    EXPECT_EQ(pyramid.tile(0, 2, 1).width, 1500u - 1024u);
    EXPECT_EQ(pyramid.tile(0, 2, 1).height, 1000u - 512u);
    EXPECT_EQ(PhotoPyramid::fromImage(pattern(200, 100)).levelCount(), 1u);
    EXPECT_EQ(PhotoPyramid().levelCount(), 0u);
}

TEST(PhotoPyramid, TilesHoldTheSourcePixels) {
    LogCapture log;
    const fs::path folder = testFolder();
    const Image8 source = pattern(1500, 1000);
    ASSERT_TRUE(sr::core::writePng(folder / "detail.png", source).ok());
    auto pyramid = loadPhoto(folder / "detail.png");
    ASSERT_TRUE(pyramid.ok()) << pyramid.error().describe();
    const uint32_t samples[][2] = {{0, 0},      {511, 511},  {512, 0},  {1023, 511},
                                   {1024, 512}, {1499, 999}, {700, 900}};
    for (const auto& s : samples) {
        const Image8& tile = pyramid->tile(0, s[0] / kPhotoTileSize, s[1] / kPhotoTileSize);
        EXPECT_EQ(pixel(tile, s[0] % kPhotoTileSize, s[1] % kPhotoTileSize), pixel(source, s[0], s[1]))
            << s[0] << "," << s[1];
    }
    EXPECT_TRUE(stitch(*pyramid, 0).pixels == source.pixels);
}

TEST(PhotoPyramid, LevelsMatchResamplingTheWholeImageWithoutSeams) {
    const Image8 source = pattern(1500, 1000);
    const PhotoPyramid pyramid = PhotoPyramid::fromImage(source);
    Image8 previous = source;
    for (uint32_t level = 1; level < pyramid.levelCount(); ++level) {
        Image8 expected{pyramid.width(level), pyramid.height(level)};
        ASSERT_TRUE(stbir_resize_uint8_srgb(previous.pixels.data(), int(previous.width), int(previous.height),
                                            0, expected.pixels.data(), int(expected.width),
                                            int(expected.height), 0, 4, 3, 0));
        const Image8 actual = stitch(pyramid, level);
        int worst = 0;
        for (size_t i = 0; i < actual.pixels.size(); ++i) {
            worst = std::max(worst, std::abs(int(actual.pixels[i]) - int(expected.pixels[i])));
        }
        EXPECT_LE(worst, 1) << "level " << level;
        previous = actual;
    }
}

TEST(PhotoPyramid, LevelForScalePicksTheCoarsestSharpLevel) {
    const PhotoPyramid pyramid = PhotoPyramid::fromImage(pattern(1500, 1000));
    EXPECT_EQ(pyramid.levelForScale(4.0f), 0u);
    EXPECT_EQ(pyramid.levelForScale(1.0f), 0u);
    EXPECT_EQ(pyramid.levelForScale(0.6f), 0u);
    EXPECT_EQ(pyramid.levelForScale(0.5f), 1u);
    EXPECT_EQ(pyramid.levelForScale(0.3f), 1u);
    EXPECT_EQ(pyramid.levelForScale(0.25f), 2u);
    EXPECT_EQ(pyramid.levelForScale(0.125f), 3u);
    EXPECT_EQ(pyramid.levelForScale(0.01f), 3u);
    EXPECT_EQ(pyramid.levelForScale(0.0f), 3u);
    EXPECT_EQ(pyramid.levelForScale(-1.0f), 3u);
    EXPECT_EQ(pyramid.levelForScale(std::nanf("")), 3u);
    EXPECT_EQ(PhotoPyramid().levelForScale(1.0f), 0u);
}

TEST(PhotoPyramid, OverviewIsTheFinestLevelThatFits) {
    const Image8 source = pattern(1500, 1000);
    const PhotoPyramid pyramid = PhotoPyramid::fromImage(source);
    const Image8 full = pyramid.overview(4096);
    EXPECT_EQ(full.width, 1500u);
    EXPECT_TRUE(full.pixels == source.pixels);
    const Image8 half = pyramid.overview(1000);
    EXPECT_EQ(half.width, 750u);
    EXPECT_EQ(half.height, 500u);
    EXPECT_TRUE(half.pixels == stitch(pyramid, 1).pixels);
    const Image8 thumb = pyramid.overview(100);
    EXPECT_EQ(thumb.width, 100u);
    EXPECT_EQ(thumb.height, 67u);
}

TEST(PhotoLoader, LoadsInTheBackgroundLikeLoadPhoto) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path file =
        writeFile(folder / "detail.jpg", withSegment(encodeJpeg(pattern(900, 600)), exifSegment(8, true)));
    PhotoLoader loader;
    auto request = loader.request(file);
    auto missing = loader.request(folder / "absent.jpg");
    request->wait();
    missing->wait();
    ASSERT_TRUE(request->ready());
    auto pyramid = request->take();
    ASSERT_TRUE(pyramid.ok()) << pyramid.error().describe();
    EXPECT_EQ(pyramid->width(0), 600u);
    EXPECT_EQ(pyramid->height(0), 900u);
    auto direct = loadPhoto(file);
    ASSERT_TRUE(direct.ok());
    for (uint32_t level = 0; level < direct->levelCount(); ++level) {
        EXPECT_TRUE(stitch(*pyramid, level).pixels == stitch(*direct, level).pixels) << "level " << level;
    }
    EXPECT_FALSE(request->take().ok()); // taken once
    auto absent = missing->take();
    ASSERT_FALSE(absent.ok());
    expectContains(absent.error().message, "not found");
}

TEST(PhotoLoader, SurvivesCancellationAndDestructionMidLoad) {
    LogCapture log;
    const fs::path folder = testFolder();
    const fs::path file = writeFile(folder / "large.jpg", encodeJpeg(pattern(3000, 2000)));
    std::vector<std::shared_ptr<PhotoRequest>> requests;
    {
        PhotoLoader loader;
        for (int i = 0; i < 4; ++i) requests.push_back(loader.request(file));
        requests[1]->cancel();
        loader.request(file); // dropped at once: skipped
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } // destroyed, most likely while the first photo is loading
    for (size_t i = 0; i < requests.size(); ++i) {
        ASSERT_TRUE(requests[i]->ready());
        auto result = requests[i]->take();
        if (!result.ok()) expectContains(result.error().message, "cancelled");
        EXPECT_TRUE(i != 1 || !result.ok());
    }
}
