#pragma once
// A previs project file: shots and camera moves as JSON, format "stillroom-previs/1". Reading
// reports every problem with the file, its JSON path and the reason; writing is atomic. The
// schema and its rules are described in docs/previs.md.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "previs/camera_move.h"
#include "previs/shot.h"

namespace sr::previs {

// The format this build reads and writes. "stillroom-previs/1.N" (later minor revisions, which
// only add keys) is read too; other major versions are refused.
inline constexpr std::string_view kPrevisFormat = "stillroom-previs/1";
// Larger project files are refused unread.
inline constexpr uint64_t kMaxPrevisProjectBytes = uint64_t(64) << 20;

struct PrevisProject {
    double framesPerSecond = 24.0; // for sampling and exporting moves, in (0, kMaxFramesPerSecond]
    std::vector<Shot> shots;       // names unique
    std::vector<CameraMove> moves; // names unique; each passes checkMove; `shot` empty or a shot's name

    const Shot* findShot(std::string_view name) const;
    const CameraMove* findMove(std::string_view name) const;
};

enum class ProblemSeverity {
    Warning, // read as written, but looks like a mistake (an unknown key, a focal length the lens lacks)
    Error,   // a value was replaced by its default, or a shot or move was left out
};

// One thing wrong with a project file. `jsonPath` locates the value, e.g. "moves[1].keyframes[3].time_s"
// (array indices as written in the file); empty for the document as a whole.
struct ProjectProblem {
    ProblemSeverity severity = ProblemSeverity::Error;
    std::string file;
    std::string jsonPath;
    std::string message;

    // "file: moves[1].keyframes[3].time_s: must be later than ..."
    std::string describe() const;
};

struct LoadedProject {
    PrevisProject project;                // only what passed the checks
    std::vector<ProjectProblem> problems; // in the order found; at most about a thousand are kept

    bool hasErrors() const;
};

// Reads and checks a project file. Fails (an Error naming the file) only when the file is missing,
// unreadable, over kMaxPrevisProjectBytes, not JSON (the message gives the byte offset), nested
// deeper than 64 levels, not an object, or of a missing or unsupported "format". Everything else
// is reported in `problems` while the rest loads: a shot or move missing a required value or with
// an invalid keyframe is left out (a move whose keyframes fail checkMove too), an invalid optional
// value is replaced by its default, a name used twice keeps its first holder. Never throws; any
// thread.
core::Result<LoadedProject> loadPrevisProject(const std::filesystem::path& file);
// The same for text already in memory; `fileName` is only used in messages.
core::Result<LoadedProject> parsePrevisProject(std::string_view text, const std::string& fileName);

// The project as pretty-printed JSON, keys in schema order, numbers in their shortest exact form.
// Fails, naming the value's JSON path, when a number is not finite or a name is not UTF-8 text.
core::Result<std::string> formatPrevisProject(const PrevisProject& project);
// formatPrevisProject written with core::writeFileAtomic: readers see the old file or the new
// one, never a partial file. Writes nothing when formatting fails.
core::Status savePrevisProject(const PrevisProject& project, const std::filesystem::path& file);

} // namespace sr::previs
