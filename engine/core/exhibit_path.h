#pragma once
// Paths confined to an exhibit folder: nothing an exhibit names may point outside it.
#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace sr::core {

// Resolves `relative` (as written in a manifest: '/'-separated, relative) against the exhibit
// folder `root`. Refuses empty paths, absolute paths, Windows separators or drive letters, '..'
// components that climb out, NUL bytes, and paths whose existing part resolves (through
// symlinks) outside `root`. The file need not exist. Returns the absolute, normalised path.
Result<std::filesystem::path> resolveInExhibit(const std::filesystem::path& root, std::string_view relative);

// Whether `path` (absolute; need not exist) lies inside the folder `root` once both are resolved,
// symbolic links included.
bool isInsideFolder(const std::filesystem::path& root, const std::filesystem::path& path);

} // namespace sr::core
