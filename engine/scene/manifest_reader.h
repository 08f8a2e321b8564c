#pragma once
// Reads typed, checked values out of a parsed manifest and collects the problems it finds.
// Internal to the scene module; nlohmann::json never appears in a public header.
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "scene/exhibit.h"
#include "scene/manifest.h"

namespace sr::scene::detail {

using Json = nlohmann::json;

// Problems past this many are counted, not kept, so hostile input cannot fill memory with them.
inline constexpr size_t kMaxProblems = 1000;
// Farther from the origin than this (metres) is taken for a mistake.
inline constexpr double kMaxCoordinate = 100000.0;
inline constexpr size_t kMaxPathBytes = 4096;

enum class Need { Optional, Required };

// Closed interval, or open at an end where `openMin`/`openMax` says so.
struct Range {
    double min;
    double max;
    bool openMin = false;
    bool openMax = false;
};

class ManifestReader {
public:
    // `folder`: the absolute exhibit folder. `overflowMarkers`: whether prepareJsonText replaced
    // any literal, so that a marker string stands for an overflowing number.
    ManifestReader(std::filesystem::path folder, bool overflowMarkers);

    void error(const std::string& path, std::string message) {
        add(Severity::Error, path, std::move(message));
    }
    void warning(const std::string& path, std::string message) {
        add(Severity::Warning, path, std::move(message));
    }
    // The problems so far, with a closing note if some were not kept.
    std::vector<Problem> takeProblems();

    // Warns about each key of `object` not in `known`, with a hint when one is close. Keys that
    // start with '_' are comments and pass silently.
    void checkKeys(const Json& object, const std::string& path,
                   std::initializer_list<std::string_view> known);

    // Each read*: when `key` is absent, leaves `out` alone and returns true, or reports an Error
    // and returns false if the key is required. When present and valid, stores it in `out` and
    // returns true. When present and invalid, reports an Error, leaves `out` alone, returns false.
    // `object` must be a JSON object; `path` is its JSON path.
    bool readText(const Json& object, std::string_view key, const std::string& path, Need need,
                  std::string& out);
    // A non-empty text of letters, digits, '-', '_' and '.' (not first), at most 64 bytes.
    bool readId(const Json& object, std::string_view key, const std::string& path, Need need,
                std::string& out);
    bool readBool(const Json& object, std::string_view key, const std::string& path, Need need, bool& out);
    bool readNumber(const Json& object, std::string_view key, const std::string& path, Need need, Range range,
                    double& out);
    bool readNumber(const Json& object, std::string_view key, const std::string& path, Need need, Range range,
                    float& out);
    // [x, y, z] in metres, each within kMaxCoordinate.
    bool readPoint(const Json& object, std::string_view key, const std::string& path, Need need,
                   glm::vec3& out);
    // A path confined to the exhibit folder. A file that does not exist, or is not a regular
    // file (or, with `folderToo`, a folder), is reported as an Error but still stored and
    // counted valid.
    bool readFile(const Json& object, std::string_view key, const std::string& path, Need need,
                  ExhibitPath& out, bool folderToo = false);
    // The same for a value on its own (an array element); `path` is the value's JSON path.
    bool readFileValue(const Json& value, const std::string& path, ExhibitPath& out, bool folderToo = false);

    // Checks a value's type; reports "must be an object/array, not ..." when it is not.
    bool expectObject(const Json& value, const std::string& path);
    bool expectArray(const Json& value, const std::string& path);

    // Whether `value` is the stand-in for an overflowing number literal.
    bool isOverflowMarker(const Json& value) const;
    // "a number", "text", "an object" ... for messages; names overflow markers as numbers.
    std::string describeType(const Json& value) const;

private:
    void add(Severity severity, const std::string& path, std::string message);
    bool checkNumber(const Json& value, const std::string& path, Range range, double& out);

    std::filesystem::path mFolder;
    bool mOverflowMarkers = false;
    std::vector<Problem> mProblems;
    size_t mDropped = 0;
    size_t mFileChecks = 0;
};

} // namespace sr::scene::detail
