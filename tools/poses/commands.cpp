#include "poses/commands.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "poses/photo_hotspots.h"
#include "poses/pose_info.h"
#include "poses/pose_scale.h"

namespace sr::poses {
namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return kExitFailed;
}

} // namespace

core::Result<PoseSource> makePoseSource(const CommandLine& line) {
    PoseSource source{line.path, line.room, {}, {}, line.eyeHeight};
    if (!line.up.empty()) {
        auto up = parseUpOption(line.up);
        if (!up) return up.error();
        source.up = *up;
    }
    if (!line.units.empty()) {
        auto units = parseUnitsOption(line.units);
        if (!units) return units.error();
        source.metresPerUnit = *units;
    }
    return source;
}

int runInfo(const CommandLine& line) {
    auto source = makePoseSource(line);
    if (!source) return fail(source.error().describe());
    auto info = describePoses(*source);
    if (!info) return fail(info.error().describe());
    std::printf("%s", (line.json ? formatPoseInfoJson(*info) + "\n" : formatPoseInfo(*info)).c_str());
    return kExitOk;
}

int runScale(const CommandLine& line) {
    auto source = makePoseSource(line);
    if (!source) return fail(source.error().describe());
    ScaleRequest request{*source, line.length, {}, {}};
    if (line.photos.size() == 2) request.photos = {{line.photos[0], line.photos[1]}};
    if (line.points.size() == 2) {
        auto a = parsePoint(line.points[0]), b = parsePoint(line.points[1]);
        if (!a || !b) return fail((a ? b : a).error().describe());
        request.points = {{*a, *b}};
    }
    auto result = measureScale(request);
    if (!result) return fail(result.error().describe());
    std::printf("%s", formatScale(*result).c_str());
    return kExitOk;
}

int runHotspots(const CommandLine& line) {
    auto source = makePoseSource(line);
    if (!source) return fail(source.error().describe());
    // Refused before the mesh is imported, which can take minutes; writeNewFile checks again.
    std::error_code error;
    if (!line.output.empty() && std::filesystem::exists(std::filesystem::symlink_status(line.output, error)))
        return fail(line.output + ": already exists; not overwritten");
    auto made = makePhotoHotspots({*source, line.photos});
    if (!made) return fail(made.error().describe());
    for (const std::string& warning : made->warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
    for (const std::string& message : made->errors) std::fprintf(stderr, "error: %s\n", message.c_str());
    if (line.output.empty()) {
        std::printf("%s", made->json.c_str());
    } else if (auto written = writeNewFile(line.output, made->json); !written) {
        return fail(written.error().describe());
    } else {
        std::fprintf(stderr, "wrote %zu hotspots to %s\n", made->count, line.output.c_str());
    }
    return made->errors.empty() ? kExitOk : kExitSomeFailed;
}

} // namespace sr::poses
