#include "asset/ply_reader.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <string_view>

#include "core/log.h"

namespace sr::asset::detail {
namespace {

constexpr uint32_t kBadIndex = 0xffffffffu;

enum class Type { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64 };
enum class Format { Ascii, BinaryLittle, BinaryBig };

struct Property {
    std::string name;
    Type type = Type::Float32;
    bool list = false;
    Type countType = Type::UInt8;
};

struct Element {
    std::string name;
    uint64_t count = 0;
    std::vector<Property> properties;
};

struct Header {
    Format format = Format::Ascii;
    std::vector<Element> elements;
    std::vector<std::string> textureFiles;
    size_t dataOffset = 0;
};

size_t typeSize(Type type) {
    switch (type) {
    case Type::Int8:
    case Type::UInt8: return 1;
    case Type::Int16:
    case Type::UInt16: return 2;
    case Type::Int32:
    case Type::UInt32:
    case Type::Float32: return 4;
    case Type::Float64: return 8;
    }
    return 1;
}

bool parseType(std::string_view word, Type& type) {
    static const std::pair<std::string_view, Type> kNames[] = {
        {"char", Type::Int8},      {"int8", Type::Int8},       {"uchar", Type::UInt8},
        {"uint8", Type::UInt8},    {"short", Type::Int16},     {"int16", Type::Int16},
        {"ushort", Type::UInt16},  {"uint16", Type::UInt16},   {"int", Type::Int32},
        {"int32", Type::Int32},    {"uint", Type::UInt32},     {"uint32", Type::UInt32},
        {"float", Type::Float32},  {"float32", Type::Float32}, {"double", Type::Float64},
        {"float64", Type::Float64}};
    for (const auto& [name, value] : kNames) {
        if (word == name) {
            type = value;
            return true;
        }
    }
    return false;
}

std::vector<std::string_view> splitWords(std::string_view line) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) words.push_back(line.substr(start, i - start));
    }
    return words;
}

// Reads one header line after the first into `header`; returns false for a line that names a
// format, element or property but cannot be read. Other unknown lines are stray comments (some
// exporters forget the keyword) and are ignored.
bool parseHeaderLine(std::string_view line, const std::vector<std::string_view>& words, Header& header,
                     bool& sawFormat) {
    if (words[0] == "comment" || words[0] == "obj_info") {
        if (words.size() >= 3 && words[0] == "comment" && words[1] == "TextureFile") {
            std::string_view file =
                line.substr(line.find("TextureFile") + std::string_view("TextureFile").size());
            while (!file.empty() && (file.front() == ' ' || file.front() == '\t')) file.remove_prefix(1);
            header.textureFiles.emplace_back(file);
        }
        return true;
    }
    if (words[0] == "format") {
        if (words.size() < 2) return false;
        if (words[1] == "ascii") {
            header.format = Format::Ascii;
        } else if (words[1] == "binary_little_endian") {
            header.format = Format::BinaryLittle;
        } else if (words[1] == "binary_big_endian") {
            header.format = Format::BinaryBig;
        } else {
            return false;
        }
        sawFormat = true;
        return true;
    }
    if (words[0] == "element") {
        Element element;
        if (words.size() != 3) return false;
        element.name = words[1];
        auto [end, ec] = std::from_chars(words[2].data(), words[2].data() + words[2].size(), element.count);
        if (ec != std::errc() || end != words[2].data() + words[2].size()) return false;
        header.elements.push_back(std::move(element));
        return true;
    }
    if (words[0] == "property") {
        Property property;
        bool ok = false;
        if (words.size() == 5 && words[1] == "list") {
            property.list = true;
            ok = parseType(words[2], property.countType) && parseType(words[3], property.type);
            property.name = words[4];
        } else if (words.size() == 3) {
            ok = parseType(words[1], property.type);
            property.name = words[2];
        }
        if (!ok || header.elements.empty()) return false;
        header.elements.back().properties.push_back(std::move(property));
    }
    return true;
}

core::Result<Header> parseHeader(std::span<const uint8_t> bytes, const std::string& name) {
    std::string_view text(reinterpret_cast<const char*>(bytes.data()),
                          std::min<size_t>(bytes.size(), 1 << 20));
    auto fail = [&](std::string message) { return core::makeError(name, "PLY header: " + message); };
    Header header;
    size_t pos = 0;
    bool sawFormat = false;
    for (int lineNumber = 1;; ++lineNumber) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) return fail("no end_header line in the first MiB");
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::vector<std::string_view> words = splitWords(line);
        if (lineNumber == 1) {
            if (words.size() != 1 || words[0] != "ply") return fail("the file does not start with \"ply\"");
            continue;
        }
        if (words.empty()) continue;
        if (words[0] == "end_header") break;
        if (!parseHeaderLine(line, words, header, sawFormat)) {
            return fail("unreadable line " + std::to_string(lineNumber) + ": \"" + std::string(line) + "\"");
        }
    }
    if (!sawFormat) return fail("no format line");
    header.dataOffset = pos;
    return header;
}

