// Reading a manifest: parse, check the format, then walk the schema with a ManifestReader that
// keeps what is valid and reports the rest.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/files.h"
#include "core/hash.h"
#include "core/log.h"
#include "scene/manifest.h"
#include "scene/manifest_reader.h"
#include "scene/manifest_text.h"
#include "scene/room_poses.h"

namespace sr::scene {
namespace fs = std::filesystem;
using detail::Json;
using detail::ManifestReader;
using detail::Need;
using detail::Range;

namespace {
constexpr size_t kMaxRooms = 256;
constexpr size_t kMaxStations = 256;
constexpr size_t kMaxHotspots = 1024;
constexpr size_t kMaxPhotos = 256;
constexpr size_t kMaxDuplicateKeysReported = 100;

constexpr Range kYawRange{-360.0, 360.0};
constexpr Range kPitchRange{-89.0, 89.0};
constexpr Range kRadiusRange{0.0, 10.0, true, true};
constexpr Range kEyeHeightRange{0.2, 3.0};
constexpr Range kSpeedRange{0.0, 10.0, true, false};
constexpr Range kMetresPerUnitRange{0.0, 10000.0, true, false};
constexpr Range kIdleRange{1.0, 86400.0};
constexpr Range kPromptRange{0.0, 3600.0};

const Json* findMember(const Json& object, std::string_view key) {
    auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
}

// Follows the parser's events to find keys written twice in one object: the parser keeps only
// the last, which silently loses the first (often a whole list of hotspots).
class DuplicateKeyFinder {
public:
    bool onEvent(Json::parse_event_t event, const Json& parsed) {
        switch (event) {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start:
            mFrames.push_back(Frame{event == Json::parse_event_t::array_start, nextChildPath()});
            break;
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            if (!mFrames.empty()) mFrames.pop_back();
            break;
        case Json::parse_event_t::key:
            if (!mFrames.empty() && parsed.is_string()) {
                Frame& top = mFrames.back();
                top.lastKey = parsed.get<std::string>();
                if (!top.keyHashes.insert(core::hashString(top.lastKey)).second &&
                    duplicates.size() < kMaxDuplicateKeysReported) {
                    duplicates.push_back(detail::memberPath(top.path, top.lastKey));
                }
            }
            break;
        case Json::parse_event_t::value:
            if (!mFrames.empty() && mFrames.back().array) ++mFrames.back().count;
            break;
        }
        return true;
    }

    std::vector<std::string> duplicates; // JSON paths of the repeated keys

private:
    struct Frame {
        bool array = false;
        std::string path;
        size_t count = 0;
        std::string lastKey;
        std::unordered_set<uint64_t> keyHashes;
    };

    std::string nextChildPath() {
        if (mFrames.empty()) return "";
        Frame& top = mFrames.back();
        if (top.array) return detail::elementPath(top.path, top.count++);
        return detail::memberPath(top.path, top.lastKey);
    }

