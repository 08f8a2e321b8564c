#pragma once
// Headless render: one image of a room, written as PNG. Works on a machine with no display.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <glm/glm.hpp>

namespace sr::app {

struct RenderOptions {
    std::filesystem::path input; // a mesh file or an exhibit folder
    std::filesystem::path out;   // PNG to write
    uint32_t width = 1280;
    uint32_t height = 720;
    std::string room;                  // exhibit room id; empty: the first room
    std::string station;               // station id; empty: the room's first station, or the default camera
    std::optional<glm::vec3> position; // eye position (metres, +Z up); overrides the station
    std::optional<float> yawDeg;
    std::optional<float> pitchDeg;
    float verticalFovDeg = 60.0f;
    std::string up;    // mesh file only: "+Y", "+Z", ...; empty: +Y
    std::string units; // mesh file only: "m", "cm", ...; empty: metres
    bool validation = false;
    uint32_t maxSamples = 4;
    // A saved shot or move of a previs project instead of a station (see previs_render.h).
    std::string shot, move;
    std::filesystem::path project; // empty: the exhibit's default previs project
    bool burnIn = false;
    double fps = 0.0; // a move's frame rate; 0: the project's
    bool mp4 = false;
};

// Runs the render and returns the process exit status (0 on success). Prints the output path and
// the time taken; errors name the file and reason.
int runRender(const RenderOptions& options);

} // namespace sr::app
