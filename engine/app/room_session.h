#pragma once
// One room open for a visitor: the GPU copy of its mesh, the Viewer state machine and the UI over
// it. Shared by the window and by headless replays, so both draw exactly the same frames.
#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>

#include "app/aligned_photo.h"
#include "app/lightbox.h"
#include "app/lightbox_view.h"
#include "app/room_source.h"
#include "app/viewer.h"
#include "asset/room_load.h"
#include "core/result.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"
#include "ui/lightbox_panel.h"

namespace sr::app {

// A room read for viewing, with what walking and picking need built: the work of opening a room
// that can run on a loading thread.
struct OpenedRoom {
    asset::ViewableRoom room;
    // Over room.geometry, when built already; else the session builds it on a thread of its own
    // while the room is shown (Viewer::footed()).
    std::unique_ptr<view::MeshBvh> bvh;
};
// Hears a room's first showing (asset::FirstShowing), on the loading thread, while the room's
// bake goes on.
using FirstShowingReady = std::function<void(OpenedRoom)>;

// Opens `source`'s mesh through its cache (asset::openRoomForViewing, caches in the user's cache
// folder); the BVH is left to the session. `progress` hears a bake's progress
// (asset::importFractionDone of its stages), on the calling thread. With `firstShowing`, a room
// that must be baked is handed to it as soon as it is imported. Thread-safe.
core::Result<OpenedRoom> openRoom(const RoomSource& source, const asset::ImportProgress& progress = {},
                                  const FirstShowingReady& firstShowing = {});

class RoomSession {
public:
    // Opens the room's cache (baking it first when there is no fresh one) and shows it
    // progressively (create below). `renderer` and `ui` must outlive the session.
    static core::Result<std::unique_ptr<RoomSession>> open(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                           const RoomSource& source,
                                                           const ViewerSettings& settings, double now);

    // A room opened from its cache: its preview (coarsest levels, small mips) is uploaded at once,
    // so the first frame does not wait; the full room streams in on a background thread and takes
    // the preview's place at the start of a later frame (prepareFrame), drawn with frustum culling
    // and levels of detail chosen by their error on screen.
    static std::unique_ptr<RoomSession> create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                               const RoomSource& source, OpenedRoom room,
                                               const ViewerSettings& settings, double now);
    // A room's first showing (openRoom's `firstShowing`), shown at once; the full room comes from
    // `baked` once its bake is done (then uploaded on that thread, and swapped in as above). A bake
    // that fails is logged and the first showing stays. Leaving before the bake is done does not
    // wait for it.
    static std::unique_ptr<RoomSession> create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                               const RoomSource& source, OpenedRoom firstShowing,
                                               std::future<core::Result<OpenedRoom>> baked,
                                               const ViewerSettings& settings, double now);

    // The same for a mesh already imported (only read here), uploaded whole before returning.
    static std::unique_ptr<RoomSession> create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                               const RoomSource& source, const asset::RoomMesh& mesh,
                                               const ViewerSettings& settings, double now);
    ~RoomSession();

    // Text size relative to the default (1 = 100%, up to 200%); multiplied by the display's own
    // factor (1 up to 1080 pixels high, growing to 2 at 2160), so text keeps its size on a 4K screen.
    void setTextScale(float scale) { mTextScale = scale; }

    // Within an exhibit: a quiet control (and Esc) asks to return to the exhibit's home screen
    // instead of closing, and the room's title shows for a few seconds from `now` on.
    void enableHomeControl(double now);
    // True once when the visitor asked to go home.
    bool takeHomeRequest() { return std::exchange(mHomeRequested, false); }
    // Black over the whole frame, UI included (0..1), while the exhibit fades between screens.
    void setCover(float alpha) { mCover = alpha; }
    // Draws more UI over everything at the end of each frame's UI (the kiosk's prompt and panels).
    void setOverlay(std::function<void()> draw) { mOverlay = std::move(draw); }

    Viewer& viewer() { return *mViewer; }
    // The photo lightbox while one is open (a hotspot was opened), else null.
    Lightbox* lightbox() { return mLightbox.get(); }
    const LightboxView* lightboxView() const { return mLightboxView.get(); }
    // The photograph shown where it was taken while one is open (an aligned photo hotspot), else null.
    AlignedPhotoView* alignedPhoto() { return mAligned.get(); }
    // Closes whatever photograph is open (fading out).
    void closePhotos();
    // Headless runs: waits for the room's walking BVH and full detail, and for a photograph being
    // loaded for an aligned photo hotspot.
    void settle();
    // Whether the room is drawn at full detail (false while its preview is shown).
    bool detailed() const { return !mDetail.valid(); }
    // The room as drawn now.
    const render::GpuRoom& room() const { return *mRoom; }
    // Where the last frame drew the lightbox's caption and its controls (pixels; zero without one).
    glm::vec4 captionRect() const { return mCaptionRect; }
    glm::vec4 lightboxControlsRect() const { return mControlsRect; }
    const RoomSource& source() const { return mSource; }
    uint64_t triangleCount() const { return mTriangles; } // at full detail

    // Input goes to the UI first; what it does not take goes to the open lightbox, or else to the
    // viewer.
    void handle(const platform::InputEvent& event);
    // Advances the viewer, opens the lightbox when the viewer asks for a hotspot, and closes it
    // once it has faded out.
    void update(double now);
    // Uploads what the next frame of this size needs (photo textures); call before recording it,
    // outside any command buffer (uploads submit work of their own).
    void prepareFrame(uint32_t width, uint32_t height);
    // Records the room, its overlays and the UI into `target` (output left in TRANSFER_SRC).
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt);
    // Renders the current state into an image (headless; waits).
    core::Image8 renderImage(uint32_t width, uint32_t height, float dt);

