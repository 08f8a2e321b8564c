#pragma once
// The exhibit manifest, `manifest.json` in the exhibit folder: reading, checking and writing.
// The schema, its conventions and every rule checked here are described in docs/manifest.md.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "scene/exhibit.h"

namespace sr::scene {

// The format this build reads and writes. Manifests saying "stillroom-exhibit/1.N" (later minor
// revisions, which only add keys) are read too; other major versions are refused.
inline constexpr std::string_view kManifestFormat = "stillroom-exhibit/1";
inline constexpr std::string_view kManifestFileName = "manifest.json";
// Larger manifest files are refused unread.
inline constexpr uint64_t kMaxManifestBytes = uint64_t(16) << 20;

enum class Severity {
    Warning, // the exhibit shows as the author meant, but something looks like a mistake
    Error,   // something named in the manifest was left out or replaced by its default
};

// One thing wrong with a manifest. `file` is relative to the exhibit folder ("manifest.json");
// `jsonPath` locates the value within it, e.g. "rooms[2].hotspots[0].photos[1]", with array
// indices counted as written in the file; empty for the document as a whole.
struct Problem {
    Severity severity = Severity::Error;
    std::string file;
    std::string jsonPath;
    std::string message;

    // "manifest.json: rooms[2].hotspots[0].photos[1]: path leaves the exhibit folder ..."
    std::string describe() const;
};

struct LoadedExhibit {
    Exhibit exhibit;               // only what passed the checks
    std::vector<Problem> problems; // in the order found; at most about a thousand are kept

    bool hasErrors() const;
};

// Reads `folder`/manifest.json and checks it. Fails, with an Error whose path is the manifest
// file, only when the file is missing, unreadable, over kMaxManifestBytes, not JSON (the message
// gives the byte offset), nested absurdly deep, not a JSON object, or of a missing or unsupported
// "format". Anything else wrong is reported in `problems` while the rest loads: an invalid room,
// station or hotspot is left out, an invalid optional value is replaced by its default, a path
// that leaves the folder is left out, and a named file that does not exist is reported but kept.
// Touches the file system only to read; never throws. Any thread.
core::Result<LoadedExhibit> loadExhibit(const std::filesystem::path& folder);

// loadExhibit over manifest text already in memory, as if it were `folder`/manifest.json: the
// same checks, problems and failures (text over kMaxManifestBytes is refused). Files the manifest
// names are still looked for under `folder`, which need not exist. Never throws. Any thread.
core::Result<LoadedExhibit> loadExhibitFromText(std::span<const uint8_t> text,
                                                const std::filesystem::path& folder);

// Writes `exhibit` as a manifest to `file` (usually `exhibit.folder`/manifest.json), pretty
// printed with keys in schema order, atomically (core::writeFileAtomic). Paths are written as
// `written`, or when that is empty as `resolved` relative to the file's folder. Fails, writing
// nothing, when a number is not finite, a text is not UTF-8 or a path cannot be written relative
// to the folder; the Error names the value's JSON path. Never throws.
core::Status saveExhibit(const Exhibit& exhibit, const std::filesystem::path& file);

// Logs each problem through core::logError or core::logWarning, as Problem::describe() words it.
void logProblems(std::span<const Problem> problems);

} // namespace sr::scene
