#pragma once
// A picture of each room for the home screen: rendered headless from the room's first station and
// kept as a PNG in the user's cache folder (never in the exhibit folder), so later starts show it
// at once. A worker thread reads cached pictures and imports the meshes of rooms without one; the
// GPU work stays on the thread that owns the renderer.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>
#include <vector>

#include "app/room_source.h"
#include "asset/room_mesh.h"
#include "core/image.h"
#include "render/renderer.h"

namespace sr::app {

// The cache file for `source`'s thumbnail of `width` x `height` pixels in `cacheDir`: named by a
// hash of the mesh's path, of the size and modification time of every file beside the mesh (its
// materials and textures), of how it is read, of the first station and of the size, so a changed
// room gets a new picture.
std::filesystem::path thumbnailFile(const std::filesystem::path& cacheDir, const RoomSource& source,
                                    uint32_t width, uint32_t height);

// Renders `mesh` (the room of `source`) from its first station, or its default camera, headless.
core::Image8 renderThumbnail(const render::Renderer& renderer, const RoomSource& source,
                             const asset::RoomMesh& mesh, uint32_t width, uint32_t height);

class Thumbnails {
public:
    // Starts working through `rooms` in order. Pictures are `width` x `height`, cached in `cacheDir`
    // (created when needed; when it cannot be written, pictures are still made, each start anew).
    Thumbnails(std::vector<RoomSource> rooms, std::filesystem::path cacheDir, uint32_t width,
               uint32_t height);
    ~Thumbnails();
    Thumbnails(const Thumbnails&) = delete;
    Thumbnails& operator=(const Thumbnails&) = delete;

    // Hands each picture that became ready to `ready(roomIndex, image)`, rendering at most one room
    // the worker has imported. Call on the renderer's thread, outside any command buffer recording.
    // A room whose mesh cannot be read gets no picture (its problem is logged).
    void poll(const render::Renderer& renderer, const std::function<void(size_t, core::Image8)>& ready);
    // True while some room's picture is still to come.
    bool pending() const;

private:
    struct Done {
        size_t room = 0;
        std::variant<std::monostate, core::Image8, asset::RoomMesh> result; // nothing: failed
    };
    void work();

    std::vector<RoomSource> mRooms;
    std::filesystem::path mCacheDir;
    uint32_t mWidth, mHeight;
    mutable std::mutex mMutex;
    std::condition_variable mTaken;
    std::deque<Done> mDone;
    size_t mDelivered = 0; // rooms handed over or failed
    bool mStop = false;
    std::thread mWorker;
};

} // namespace sr::app