    std::vector<Frame> mFrames;
};

struct ParsedManifest {
    Json root;
    size_t overflowLiterals = 0;
    std::vector<std::string> duplicateKeys;
};

// JSON has no literal for NaN or infinity, but tools that print doubles write them anyway: when
// the parser stopped in such a word (`byte` counts from 1), a hint for the message.
std::string nonFiniteHint(std::span<const uint8_t> text, size_t byte) {
    if (byte == 0 || text.empty()) return {};
    auto letter = [&](size_t i) { return std::isalpha(text[i]) != 0; };
    size_t begin = std::min(byte, text.size()) - 1, end = begin;
    if (!letter(begin)) return {};
    while (begin > 0 && letter(begin - 1)) --begin;
    while (end < text.size() && letter(end) && end - begin < 8) ++end;
    std::string word(text.begin() + std::ptrdiff_t(begin), text.begin() + std::ptrdiff_t(end));
    for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (word != "nan" && word != "inf" && word != "infinity") return {};
    return "; JSON has no NaN or Infinity: write a number, or leave an optional value out";
}

// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ...", printable.
std::string cleanJsonMessage(const std::exception& e) {
    std::string_view text = e.what();
    if (auto close = text.find("] "); text.starts_with("[json.exception.") && close != text.npos)
        text.remove_prefix(close + 2);
    const std::string quoted = detail::quoteForMessage(text, 400);
    return quoted.substr(1, quoted.size() - 2);
}

// `bytes`: the manifest's text, changed in place by detail::prepareJsonText.
core::Result<ParsedManifest> parseManifest(std::vector<uint8_t>& bytes, const fs::path& file) {
    auto prepared = detail::prepareJsonText(bytes);
    if (!prepared) return core::makeError(file.string(), prepared.error().message);

    ParsedManifest parsed;
    parsed.overflowLiterals = *prepared;
    DuplicateKeyFinder finder;
    try {
        parsed.root =
            Json::parse(bytes.begin(), bytes.end(), [&finder](int, Json::parse_event_t event, Json& value) {
                return finder.onEvent(event, value);
            });
    } catch (const Json::parse_error& e) {
        return core::makeError(file.string(),
                               core::concat("not valid JSON (byte ", e.byte, "): ", cleanJsonMessage(e),
                                            nonFiniteHint(bytes, e.byte)));
    } catch (const Json::exception& e) {
        return core::makeError(file.string(), core::concat("not valid JSON: ", cleanJsonMessage(e)));
    }
    parsed.duplicateKeys = std::move(finder.duplicates);
    return parsed;
}

bool isSupportedFormat(std::string_view format) {
    if (format == kManifestFormat) return true;
    // Minor revisions only add keys: "stillroom-exhibit/1.2" reads as "stillroom-exhibit/1".
    if (!format.starts_with(kManifestFormat) || format.size() < kManifestFormat.size() + 2) return false;
    if (format[kManifestFormat.size()] != '.') return false;
    const std::string_view minor = format.substr(kManifestFormat.size() + 1);
    return minor.size() <= 9 && minor.find_first_not_of("0123456789") == minor.npos;
}

core::Status checkFormat(const Json& root, const fs::path& file) {
    const Json* format = findMember(root, "format");
    if (!format) {
        return core::makeError(file.string(), core::concat("no \"format\"; an exhibit manifest starts with "
                                                           "\"format\": \"",
                                                           kManifestFormat, "\""));
    }
    if (!format->is_string()) {
        return core::makeError(file.string(),
                               core::concat("\"format\" must be the text \"", kManifestFormat, "\""));
    }
    const auto& text = format->get_ref<const std::string&>();
    if (!isSupportedFormat(text)) {
        return core::makeError(file.string(),
                               core::concat("format ", detail::quoteForMessage(text),
                                            " is not supported; this version of Stillroom reads \"",
                                            kManifestFormat, "\""));
    }
    return {};
}

// Reads the optional text `key`, warning when it is missing or empty: visitors would see a blank.
void readTitle(ManifestReader& reader, const Json& object, std::string_view key, const std::string& path,
               std::string& out) {
    if (reader.readText(object, key, path, Need::Optional, out) && out.empty())
        reader.warning(detail::memberPath(path, key), "missing or empty; visitors will see no title");
}

// Reads a list of items with ids: each invalid item, each repeated id and everything past
// `maxCount` is reported and left out.
template <class T, class ReadOne>
std::vector<T> readList(ManifestReader& reader, const Json& list, const std::string& path, size_t maxCount,
                        std::string_view noun, ReadOne readOne) {
    std::vector<T> items;
    if (!reader.expectArray(list, path)) return items;
    std::unordered_map<std::string, std::string> seen; // id -> JSON path of its first use
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = detail::elementPath(path, i);
        if (i >= maxCount) {
            reader.error(at, core::concat("more than ", maxCount, " ", noun, "s; the rest are left out"));
            break;
        }
        std::optional<T> item = readOne(list[i], at);
        if (!item) {
            reader.error(at, core::concat("this ", noun, " is left out"));
            continue;
        }
        auto [first, inserted] = seen.emplace(item->id, at);
        if (!inserted) {
            reader.error(detail::memberPath(at, "id"),
                         core::concat(noun, " id ", detail::quoteForMessage(item->id), " is already used by ",
                                      first->second, "; this ", noun, " is left out"));
            continue;
        }
        items.push_back(std::move(*item));
    }
    return items;
}

// position (required), yaw and pitch (optional, 0) of a station or a hotspot's view.
bool readPose(ManifestReader& reader, const Json& object, const std::string& path, ViewPose& pose) {
    bool ok = reader.readPoint(object, "position", path, Need::Required, pose.position);
    ok = reader.readNumber(object, "yaw", path, Need::Optional, kYawRange, pose.yawDeg) && ok;
    ok = reader.readNumber(object, "pitch", path, Need::Optional, kPitchRange, pose.pitchDeg) && ok;
    return ok;
}

std::optional<Station> readStation(ManifestReader& reader, const Json& value, const std::string& path) {
    if (!reader.expectObject(value, path)) return std::nullopt;
    reader.checkKeys(value, path, {"id", "title", "position", "yaw", "pitch"});
    Station station;
    bool ok = reader.readId(value, "id", path, Need::Required, station.id);
    ok = reader.readText(value, "title", path, Need::Optional, station.title) && ok;
    ok = readPose(reader, value, path, station.pose) && ok;
    if (!ok) return std::nullopt;
    return station;
}

std::vector<ExhibitPath> readPhotos(ManifestReader& reader, const Json& list, const std::string& path) {
    std::vector<ExhibitPath> photos;
    if (!reader.expectArray(list, path)) return photos;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = detail::elementPath(path, i);
        if (i >= kMaxPhotos) {
            reader.error(at, core::concat("more than ", kMaxPhotos, " photos; the rest are left out"));
            break;
        }
        ExhibitPath photo;
        if (reader.readFileValue(list[i], at, photo)) photos.push_back(std::move(photo));
    }
    return photos;
}

