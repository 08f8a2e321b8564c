#include "app/room_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "asset/import.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "core/user_dirs.h"
#include "gpu/context.h"
#include "ui/help_overlay.h"
#include "ui/theme.h"
#include "ui/home_screen.h"
#include "ui/lightbox_panel.h"

namespace sr::app {

std::span<const std::string> viewerHelpLines() {
    static const std::string lines[] = {
        "Drag to look  \xc2\xb7  hold on the floor to walk there  \xc2\xb7  tap a circle to stand there",
        "Arrows look  \xc2\xb7  W A S D walk  \xc2\xb7  N next place  \xc2\xb7  F11 full screen  \xc2\xb7  "
        "Esc leave",
    };
    return lines;
}

core::Result<std::unique_ptr<RoomSession>> RoomSession::open(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                             const RoomSource& source,
                                                             const ViewerSettings& settings, double now) {
    auto room = openRoom(source);
    if (!room) return room.error();
    return create(renderer, ui, source, std::move(room).value(), settings, now);
}

namespace {
std::unique_ptr<view::MeshBvh> buildBvh(const std::string& name, const asset::RoomMesh& geometry,
                                        const std::atomic<bool>& abandoned) {
    const auto start = std::chrono::steady_clock::now();
    auto bvh = std::make_unique<view::MeshBvh>(geometry);
    if (!abandoned) // the program may be ending: nothing global is touched for a session left
        core::logInfo("built the walking BVH of ", name, " in ",
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), " s");
    return bvh;
}
} // namespace

core::Result<OpenedRoom> openRoom(const RoomSource& source, const asset::ImportProgress& progress,
                                  const FirstShowingReady& firstShowing) {
    asset::FirstShowing first;
    if (firstShowing) first = [&](asset::ViewableRoom room) { firstShowing({std::move(room), nullptr}); };
    auto room = asset::openRoomForViewing(source.mesh, source.import, core::userCacheDir(), {},
                                          asset::defaultImportLimits(), progress, first);
    if (!room) return room.error();
    return OpenedRoom{std::move(room).value(), nullptr};
}

// What both ways of creating a session from an opened room share: the preview uploaded, the
// viewer over the room's geometry.
std::unique_ptr<RoomSession> RoomSession::start(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                const RoomSource& source, OpenedRoom& opened,
                                                const ViewerSettings& settings, double now) {
    std::unique_ptr<RoomSession> session(new RoomSession(renderer, ui, source, now));
    asset::ViewableRoom& room = opened.room;
    session->mRoom = renderer.uploadRoom(room.preview);
    session->mTriangles = room.geometry.triangleCount();
    room.preview = {};
    if (opened.bvh) {
        session->mViewer =
            std::make_unique<Viewer>(source, room.geometry, std::move(opened.bvh), settings, now);
    } else {
        // The walking BVH is built on a thread of its own, once the first frame is done (its
        // upload and drawing come first): the room is seen before the BVH is there. Not
        // std::async, whose future would make a session that is left wait for the build.
        auto geometry = std::make_shared<const asset::RoomMesh>(std::move(room.geometry));
        std::shared_future<void> shown = session->mFirstFrameDone.get_future().share();
        auto abandoned = std::make_shared<std::atomic<bool>>(false);
        session->mBvhAbandoned = abandoned;
        std::promise<std::unique_ptr<view::MeshBvh>> built;
        std::future<std::unique_ptr<view::MeshBvh>> bvh = built.get_future();
        std::thread([geometry, shown, abandoned, built = std::move(built),
                     name = source.mesh.filename().string()]() mutable {
            try {
                shown.wait();
                built.set_value(*abandoned ? nullptr : buildBvh(name, *geometry, *abandoned));
            } catch (...) {
                built.set_exception(std::current_exception());
            }
        }).detach();
        session->mViewer = std::make_unique<Viewer>(source, *geometry, std::move(bvh), settings, now);
    }
    return session;
}

