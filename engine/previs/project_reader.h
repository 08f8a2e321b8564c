#pragma once
// Reads typed, checked values out of a parsed previs project and collects the problems found.
// Internal to the previs module; nlohmann::json never appears in a public header.
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "previs/previs_project.h"

namespace sr::previs::detail {

using Json = nlohmann::json;

// Problems past this many are counted, not kept.
inline constexpr size_t kMaxProblems = 1000;
// Farther from the origin than this (metres) is taken for a mistake.
inline constexpr double kMaxCoordinate = 100000.0;
inline constexpr size_t kMaxNameBytes = 256;

enum class Need { Optional, Required };

// Closed interval, or open at an end where `openMin`/`openMax` says so.
struct Range {
    double min;
    double max;
    bool openMin = false;
    bool openMax = false;
};

// JSON paths as ProjectProblem::jsonPath spells them: "moves[2].keyframes[0]". Keys that are not
// plain names are quoted: shots[0]["two words"].
std::string memberPath(const std::string& parent, std::string_view key);
std::string elementPath(const std::string& parent, size_t index);

bool isValidUtf8(std::string_view text);

class ProjectReader {
public:
    explicit ProjectReader(std::string file) : mFile(std::move(file)) {}

    void error(const std::string& path, std::string message);
    void warning(const std::string& path, std::string message);
    // The problems so far, with a closing note if some were not kept.
    std::vector<ProjectProblem> takeProblems();

    // Warns about each key of `object` not in `known`; keys starting with '_' are comments.
    void checkKeys(const Json& object, const std::string& path,
                   std::initializer_list<std::string_view> known);

    // Each read*: when `key` is absent, leaves `out` alone and returns true, or reports an Error
    // and returns false if it is required. When present and valid, stores it and returns true;
    // when invalid, reports an Error, leaves `out` alone and returns false. `object` must be a JSON
    // object; `path` is its JSON path.
    // Text: non-empty UTF-8 of at most kMaxNameBytes.
    bool readText(const Json& object, std::string_view key, const std::string& path, Need need,
                  std::string& out);
    bool readNumber(const Json& object, std::string_view key, const std::string& path, Need need, Range range,
                    double& out);
    bool readNumber(const Json& object, std::string_view key, const std::string& path, Need need, Range range,
                    float& out);
    // [x, y, z] in metres, each within kMaxCoordinate.
    bool readPoint(const Json& object, std::string_view key, const std::string& path, Need need,
                   glm::vec3& out);
    // [w, x, y, z], finite and not zero; stored normalised.
    bool readQuaternion(const Json& object, std::string_view key, const std::string& path, Need need,
                        glm::quat& out);

    // Checks a value's type; reports "must be an object/array, not ..." when it is not.
    bool expectObject(const Json& value, const std::string& path);
    bool expectArray(const Json& value, const std::string& path);

private:
    void add(ProblemSeverity severity, const std::string& path, std::string message);
    const Json* find(const Json& object, std::string_view key, const std::string& path, Need need);
    bool readNumbers(const Json& value, const std::string& path, size_t count, std::span<double> out);

    std::string mFile;
    std::vector<ProjectProblem> mProblems;
    size_t mDropped = 0;
};

// "a number", "text", "an object" ... for messages.
std::string describeType(const Json& value);

} // namespace sr::previs::detail
