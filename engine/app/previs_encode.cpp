// MP4 from a PNG sequence through ffmpeg, when it is installed.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/previs_output.h"

extern char** environ;

namespace sr::app {

std::optional<std::filesystem::path> findProgram(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        if (access(name.c_str(), X_OK) == 0) return std::filesystem::path(name);
        return std::nullopt;
    }
    const char* path = std::getenv("PATH");
    std::string folders = path ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t start = 0;
    while (start <= folders.size()) {
        const size_t end = std::min(folders.find(':', start), folders.size());
        const std::string folder = folders.substr(start, end - start);
        start = end + 1;
        if (folder.empty()) continue;
        const std::filesystem::path candidate = std::filesystem::path(folder) / name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

core::Status encodeMp4(const std::filesystem::path& folder, const std::string& pattern,
                       double framesPerSecond, const std::filesystem::path& file,
                       const std::string& program) {
    const auto ffmpeg = findProgram(program);
    if (!ffmpeg) {
        return core::Error{file.string(),
                           program + " is not installed, so no MP4 was made; the PNG frames are in " +
                               folder.string() + " (install the Debian package ffmpeg to encode)"};
    }
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.6g", framesPerSecond);
    std::vector<std::string> args{ffmpeg->string(),
                                  "-nostdin",
                                  "-y",
                                  "-loglevel",
                                  "error",
                                  "-framerate",
                                  rate,
                                  "-i",
                                  (folder / pattern).string(),
                                  "-vf",
                                  "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                                  "-c:v",
                                  "libx264",
                                  "-pix_fmt",
                                  "yuv420p",
                                  "-movflags",
                                  "+faststart",
                                  file.string()};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    pid_t pid = 0;
    if (const int error = posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ); error != 0)
        return core::Error{file.string(), "cannot start " + ffmpeg->string() + ": " + std::strerror(error)};
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return core::Error{file.string(), ffmpeg->string() + " could not encode the frames (exit code " +
                                              std::to_string(code) + "); the PNG frames are in " +
                                              folder.string()};
    }
    return core::Status{};
}

} // namespace sr::app