std::unique_ptr<RoomSession> RoomSession::create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                 const RoomSource& source, OpenedRoom opened,
                                                 const ViewerSettings& settings, double now) {
    std::unique_ptr<RoomSession> session = start(renderer, ui, source, opened, settings, now);
    session->mDetail = std::async(std::launch::async, [&renderer, cache = std::move(opened.room.cache)] {
        return renderer.uploadRoom(*cache);
    });
    return session;
}

std::unique_ptr<RoomSession> RoomSession::create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                 const RoomSource& source, OpenedRoom firstShowing,
                                                 std::future<core::Result<OpenedRoom>> baked,
                                                 const ViewerSettings& settings, double now) {
    std::unique_ptr<RoomSession> session = start(renderer, ui, source, firstShowing, settings, now);
    auto gate = std::make_shared<DetailGate>();
    std::promise<std::unique_ptr<render::GpuRoom>> detail;
    session->mDetail = detail.get_future();
    session->mDetailGate = gate;
    // A thread of its own, not std::async, whose future would make a session that is left wait
    // for the bake.
    std::thread([&renderer, gate, baked = std::move(baked), detail = std::move(detail)]() mutable {
        try {
            core::Result<OpenedRoom> room = baked.get();
            std::lock_guard lock(gate->mutex);
            if (gate->abandoned) {
                detail.set_value(nullptr);
            } else if (!room) {
                core::logError(room.error().describe());
                detail.set_value(nullptr);
            } else {
                detail.set_value(renderer.uploadRoom(*room->room.cache));
            }
        } catch (...) {
            detail.set_exception(std::current_exception());
        }
    }).detach();
    return session;
}

RoomSession::RoomSession(render::Renderer& renderer, ui::ImGuiLayer& ui, const RoomSource& source, double now)
    : mRenderer(renderer), mUi(ui), mSource(source),
      mImagePass(std::make_unique<render::ImagePass>(renderer.context(), render::Renderer::kColorFormat)),
      mNow(now) {}

RoomSession::~RoomSession() {
    if (mBvhAbandoned) *mBvhAbandoned = true;
    noteFirstFrameDone(); // a BVH thread still waiting for it ends without building
    if (mDetailGate) {
        // A bake still going on is left to finish; its room is never uploaded. An upload under
        // way uses the renderer, so that one is waited for.
        std::lock_guard lock(mDetailGate->mutex);
        mDetailGate->abandoned = true;
    } else if (mDetail.valid()) {
        mDetail.wait(); // its upload uses the renderer
    }
}

void RoomSession::takeDetail() {
    std::unique_ptr<render::GpuRoom> detail = mDetail.get();
    if (!detail) return; // the bake failed (logged): the first showing stays
    // Frames in flight may still draw the preview: it goes once they are done.
    mRetired.emplace_back(mFrame, std::move(mRoom));
    mRoom = std::move(detail);
}

std::unique_ptr<RoomSession> RoomSession::create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                 const RoomSource& source, const asset::RoomMesh& mesh,
                                                 const ViewerSettings& settings, double now) {
    std::unique_ptr<RoomSession> session(new RoomSession(renderer, ui, source, now));
    session->mRoom = renderer.uploadRoom(mesh);
    session->mTriangles = mesh.triangleCount();
    session->mViewer = std::make_unique<Viewer>(source, mesh, settings, now);
    return session;
}

void RoomSession::closePhotos() {
    if (mLightbox) mLightbox->requestClose();
    if (mAligned) mAligned->requestClose();
}

void RoomSession::noteFirstFrameDone() {
    if (!mFirstFrameNoted) mFirstFrameDone.set_value();
    mFirstFrameNoted = true;
}

void RoomSession::settle() {
    noteFirstFrameDone();
    mViewer->settle();
    if (mDetail.valid()) takeDetail();
    if (mAligned) mAligned->settle();
}

