#include "previs/project_reader.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/log.h"

namespace sr::previs::detail {

namespace {
bool isPlainName(std::string_view key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    });
}

std::string describeRange(const Range& range) {
    return core::concat("it must be ", range.openMin ? "greater than " : "at least ", range.min, " and ",
                        range.openMax ? "less than " : "at most ", range.max);
}

bool inRange(double value, const Range& range) {
    if (range.openMin ? !(value > range.min) : !(value >= range.min)) return false;
    return range.openMax ? value < range.max : value <= range.max;
}
} // namespace

std::string memberPath(const std::string& parent, std::string_view key) {
    if (isPlainName(key)) return parent.empty() ? std::string(key) : parent + "." + std::string(key);
    std::string quoted = "[\"";
    for (char c : key.substr(0, 64)) quoted += (c == '"' || c == '\\' || (unsigned char)c < 0x20) ? '?' : c;
    return parent + quoted + (key.size() > 64 ? "...\"]" : "\"]");
}

std::string elementPath(const std::string& parent, size_t index) {
    return core::concat(parent, "[", index, "]");
}

bool isValidUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = (unsigned char)text[i];
        const size_t length = c < 0x80           ? 1
                              : (c >> 5) == 0x6  ? 2
                              : (c >> 4) == 0xE  ? 3
                              : (c >> 3) == 0x1E ? 4
                                                 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (size_t k = 1; k < length; ++k)
            if (((unsigned char)text[i + k] >> 6) != 0x2) return false;
        i += length;
    }
    return true;
}

std::string describeType(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "true or false";
    case Json::value_t::string: return "text";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "something else";
    }
}

void ProjectReader::add(ProblemSeverity severity, const std::string& path, std::string message) {
    if (mProblems.size() >= kMaxProblems) {
        ++mDropped;
        return;
    }
    mProblems.push_back(ProjectProblem{severity, mFile, path, std::move(message)});
}

void ProjectReader::error(const std::string& path, std::string message) {
    add(ProblemSeverity::Error, path, std::move(message));
}

void ProjectReader::warning(const std::string& path, std::string message) {
    add(ProblemSeverity::Warning, path, std::move(message));
}

std::vector<ProjectProblem> ProjectReader::takeProblems() {
    std::vector<ProjectProblem> problems = std::move(mProblems);
    if (mDropped > 0) {
        problems.push_back(ProjectProblem{ProblemSeverity::Error, mFile, "",
                                          core::concat(mDropped, " more problems are not listed")});
    }
    mProblems.clear();
    mDropped = 0;
    return problems;
}

void ProjectReader::checkKeys(const Json& object, const std::string& path,
                              std::initializer_list<std::string_view> known) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        if (!key.empty() && key.front() == '_') continue;
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        warning(memberPath(path, key), "unknown key; it is ignored");
    }
}

const Json* ProjectReader::find(const Json& object, std::string_view key, const std::string& path,
                                Need need) {
    auto it = object.find(std::string(key));
    if (it != object.end()) return &*it;
    if (need == Need::Required) error(memberPath(path, key), "is required but missing");
    return nullptr;
}

bool ProjectReader::readText(const Json& object, std::string_view key, const std::string& path, Need need,
                             std::string& out) {
    const Json* value = find(object, key, path, need);
    if (!value) return need == Need::Optional;
    const std::string at = memberPath(path, key);
    if (!value->is_string()) {
        error(at, "must be text, not " + describeType(*value));
        return false;
    }
    const auto& text = value->get_ref<const std::string&>();
    if (text.empty() || text.size() > kMaxNameBytes || !isValidUtf8(text)) {
        error(at, core::concat("must be 1 to ", kMaxNameBytes, " bytes of UTF-8 text"));
        return false;
    }
    out = text;
    return true;
}

bool ProjectReader::readNumber(const Json& object, std::string_view key, const std::string& path, Need need,
                               Range range, double& out) {
    const Json* value = find(object, key, path, need);
    if (!value) return need == Need::Optional;
    const std::string at = memberPath(path, key);
    if (!value->is_number()) {
        error(at, "must be a number, not " + describeType(*value));
        return false;
    }
    const double number = value->get<double>();
    if (!std::isfinite(number) || !inRange(number, range)) {
        error(at, core::concat("is ", number, "; ", describeRange(range)));
        return false;
    }
    out = number;
    return true;
}

bool ProjectReader::readNumber(const Json& object, std::string_view key, const std::string& path, Need need,
                               Range range, float& out) {
    double number = out;
    if (!readNumber(object, key, path, need, range, number)) return false;
    out = float(number);
    return true;
}

bool ProjectReader::readNumbers(const Json& value, const std::string& path, size_t count,
                                std::span<double> out) {
    if (!value.is_array() || value.size() != count) {
        error(path, core::concat("must be an array of ", count, " numbers, not ", describeType(value)));
        return false;
    }
    for (size_t i = 0; i < count; ++i) {
        if (!value[i].is_number() || !std::isfinite(value[i].get<double>())) {
            error(elementPath(path, i), "must be a finite number, not " + describeType(value[i]));
            return false;
        }
        out[i] = value[i].get<double>();
    }
    return true;
}

bool ProjectReader::readPoint(const Json& object, std::string_view key, const std::string& path, Need need,
                              glm::vec3& out) {
    const Json* value = find(object, key, path, need);
    if (!value) return need == Need::Optional;
    const std::string at = memberPath(path, key);
    double xyz[3];
    if (!readNumbers(*value, at, 3, xyz)) return false;
    for (size_t i = 0; i < 3; ++i) {
        if (std::abs(xyz[i]) > kMaxCoordinate) {
            error(elementPath(at, i), core::concat("is ", xyz[i], " m from the origin; at most ",
                                                   kMaxCoordinate, " m is allowed"));
            return false;
        }
    }
    out = glm::vec3(float(xyz[0]), float(xyz[1]), float(xyz[2]));
    return true;
}

bool ProjectReader::readQuaternion(const Json& object, std::string_view key, const std::string& path,
                                   Need need, glm::quat& out) {
    const Json* value = find(object, key, path, need);
    if (!value) return need == Need::Optional;
    const std::string at = memberPath(path, key);
    double wxyz[4];
    if (!readNumbers(*value, at, 4, wxyz)) return false;
    const glm::dquat q(wxyz[0], wxyz[1], wxyz[2], wxyz[3]);
    const double length = glm::length(q);
    if (!(length > 1e-6) || !std::isfinite(length)) {
        error(at, "is not a rotation: [w, x, y, z] must not be all zero");
        return false;
    }
    out = glm::quat(q / length);
    return true;
}

bool ProjectReader::expectObject(const Json& value, const std::string& path) {
    if (value.is_object()) return true;
    error(path, "must be an object, not " + describeType(value));
    return false;
}

bool ProjectReader::expectArray(const Json& value, const std::string& path) {
    if (value.is_array()) return true;
    error(path, "must be an array, not " + describeType(value));
    return false;
}

} // namespace sr::previs::detail
