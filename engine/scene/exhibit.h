#pragma once
// The exhibit: rooms a visitor can enter, the places to stand in them (stations) and the details
// that open photographs (hotspots). Plain data, owned by value; the manifest file is its written
// form (see scene/manifest.h and docs/manifest.md).
//
// World space is right-handed, +Z up, metres. Angles are degrees: yaw counter-clockwise about +Z
// from +X (0 looks along +X, 90 along +Y), pitch above the horizon (positive looks up), the same
// convention as view::Camera.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "asset/camera_poses.h"
#include "asset/import.h"

namespace sr::scene {

// A file named by the exhibit. `written` is the manifest's text: relative to the exhibit folder,
// '/'-separated. `resolved` is the absolute path inside the exhibit folder that `written` names
// (core::resolveInExhibit); loadExhibit fills both. A model built in code may leave `written`
// empty: saveExhibit then writes `resolved` relative to the manifest's folder.
struct ExhibitPath {
    std::string written;
    std::filesystem::path resolved;
};

// Where an eye is and where it looks. `position` is the eye in world space (metres), not the
// floor under it. `pitchDeg` lies in [-89, 89].
struct ViewPose {
    glm::vec3 position{0.0f};
    float yawDeg = 0.0f;
    float pitchDeg = 0.0f;
};

// A place to stand and look; the first station of a room is where a visitor arrives.
struct Station {
    std::string id;    // unique within its room
    std::string title; // may be empty: the viewer then shows no label
    ViewPose pose;
};

// A photograph shown from the very place it was taken: the photogrammetry tool's solved pose,
// moved into the room's world space (see scene/room_poses.h). Made when a room opens, from the
// room's pose file; never written to a manifest.
struct AlignedPhoto {
    // Camera-to-world rotation in room space; columns are the camera's +X (right), +Y (down) and
    // +Z (forward) axes, as in asset::CameraPose.
    glm::dmat3 rotation{1.0};
    glm::dvec3 center{0.0};             // the optical centre, room space (metres)
    asset::CameraIntrinsics intrinsics; // pixels of the photo as stored
    std::filesystem::path file;         // the photograph, inside the exhibit folder
    std::string image;                  // its name in the pose file, for messages
};

// A detail of the room that opens photographs: a sphere of `radius` metres around `position`.
struct Hotspot {
    std::string id; // unique within its room
    glm::vec3 position{0.0f};
    float radius = 0.1f; // metres, in (0, 10)
    std::string title;
    std::string caption;
    std::vector<ExhibitPath> photos;
    std::optional<ViewPose> view; // where the camera glides to when the hotspot opens, if anywhere
    // The name of a photo in the room's pose file ("photo_pose"): opening the hotspot takes the
    // visitor to where that photo was taken and shows it there, aligned with the room.
    std::string photoPose;
    std::optional<AlignedPhoto> aligned; // filled when the room opens, for a photoPose that was found
};

// Which photos of a room's pose file a visitor is offered as hotspots.
enum class PosePhotos {
    All,    // every photo with a pose and an image file, besides the hotspots that name one
    Listed, // only the hotspots that name one ("photo_pose")
};

// Walking on the room's floor. The eye stays `eyeHeight` metres above the floor.
struct WalkSettings {
    bool enabled = true;
    float eyeHeight = 1.6f; // metres
    float speed = 0.8f;     // metres per second
};

struct Room {
    std::string id; // unique within the exhibit; letters, digits, '-', '_', '.'
    std::string title;
    std::string subtitle;
    ExhibitPath mesh;                       // the scan, in any format the importer reads
    asset::UpAxis up = asset::UpAxis::PosZ; // the mesh file's up axis; the importer turns it onto +Z
    // The mesh file's exact up direction when the manifest gives one ("up": [x, y, z], a calibrated
    // direction such as the cameras' mean up); zero otherwise. `up` is then the axis nearest to it.
    glm::vec3 upVector{0.0f};
    float metresPerUnit = 1.0f; // the mesh file's unit, in metres
    std::vector<Station> stations;
    WalkSettings walk;
    std::vector<Hotspot> hotspots;
    std::optional<ExhibitPath> poses; // camera poses of the photogrammetry tool (a file or folder)
    PosePhotos posePhotos = PosePhotos::All;
};

// What happens when a visitor is gone. All times in seconds.
enum class AttractMode {
    Tour, // glide through the stations of every room in turn
    None, // rest on the welcome screen
};

struct KioskSettings {
    double idleSeconds = 90.0;   // without input, after which the "still there?" prompt shows
    double promptSeconds = 10.0; // how long the prompt shows before the exhibit returns to its start
    AttractMode attract = AttractMode::Tour;
};

struct Exhibit {
    std::filesystem::path folder; // absolute; every ExhibitPath lies inside it
    std::string title;
    std::string intro;
    std::vector<Room> rooms;
    std::optional<KioskSettings> kiosk; // absent: the kiosk uses KioskSettings{}
};

// Lookups by id; nullptr when there is none. The pointers live as long as the container.
const Room* findRoom(const Exhibit& exhibit, std::string_view id);
const Station* findStation(const Room& room, std::string_view id);
const Hotspot* findHotspot(const Room& room, std::string_view id);

// Manifest spelling of an up axis ("+Z") and an attract mode ("tour").
std::string_view upAxisName(asset::UpAxis up);
std::string_view attractModeName(AttractMode mode);
std::string_view posePhotosName(PosePhotos mode); // "all", "listed"

} // namespace sr::scene