void RoomSession::updateAligned(double now) {
    mAligned->update(now);
    if (mAligned->error() && !mLoggedError) {
        core::logError(mAligned->error()->describe());
        mLoggedError = true;
    }
    if (!mAligned->closed()) return;
    if (mAlignedTexture) {
        mRenderer.context().waitIdle(); // frames in flight may still sample it
        mImagePass->destroyTexture(mAlignedTexture);
    }
    mAlignedGeneration = 0;
    mAligned.reset();
    mViewer->leaveAlignedPhoto();
}

void RoomSession::update(double now) {
    if (mLightbox && mLightbox->error() && !mLoggedError) {
        core::logError(mLightbox->error()->describe());
        mLoggedError = true;
    }
    mNow = std::max(mNow, now);
    mViewer->update(now);
    if (mAligned) {
        updateAligned(now);
        return;
    }
    if (!mLightbox) {
        if (auto open = mViewer->takeOpenRequest()) {
            const scene::Hotspot& hotspot = mViewer->hotspots().hotspot(*open);
            mLoggedError = false;
            if (hotspot.aligned) {
                mAligned = std::make_unique<AlignedPhotoView>(hotspot, mPhotos, AlignedPhotoSettings{}, now);
                updateAligned(now);
                return;
            }
            mLightbox = std::make_unique<Lightbox>(mViewer->hotspots().hotspot(*open), mPhotos,
                                                   LightboxSettings{}, now);
            mLightbox->setViewport(mViewer->viewportWidth(), mViewer->viewportHeight());
            mLightboxView = std::make_unique<LightboxView>(*mImagePass);
            mLoggedError = false;
        }
        return;
    }
    mLightbox->update(now);
    if (mLightbox->closed()) {
        mRenderer.context().waitIdle(); // its textures may be in frames still in flight
        mLightboxView.reset();
        mLightbox.reset();
    }
}

float uiScaleFor(float textScale, uint32_t height) {
    const float display = std::clamp(float(height) / 1080.0f, 1.0f, 2.0f);
    return std::round(textScale * display * 8.0f) / 8.0f; // steps of 1/8: few font rebuilds
}

void RoomSession::enableHomeControl(double now) {
    mHomeControl = true;
    mArrivedAt = now;
}

void RoomSession::handle(const platform::InputEvent& event) {
    if (mUi.handle(event)) return;
    if (mAligned) {
        mAligned->handle(event);
        return;
    }
    if (mLightbox) {
        mLightbox->handle(event);
        return;
    }
    if (mHomeControl && event.type == platform::EventType::KeyDown && event.key == platform::keys::kEscape) {
        mHomeRequested = true;
        return;
    }
    mViewer->handle(event);
}

void RoomSession::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) {
    const uint32_t width = target.desc().width, height = target.desc().height;
    mViewer->setViewport(width, height);
    const ViewerFrame frame = mViewer->frame();
    mRenderer.recordFrame(cmd, target, *mRoom, frame.camera, frame.overlays);
    mUi.beginFrame(dt, width, height);
    if (mAligned) {
        recordAligned(cmd, target, frame.camera);
        ui::drawPhotoCaption(mAligned->hotspot().title, mAligned->hotspot().caption, mAligned->opacity());
    } else if (mLightbox) {
        mImagePass->record(cmd, target, mLightboxImages);
        recordLightboxPanel();
    } else {
        ui::drawHelpOverlay(frame.helpOpacity, viewerHelpLines());
        if (mHomeControl) {
            // Quiet at rest, clearer while the visitor is doing something.
            if (ui::drawHomeControl(std::max(0.5f, frame.helpOpacity))) mHomeRequested = true;
            // The room's name on arrival: a few seconds, then it fades.
            const double since = mNow - mArrivedAt;
            const float title = float(std::clamp(std::min(since / 0.6, (6.0 - since) / 1.5), 0.0, 1.0));
            ui::drawRoomTitle(mSource.title, mSource.subtitle, title);
        }
    }
    ui::drawFadeCover(mCover);
    if (mOverlay) mOverlay();
    mUi.endFrame();
    mUi.record(cmd, target);
}