std::optional<Hotspot> readHotspot(ManifestReader& reader, const Json& value, const std::string& path) {
    if (!reader.expectObject(value, path)) return std::nullopt;
    reader.checkKeys(value, path,
                     {"id", "position", "radius", "title", "caption", "photos", "view", "photo_pose"});
    Hotspot hotspot;
    bool ok = reader.readId(value, "id", path, Need::Required, hotspot.id);
    ok = reader.readPoint(value, "position", path, Need::Required, hotspot.position) && ok;
    ok = reader.readNumber(value, "radius", path, Need::Optional, kRadiusRange, hotspot.radius) && ok;
    readTitle(reader, value, "title", path, hotspot.title);
    reader.readText(value, "caption", path, Need::Optional, hotspot.caption);
    if (reader.readText(value, "photo_pose", path, Need::Optional, hotspot.photoPose) &&
        findMember(value, "photo_pose")) {
        if (hotspot.photoPose.empty() || hotspot.photoPose.size() > detail::kMaxPathBytes) {
            reader.error(detail::memberPath(path, "photo_pose"),
                         core::concat("must name a photo of the room's pose file (1 to ",
                                      detail::kMaxPathBytes, " bytes); the hotspot opens like any other"));
            hotspot.photoPose.clear();
        }
    }
    if (const Json* photos = findMember(value, "photos"))
        hotspot.photos = readPhotos(reader, *photos, detail::memberPath(path, "photos"));
    if (const Json* view = findMember(value, "view")) {
        const std::string at = detail::memberPath(path, "view");
        if (reader.expectObject(*view, at)) {
            reader.checkKeys(*view, at, {"position", "yaw", "pitch"});
            ViewPose pose;
            if (readPose(reader, *view, at, pose)) {
                hotspot.view = pose;
            } else {
                reader.error(at,
                             "this view is left out; the camera stays where it is when the hotspot opens");
            }
        }
    }
    if (!ok) return std::nullopt;
    return hotspot;
}