private:
    RoomSession(render::Renderer& renderer, ui::ImGuiLayer& ui, const RoomSource& source, double now);
    void recordLightboxPanel();
    void updateAligned(double now);
    void recordAligned(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, const view::Camera& camera);
    ui::LightboxPanel lightboxPanel() const;
    void takeDetail();         // swaps the full room in for the preview
    void noteFirstFrameDone(); // lets the walking BVH's build start
    static std::unique_ptr<RoomSession> start(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                              const RoomSource& source, OpenedRoom& room,
                                              const ViewerSettings& settings, double now);
    // Between a bake's thread and this session: a session that is gone never has a room uploaded.
    struct DetailGate {
        std::mutex mutex;
        bool abandoned = false;
    };

    render::Renderer& mRenderer;
    ui::ImGuiLayer& mUi;
    RoomSource mSource;
    std::unique_ptr<render::GpuRoom> mRoom;
    uint64_t mTriangles = 0;
    std::future<std::unique_ptr<render::GpuRoom>> mDetail; // the full room being uploaded
    std::shared_ptr<DetailGate> mDetailGate;               // when it comes from a bake
    std::promise<void> mFirstFrameDone; // set once the first frame is done (or on settle())
    // Set when the session ends: a walking BVH not yet begun is never built, and one being built
    // is left to finish on its own thread, unused, so leaving a large room never waits for it.
    std::shared_ptr<std::atomic<bool>> mBvhAbandoned;
    bool mFirstFrameNoted = false;
    std::deque<std::pair<uint64_t, std::unique_ptr<render::GpuRoom>>> mRetired; // frame retired, room
    uint64_t mFrame = 0;
    std::unique_ptr<Viewer> mViewer;
    asset::PhotoLoader mPhotos;
    std::unique_ptr<render::ImagePass> mImagePass;
    std::unique_ptr<Lightbox> mLightbox;
    std::unique_ptr<LightboxView> mLightboxView;
    std::vector<render::ScreenImage> mLightboxImages; // from prepareFrame
    std::unique_ptr<AlignedPhotoView> mAligned;
    render::ScreenTexture mAlignedTexture;
    uint64_t mAlignedGeneration = 0; // of the photo in mAlignedTexture
    double mNow = 0.0;
    float mTextScale = 1.0f;
    bool mLoggedError = false; // the open photo's problem was logged
    bool mHomeControl = false;
    bool mHomeRequested = false;
    double mArrivedAt = -1e9;
    float mCover = 0.0f;
    std::function<void()> mOverlay;
    glm::vec4 mCaptionRect{0.0f}, mControlsRect{0.0f};
};

// The UI scale for text at `textScale` (1 = 100%) on a display `height` pixels high: multiplied by
// the display's own factor (1 up to 1080 pixels, growing to 2 at 2160), in steps of 1/8.
float uiScaleFor(float textScale, uint32_t height);

// The help lines shown after input.
std::span<const std::string> viewerHelpLines();

} // namespace sr::app
