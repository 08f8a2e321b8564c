#include "app/thumbnails.h"

#include <algorithm>
#include <chrono>
#include <system_error>

#include "asset/import.h"
#include "asset/room_load.h"
#include "core/hash.h"
#include "core/log.h"
#include "core/user_dirs.h"

namespace sr::app {
namespace fs = std::filesystem;

namespace {
constexpr const char* kThumbnailVersion = "stillroom-thumbnail/1";

template <typename T> uint64_t hashValue(const T& value, uint64_t seed) {
    return core::hashBytes({reinterpret_cast<const uint8_t*>(&value), sizeof value}, seed);
}
} // namespace

fs::path thumbnailFile(const fs::path& cacheDir, const RoomSource& source, uint32_t width, uint32_t height) {
    uint64_t h = core::hashString(kThumbnailVersion);
    std::error_code ec;
    const fs::path mesh = fs::weakly_canonical(source.mesh, ec);
    h = core::hashString((ec ? source.mesh : mesh).string(), h);
    // The files beside the mesh: its materials and textures, and the mesh itself.
    std::vector<std::pair<std::string, fs::directory_entry>> files;
    for (const auto& entry : fs::directory_iterator(source.mesh.parent_path(), ec)) {
        if (entry.is_regular_file(ec)) files.emplace_back(entry.path().filename().string(), entry);
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, entry] : files) {
        h = core::hashString(name, h);
        h = hashValue(uint64_t(entry.file_size(ec)), h);
        h = hashValue(int64_t(entry.last_write_time(ec).time_since_epoch().count()), h);
    }
    h = hashValue(int(source.import.up), h);
    if (source.import.upVector != glm::vec3(0.0f)) h = hashValue(source.import.upVector, h);
    h = hashValue(source.import.metresPerUnit, h);
    if (!source.stations.empty()) {
        const view::Camera& c = source.stations.front().camera;
        h = hashValue(c.position, h);
        h = hashValue(c.yawDeg, h);
        h = hashValue(c.pitchDeg, h);
    }
    h = hashValue(width, h);
    h = hashValue(height, h);
    return cacheDir / (source.id + "-" + core::hashToHex(h) + ".png");
}

core::Image8 renderThumbnail(const render::Renderer& renderer, const RoomSource& source,
                             const asset::RoomMesh& mesh, uint32_t width, uint32_t height) {
    const float aspect = float(width) / float(height);
    // startingCamera only fails for an unknown station id, and none is asked for here.
    view::Camera camera = *startingCamera(source, mesh, "", 60.0f, aspect);
    const auto room = renderer.uploadRoom(mesh);
    return renderer.renderToImage(*room, camera, width, height);
}

Thumbnails::Thumbnails(std::vector<RoomSource> rooms, fs::path cacheDir, uint32_t width, uint32_t height)
    : mRooms(std::move(rooms)), mCacheDir(std::move(cacheDir)), mWidth(width), mHeight(height) {
    mWorker = std::thread([this] { work(); });
}

Thumbnails::~Thumbnails() {
    {
        std::lock_guard lock(mMutex);
        mStop = true;
    }
    mTaken.notify_all();
    mWorker.join();
}

void Thumbnails::work() {
    for (size_t i = 0; i < mRooms.size(); ++i) {
        Done done{i, std::monostate{}};
        const fs::path cached = thumbnailFile(mCacheDir, mRooms[i], mWidth, mHeight);
        std::error_code ec;
        if (fs::exists(cached, ec)) {
            auto image = core::readPng(cached);
            if (image && image->width == mWidth && image->height == mHeight) {
                done.result = std::move(image).value();
            } else {
                core::logWarning(cached.string(), ": unusable cached thumbnail; rendering the room again");
            }
        }
        if (done.result.index() == 0) {
            auto mesh = asset::loadRoomForViewing(mRooms[i].mesh, mRooms[i].import, core::userCacheDir());
            if (mesh) {
                done.result = std::move(mesh).value();
            } else {
                core::logError(mesh.error().describe(), " (room '", mRooms[i].id, "' gets no picture)");
            }
        }
        std::unique_lock lock(mMutex);
        mDone.push_back(std::move(done));
        // One imported mesh at a time: a room can be large, so wait until it has been rendered.
        mTaken.wait(lock, [&] { return mStop || mDone.empty(); });
        if (mStop) return;
    }
}

void Thumbnails::poll(const render::Renderer& renderer,
                      const std::function<void(size_t, core::Image8)>& ready) {
    std::optional<Done> done;
    {
        std::lock_guard lock(mMutex);
        if (mDone.empty()) return;
        done = std::move(mDone.front());
        mDone.pop_front();
    }
    if (auto* image = std::get_if<core::Image8>(&done->result)) {
        ready(done->room, std::move(*image));
    } else if (auto* mesh = std::get_if<asset::RoomMesh>(&done->result)) {
        core::Image8 image = renderThumbnail(renderer, mRooms[done->room], *mesh, mWidth, mHeight);
        std::error_code ec;
        fs::create_directories(mCacheDir, ec);
        const fs::path file = thumbnailFile(mCacheDir, mRooms[done->room], mWidth, mHeight);
        if (auto written = core::writePng(file, image); !written) {
            core::logWarning("thumbnail not cached: ", written.error().describe());
        }
        ready(done->room, std::move(image));
    }
    {
        std::lock_guard lock(mMutex);
        ++mDelivered;
    }
    mTaken.notify_all();
}

bool Thumbnails::pending() const {
    std::lock_guard lock(mMutex);
    return mDelivered < mRooms.size();
}

} // namespace sr::app
