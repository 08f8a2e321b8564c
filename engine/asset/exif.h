#pragma once
// JPEG structure read without decoding: the EXIF orientation, the frame size and whether the file
// reaches its end marker; and turning stored pixels the way EXIF orientation says.
//
// Everything here reads untrusted bytes: every offset is checked against the buffer, every loop
// advances, and malformed data gives a neutral answer (orientation 1, "truncated") rather than a
// read out of range. All functions are pure and thread-safe.
#include <cstdint>
#include <span>
#include <string>

#include "core/image.h"

namespace sr::asset {

// What the marker segments before the first scan of a JPEG say.
struct JpegHeader {
    enum class Status {
        Ok,        // a frame header (SOFn) was found
        NotJpeg,   // no start-of-image marker
        Truncated, // the bytes end before a frame header
        Malformed, // a marker or segment length makes no sense, or the frame header is unusable
    };
    Status status = Status::NotJpeg;
    uint32_t width = 0;  // as stored, before orientation; valid when status is Ok
    uint32_t height = 0; // as stored
    int orientation = 1; // EXIF orientation 1..8 from the first APP1 "Exif" segment; 1 when absent
};

// Walks the marker segments of `jpegBytes` from the start-of-image marker to the frame header.
JpegHeader readJpegHeader(std::span<const uint8_t> jpegBytes);

// The EXIF orientation (1..8) of a JPEG: APP1 "Exif\0\0", TIFF header (II or MM), IFD0, tag 0x0112
// of type SHORT. Returns 1 when there is no such tag, or when anything on the way is unreadable or
// out of range (including values outside 1..8).
int readExifOrientation(std::span<const uint8_t> jpegBytes);

// Whether the JPEG's marker structure reaches an end-of-image marker (walking segments and
// entropy-coded data, for baseline and progressive files alike). False for truncated files.
bool jpegHasEndMarker(std::span<const uint8_t> jpegBytes);

// Why the JPEG decoder the product links (stb_image 2.27, Debian 12) must not be given these
// bytes, or empty when it may. That decoder trusts two things it reads and goes out of bounds on
// files that break them: a Huffman table holds at most 256 codes, and a scan decodes only with
// Huffman tables that were defined before it. This walks the marker segments as stb_image does
// (its leading 0xFF fill, padding between segments, entropy-coded data up to the next marker) to
// the end-of-image marker and checks both, and that a scan's components have their quantisation
// tables (another read of uninitialised memory). Bytes that stb_image would not take for a JPEG
// give empty. Linear in the size; never reads outside `bytes`.
std::string jpegDecoderHazard(std::span<const uint8_t> bytes);

// Size of an image of `width` x `height` stored pixels once displayed with EXIF `orientation`:
// swapped for orientations 5..8. Orientations outside 1..8 count as 1.
void orientedSize(uint32_t width, uint32_t height, int orientation, uint32_t& outWidth, uint32_t& outHeight);

// Fills `out` (its size already set) with the displayed image's pixels from (x, y) to
// (x + out.width, y + out.height), taken from tightly packed RGBA8 `stored` pixels of
// `storedWidth` x `storedHeight` (rows top to bottom). The rectangle must lie inside the displayed
// image (asserted). Orientations outside 1..8 count as 1.
void copyOrientedRegion(std::span<const uint8_t> stored, uint32_t storedWidth, uint32_t storedHeight,
                        int orientation, uint32_t x, uint32_t y, core::Image8& out);

// The image as displayed under EXIF `orientation`: 1 as stored, 2 mirrored left-right, 3 turned
// 180 degrees, 4 mirrored top-bottom, 5 transposed, 6 turned 90 degrees clockwise, 7 transversed,
// 8 turned 90 degrees anticlockwise. Orientations outside 1..8 count as 1. Needs a second image's
// worth of memory for every orientation but 1.
core::Image8 applyOrientation(core::Image8 image, int orientation);

} // namespace sr::asset
