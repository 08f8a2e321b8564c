#include "check/manifest_paths.h"

#include <nlohmann/json.hpp>

#include <string>

#include "core/files.h"
#include "scene/manifest.h"

namespace sr::check {
namespace {

using Json = nlohmann::json;

// The array `key` of `object`, or null.
const Json* arrayOf(const Json* object, const char* key) {
    if (!object || !object->is_object()) return nullptr;
    auto it = object->find(key);
    return it != object->end() && it->is_array() ? &*it : nullptr;
}

// Matches kept entries to the entries of `array` one by one, in order: the first entry not yet
// matched whose `matches` is true; the kept position when there is none.
class Matcher {
public:
    explicit Matcher(const Json* array) : mArray(array), mUsed(array ? array->size() : 0, false) {}

    template <class Predicate> size_t match(size_t keptIndex, Predicate&& matches) {
        for (size_t i = 0; i < mUsed.size(); ++i) {
            if (!mUsed[i] && matches((*mArray)[i])) {
                mUsed[i] = true;
                return i;
            }
        }
        return keptIndex;
    }
    const Json* entry(size_t index) const {
        return mArray && index < mArray->size() ? &(*mArray)[index] : nullptr;
    }

private:
    const Json* mArray;
    std::vector<bool> mUsed;
};

auto hasId(const std::string& id) {
    return [&id](const Json& entry) {
        if (!entry.is_object()) return false;
        auto it = entry.find("id");
        return it != entry.end() && it->is_string() && it->get_ref<const std::string&>() == id;
    };
}

std::string indexed(const std::string& prefix, const char* key, size_t index) {
    return prefix + "." + key + "[" + std::to_string(index) + "]";
}

RoomPaths pathsOfRoom(const scene::Room& room, const std::string& prefix, const Json* roomJson) {
    RoomPaths paths;
    paths.room = prefix;
    Matcher stations(arrayOf(roomJson, "stations"));
    for (size_t i = 0; i < room.stations.size(); ++i) {
        paths.stations.push_back(indexed(prefix, "stations", stations.match(i, hasId(room.stations[i].id))));
    }
    Matcher hotspots(arrayOf(roomJson, "hotspots"));
    for (size_t i = 0; i < room.hotspots.size(); ++i) {
        const scene::Hotspot& hotspot = room.hotspots[i];
        const size_t index = hotspots.match(i, hasId(hotspot.id));
        paths.hotspots.push_back(indexed(prefix, "hotspots", index));
        Matcher photos(arrayOf(hotspots.entry(index), "photos"));
        std::vector<std::string> photoPaths;
        for (size_t p = 0; p < hotspot.photos.size(); ++p) {
            const std::string& written = hotspot.photos[p].written;
            const size_t photo = photos.match(p, [&written](const Json& entry) {
                return entry.is_string() && entry.get_ref<const std::string&>() == written;
            });
            photoPaths.push_back(indexed(paths.hotspots.back(), "photos", photo));
        }
        paths.photos.push_back(std::move(photoPaths));
    }
    return paths;
}

} // namespace

std::vector<RoomPaths> findRoomPaths(const scene::Exhibit& exhibit,
                                     const std::filesystem::path& manifestFile) {
    Json document;
    if (auto bytes = core::readFile(manifestFile, scene::kMaxManifestBytes)) {
        document = Json::parse(bytes->begin(), bytes->end(), nullptr, false);
    }
    Matcher rooms(arrayOf(&document, "rooms"));
    std::vector<RoomPaths> result;
    for (size_t r = 0; r < exhibit.rooms.size(); ++r) {
        const size_t index = rooms.match(r, hasId(exhibit.rooms[r].id));
        result.push_back(
            pathsOfRoom(exhibit.rooms[r], "rooms[" + std::to_string(index) + "]", rooms.entry(index)));
    }
    return result;
}

} // namespace sr::check