// Reads values one by one from the body, in either encoding; every read is bounds-checked.
class BodyReader {
public:
    BodyReader(std::span<const uint8_t> body, Format format)
        : mPos(body.data()), mEnd(body.data() + body.size()), mFormat(format) {}

    bool read(Type type, double& out) {
        if (mFormat == Format::Ascii) return readText(out);
        size_t size = typeSize(type);
        if (size_t(mEnd - mPos) < size) return false;
        uint8_t raw[8];
        std::memcpy(raw, mPos, size);
        mPos += size;
        if ((mFormat == Format::BinaryBig) != (std::endian::native == std::endian::big)) {
            std::reverse(raw, raw + size);
        }
        switch (type) {
        case Type::Int8: out = double(int8_t(raw[0])); break;
        case Type::UInt8: out = double(raw[0]); break;
        case Type::Int16: out = double(load<int16_t>(raw)); break;
        case Type::UInt16: out = double(load<uint16_t>(raw)); break;
        case Type::Int32: out = double(load<int32_t>(raw)); break;
        case Type::UInt32: out = double(load<uint32_t>(raw)); break;
        case Type::Float32: out = double(load<float>(raw)); break;
        case Type::Float64: out = load<double>(raw); break;
        }
        return true;
    }

    size_t remaining() const { return size_t(mEnd - mPos); }

private:
    template <class T> static T load(const uint8_t* raw) {
        T value;
        std::memcpy(&value, raw, sizeof value);
        return value;
    }

    bool readText(double& out) {
        while (mPos < mEnd && (*mPos == ' ' || *mPos == '\t' || *mPos == '\n' || *mPos == '\r')) ++mPos;
        if (mPos == mEnd) return false;
        if (*mPos == '+') ++mPos;
        const char* begin = reinterpret_cast<const char*>(mPos);
        auto [end, ec] = std::from_chars(begin, reinterpret_cast<const char*>(mEnd), out);
        if (ec != std::errc() || end == begin) return false;
        mPos = reinterpret_cast<const uint8_t*>(end);
        return true;
    }

    const uint8_t* mPos;
    const uint8_t* mEnd;
    Format mFormat;
};

enum class Role { None, X, Y, Z, NX, NY, NZ, R, G, B, A, U, V, Indices, TexCoord, TexNumber };

Role roleOf(const std::string& element, const Property& p) {
    const std::string& n = p.name;
    if (element == "vertex" && !p.list) {
        if (n == "x") return Role::X;
        if (n == "y") return Role::Y;
        if (n == "z") return Role::Z;
        if (n == "nx") return Role::NX;
        if (n == "ny") return Role::NY;
        if (n == "nz") return Role::NZ;
        if (n == "red" || n == "diffuse_red" || n == "r") return Role::R;
        if (n == "green" || n == "diffuse_green" || n == "g") return Role::G;
        if (n == "blue" || n == "diffuse_blue" || n == "b") return Role::B;
        if (n == "alpha" || n == "diffuse_alpha" || n == "a") return Role::A;
        if (n == "u" || n == "s" || n == "texture_u" || n == "texture_s") return Role::U;
        if (n == "v" || n == "t" || n == "texture_v" || n == "texture_t") return Role::V;
    }
    if ((element == "face" || element == "tristrips") && p.list &&
        (n == "vertex_indices" || n == "vertex_index"))
        return Role::Indices;
    if (element == "face" && p.list && n == "texcoord") return Role::TexCoord;
    if (element == "face" && !p.list && n == "texnumber") return Role::TexNumber;
    return Role::None;
}

float colorScale(Type type) {
    switch (type) {
    case Type::Float32:
    case Type::Float64: return 1.0f;
    case Type::UInt16:
    case Type::Int16: return 1.0f / 65535.0f;
    default: return 1.0f / 255.0f;
    }
}

uint32_t toIndex(double value) {
    return (value >= 0.0 && value < double(kBadIndex)) ? uint32_t(value) : kBadIndex;
}

// Everything read from the body before corners are resolved into vertices.
struct Body {
    std::vector<float> positions, normals, uvs, colors;
    uint64_t vertexCount = 0;
    bool faceTexcoords = false;
    std::vector<uint32_t> cornerVertex;    // per triangle corner
    std::vector<float> cornerUv;           // per corner, when faceTexcoords
    std::vector<uint32_t> triangleTexture; // per triangle
    uint64_t droppedFaces = 0;
};

