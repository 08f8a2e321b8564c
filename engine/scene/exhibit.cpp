#include "scene/exhibit.h"

#include <algorithm>

namespace sr::scene {
namespace {
template <class T> const T* findById(const std::vector<T>& items, std::string_view id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const Room* findRoom(const Exhibit& exhibit, std::string_view id) { return findById(exhibit.rooms, id); }
const Station* findStation(const Room& room, std::string_view id) { return findById(room.stations, id); }
const Hotspot* findHotspot(const Room& room, std::string_view id) { return findById(room.hotspots, id); }

std::string_view upAxisName(asset::UpAxis up) {
    switch (up) {
    case asset::UpAxis::PosX: return "+X";
    case asset::UpAxis::NegX: return "-X";
    case asset::UpAxis::PosY: return "+Y";
    case asset::UpAxis::NegY: return "-Y";
    case asset::UpAxis::PosZ: return "+Z";
    case asset::UpAxis::NegZ: return "-Z";
    }
    return "+Z";
}

std::string_view attractModeName(AttractMode mode) {
    switch (mode) {
    case AttractMode::Tour: return "tour";
    case AttractMode::None: return "none";
    }
    return "tour";
}

std::string_view posePhotosName(PosePhotos mode) {
    switch (mode) {
    case PosePhotos::All: return "all";
    case PosePhotos::Listed: return "listed";
    }
    return "all";
}

} // namespace sr::scene
