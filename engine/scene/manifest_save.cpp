// Writing a manifest: the model as pretty JSON, keys in schema order, numbers in their shortest
// form so that a saved manifest reads like a hand-written one.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/log.h"
#include "scene/manifest.h"
#include "scene/manifest_text.h"

namespace sr::scene {
namespace fs = std::filesystem;

namespace {
using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kUnitNames[] = {"m", "cm", "mm", "in", "ft"};

// Turns model values into JSON values, remembering the first one that cannot be written.
class ManifestWriter {
public:
    explicit ManifestWriter(fs::path folder) : mFolder(std::move(folder)) {}

    const std::optional<std::string>& failure() const { return mFailure; }

    OrderedJson number(double value, const std::string& path) {
        if (!std::isfinite(value)) {
            fail(path, "is not a finite number");
            return 0;
        }
        if (std::trunc(value) == value && std::abs(value) < 1e15) return int64_t(value);
        return value;
    }

    // The shortest decimal that reads back as the same float: 0.8f is written "0.8", not
    // "0.800000011920929".
    OrderedJson number(float value, const std::string& path) {
        if (!std::isfinite(value)) return number(double(value), path);
        char buffer[64];
        const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
        double shortest = value;
        std::from_chars(buffer, written.ptr, shortest);
        return number(shortest, path);
    }

    OrderedJson text(const std::string& value, const std::string& path) {
        if (!detail::isValidUtf8(value)) {
            fail(path, "is not valid UTF-8 text");
            return "";
        }
        return value;
    }

    OrderedJson point(const glm::vec3& value, const std::string& path) {
        OrderedJson out = OrderedJson::array();
        for (int axis = 0; axis < 3; ++axis)
            out.push_back(number(value[axis], detail::elementPath(path, axis)));
        return out;
    }

    OrderedJson file(const ExhibitPath& value, const std::string& path) {
        if (!value.written.empty()) return text(value.written, path);
        if (value.resolved.empty()) {
            fail(path, "path is empty");
            return "";
        }
        const fs::path relative = value.resolved.lexically_normal().lexically_relative(mFolder);
        if (relative.empty() || *relative.begin() == "..") {
            fail(path, core::concat("path ", detail::quoteForMessage(value.resolved.string()),
                                    " is not inside the manifest's folder"));
            return "";
        }
        return text(relative.generic_string(), path);
    }

    OrderedJson pose(const ViewPose& value, const std::string& path) {
        OrderedJson out = OrderedJson::object();
        out["position"] = point(value.position, detail::memberPath(path, "position"));
        out["yaw"] = number(value.yawDeg, detail::memberPath(path, "yaw"));
        out["pitch"] = number(value.pitchDeg, detail::memberPath(path, "pitch"));
        return out;
    }

private:
    void fail(const std::string& path, std::string_view message) {
        if (!mFailure) mFailure = core::concat(path, ": ", message);
    }

