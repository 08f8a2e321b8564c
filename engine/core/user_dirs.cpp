#include "core/user_dirs.h"

#include <cstdlib>
#include <string>
#include <system_error>

#include <unistd.h>

namespace sr::core {
namespace fs = std::filesystem;

namespace {
// An environment variable that names an absolute path; relative ones are ignored, as the XDG
// specification asks.
bool absoluteFromEnv(const char* name, fs::path& out) {
    const char* value = std::getenv(name);
    if (!value || !*value) return false;
    fs::path path(value);
    if (!path.is_absolute()) return false;
    out = path;
    return true;
}

fs::path userDir(const char* override, const char* xdg, const char* homeRelative, const char* tmpName) {
    fs::path path;
    if (absoluteFromEnv(override, path)) return path;
    if (absoluteFromEnv(xdg, path)) return path / "stillroom";
    if (absoluteFromEnv("HOME", path)) return path / homeRelative / "stillroom";
    std::error_code ec;
    fs::path tmp = fs::temp_directory_path(ec);
    if (ec) tmp = "/tmp";
    return tmp / (std::string(tmpName) + "-" + std::to_string(getuid()));
}
} // namespace

fs::path userCacheDir() {
    return userDir("STILLROOM_CACHE_DIR", "XDG_CACHE_HOME", ".cache", "stillroom-cache");
}

fs::path userStateDir() {
    return userDir("STILLROOM_STATE_DIR", "XDG_STATE_HOME", ".local/state", "stillroom-state");
}

} // namespace sr::core
