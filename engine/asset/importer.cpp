#include "asset/importer.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <optional>
#include <type_traits>

#include "core/child_process.h"
#include "core/log.h"

namespace sr::asset {
namespace fs = std::filesystem;

namespace {

constexpr uint64_t kGiB = uint64_t(1) << 30;
constexpr int kExitRefused = 1;
constexpr int kExitOutOfMemory = 3;

// A positive number from the environment, or nothing.
std::optional<double> environmentNumber(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(value > 0.0) || value > 1e12) {
        core::logWarning(name, "=\"", text, "\" is not a positive number; ignored");
        return std::nullopt;
    }
    return value;
}

std::string formatFloat(float value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", double(value));
    return text;
}

std::string_view upAxisName(UpAxis up) {
    switch (up) {
    case UpAxis::PosX: return "+X";
    case UpAxis::NegX: return "-X";
    case UpAxis::PosY: return "+Y";
    case UpAxis::NegY: return "-Y";
    case UpAxis::PosZ: return "+Z";
    case UpAxis::NegZ: return "-Z";
    }
    return "+Y";
}

template <class T> bool parseNumber(const std::string& text, T& value) {
    if constexpr (std::is_floating_point_v<T>) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0') return false;
        value = T(v);
        return true;
    } else {
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        return ec == std::errc() && end == text.data() + text.size();
    }
}

std::string formatBytes(uint64_t bytes) {
    if (bytes % kGiB == 0) return core::concat(bytes / kGiB, " GiB");
    return core::concat(bytes >> 20, " MiB");
}

