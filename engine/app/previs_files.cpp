#include "app/previs_files.h"

#include <cctype>

#include "core/exhibit_path.h"
#include "core/log.h"
#include "core/user_dirs.h"
#include "scene/manifest.h"

namespace sr::app {
namespace fs = std::filesystem;

namespace {
fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) return path;
    fs::path canonical = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : canonical;
}

constexpr std::string_view kProjectSuffix = ".previs.json";
} // namespace

fs::path exhibitFolderOf(const fs::path& input) {
    const fs::path path = resolved(input);
    std::error_code ec;
    return fs::is_directory(path, ec) ? path : path.parent_path();
}

fs::path defaultPrevisProjectPath(const fs::path& input, const std::string& roomId) {
    const fs::path path = resolved(input);
    std::error_code ec;
    std::string name = fs::is_directory(path, ec) ? path.filename().string() : path.stem().string();
    if (name.empty()) name = "exhibit";
    if (!roomId.empty()) name += "." + roomId;
    return core::userStateDir() / "previs" / (safeFileName(name) + std::string(kProjectSuffix));
}

std::string projectRoomSuffix(const fs::path& input, const std::string& roomId) {
    std::error_code ec;
    if (roomId.empty() || !fs::is_directory(input, ec)) return {};
    auto exhibit = scene::loadExhibit(input);
    if (exhibit && !exhibit->exhibit.rooms.empty() && exhibit->exhibit.rooms.front().id == roomId) return {};
    return roomId;
}

core::Status checkProjectOutsideExhibit(const fs::path& input, const fs::path& project) {
    const fs::path folder = exhibitFolderOf(input);
    if (core::isInsideFolder(folder, project)) {
        return core::Error{project.string(),
                           "a previs project may not be written inside the exhibit folder " +
                               folder.string() + " (exhibits are read-only); choose another place"};
    }
    return core::Status{};
}

core::Result<previs::PrevisProject> openPrevisProject(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return previs::PrevisProject{};
    auto loaded = previs::loadPrevisProject(file);
    if (!loaded) return loaded.error();
    for (const previs::ProjectProblem& problem : loaded->problems) {
        if (problem.severity == previs::ProblemSeverity::Error) {
            core::logError(problem.describe());
        } else {
            core::logWarning(problem.describe());
        }
    }
    if (loaded->hasErrors()) {
        // Saving writes only what loaded: keep the file as it was for whatever was left out.
        fs::path backup = file;
        backup += ".bak";
        fs::copy_file(file, backup, fs::copy_options::overwrite_existing, ec);
        if (ec)
            return core::Error{backup.string(),
                               "cannot keep a copy of the project before changing it: " + ec.message()};
        core::logWarning("the project as it was is kept in ", backup.string());
    }
    return std::move(loaded->project);
}

fs::path defaultOutputFolder(const fs::path& project) {
    std::string name = project.filename().string();
    if (name.size() > kProjectSuffix.size() && name.ends_with(kProjectSuffix)) {
        name.resize(name.size() - kProjectSuffix.size());
    } else {
        name = project.stem().string();
    }
    return project.parent_path() / (name + "-output");
}

std::string safeFileName(std::string_view name) {
    std::string out;
    for (char c : name) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80;
        out += keep || c == '-' || c == '_' || c == '.' ? c : '_';
    }
    if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
    return out;
}

} // namespace sr::app
