#pragma once
// Where the previs workspace keeps its work: a project file outside the exhibit folder (the viewer
// never writes into an exhibit), renders beside the project.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "previs/previs_project.h"

namespace sr::app {

// The folder whose files an exhibit is made of: the exhibit folder itself, or a mesh file's folder.
std::filesystem::path exhibitFolderOf(const std::filesystem::path& input);

// The project file used when none is named: core::userStateDir()/previs/NAME.previs.json, NAME
// being the exhibit folder's name (or the mesh file's stem), followed by ".ROOM" when `roomId` is
// not empty (a room other than the exhibit's first).
std::filesystem::path defaultPrevisProjectPath(const std::filesystem::path& input, const std::string& roomId);

// The room part of the default project's name for `--room roomId` in `input`: empty when no room
// was asked for, or it is the exhibit's first; otherwise the id.
std::string projectRoomSuffix(const std::filesystem::path& input, const std::string& roomId);

// Refuses (an Error naming the project file and the exhibit folder) a project file inside the
// exhibit folder of `input`.
core::Status checkProjectOutsideExhibit(const std::filesystem::path& input,
                                        const std::filesystem::path& project);

// The project in `file`, its problems logged; a new, empty project when the file does not exist.
// An unreadable or malformed file is an Error (nothing is overwritten).
core::Result<previs::PrevisProject> openPrevisProject(const std::filesystem::path& file);

// Renders and exports go to PROJECT-STEM-output beside the project file ("room.previs.json" gives
// "room-output").
std::filesystem::path defaultOutputFolder(const std::filesystem::path& project);

// `name` made safe as a file name on every system: ASCII letters, digits, '-', '_' and '.' are
// kept, anything else becomes '_'; never empty, never starting with '.'.
std::string safeFileName(std::string_view name);

} // namespace sr::app
