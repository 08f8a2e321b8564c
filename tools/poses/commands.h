#pragma once
// The stillroom-poses commands as the program runs them: options in, report on stdout, warnings
// and errors on stderr, an exit status out. main.cpp only parses the command line.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "poses/pose_source.h"

namespace sr::poses {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1; // some named photos have no pose; the rest was printed
inline constexpr int kExitFailed = 2;     // nothing could be done; nothing was written

// The command line's values, as given (empty: not given).
struct CommandLine {
    std::string path, room, up, units;
    std::optional<float> eyeHeight;
    bool json = false;
    double length = 0.0;
    std::vector<std::string> points; // scale: two "X,Y,Z"
    std::vector<std::string> photos; // scale: two names; hotspots: any number, none for every photo
    std::string output;              // hotspots: a new file instead of stdout
};

// The PoseSource the command line names; fails on a bad --up or --units (parseUpOption,
// parseUnitsOption).
core::Result<PoseSource> makePoseSource(const CommandLine& line);

// `info`: formatPoseInfo, or with line.json formatPoseInfoJson.
int runInfo(const CommandLine& line);
// `scale`: measureScale from --points or --photos, then formatScale.
int runScale(const CommandLine& line);
// `hotspots`: makePhotoHotspots; the JSON to stdout or, with line.output, to a new file
// (writeNewFile; an existing one is refused before the mesh is imported).
int runHotspots(const CommandLine& line);

} // namespace sr::poses
