#include "asset/exif.h"

#include <cassert>
#include <algorithm>
#include <cstring>
#include <string>
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

// The state of the decoder that jpegDecoderHazard follows.
struct DecoderTables {
    bool dc[4] = {}, ac[4] = {}, quant[4] = {};
    bool frame = false, progressive = false;
    uint8_t componentCount = 0;
    uint8_t componentId[4] = {};
    uint8_t componentQuant[4] = {};
};

enum class Check { Continue, Stop }; // Stop: the decoder refuses the file here, reading no further

// The tables of a DHT segment of `length` bytes (less its length field) starting at `at`. The
// decoder reads table after table while the segment has bytes left, each table whole even where
// it runs past the segment's end (and past the file's, as zeros); so does this.
Check checkHuffmanTables(std::span<const uint8_t> bytes, size_t at, int64_t length, DecoderTables& tables,
                         std::string& hazard) {
    auto byte = [&](size_t i) -> size_t { return i < bytes.size() ? bytes[i] : 0; };
    while (length > 0) {
        const size_t tableClass = byte(at) >> 4, id = byte(at) & 15;
        if (tableClass > 1 || id > 3) return Check::Stop;
        size_t codes = 0;
        for (size_t i = 1; i <= 16; ++i) codes += byte(at + i);
        if (codes > 256) {
            hazard = "a Huffman table declares " + std::to_string(codes) + " codes (at most 256)";
            return Check::Stop;
        }
        (tableClass == 0 ? tables.dc : tables.ac)[id] = true;
        at += 17 + codes;
        length -= int64_t(17 + codes);
    }
    return length == 0 ? Check::Continue : Check::Stop;
}

Check checkQuantTables(std::span<const uint8_t> payload, DecoderTables& tables) {
    for (size_t at = 0; at < payload.size();) {
        const uint8_t precision = payload[at] >> 4, id = payload[at] & 15;
        if (precision > 1 || id > 3) return Check::Stop;
        tables.quant[id] = true;
        at += 1 + (precision ? 128 : 64);
    }
    return Check::Continue;
}

Check readFrame(std::span<const uint8_t> payload, bool progressive, DecoderTables& tables) {
    if (tables.frame || payload.size() < 6) return Check::Stop;
    const uint8_t count = payload[5];
    if ((count != 1 && count != 3 && count != 4) || payload.size() < 6 + size_t(count) * 3)
        return Check::Stop;
    tables.frame = true;
    tables.progressive = progressive;
    tables.componentCount = count;
    for (uint8_t i = 0; i < count; ++i) {
        tables.componentId[i] = payload[6 + i * 3];
        tables.componentQuant[i] = payload[8 + i * 3];
        if (tables.componentQuant[i] > 3) return Check::Stop;
    }
    return Check::Continue;
}

// Which tables a scan decodes with: baseline scans both of each component's Huffman tables,
// progressive DC scans (first pass) the DC table, progressive AC scans the AC table.
Check checkScan(std::span<const uint8_t> payload, const DecoderTables& tables, std::string& hazard) {
    if (!tables.frame || payload.empty()) return Check::Stop;
    const size_t count = payload[0];
    if (count < 1 || count > 4 || count > tables.componentCount || payload.size() < 1 + count * 2 + 3)
        return Check::Stop;
    const uint8_t spectralStart = payload[1 + count * 2], approximationHigh = payload[3 + count * 2] >> 4;
    const bool needDc = !tables.progressive || (spectralStart == 0 && approximationHigh == 0);
    const bool needAc = !tables.progressive || spectralStart != 0;
    for (size_t i = 0; i < count; ++i) {
        const uint8_t id = payload[1 + i * 2], dc = payload[2 + i * 2] >> 4, ac = payload[2 + i * 2] & 15;
        if (dc > 3 || ac > 3) return Check::Stop;
        size_t component = 0;
        while (component < tables.componentCount && tables.componentId[component] != id) ++component;
        if (component == tables.componentCount) return Check::Stop;
        if ((needDc && !tables.dc[dc]) || (needAc && !tables.ac[ac])) {
            hazard = "a scan uses a Huffman table that was never defined";
            return Check::Stop;
        }
        if (!tables.quant[tables.componentQuant[component]]) {
            hazard = "a scan uses a quantisation table that was never defined";
            return Check::Stop;
        }
    }
    return Check::Continue;
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

std::string jpegDecoderHazard(std::span<const uint8_t> bytes) {
    // The start-of-image marker, after any 0xFF fill, as stb_image looks for it.
    size_t pos = 0;
    while (pos < bytes.size() && bytes[pos] == 0xFF) ++pos;
    if (pos < 1 || pos >= bytes.size() || bytes[pos] != kSoi) return {};
    ++pos;
    DecoderTables tables;
    std::string hazard;
    for (;;) {
        // The next marker: stb_image passes over bytes that are not 0xFF between segments.
        const void* found =
            pos < bytes.size() ? std::memchr(bytes.data() + pos, 0xFF, bytes.size() - pos) : nullptr;
        if (!found) return {};
        pos = size_t(static_cast<const uint8_t*>(found) - bytes.data());
        while (pos < bytes.size() && bytes[pos] == 0xFF) ++pos;
        if (pos >= bytes.size()) return {};
        const uint8_t marker = bytes[pos++];
        // Markers the decoder stops at: the end, a stray 0x00, restarts, a second start, and
        // the other standalone ones.
        if (marker == 0x00 || isStandalone(marker)) return {};
        if (bytes.size() - pos < 2) return {};
        const size_t length = readBe16(&bytes[pos]);
        if (length < 2) return {};
        const size_t start = pos + 2, end = std::min(pos + length, bytes.size()); // after the length field
        const std::span<const uint8_t> payload = bytes.subspan(start, end - start);
        pos = end;
        Check check = Check::Continue;
        if (marker == 0xC4) {
            check = checkHuffmanTables(bytes, start, int64_t(length) - 2, tables, hazard);
        } else if (marker == 0xDB) {
            check = checkQuantTables(payload, tables);
        } else if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
            check = readFrame(payload, marker == 0xC2, tables);
        } else if (marker == kSos) {
            check = checkScan(payload, tables, hazard);
            if (check == Check::Continue && !skipEntropyData(bytes, pos)) return {};
        } else if (!(marker >= 0xE0 && marker <= 0xEF) && marker != 0xFE && marker != 0xDD &&
                   !(marker == 0xDC && tables.frame)) {
            // Any other marker (other frame types among them: lossless, hierarchical,
            // arithmetic-coded) stops the decoder; APPn, COM, DRI and DNL it passes over.
            return {};
        }
        if (check == Check::Stop) return hazard;
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