    fs::path mFolder;
    std::optional<std::string> mFailure;
};

OrderedJson writeUnits(ManifestWriter& writer, float metresPerUnit, const std::string& path) {
    for (std::string_view name : kUnitNames) {
        auto value = asset::parseUnits(name);
        if (value && *value == metresPerUnit) return std::string(name);
    }
    return writer.number(metresPerUnit, path);
}

OrderedJson writeStation(ManifestWriter& writer, const Station& station, const std::string& path) {
    OrderedJson out = OrderedJson::object();
    out["id"] = writer.text(station.id, detail::memberPath(path, "id"));
    if (!station.title.empty()) out["title"] = writer.text(station.title, detail::memberPath(path, "title"));
    const OrderedJson pose = writer.pose(station.pose, path);
    for (const auto& item : pose.items()) out[item.key()] = item.value();
    return out;
}

OrderedJson writeHotspot(ManifestWriter& writer, const Hotspot& hotspot, const std::string& path) {
    OrderedJson out = OrderedJson::object();
    out["id"] = writer.text(hotspot.id, detail::memberPath(path, "id"));
    out["position"] = writer.point(hotspot.position, detail::memberPath(path, "position"));
    out["radius"] = writer.number(hotspot.radius, detail::memberPath(path, "radius"));
    out["title"] = writer.text(hotspot.title, detail::memberPath(path, "title"));
    if (!hotspot.caption.empty())
        out["caption"] = writer.text(hotspot.caption, detail::memberPath(path, "caption"));
    if (!hotspot.photos.empty()) {
        const std::string photosPath = detail::memberPath(path, "photos");
        OrderedJson photos = OrderedJson::array();
        for (size_t i = 0; i < hotspot.photos.size(); ++i)
            photos.push_back(writer.file(hotspot.photos[i], detail::elementPath(photosPath, i)));
        out["photos"] = std::move(photos);
    }
    if (hotspot.view) out["view"] = writer.pose(*hotspot.view, detail::memberPath(path, "view"));
    if (!hotspot.photoPose.empty())
        out["photo_pose"] = writer.text(hotspot.photoPose, detail::memberPath(path, "photo_pose"));
    return out;
}

OrderedJson writeRoom(ManifestWriter& writer, const Room& room, const std::string& path) {
    const auto at = [&](std::string_view key) { return detail::memberPath(path, key); };
    OrderedJson out = OrderedJson::object();
    out["id"] = writer.text(room.id, at("id"));
    out["title"] = writer.text(room.title, at("title"));
    if (!room.subtitle.empty()) out["subtitle"] = writer.text(room.subtitle, at("subtitle"));
    out["mesh"] = writer.file(room.mesh, at("mesh"));
    if (room.upVector != glm::vec3(0.0f)) {
        OrderedJson direction = OrderedJson::array();
        for (int axis = 0; axis < 3; ++axis)
            direction.push_back(
                writer.number(room.upVector[axis], detail::elementPath(at("up"), size_t(axis))));
        out["up"] = std::move(direction);
    } else {
        out["up"] = std::string(upAxisName(room.up));
    }
    out["units"] = writeUnits(writer, room.metresPerUnit, at("units"));

    OrderedJson stations = OrderedJson::array();
    for (size_t i = 0; i < room.stations.size(); ++i)
        stations.push_back(writeStation(writer, room.stations[i], detail::elementPath(at("stations"), i)));
    out["stations"] = std::move(stations);

    OrderedJson walk = OrderedJson::object();
    walk["enabled"] = room.walk.enabled;
    walk["eye_height"] = writer.number(room.walk.eyeHeight, detail::memberPath(at("walk"), "eye_height"));
    walk["speed"] = writer.number(room.walk.speed, detail::memberPath(at("walk"), "speed"));
    out["walk"] = std::move(walk);

    OrderedJson hotspots = OrderedJson::array();
    for (size_t i = 0; i < room.hotspots.size(); ++i)
        hotspots.push_back(writeHotspot(writer, room.hotspots[i], detail::elementPath(at("hotspots"), i)));
    out["hotspots"] = std::move(hotspots);

    if (room.poses) out["poses"] = writer.file(*room.poses, at("poses"));
    if (room.posePhotos != PosePhotos::All) out["pose_photos"] = std::string(posePhotosName(room.posePhotos));
    return out;
}

OrderedJson writeExhibit(ManifestWriter& writer, const Exhibit& exhibit) {
    OrderedJson root = OrderedJson::object();
    root["format"] = std::string(kManifestFormat);
    root["title"] = writer.text(exhibit.title, "title");
    if (!exhibit.intro.empty()) root["intro"] = writer.text(exhibit.intro, "intro");
    OrderedJson rooms = OrderedJson::array();
    for (size_t i = 0; i < exhibit.rooms.size(); ++i)
        rooms.push_back(writeRoom(writer, exhibit.rooms[i], detail::elementPath("rooms", i)));
    root["rooms"] = std::move(rooms);
    if (exhibit.kiosk) {
        OrderedJson kiosk = OrderedJson::object();
        kiosk["idle_seconds"] = writer.number(exhibit.kiosk->idleSeconds, "kiosk.idle_seconds");
        kiosk["prompt_seconds"] = writer.number(exhibit.kiosk->promptSeconds, "kiosk.prompt_seconds");
        kiosk["attract"] = std::string(attractModeName(exhibit.kiosk->attract));
        root["kiosk"] = std::move(kiosk);
    }
    return root;
}

// Puts arrays of numbers ([x, y, z] positions) on one line; the JSON library writes one
// element per line, which makes a manifest hard to read and edit.
std::string compactNumberArrays(const std::string& pretty) {
    std::string out;
    out.reserve(pretty.size());
    bool inString = false;
    for (size_t i = 0; i < pretty.size(); ++i) {
        const char c = pretty[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < pretty.size()) out += pretty[++i];
            if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        size_t end = i + 1;
        if (c == '[') end = pretty.find_first_not_of("0123456789+-.eE,\n ", i + 1);
        if (c != '[' || end == std::string::npos || pretty[end] != ']') {
            out += c;
            continue;
        }
        out += '[';
        std::string_view items(pretty.data() + i + 1, end - i - 1);
        bool first = true;
        while (!items.empty()) {
            const size_t start = items.find_first_not_of(",\n ");
            if (start == items.npos) break;
            items.remove_prefix(start);
            const size_t stop = std::min(items.find_first_of(",\n "), items.size());
            out += first ? "" : ", ";
            out.append(items.substr(0, stop));
            items.remove_prefix(stop);
            first = false;
        }
        out += ']';
        i = end;
    }
    return out;
}

core::Status saveChecked(const Exhibit& exhibit, const fs::path& file) {
    std::error_code ec;
    fs::path folder = fs::absolute(file, ec).parent_path();
    if (fs::path canonical = fs::weakly_canonical(folder, ec); !ec) folder = canonical;

    ManifestWriter writer(folder);
    const OrderedJson root = writeExhibit(writer, exhibit);
    if (writer.failure())
        return core::makeError(file.string(), core::concat("cannot save: ", *writer.failure()));
    return core::writeFileAtomic(file, compactNumberArrays(root.dump(2)) + "\n");
}
} // namespace

core::Status saveExhibit(const Exhibit& exhibit, const fs::path& file) {
    try {
        return saveChecked(exhibit, file);
    } catch (const std::exception& e) {
        return core::makeError(file.string(), core::concat("cannot save: ", e.what()));
    } catch (...) {
        return core::makeError(file.string(), "cannot save: unknown failure");
    }
}

} // namespace sr::scene
