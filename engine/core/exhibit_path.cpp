#include "core/exhibit_path.h"

#include "core/log.h"

namespace sr::core {
namespace fs = std::filesystem;

namespace {
bool isInside(const fs::path& root, const fs::path& candidate) {
    auto r = root.begin();
    auto c = candidate.begin();
    for (; r != root.end(); ++r, ++c) {
        if (r->empty()) continue; // trailing separator
        if (c == candidate.end() || *r != *c) return false;
    }
    return true;
}
} // namespace

Result<fs::path> resolveInExhibit(const fs::path& root, std::string_view relative) {
    const std::string shown(relative);
    if (relative.empty()) return makeError(shown, "empty path");
    if (relative.find('\0') != std::string_view::npos) return makeError(shown, "path contains a NUL byte");
    if (relative.find('\\') != std::string_view::npos) {
        return makeError(shown, "path uses '\\' separators; use '/' relative to the exhibit folder");
    }
    if (relative.front() == '/')
        return makeError(shown, "absolute path; paths must be relative to the exhibit folder");
    if (relative.size() >= 2 && relative[1] == ':') return makeError(shown, "path has a drive letter");

    std::error_code ec;
    fs::path base = fs::weakly_canonical(fs::absolute(root, ec), ec);
    if (ec) return makeError(root.string(), concat("cannot resolve exhibit folder: ", ec.message()));

    fs::path lexical = (base / fs::path(shown)).lexically_normal();
    if (!isInside(base, lexical)) return makeError(shown, "path leaves the exhibit folder");

    // weakly_canonical follows symlinks in the part that exists.
    fs::path real = fs::weakly_canonical(lexical, ec);
    if (ec) return makeError(shown, concat("cannot resolve: ", ec.message()));
    if (!isInside(base, real))
        return makeError(shown, "path leads outside the exhibit folder through a symbolic link");
    // weakly_canonical leaves a dangling symbolic link as it is, and its target (which may be
    // anywhere) could appear later: refuse a path through one.
    fs::path prefix = base;
    for (const fs::path& part : real.lexically_relative(base)) {
        prefix /= part;
        const fs::file_status link = fs::symlink_status(prefix, ec);
        if (ec || (!fs::exists(link) && !fs::is_symlink(link))) break;
        if (fs::is_symlink(link))
            return makeError(shown, "path leads through a symbolic link whose target does not exist");
    }
    return real;
}

bool isInsideFolder(const fs::path& root, const fs::path& path) {
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(fs::absolute(root, ec), ec);
    if (ec) return false;
    const fs::path real = fs::weakly_canonical(fs::absolute(path, ec).lexically_normal(), ec);
    if (ec) return false;
    return isInside(base, real);
}

} // namespace sr::core
