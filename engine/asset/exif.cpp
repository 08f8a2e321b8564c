#include "asset/exif.h"

#include <cassert>
#include <cstring>
#include <utility>

namespace sr::asset {
namespace {

constexpr uint8_t kSoi = 0xD8, kEoi = 0xD9, kSos = 0xDA, kApp1 = 0xE1;
constexpr uint16_t kOrientationTag = 0x0112;
constexpr uint16_t kTypeShort = 3;

uint16_t readBe16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }

// Markers that stand alone, without a length field.
bool isStandalone(uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= kEoi); }

// Frame headers: SOF0..SOF15 less DHT (C4), JPG (C8) and DAC (CC).
bool isFrameHeader(uint8_t marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

enum class Step { Ok, End, Malformed };

struct Segment {
    uint8_t marker = 0;
    std::span<const uint8_t> payload; // after the length field; empty for standalone markers
};

// Reads the marker (and its segment) at `pos` and moves `pos` past it. Every Ok step advances
// `pos` by at least two bytes, so walks always end.
Step readSegment(std::span<const uint8_t> bytes, size_t& pos, Segment& segment) {
    if (pos >= bytes.size()) return Step::End;
    if (bytes[pos] != 0xFF) return Step::Malformed;
    while (pos < bytes.size() && bytes[pos] == 0xFF) ++pos; // fill bytes before a marker
    if (pos >= bytes.size()) return Step::End;
    segment.marker = bytes[pos++];
    segment.payload = {};
    if (segment.marker == 0x00) return Step::Malformed;
    if (isStandalone(segment.marker)) return Step::Ok;
    if (bytes.size() - pos < 2) return Step::End;
    const size_t length = readBe16(&bytes[pos]);
    if (length < 2) return Step::Malformed;
    if (bytes.size() - pos < length) return Step::End;
    segment.payload = bytes.subspan(pos + 2, length - 2);
    pos += length;
    return Step::Ok;
}

// Bounds-checked reads from a TIFF block in either byte order.
struct TiffReader {
    std::span<const uint8_t> bytes;
    bool littleEndian = false;

    bool u16(size_t offset, uint16_t& out) const {
        if (offset > bytes.size() || bytes.size() - offset < 2) return false;
        const uint8_t* p = bytes.data() + offset;
        out = littleEndian ? uint16_t(p[0] | p[1] << 8) : uint16_t(p[0] << 8 | p[1]);
        return true;
    }
    bool u32(size_t offset, uint32_t& out) const {
        uint16_t a = 0, b = 0;
        if (!u16(offset, a) || !u16(offset + 2, b)) return false;
        out = littleEndian ? uint32_t(b) << 16 | a : uint32_t(a) << 16 | b;
        return true;
    }
};

// The orientation tag of IFD0 in an APP1 payload; 1 for anything else.
int orientationFromApp1(std::span<const uint8_t> payload) {
    static constexpr uint8_t kExifId[6] = {'E', 'x', 'i', 'f', 0, 0};
    if (payload.size() < 6 + 8 || std::memcmp(payload.data(), kExifId, 6) != 0) return 1;
    TiffReader tiff{payload.subspan(6)};
    if (tiff.bytes[0] == 'I' && tiff.bytes[1] == 'I')
        tiff.littleEndian = true;
    else if (!(tiff.bytes[0] == 'M' && tiff.bytes[1] == 'M'))
        return 1;
    uint16_t magic = 0, count = 0;
    uint32_t ifd = 0;
    if (!tiff.u16(2, magic) || magic != 42 || !tiff.u32(4, ifd) || !tiff.u16(ifd, count)) return 1;
    for (uint32_t i = 0; i < count; ++i) {
        const size_t entry = size_t(ifd) + 2 + size_t(i) * 12;
        uint16_t tag = 0, type = 0, value = 0;
        uint32_t valueCount = 0;
        if (!tiff.u16(entry, tag) || !tiff.u16(entry + 2, type) || !tiff.u32(entry + 4, valueCount)) return 1;
        if (tag != kOrientationTag) continue;
        if (type != kTypeShort || valueCount < 1 || !tiff.u16(entry + 8, value)) return 1;
        return value >= 1 && value <= 8 ? int(value) : 1;
    }
    return 1;
}

// Moves `pos` past entropy-coded data to the next marker that is neither a stuffed 0xFF00 nor a
// restart marker. Returns false when the bytes end first.
bool skipEntropyData(std::span<const uint8_t> bytes, size_t& pos) {
    while (pos < bytes.size()) {
        const void* found = std::memchr(bytes.data() + pos, 0xFF, bytes.size() - pos);
        if (!found) return false;
        pos = size_t(static_cast<const uint8_t*>(found) - bytes.data());
        size_t next = pos + 1;
        while (next < bytes.size() && bytes[next] == 0xFF) ++next;
        if (next >= bytes.size()) return false;
        const uint8_t marker = bytes[next];
        if (marker != 0x00 && !(marker >= 0xD0 && marker <= 0xD7)) {
            pos = next - 1; // at the last 0xFF before the marker
            return true;
        }
        pos = next + 1;
    }
    return false;
}

int clampOrientation(int orientation) { return orientation >= 1 && orientation <= 8 ? orientation : 1; }

// Where displayed pixel (x, y) lies in the stored image: sx = x0 + xx*x + xy*y, sy = y0 + yx*x + yy*y.
struct OrientationMap {
    int64_t x0, y0, xx, xy, yx, yy;
};

OrientationMap mapFor(int orientation, uint32_t w, uint32_t h) {
    const int64_t r = int64_t(w) - 1, b = int64_t(h) - 1;
    switch (clampOrientation(orientation)) {
    case 2: return {r, 0, -1, 0, 0, 1};
    case 3: return {r, b, -1, 0, 0, -1};
    case 4: return {0, b, 1, 0, 0, -1};
    case 5: return {0, 0, 0, 1, 1, 0};
    case 6: return {0, b, 0, 1, -1, 0};
    case 7: return {r, b, 0, -1, -1, 0};
    case 8: return {r, 0, 0, -1, 1, 0};
    default: return {0, 0, 1, 0, 0, 1};
    }
}

} // namespace