void RoomSession::recordAligned(VkCommandBuffer cmd, const gpu::OffscreenTarget& target,
                                const view::Camera& camera) {
    if (!mAlignedTexture || mAligned->opacity() <= 0.0f) return;
    render::ScreenImage image;
    image.texture = &mAlignedTexture;
    image.color.a = mAligned->opacity();
    image.warp = photoWarpFor(mAligned->photo(), camera, target.desc().width, target.desc().height,
                              mAligned->orientation());
    mImagePass->record(cmd, target, {image});
}

void RoomSession::prepareFrame(uint32_t width, uint32_t height) {
    constexpr uint64_t kFramesInFlight = 3; // a retired room waits this many frames
    ++mFrame;
    // With two frames in flight, the first is done by the time the third is prepared.
    if (mFrame >= 3) noteFirstFrameDone();
    while (!mRetired.empty() && mRetired.front().first + kFramesInFlight < mFrame) mRetired.pop_front();
    if (mDetail.valid() && mDetail.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        takeDetail();
    mUi.setScale(uiScaleFor(mTextScale, height));
    if (mAligned && mAligned->pyramid() && mAligned->generation() != mAlignedGeneration) {
        // Sharp where the photograph fills the view, without holding the full-size photo.
        const uint32_t side = std::clamp(2 * std::max(width, height), 1024u, 4096u);
        if (mAlignedTexture) {
            mRenderer.context().waitIdle();
            mImagePass->destroyTexture(mAlignedTexture);
        }
        mAlignedTexture = mImagePass->createTexture(mAligned->pyramid()->overview(side), "alignedPhoto");
        mAlignedGeneration = mAligned->generation();
    }
    mLightboxImages.clear();
    if (!mLightbox) return;
    mLightbox->setViewport(width, height);
    // Room below the photo for the caption as it is set at this text size.
    const ui::LightboxPanel panel = lightboxPanel();
    const float caption = ui::measureLightboxCaption(panel, float(width));
    mLightbox->setControlsCorner(ui::lightboxControlsSize(panel));
    const float font = ui::bodyFontPixels(mUi.scale());
    mLightbox->setCaptionHeight(
        std::max(LightboxSettings{}.captionHeight, (caption + 2.0f * font) / float(height)));
    mLightboxImages = mLightboxView->prepare(*mLightbox, width, height);
}

ui::LightboxPanel RoomSession::lightboxPanel() const {
    const Lightbox& box = *mLightbox;
    ui::LightboxPanel panel;
    panel.title = box.hotspot().title;
    panel.caption = box.hotspot().caption;
    if (box.error()) {
        // The file's name and the reason, for the technician a visitor will tell; the log has the path.
        const core::Error& error = *box.error();
        panel.problem = "This photograph could not be opened (" +
                        std::filesystem::path(error.path).filename().string() + ": " + error.message + ").";
    }
    panel.index = box.photoIndex();
    panel.count = box.photoCount();
    panel.loading = box.loading();
    panel.opacity = box.opacity();
    if (box.photo()) panel.photoRect = box.layout().rect;
    panel.captionTop = 1.0f - box.settings().captionHeight;
    return panel;
}

void RoomSession::recordLightboxPanel() {
    const Lightbox& box = *mLightbox;
    const ui::LightboxPanel panel = lightboxPanel();
    const ui::LightboxActions actions = ui::drawLightboxPanel(panel);
    mCaptionRect = actions.captionRect;
    mControlsRect = actions.controlsRect;
    if (actions.close) mLightbox->requestClose();
    if (actions.previous) mLightbox->showPhoto(box.photoIndex() + box.photoCount() - 1);
    if (actions.next) mLightbox->showPhoto(box.photoIndex() + 1);
}

core::Image8 RoomSession::renderImage(uint32_t width, uint32_t height, float dt) {
    gpu::OffscreenTarget target = mRenderer.createTarget(width, height);
    prepareFrame(width, height);
    mRenderer.context().submitAndWait([&](VkCommandBuffer cmd) { record(cmd, target, dt); });
    return target.readback(mRenderer.context());
}

} // namespace sr::app