// Passes the importer's log lines on and returns the error it reported, if any.
std::optional<core::Error> relayImporterOutput(std::string_view output) {
    std::optional<core::Error> error;
    while (!output.empty()) {
        const size_t end = output.find('\n');
        std::string_view line = output.substr(0, end);
        output = end == std::string_view::npos ? std::string_view() : output.substr(end + 1);
        if (line.size() < 2 || line[1] != '\t') {
            if (!line.empty()) core::logInfo("stillroom-import: ", line);
            continue;
        }
        const std::vector<std::string> fields = core::decodeRecord(line.substr(2));
        const std::string& text = fields.back();
        switch (line[0]) {
        case 'D': core::logDebug(text); break;
        case 'I': core::logInfo(text); break;
        case 'W': core::logWarning(text); break;
        case 'R': core::logError(text); break;
        case 'E': error = core::makeError(fields.size() > 1 ? fields[0] : std::string(), text); break;
        case 'P': break; // progress, passed on as it came
        case 'S': break; // the first showing is written: passed on as it came
        default: core::logInfo("stillroom-import: ", line);
        }
    }
    return error;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

ImportLimits defaultImportLimits() {
    ImportLimits limits;
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    const uint64_t physical = pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : 8 * kGiB;
    limits.addressSpace = std::clamp(physical, 4 * kGiB, 64 * kGiB);
    if (auto seconds = environmentNumber("STILLROOM_IMPORT_SECONDS")) limits.seconds = *seconds;
    if (auto megabytes = environmentNumber("STILLROOM_IMPORT_MEMORY_MB"))
        limits.addressSpace = uint64_t(*megabytes) << 20;
    return limits;
}

std::vector<std::string> importerArguments(const ImporterJob& job) {
    const ImportOptions& i = job.import;
    const RoomCacheSettings& s = job.settings;
    std::vector<std::string> args = {job.mesh.string(),
                                     "--out",
                                     job.out.string(),
                                     "--up",
                                     std::string(upAxisName(i.up)),
                                     "--metres-per-unit",
                                     formatFloat(i.metresPerUnit),
                                     "--max-texture-size",
                                     std::to_string(i.maxTextureSize),
                                     "--max-texture-pixels",
                                     std::to_string(i.maxTexturePixels),
                                     "--lods",
                                     std::to_string(s.lodLevels),
                                     "--lod-reduction",
                                     formatFloat(s.lodReduction),
                                     "--lod-error",
                                     formatFloat(s.lodMaxError),
                                     "--chunk-triangles",
                                     std::to_string(s.chunkTriangles),
                                     "--cluster-vertices",
                                     std::to_string(s.clusterVertices),
                                     "--cluster-triangles",
                                     std::to_string(s.clusterTriangles)};
    if (i.upVector != glm::vec3(0.0f)) {
        args.push_back("--up-vector");
        args.push_back(formatFloat(i.upVector.x) + "," + formatFloat(i.upVector.y) + "," +
                       formatFloat(i.upVector.z));
    }
    if (!i.confineTexturesTo.empty()) {
        args.push_back("--confine");
        args.push_back(i.confineTexturesTo.string());
    }
    if (s.compressTextures) args.push_back("--compress-textures");
    if (!job.firstShowing.empty()) {
        args.push_back("--first-showing");
        args.push_back(job.firstShowing.string());
    }
    return args;
}

core::Result<ImporterJob> parseImporterArguments(std::span<const std::string> arguments) {
    ImporterJob job;
    auto bad = [](const std::string& what) { return core::makeError("", what); };
    for (size_t i = 0; i < arguments.size(); ++i) {
        const std::string& a = arguments[i];
        if (a == "--compress-textures") {
            job.settings.compressTextures = true;
            continue;
        }
        if (!a.starts_with("--")) {
            if (!job.mesh.empty()) return bad("more than one mesh file given: " + a);
            job.mesh = a;
            continue;
        }
        if (i + 1 >= arguments.size()) return bad(a + " needs a value");
        const std::string& v = arguments[++i];
        bool ok = true;
        if (a == "--out")
            job.out = v;
        else if (a == "--first-showing")
            job.firstShowing = v;
        else if (a == "--confine")
            job.import.confineTexturesTo = v;
        else if (a == "--up") {
            auto up = parseUpAxis(v);
            if (!up) return up.error();
            job.import.up = *up;
        } else if (a == "--up-vector") {
            const size_t first = v.find(','),
                         second = v.find(',', first == std::string::npos ? first : first + 1);
            ok = first != std::string::npos && second != std::string::npos &&
                 parseNumber(v.substr(0, first), job.import.upVector.x) &&
                 parseNumber(v.substr(first + 1, second - first - 1), job.import.upVector.y) &&
                 parseNumber(v.substr(second + 1), job.import.upVector.z);
        } else if (a == "--metres-per-unit")
            ok = parseNumber(v, job.import.metresPerUnit);
        else if (a == "--max-texture-size")
            ok = parseNumber(v, job.import.maxTextureSize);
        else if (a == "--max-texture-pixels")
            ok = parseNumber(v, job.import.maxTexturePixels);
        else if (a == "--lods")
            ok = parseNumber(v, job.settings.lodLevels);
        else if (a == "--lod-reduction")
            ok = parseNumber(v, job.settings.lodReduction);
        else if (a == "--lod-error")
            ok = parseNumber(v, job.settings.lodMaxError);
        else if (a == "--chunk-triangles")
            ok = parseNumber(v, job.settings.chunkTriangles);
        else if (a == "--cluster-vertices")
            ok = parseNumber(v, job.settings.clusterVertices);
        else if (a == "--cluster-triangles")
            ok = parseNumber(v, job.settings.clusterTriangles);
        else
            return bad("unknown option " + a);
        if (!ok) return bad("bad value for " + a + ": \"" + v + "\"");
    }
    if (job.mesh.empty()) return bad("no mesh file given");
    if (job.out.empty()) return bad("no --out cache file given");
    if (!(job.import.metresPerUnit > 0.0f) || job.settings.clusterVertices < 3 ||
        job.settings.clusterTriangles == 0 || job.settings.chunkTriangles == 0 ||
        !(job.settings.lodReduction > 0.0f && job.settings.lodReduction < 1.0f) ||
        !(job.settings.lodMaxError >= 0.0f)) {
        return bad("import or bake settings out of range");
    }
    return job;
}

core::Result<fs::path> findImporter() {
    std::vector<fs::path> candidates;
    if (const char* chosen = std::getenv("STILLROOM_IMPORTER"); chosen != nullptr && *chosen != '\0') {
        candidates.push_back(chosen); // only this one: a deliberate choice is not second-guessed
    } else {
        std::error_code ec;
        const fs::path self = fs::read_symlink("/proc/self/exe", ec);
        if (!ec) {
            candidates.push_back(self.parent_path() / kImporterName);
            candidates.push_back(self.parent_path().parent_path() / "libexec" / "stillroom" / kImporterName);
        }
#if defined(SR_IMPORTER_BUILD_PATH) && defined(SR_BUILD_TREE)
        // Programs and tests in the build tree; an installed program never reaches back into it.
        if (!ec && self.string().starts_with(std::string(SR_BUILD_TREE) + "/"))
            candidates.push_back(SR_IMPORTER_BUILD_PATH);
#endif
    }
    std::string looked;
    for (const fs::path& candidate : candidates) {
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        looked += (looked.empty() ? "" : ", ") + candidate.string();
    }
    return core::makeError(
        "", core::concat("the importer program ", kImporterName, " was not found (looked for ", looked, ")"));
}

double firstShowingFractionDone(std::string_view stage, double fraction) {
    if (stage == "reading") return 0.95 * std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
    // A bake that could not make a first showing: the rest of the way is the bake's.
    const double reading = importFractionDone("reading", 1.0);
    return 0.95 + 0.05 * std::max(0.0, importFractionDone(stage, fraction) - reading) / (1.0 - reading);
}

double importFractionDone(std::string_view stage, double fraction) {
    fraction = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
    if (stage == "reading") return 0.45 * fraction;
    if (stage == "optimise") return 0.45 + 0.40 * fraction;
    if (stage == "textures") return 0.85 + 0.10 * fraction;
    if (stage == "writing") return 0.95 + 0.05 * fraction;
    return 0.0;
}

core::Status bakeRoomCacheFile(const ImporterJob& job, const ImportProgress& progress,
                               const std::function<void()>& firstShown) {
    const ImportProgress report = progress ? progress : [](std::string_view, double) {};
    try {
        report("reading", 0.0);
        auto mesh =
            importRoomMesh(job.mesh, job.import, [&](double fraction) { report("reading", fraction); });
        if (!mesh) return mesh.error();
        auto stamp = stampSources(job.mesh, *mesh);
        if (!stamp) return stamp.error();
        report("reading", 1.0);
        const CacheStamp cacheStamp{roomCacheSettingsHash(job.import, job.settings),
                                    std::move(stamp).value()};
        const auto start = std::chrono::steady_clock::now();
        if (!job.firstShowing.empty()) {
            const BakedRoom first = bakeFirstShowing(*mesh, job.settings, kFirstShowingTextureSize);
            if (core::Status written = writeRoomCache(job.firstShowing, first, cacheStamp); written) {
                core::logInfo("wrote a first showing of ", job.mesh.string(), " in ", secondsSince(start),
                              " s");
                if (firstShown) firstShown();
            } else {
                core::logWarning("no first showing: ", written.error().describe());
            }
        }
        BakedRoom baked = bakeRoom(std::move(mesh).value(), job.settings,
                                   [&](std::string_view stage, double fraction) { report(stage, fraction); });
        report("writing", 0.0);
        if (core::Status written = writeRoomCache(job.out, baked, cacheStamp); !written) return written;
        report("writing", 1.0);
        core::logInfo("baked ", job.mesh.string(), " into ", job.out.string(), " in ", secondsSince(start),
                      " s");
        return {};
    } catch (const std::bad_alloc&) {
        return core::makeError(job.mesh.string(), "out of memory while importing the room");
    }
}

core::Status importInChildProcess(const ImporterJob& job, const ImportLimits& limits,
                                  const ImportProgress& progress, const std::function<void()>& firstShown) {
    const std::string mesh = job.mesh.string();
    auto importer = findImporter();
    if (!importer) return core::makeError(mesh, importer.error().message);
    // Progress lines are passed on as they arrive; everything else once the importer has finished.
    std::string pending;
    const core::ChildSender onOutput = [&](std::string_view piece) {
        if (!progress && !firstShown) return;
        pending.append(piece);
        size_t end;
        while ((end = pending.find('\n')) != std::string::npos) {
            const std::string_view line = std::string_view(pending).substr(0, end);
            if (line.size() >= 2 && line[0] == 'S' && line[1] == '\t' && firstShown) firstShown();
            if (line.size() > 2 && line[0] == 'P' && line[1] == '\t' && progress) {
                const std::vector<std::string> fields = core::decodeRecord(line.substr(2));
                char* parsed = nullptr;
                const double fraction = fields.size() == 2 ? std::strtod(fields[1].c_str(), &parsed) : 0.0;
                if (fields.size() == 2 && parsed && *parsed == '\0') progress(fields[0], fraction);
            }
            pending.erase(0, end + 1);
        }
    };
    const auto outcome =
        core::runProgram(*importer, importerArguments(job), {limits.seconds, limits.addressSpace}, onOutput);
    const std::optional<core::Error> reported = relayImporterOutput(outcome.output);
    using Kind = core::ChildOutcome::Kind;
    if (outcome.kind == Kind::Finished) return {};
    if (outcome.kind == Kind::Crashed && outcome.exitCode == kExitRefused && reported) return *reported;
    if (outcome.kind == Kind::Crashed && outcome.exitCode == kExitOutOfMemory) {
        return core::makeError(mesh, core::concat("the importer ran out of memory (limit ",
                                                  formatBytes(limits.addressSpace), ")"));
    }
    if (outcome.kind == Kind::Crashed && outcome.signal == SIGKILL) {
        // Killed by someone else, most often the kernel's out-of-memory killer.
        return core::makeError(mesh, "the importer was killed (out of memory?)");
    }
    return core::makeError(mesh, core::describeFailure(outcome, "importer", "import"));
}

// The importer program's side of the protocol; see tools/import/main.cpp.
int runImporter(std::span<const std::string> arguments) {
    core::setLogQuiet(true);
    core::setLogSink([](core::LogLevel level, std::string_view message) {
        const char tag = level == core::LogLevel::Debug     ? 'D'
                         : level == core::LogLevel::Info    ? 'I'
                         : level == core::LogLevel::Warning ? 'W'
                                                            : 'R';
        const std::string line = core::encodeRecord({std::string_view(&tag, 1), message});
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
    });
    auto job = parseImporterArguments(arguments);
    if (!job) {
        const std::string line = core::encodeRecord({"E", "", job.error().message});
        std::fwrite(line.data(), 1, line.size(), stdout);
        return 2;
    }
    const auto progress = [](std::string_view stage, double fraction) {
        const std::string line = core::encodeRecord({"P", stage, core::concat(fraction)});
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
    };
    const auto firstShown = [] {
        const std::string line = core::encodeRecord({"S", ""});
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
        // The viewer now shows the room and builds what walking needs: the rest of the bake (on
        // threads started from here, which inherit this) gives way to it and to its frames.
        setpriority(PRIO_PROCESS, 0, kBakePriority);
    };
    core::Status done = bakeRoomCacheFile(*job, progress, firstShown);
    if (done) return 0;
    const core::Error& error = done.error();
    const std::string line = core::encodeRecord({"E", error.path, error.message});
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
    // Assimp reports an allocation failure as its own error, "std::bad_alloc".
    const bool outOfMemory =
        error.message.starts_with("out of memory") || error.message.find("bad_alloc") != std::string::npos;
    return outOfMemory ? kExitOutOfMemory : kExitRefused;
}

} // namespace sr::asset