void readWalk(ManifestReader& reader, const Json& value, const std::string& path, WalkSettings& walk) {
    if (!reader.expectObject(value, path)) return;
    reader.checkKeys(value, path, {"enabled", "eye_height", "speed"});
    reader.readBool(value, "enabled", path, Need::Optional, walk.enabled);
    reader.readNumber(value, "eye_height", path, Need::Optional, kEyeHeightRange, walk.eyeHeight);
    reader.readNumber(value, "speed", path, Need::Optional, kSpeedRange, walk.speed);
}

// The importer's message already names the value; a long one is shown shortened instead.
std::string describeParseFailure(std::string_view text, const core::Error& error, std::string_view what) {
    const std::string shown = detail::quoteForMessage(text, 64);
    if (shown == core::concat("\"", text, "\"")) return error.message; // short and printable

    return core::concat("unknown ", what, " ", shown);
}

void readUpAxis(ManifestReader& reader, const Json& object, const std::string& path, Room& room) {
    asset::UpAxis& up = room.up;
    const std::string at = detail::memberPath(path, "up");
    const Json* value = findMember(object, "up");
    if (!value) {
        reader.warning(at, "missing; assuming the mesh file has \"+Z\" up");
        return;
    }
    if (value->is_array()) {
        // A calibrated direction in the file's coordinates: kept as written, turned onto +Z.
        glm::vec3 direction(0.0f);
        bool ok = value->size() == 3;
        for (size_t i = 0; ok && i < 3; ++i) {
            const Json& component = (*value)[i];
            ok = component.is_number() && std::isfinite(component.get<double>()) &&
                 std::abs(component.get<double>()) <= 1e6;
            if (ok) direction[int(i)] = float(component.get<double>());
        }
        if (!ok || !(glm::length(direction) > 1e-6f)) {
            reader.error(
                at, "an up direction must be three finite numbers, not all zero, such as [0.02, -0.1, 0.99]; "
                    "assuming \"+Z\"");
            return;
        }
        room.upVector = direction;
        up = nearestUpAxis(glm::dvec3(direction));
        return;
    }
    std::string text;
    if (!reader.readText(object, "up", path, Need::Optional, text)) return;
    auto parsed = asset::parseUpAxis(text);
    if (!parsed) {
        reader.error(at, describeParseFailure(text, parsed.error(), "up axis"));
        return;
    }
    up = *parsed;
}

void readUnits(ManifestReader& reader, const Json& room, const std::string& path, float& metresPerUnit) {
    const Json* value = findMember(room, "units");
    if (!value) return;
    if (value->is_number() || reader.isOverflowMarker(*value)) {
        reader.readNumber(room, "units", path, Need::Optional, kMetresPerUnitRange, metresPerUnit);
        return;
    }
    if (!value->is_string()) {
        reader.error(
            detail::memberPath(path, "units"),
            core::concat("must be text naming a unit (\"m\", \"cm\", \"mm\", \"in\", \"ft\") or a number of "
                         "metres per unit, not ",
                         reader.describeType(*value)));
        return;
    }
    std::string text;
    if (!reader.readText(room, "units", path, Need::Optional, text)) return;
    auto parsed = asset::parseUnits(text);
    if (!parsed) {
        reader.error(detail::memberPath(path, "units"), describeParseFailure(text, parsed.error(), "unit"));
        return;
    }
    metresPerUnit = *parsed;
}

