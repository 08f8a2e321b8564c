#include "bake.h"

#include <chrono>
#include <cstdlib>
#include <future>
#include <unistd.h>

#include "asset/importer.h"
#include "core/log.h"
#include "scene/manifest.h"

namespace sr::bake {
namespace fs = std::filesystem;

namespace {

// A bake is started on purpose and may take long on a large scan; the viewer waits less.
constexpr double kBakeSeconds = 3600.0;

using Clock = std::chrono::steady_clock;

// Runs `work` on another thread, ticking the progress of an open-ended `stage` meanwhile.
template <class F> auto withTicker(Progress& progress, std::string_view stage, F work) {
    progress.update(stage, -1.0);
    auto result = std::async(std::launch::async, std::move(work));
    while (result.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
        progress.update(stage, -1.0);
    return result.get();
}

core::Result<std::vector<BakeJob>> exhibitJobs(const fs::path& folder) {
    auto loaded = scene::loadExhibit(folder);
    if (!loaded) return loaded.error();
    scene::logProblems(loaded->problems);
    const scene::Exhibit& exhibit = loaded->exhibit;
    if (exhibit.rooms.empty()) {
        return core::makeError((folder / scene::kManifestFileName).string(),
                               "the exhibit has no usable room");
    }
    std::vector<BakeJob> jobs;
    for (const scene::Room& room : exhibit.rooms) {
        BakeJob job;
        job.label = room.id;
        job.mesh = room.mesh.resolved;
        // As app::roomSourceFor reads a room, so the viewer finds the cache fresh.
        job.import.up = room.up;
        job.import.upVector = room.upVector;
        job.import.metresPerUnit = room.metresPerUnit;
        job.import.confineTexturesTo = exhibit.folder;
        jobs.push_back(std::move(job));
    }
    return jobs;
}

core::Result<BakeJob> meshJob(const fs::path& file, const BakeOptions& options) {
    if (!asset::isImportableExtension(file.extension().string())) {
        return core::makeError(file.string(), "not a mesh file this program reads (nor an exhibit folder)");
    }
    BakeJob job;
    job.label = file.filename().string();
    job.mesh = file;
    auto up = asset::parseUpAxis(options.up);
    if (!up) return core::makeError(file.string(), "--up: " + up.error().message);
    auto units = asset::parseUnits(options.units);
    if (!units) return core::makeError(file.string(), "--units: " + units.error().message);
    job.import.up = *up;
    job.import.metresPerUnit = *units;
    return job;
}

std::string formatMegabytes(uint64_t bytes) { return core::concat(double(bytes / 100000) / 10.0, " MB"); }

} // namespace

core::Result<std::vector<BakeJob>> planBake(const std::vector<fs::path>& inputs, const BakeOptions& options) {
    std::vector<BakeJob> jobs;
    for (const fs::path& input : inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            if (!fs::exists(input / scene::kManifestFileName, ec)) {
                return core::makeError(input.string(), "a folder without a manifest.json is not an exhibit");
            }
            auto rooms = exhibitJobs(input);
            if (!rooms) return rooms.error();
            jobs.insert(jobs.end(), rooms->begin(), rooms->end());
        } else if (fs::is_regular_file(input, ec)) {
            auto job = meshJob(input, options);
            if (!job) return job.error();
            jobs.push_back(std::move(*job));
        } else {
            return core::makeError(input.string(), "no such file or folder");
        }
    }
    if (!options.out.empty() && jobs.size() != 1) {
        return core::makeError(
            options.out.string(),
            core::concat("--out names one cache file, but the input holds ", jobs.size(), " rooms"));
    }
    for (BakeJob& job : jobs) {
        const uint64_t hash = asset::roomCacheSettingsHash(job.import, options.settings);
        job.cacheFile = !options.out.empty() ? options.out
                        : options.inPlace    ? asset::inPlaceRoomCachePath(job.mesh)
                                             : asset::userRoomCachePath(options.cacheDir, job.mesh, hash);
    }
    return jobs;
}

core::Result<BakeResult> runBakeJob(const BakeJob& job, const BakeOptions& options, Progress& progress) {
    const auto start = Clock::now();
    BakeResult result;
    std::error_code ec;
    if (!options.force && fs::exists(job.cacheFile, ec)) {
        auto cache = asset::RoomCache::open(job.cacheFile);
        if (cache && asset::checkRoomCacheFresh(*cache, job.mesh, job.import, options.settings).ok()) {
            result.upToDate = true;
            result.bytes = fs::file_size(job.cacheFile, ec);
            return result;
        }
    }
    // The import runs in the importer program, as the viewer's does: a file that crashes Assimp
    // costs this room, not the whole bake.
    asset::ImportLimits limits = asset::defaultImportLimits();
    if (std::getenv("STILLROOM_IMPORT_SECONDS") == nullptr) limits.seconds = kBakeSeconds;
    const asset::ImporterJob importerJob{job.mesh, job.cacheFile, job.import, options.settings};
    core::Status baked = withTicker(progress, "import and bake",
                                    [&] { return asset::importInChildProcess(importerJob, limits); });
    if (!baked) return baked.error();
    auto cache = asset::RoomCache::open(job.cacheFile);
    if (!cache) return cache.error();
    for (const asset::CacheSubmesh& submesh : cache->submeshes()) result.triangles += submesh.indexCount / 3;
    for (const asset::CacheChunk& chunk : cache->chunks())
        result.levels = std::max<size_t>(result.levels, chunk.lodCount);
    result.clusters = cache->clusters().size();
    result.textures = cache->textureCount();
    result.bytes = fs::file_size(job.cacheFile, ec);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

int runBake(const std::vector<fs::path>& inputs, const BakeOptions& options, std::FILE* out) {
    auto jobs = planBake(inputs, options);
    if (!jobs) {
        std::fprintf(stderr, "stillroom-bake: %s\n", jobs.error().describe().c_str());
        return 2;
    }
    const bool interactive = ::isatty(::fileno(out)) != 0;
    // Informational log lines would tear the redrawn bar; warnings and errors still show.
    if (interactive) core::setLogLevel(core::LogLevel::Warning);
    Progress progress(out, interactive);
    int exitCode = 0;
    for (size_t i = 0; i < jobs->size(); ++i) {
        const BakeJob& job = (*jobs)[i];
        progress.beginItem(jobs->size() > 1 ? core::concat("[", i + 1, "/", jobs->size(), "] ", job.label)
                                            : job.label);
        core::Result<BakeResult> result = core::makeError(job.mesh.string(), "out of memory while baking");
        try {
            result = runBakeJob(job, options, progress);
        } catch (const std::bad_alloc&) {
        }
        if (!result) {
            progress.finishItem(job.label + ": failed");
            std::fprintf(stderr, "stillroom-bake: %s\n", result.error().describe().c_str());
            exitCode = 1;
        } else if (result->upToDate) {
            progress.finishItem(core::concat(job.label, ": up to date: ", job.cacheFile.string()));
        } else {
            progress.finishItem(core::concat(
                job.label, ": ", result->triangles, " triangles, ", result->levels, " levels of detail, ",
                result->clusters, " clusters, ", result->textures, " textures -> ", job.cacheFile.string(),
                " (", formatMegabytes(result->bytes), ") in ", formatDuration(result->seconds)));
        }
    }
    return exitCode;
}

} // namespace sr::bake
