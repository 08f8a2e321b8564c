#include "scene/manifest_reader.h"

#include <algorithm>
#include <cmath>
#include <system_error>

#include "core/exhibit_path.h"
#include "core/log.h"
#include "scene/manifest_text.h"

namespace sr::scene::detail {
namespace fs = std::filesystem;

namespace {
// Checking a file costs a few system calls; a manifest naming more than this many is refused the
// rest, so a hostile one cannot keep the loader busy for minutes.
constexpr size_t kMaxFileChecks = 20000;

const Json* findMember(const Json& object, std::string_view key) {
    auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
}

bool isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

std::string describeRange(const Range& range) {
    return core::concat("it must be ", range.openMin ? "greater than " : "at least ", range.min, " and ",
                        range.openMax ? "less than " : "at most ", range.max);
}
} // namespace

ManifestReader::ManifestReader(fs::path folder, bool overflowMarkers)
    : mFolder(std::move(folder)), mOverflowMarkers(overflowMarkers) {}

void ManifestReader::add(Severity severity, const std::string& path, std::string message) {
    if (mProblems.size() >= kMaxProblems) {
        ++mDropped;
        return;
    }
    mProblems.push_back(Problem{severity, std::string(kManifestFileName), path, std::move(message)});
}

std::vector<Problem> ManifestReader::takeProblems() {
    std::vector<Problem> problems = std::move(mProblems);
    if (mDropped > 0) {
        problems.push_back(Problem{Severity::Error, std::string(kManifestFileName), "",
                                   core::concat(mDropped, " more problems are not listed")});
    }
    mProblems.clear();
    mDropped = 0;
    return problems;
}

void ManifestReader::checkKeys(const Json& object, const std::string& path,
                               std::initializer_list<std::string_view> known) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        if (!key.empty() && key.front() == '_') continue;
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        if (mProblems.size() >= kMaxProblems) { // no hints once nobody will read them
            ++mDropped;
            continue;
        }
        std::string_view hint;
        size_t best = 3;
        for (std::string_view name : known) {
            const size_t distance = editDistance(key, name, 2);
            if (distance < best) {
                best = distance;
                hint = name;
            }
        }
        if (!hint.empty() && key.size() > 2) {
            warning(memberPath(path, key), core::concat("unknown key; did you mean \"", hint, "\"?"));
        } else {
            warning(memberPath(path, key), "unknown key; it is ignored");
        }
    }
}

bool ManifestReader::isOverflowMarker(const Json& value) const {
    if (!mOverflowMarkers || !value.is_string()) return false;
    const auto& text = value.get_ref<const std::string&>();
    return text == kOverflowMarker || text == kNegativeOverflowMarker;
}

std::string ManifestReader::describeType(const Json& value) const {
    if (isOverflowMarker(value)) return "a number too large to represent";
    switch (value.type()) {
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "text";
    case Json::value_t::boolean: return "true or false";
    case Json::value_t::null: return "null";
    case Json::value_t::discarded: return "nothing";
    default: return "a number";
    }
}

bool ManifestReader::expectObject(const Json& value, const std::string& path) {
    if (value.is_object()) return true;
    error(path, core::concat("must be an object {...}, not ", describeType(value)));
    return false;
}

bool ManifestReader::expectArray(const Json& value, const std::string& path) {
    if (value.is_array()) return true;
    error(path, core::concat("must be an array [...], not ", describeType(value)));
    return false;
}

bool ManifestReader::readText(const Json& object, std::string_view key, const std::string& path, Need need,
                              std::string& out) {
    const Json* value = findMember(object, key);
    const std::string at = memberPath(path, key);
    if (!value) {
        if (need == Need::Required) error(at, "missing (required)");
        return need == Need::Optional;
    }
    if (!value->is_string() || isOverflowMarker(*value)) {
        error(at, core::concat("must be text, not ", describeType(*value)));
        return false;
    }
    out = value->get<std::string>();
    return true;
}

bool ManifestReader::readId(const Json& object, std::string_view key, const std::string& path, Need need,
                            std::string& out) {
    std::string id;
    if (!readText(object, key, path, need, id)) return false;
    if (!findMember(object, key)) return true;
    const std::string at = memberPath(path, key);
    if (id.empty()) {
        error(at, "is empty");
        return false;
    }
    if (id.size() > 64 || id.front() == '.' || !std::all_of(id.begin(), id.end(), isIdChar)) {
        error(at, core::concat("id ", quoteForMessage(id),
                               " must be at most 64 letters, digits, '-', '_' or '.' (not first)"));
        return false;
    }
    out = std::move(id);
    return true;
}