// "pose_photos", and the hotspots that name a photo of a pose file the room does not have.
void readPosePhotos(ManifestReader& reader, const Json& value, const std::string& path, Room& room) {
    std::string mode;
    if (reader.readText(value, "pose_photos", path, Need::Optional, mode) &&
        findMember(value, "pose_photos")) {
        if (mode == posePhotosName(PosePhotos::All)) {
            room.posePhotos = PosePhotos::All;
        } else if (mode == posePhotosName(PosePhotos::Listed)) {
            room.posePhotos = PosePhotos::Listed;
        } else {
            reader.error(detail::memberPath(path, "pose_photos"),
                         core::concat(detail::quoteForMessage(mode),
                                      " is not a choice of photos; use \"all\" or \"listed\""));
        }
        if (!room.poses && findMember(value, "poses") == nullptr)
            reader.warning(detail::memberPath(path, "pose_photos"),
                           "the room has no \"poses\"; this does nothing");
    }
    if (room.poses) return;
    const Json* hotspots = findMember(value, "hotspots");
    for (size_t i = 0; hotspots && hotspots->is_array() && i < hotspots->size(); ++i) {
        const Json& hotspot = (*hotspots)[i];
        if (hotspot.is_object() && findMember(hotspot, "photo_pose")) {
            reader.warning(detail::memberPath(detail::elementPath(detail::memberPath(path, "hotspots"), i),
                                              "photo_pose"),
                           "the room has no usable \"poses\"; the hotspot opens like any other");
        }
    }
}

std::optional<Room> readRoom(ManifestReader& reader, const Json& value, const std::string& path) {
    if (!reader.expectObject(value, path)) return std::nullopt;
    reader.checkKeys(value, path,
                     {"id", "title", "subtitle", "mesh", "up", "units", "stations", "walk", "hotspots",
                      "poses", "pose_photos"});
    Room room;
    bool ok = reader.readId(value, "id", path, Need::Required, room.id);
    readTitle(reader, value, "title", path, room.title);
    reader.readText(value, "subtitle", path, Need::Optional, room.subtitle);
    ok = reader.readFile(value, "mesh", path, Need::Required, room.mesh) && ok;
    readUpAxis(reader, value, path, room);
    readUnits(reader, value, path, room.metresPerUnit);

    const std::string stationsPath = detail::memberPath(path, "stations");
    if (const Json* stations = findMember(value, "stations"))
        room.stations = readList<Station>(reader, *stations, stationsPath, kMaxStations, "station",
                                          [&](auto&... a) { return readStation(reader, a...); });
    if (room.stations.empty())
        reader.warning(stationsPath, "no stations; the viewer chooses where visitors arrive");
    if (const Json* walk = findMember(value, "walk"))
        readWalk(reader, *walk, detail::memberPath(path, "walk"), room.walk);
    if (const Json* hotspots = findMember(value, "hotspots"))
        room.hotspots =
            readList<Hotspot>(reader, *hotspots, detail::memberPath(path, "hotspots"), kMaxHotspots,
                              "hotspot", [&](auto&... a) { return readHotspot(reader, a...); });
    ExhibitPath poses;
    if (findMember(value, "poses") && reader.readFile(value, "poses", path, Need::Optional, poses, true))
        room.poses = std::move(poses);
    readPosePhotos(reader, value, path, room);
    if (!ok) return std::nullopt;
    return room;
}

std::optional<KioskSettings> readKiosk(ManifestReader& reader, const Json& value, const std::string& path) {
    if (!reader.expectObject(value, path)) return std::nullopt;
    reader.checkKeys(value, path, {"idle_seconds", "prompt_seconds", "attract"});
    KioskSettings kiosk;
    reader.readNumber(value, "idle_seconds", path, Need::Optional, kIdleRange, kiosk.idleSeconds);
    reader.readNumber(value, "prompt_seconds", path, Need::Optional, kPromptRange, kiosk.promptSeconds);
    std::string attract;
    if (reader.readText(value, "attract", path, Need::Optional, attract) && findMember(value, "attract")) {
        if (attract == attractModeName(AttractMode::Tour)) {
            kiosk.attract = AttractMode::Tour;
        } else if (attract == attractModeName(AttractMode::None)) {
            kiosk.attract = AttractMode::None;
        } else {
            reader.error(detail::memberPath(path, "attract"),
                         core::concat(detail::quoteForMessage(attract),
                                      " is not an attract mode; use \"tour\" or "
                                      "\"none\""));
        }
    }
    return kiosk;
}

