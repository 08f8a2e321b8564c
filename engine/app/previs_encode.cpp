// MP4 from a PNG sequence through ffmpeg, when it is installed.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "app/previs_output.h"
#include "core/child_process.h"

namespace sr::app {
namespace {
// The last line of a program's output that says something (ffmpeg's reason for failing).
std::string lastLine(std::string_view output) {
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r' || output.back() == ' '))
        output.remove_suffix(1);
    const size_t newline = output.find_last_of('\n');
    std::string line(newline == std::string_view::npos ? output : output.substr(newline + 1));
    if (line.size() > 300) line = line.substr(0, 300) + "...";
    return line;
}
} // namespace

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
    const std::vector<std::string> args{"-nostdin",   "-y",
                                        "-loglevel",  "error",
                                        "-framerate", rate,
                                        "-i",         (folder / pattern).string(),
                                        "-vf",        "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                                        "-c:v",       "libx264",
                                        "-pix_fmt",   "yuv420p",
                                        "-movflags",  "+faststart",
                                        file.string()};
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    // An hour is far more than any previs move needs; the encoder's memory is its own business.
    const core::ChildOutcome outcome = core::runProgram(*ffmpeg, args, core::ChildLimits{3600.0, 0});
    using Kind = core::ChildOutcome::Kind;
    if (outcome.kind == Kind::Finished) return core::Status{};
    std::string problem;
    if (outcome.kind == Kind::Crashed && outcome.signal == 0) {
        problem = ffmpeg->string() + " could not encode the frames (exit code " +
                  std::to_string(outcome.exitCode) + ")";
        if (const std::string said = lastLine(outcome.output); !said.empty()) problem += ": " + said;
    } else {
        problem = core::describeFailure(outcome, ffmpeg->string(), "encoding");
    }
    return core::Error{file.string(), problem + "; the PNG frames are in " + folder.string()};
}

} // namespace sr::app