// Fans a polygon (and its per-corner UVs) into triangles.
void addPolygon(Body& body, const std::vector<uint32_t>& polygon, const std::vector<float>& texcoords,
                bool hasTexcoords, uint32_t texture) {
    size_t n = polygon.size();
    if (n < 3) return;
    if (hasTexcoords && texcoords.size() != 2 * n) {
        ++body.droppedFaces;
        return;
    }
    for (size_t k = 1; k + 1 < n; ++k) {
        for (size_t c : {size_t(0), k, k + 1}) {
            body.cornerVertex.push_back(polygon[c]);
            if (hasTexcoords) {
                body.cornerUv.insert(body.cornerUv.end(), {texcoords[2 * c], texcoords[2 * c + 1]});
            }
        }
        body.triangleTexture.push_back(texture);
    }
}

// Triangle strips: -1 restarts; odd triangles are flipped to keep one winding; degenerate
// triangles (strips use them as joints) are skipped.
void addStrips(Body& body, const std::vector<double>& strip) {
    std::vector<uint32_t> run;
    auto flush = [&] {
        for (size_t i = 2; i < run.size(); ++i) {
            uint32_t a = run[i - 2], b = run[i - 1], c = run[i];
            if (a == b || b == c || a == c) continue;
            if ((i % 2) == 1) std::swap(a, b);
            body.cornerVertex.insert(body.cornerVertex.end(), {a, b, c});
            body.triangleTexture.push_back(0);
        }
        run.clear();
    };
    for (double value : strip) {
        if (value < 0.0) {
            flush();
        } else {
            run.push_back(toIndex(value));
        }
    }
    flush();
}

// Refuses headers whose element counts need more bytes than the body has: such counts are lies
// that would otherwise turn into huge allocations, here or in Assimp.
core::Status checkCounts(const Header& header, size_t bodyBytes, const std::string& name) {
    double needed = 0.0;
    for (const Element& element : header.elements) {
        double itemBytes = 0.0;
        for (const Property& p : element.properties) {
            bool ascii = header.format == Format::Ascii; // ascii: a digit and a separator
            itemBytes += ascii ? 2.0 : double(typeSize(p.list ? p.countType : p.type));
        }
        needed += double(element.count) * itemBytes;
    }
    if (needed > double(bodyBytes)) {
        std::string counts;
        for (const Element& element : header.elements) {
            counts += (counts.empty() ? "" : ", ") + std::to_string(element.count) + " " + element.name;
        }
        return core::makeError(name, core::concat("PLY header declares ", counts, ", more than the ",
                                                  bodyBytes, " bytes of data can hold"));
    }
    return core::Status::success();
}

// The values of one element item that the importer keeps; reused between items.
struct Item {
    float values[12] = {};         // indexed by Role - 1: position, normal, colour, uv
    uint32_t texture = 0;          // face texnumber
    std::vector<uint32_t> polygon; // face corners
    std::vector<float> texcoords;  // face texcoord list
    std::vector<double> strip;     // tristrips indices, -1 included
};

// Reads one item of `element`; false when the data ends early or a list length is impossible.
bool readItem(BodyReader& reader, const Element& element, const std::vector<Role>& roles, Item& item) {
    std::fill(std::begin(item.values), std::end(item.values), 0.0f);
    item.values[int(Role::A) - 1] = 1.0f; // opaque unless the file says otherwise
    item.texture = 0;
    item.polygon.clear();
    item.texcoords.clear();
    item.strip.clear();
    const bool isFace = element.name == "face";
    for (size_t p = 0; p < element.properties.size(); ++p) {
        const Property& property = element.properties[p];
        const Role role = roles[p];
        double value = 0.0;
        if (!property.list) {
            if (!reader.read(property.type, value)) return false;
            if (role >= Role::R && role <= Role::A) value *= colorScale(property.type);
            if (role == Role::TexNumber) {
                item.texture = value >= 0.0 && value < 65536.0 ? uint32_t(value) : 0;
            } else if (role != Role::None) {
                item.values[int(role) - 1] = float(value);
            }
            continue;
        }
        double count = 0.0;
        if (!reader.read(property.countType, count) || count < 0.0 || count > double(reader.remaining())) {
            return false;
        }
        for (uint32_t i = 0; i < uint32_t(count); ++i) {
            if (!reader.read(property.type, value)) return false;
            if (role == Role::Indices && isFace) {
                item.polygon.push_back(toIndex(value));
            } else if (role == Role::Indices) {
                item.strip.push_back(value);
            } else if (role == Role::TexCoord) {
                item.texcoords.push_back(float(value));
            }
        }
    }
    return true;
}