Exhibit readExhibit(ManifestReader& reader, const Json& root, const fs::path& folder) {
    Exhibit exhibit;
    exhibit.folder = folder;
    reader.checkKeys(root, "", {"format", "title", "intro", "rooms", "kiosk"});
    readTitle(reader, root, "title", "", exhibit.title);
    reader.readText(root, "intro", "", Need::Optional, exhibit.intro);
    if (const Json* rooms = findMember(root, "rooms")) {
        exhibit.rooms = readList<Room>(reader, *rooms, "rooms", kMaxRooms, "room",
                                       [&](auto&... a) { return readRoom(reader, a...); });
        if (rooms->is_array() && exhibit.rooms.empty())
            reader.error("rooms", "no room can be shown; the exhibit is empty");
    } else {
        reader.error("rooms", "missing (required); an exhibit needs at least one room");
    }
    if (const Json* kiosk = findMember(root, "kiosk")) exhibit.kiosk = readKiosk(reader, *kiosk, "kiosk");
    return exhibit;
}

// `text`: the manifest's bytes when the caller has them; otherwise the file is read.
core::Result<LoadedExhibit> loadChecked(const fs::path& folderIn,
                                        std::optional<std::span<const uint8_t>> text) {
    std::error_code ec;
    fs::path folder = fs::absolute(folderIn, ec);
    if (ec) return core::makeError(folderIn.string(), core::concat("cannot resolve folder: ", ec.message()));
    if (fs::path canonical = fs::weakly_canonical(folder, ec); !ec) folder = canonical;
    const fs::path file = folder / kManifestFileName;

    std::vector<uint8_t> bytes;
    if (text) {
        if (text->size() > kMaxManifestBytes) {
            return core::makeError(file.string(),
                                   core::concat("file is ", text->size(), " bytes, over the limit of ",
                                                kMaxManifestBytes, " bytes"));
        }
        bytes.assign(text->begin(), text->end());
    } else {
        auto read = core::readFile(file, kMaxManifestBytes);
        if (!read) return read.error();
        bytes = std::move(*read);
    }
    auto parsed = parseManifest(bytes, file);
    if (!parsed) return parsed.error();
    const Json& root = parsed->root;
    if (!root.is_object()) return core::makeError(file.string(), "must hold a JSON object {...}");
    if (auto format = checkFormat(root, file); !format) return format.error();

    ManifestReader reader(folder, parsed->overflowLiterals > 0);
    for (const std::string& path : parsed->duplicateKeys)
        reader.warning(path, "key written more than once in its object; only the last one counts");
    LoadedExhibit loaded;
    loaded.exhibit = readExhibit(reader, root, folder);
    loaded.problems = reader.takeProblems();
    return loaded;
}
} // namespace

std::string Problem::describe() const {
    std::string text = file;
    if (!jsonPath.empty()) text += (text.empty() ? "" : ": ") + jsonPath;
    if (!message.empty()) text += (text.empty() ? "" : ": ") + message;
    return text;
}

bool LoadedExhibit::hasErrors() const {
    for (const Problem& problem : problems)
        if (problem.severity == Severity::Error) return true;
    return false;
}

void logProblems(std::span<const Problem> problems) {
    for (const Problem& problem : problems) {
        if (problem.severity == Severity::Error) {
            core::logError(problem.describe());
        } else {
            core::logWarning(problem.describe());
        }
    }
}

namespace {
core::Result<LoadedExhibit> loadGuarded(const fs::path& folder,
                                        std::optional<std::span<const uint8_t>> text) {
    // The JSON library and the standard library report failures (memory, mostly) by throwing;
    // none of that may leave the module.
    try {
        return loadChecked(folder, text);
    } catch (const std::exception& e) {
        return core::makeError((folder / kManifestFileName).string(),
                               core::concat("cannot load: ", e.what()));
    } catch (...) {
        return core::makeError((folder / kManifestFileName).string(), "cannot load: unknown failure");
    }
}
} // namespace

core::Result<LoadedExhibit> loadExhibit(const fs::path& folder) { return loadGuarded(folder, std::nullopt); }

core::Result<LoadedExhibit> loadExhibitFromText(std::span<const uint8_t> text, const fs::path& folder) {
    return loadGuarded(folder, text);
}

} // namespace sr::scene