JpegHeader readJpegHeader(std::span<const uint8_t> bytes) {
    JpegHeader header;
    if (bytes.size() < 2 || bytes[0] != 0xFF || bytes[1] != kSoi) return header;
    bool exifSeen = false;
    size_t pos = 2;
    Segment segment;
    for (;;) {
        const Step step = readSegment(bytes, pos, segment);
        if (step != Step::Ok) {
            header.status = step == Step::End ? JpegHeader::Status::Truncated : JpegHeader::Status::Malformed;
            return header;
        }
        if (segment.marker == kApp1 && !exifSeen && segment.payload.size() >= 4 &&
            std::memcmp(segment.payload.data(), "Exif", 4) == 0) {
            // Only the first EXIF segment counts (others, such as XMP, share the APP1 marker).
            header.orientation = orientationFromApp1(segment.payload);
            exifSeen = true;
        } else if (isFrameHeader(segment.marker)) {
            // Precision (1 byte), height (2), width (2), component count (1).
            if (segment.payload.size() < 6) break;
            header.height = readBe16(&segment.payload[1]);
            header.width = readBe16(&segment.payload[3]);
            if (header.width == 0 || header.height == 0) break;
            header.status = JpegHeader::Status::Ok;
            return header;
        } else if (segment.marker == kSos || segment.marker == kEoi || segment.marker == kSoi) {
            break; // a scan or an end before any frame header
        }
    }
    header.status = JpegHeader::Status::Malformed;
    return header;
}

int readExifOrientation(std::span<const uint8_t> jpegBytes) { return readJpegHeader(jpegBytes).orientation; }

bool jpegHasEndMarker(std::span<const uint8_t> bytes) {
    if (bytes.size() < 2 || bytes[0] != 0xFF || bytes[1] != kSoi) return false;
    size_t pos = 2;
    Segment segment;
    for (;;) {
        if (readSegment(bytes, pos, segment) != Step::Ok) return false;
        if (segment.marker == kEoi) return true;
        if (segment.marker == kSos && !skipEntropyData(bytes, pos)) return false;
    }
}

void orientedSize(uint32_t width, uint32_t height, int orientation, uint32_t& outWidth, uint32_t& outHeight) {
    const bool swapped = clampOrientation(orientation) >= 5;
    outWidth = swapped ? height : width;
    outHeight = swapped ? width : height;
}

void copyOrientedRegion(std::span<const uint8_t> stored, uint32_t storedWidth, uint32_t storedHeight,
                        int orientation, uint32_t x, uint32_t y, core::Image8& out) {
    uint32_t displayedWidth = 0, displayedHeight = 0;
    orientedSize(storedWidth, storedHeight, orientation, displayedWidth, displayedHeight);
    assert(stored.size() == size_t(storedWidth) * storedHeight * 4);
    assert(uint64_t(x) + out.width <= displayedWidth && uint64_t(y) + out.height <= displayedHeight);
    const OrientationMap m = mapFor(orientation, storedWidth, storedHeight);
    // Byte step in the stored pixels for one displayed pixel to the right.
    const int64_t step = (m.xx + m.yx * int64_t(storedWidth)) * 4;
    for (uint32_t row = 0; row < out.height; ++row) {
        const int64_t dy = int64_t(y) + row;
        const int64_t sx = m.x0 + m.xx * x + m.xy * dy;
        const int64_t sy = m.y0 + m.yx * x + m.yy * dy;
        const uint8_t* source = stored.data() + (sy * int64_t(storedWidth) + sx) * 4;
        uint8_t* target = out.at(0, row);
        if (step == 4) {
            std::memcpy(target, source, size_t(out.width) * 4);
            continue;
        }
        for (uint32_t col = 0; col < out.width; ++col, source += step)
            std::memcpy(target + col * 4, source, 4);
    }
}

core::Image8 applyOrientation(core::Image8 image, int orientation) {
    if (clampOrientation(orientation) == 1) return image;
    uint32_t width = 0, height = 0;
    orientedSize(image.width, image.height, orientation, width, height);
    core::Image8 out{width, height};
    copyOrientedRegion(image.pixels, image.width, image.height, orientation, 0, 0, out);
    return out;
}

} // namespace sr::asset