bool ManifestReader::readBool(const Json& object, std::string_view key, const std::string& path, Need need,
                              bool& out) {
    const Json* value = findMember(object, key);
    const std::string at = memberPath(path, key);
    if (!value) {
        if (need == Need::Required) error(at, "missing (required)");
        return need == Need::Optional;
    }
    if (!value->is_boolean()) {
        error(at, core::concat("must be true or false, not ", describeType(*value)));
        return false;
    }
    out = value->get<bool>();
    return true;
}

bool ManifestReader::checkNumber(const Json& value, const std::string& path, Range range, double& out) {
    if (isOverflowMarker(value)) {
        error(path, "number too large to represent");
        return false;
    }
    if (!value.is_number()) {
        error(path, core::concat("must be a number, not ", describeType(value)));
        return false;
    }
    const double number = value.get<double>();
    if (!std::isfinite(number)) {
        error(path, "must be a finite number");
        return false;
    }
    const bool below = range.openMin ? number <= range.min : number < range.min;
    const bool above = range.openMax ? number >= range.max : number > range.max;
    if (below || above) {
        error(path, core::concat("is ", number, "; ", describeRange(range)));
        return false;
    }
    out = number;
    return true;
}

bool ManifestReader::readNumber(const Json& object, std::string_view key, const std::string& path, Need need,
                                Range range, double& out) {
    const Json* value = findMember(object, key);
    if (!value) {
        if (need == Need::Required) error(memberPath(path, key), "missing (required)");
        return need == Need::Optional;
    }
    return checkNumber(*value, memberPath(path, key), range, out);
}

bool ManifestReader::readNumber(const Json& object, std::string_view key, const std::string& path, Need need,
                                Range range, float& out) {
    double number = out;
    if (!readNumber(object, key, path, need, range, number)) return false;
    out = float(number);
    return true;
}

bool ManifestReader::readPoint(const Json& object, std::string_view key, const std::string& path, Need need,
                               glm::vec3& out) {
    const Json* value = findMember(object, key);
    const std::string at = memberPath(path, key);
    if (!value) {
        if (need == Need::Required) error(at, "missing (required)");
        return need == Need::Optional;
    }
    if (!value->is_array() || value->size() != 3) {
        error(at, core::concat("must be an array of three numbers [x, y, z] in metres, not ",
                               value->is_array() ? core::concat("an array of ", value->size())
                                                 : describeType(*value)));
        return false;
    }
    glm::vec3 point;
    for (int axis = 0; axis < 3; ++axis) {
        double coordinate = 0.0;
        if (!checkNumber((*value)[size_t(axis)], elementPath(at, size_t(axis)),
                         Range{-kMaxCoordinate, kMaxCoordinate}, coordinate))
            return false;
        point[axis] = float(coordinate);
    }
    out = point;
    return true;
}

bool ManifestReader::readFile(const Json& object, std::string_view key, const std::string& path, Need need,
                              ExhibitPath& out, bool folderToo) {
    const Json* value = findMember(object, key);
    if (!value) {
        if (need == Need::Required) error(memberPath(path, key), "missing (required)");
        return need == Need::Optional;
    }
    return readFileValue(*value, memberPath(path, key), out, folderToo);
}

bool ManifestReader::readFileValue(const Json& value, const std::string& path, ExhibitPath& out,
                                   bool folderToo) {
    if (!value.is_string() || isOverflowMarker(value)) {
        error(path, core::concat("must be a path (text), not ", describeType(value)));
        return false;
    }
    const auto& written = value.get_ref<const std::string&>();
    if (written.empty()) {
        error(path, "path is empty");
        return false;
    }
    if (written.size() > kMaxPathBytes) {
        error(path, core::concat("path is longer than ", kMaxPathBytes, " bytes"));
        return false;
    }
    if (++mFileChecks > kMaxFileChecks) {
        if (mFileChecks == kMaxFileChecks + 1)
            error(path,
                  core::concat("more than ", kMaxFileChecks, " paths; this and later ones are left out"));
        return false;
    }
    auto resolved = core::resolveInExhibit(mFolder, written);
    if (!resolved) {
        error(path, core::concat(resolved.error().message, ": ", quoteForMessage(written)));
        return false;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(*resolved, ec);
    if (!fs::exists(status)) {
        error(path, core::concat("file not found: ", quoteForMessage(written)));
    } else if (!fs::is_regular_file(status) && !(folderToo && fs::is_directory(status))) {
        error(path, core::concat("not a regular file: ", quoteForMessage(written)));
    }
    out = ExhibitPath{written, std::move(resolved).value()};
    return true;
}

} // namespace sr::scene::detail