core::Status readBody(const Header& header, std::span<const uint8_t> data, const std::string& name,
                      Body& body) {
    BodyReader reader(data, header.format);
    Item item;
    for (const Element& element : header.elements) {
        std::vector<Role> roles;
        for (const Property& p : element.properties) roles.push_back(roleOf(element.name, p));
        auto has = [&](Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
        const bool isVertex = element.name == "vertex";
        const bool isFace = element.name == "face", isStrips = element.name == "tristrips";
        const bool hasNormals = isVertex && has(Role::NX), hasUvs = isVertex && has(Role::U) && has(Role::V);
        const bool hasColors = isVertex && has(Role::R) && has(Role::G) && has(Role::B);
        if (isVertex) {
            body.vertexCount = element.count;
            body.positions.reserve(element.count * 3);
            if (hasNormals) body.normals.reserve(element.count * 3);
            if (hasUvs) body.uvs.reserve(element.count * 2);
            if (hasColors) body.colors.reserve(element.count * 4);
        }
        if (isFace && has(Role::TexCoord)) body.faceTexcoords = true;
        for (uint64_t i = 0; i < element.count; ++i) {
            if (!readItem(reader, element, roles, item)) {
                return core::makeError(
                    name, core::concat("PLY data ends early or holds an impossible list length, in ",
                                       element.name, " ", i));
            }
            const float* v = item.values;
            if (isVertex) {
                body.positions.insert(body.positions.end(), {v[0], v[1], v[2]});
                if (hasNormals) body.normals.insert(body.normals.end(), {v[3], v[4], v[5]});
                if (hasColors) body.colors.insert(body.colors.end(), {v[6], v[7], v[8], v[9]});
                if (hasUvs) body.uvs.insert(body.uvs.end(), {v[10], v[11]});
            } else if (isFace) {
                addPolygon(body, item.polygon, item.texcoords, body.faceTexcoords, item.texture);
            } else if (isStrips) {
                addStrips(body, item.strip);
            }
        }
    }
    return core::Status::success();
}

} // namespace

bool looksLikePly(std::span<const uint8_t> bytes) {
    return bytes.size() >= 4 && std::memcmp(bytes.data(), "ply", 3) == 0 &&
           (bytes[3] == '\n' || bytes[3] == '\r');
}

core::Result<PlyMesh> readPly(std::span<const uint8_t> bytes, const std::string& name) {
    auto header = parseHeader(bytes, name);
    if (!header) return header.error();
    core::Status counts = checkCounts(*header, bytes.size() - header->dataOffset, name);
    if (!counts) return counts.error();
    Body body;
    core::Status status = readBody(*header, bytes.subspan(header->dataOffset), name, body);
    if (!status) return status.error();

    PlyMesh mesh;
    mesh.textureFiles = std::move(header->textureFiles);
    mesh.droppedFaces = body.droppedFaces;
    size_t groups = std::max<size_t>(1, mesh.textureFiles.size());
    mesh.triangles.resize(groups);
    size_t triangleCount = body.triangleTexture.size();
    if (!body.faceTexcoords) {
        mesh.positions = std::move(body.positions);
        mesh.normals = std::move(body.normals);
        mesh.uvs = std::move(body.uvs);
        mesh.colors = std::move(body.colors);
        for (size_t t = 0; t < triangleCount; ++t) {
            uint32_t group = body.triangleTexture[t] < groups ? body.triangleTexture[t] : 0;
            mesh.triangles[group].insert(mesh.triangles[group].end(), &body.cornerVertex[t * 3],
                                         &body.cornerVertex[t * 3] + 3);
        }
        return mesh;
    }
    // Per-face texture coordinates: every corner becomes a vertex of its own.
    size_t corners = body.cornerVertex.size();
    mesh.positions.resize(corners * 3);
    mesh.uvs = std::move(body.cornerUv);
    mesh.uvs.resize(corners * 2); // triangle strips in the same file carry no texcoords
    if (!body.normals.empty()) mesh.normals.resize(corners * 3);
    if (!body.colors.empty()) mesh.colors.resize(corners * 4);
    for (size_t c = 0; c < corners; ++c) {
        uint32_t v = body.cornerVertex[c];
        if (v >= body.vertexCount) continue; // its triangle is marked bad below
        std::copy_n(&body.positions[size_t(v) * 3], 3, &mesh.positions[c * 3]);
        if (!body.normals.empty()) std::copy_n(&body.normals[size_t(v) * 3], 3, &mesh.normals[c * 3]);
        if (!body.colors.empty()) std::copy_n(&body.colors[size_t(v) * 4], 4, &mesh.colors[c * 4]);
    }
    for (size_t t = 0; t < triangleCount; ++t) {
        uint32_t group = body.triangleTexture[t] < groups ? body.triangleTexture[t] : 0;
        bool bad = false;
        for (int c = 0; c < 3; ++c) bad = bad || body.cornerVertex[t * 3 + c] >= body.vertexCount;
        for (int c = 0; c < 3; ++c) mesh.triangles[group].push_back(bad ? kBadIndex : uint32_t(t * 3 + c));
    }
    return mesh;
}

} // namespace sr::asset::detail
