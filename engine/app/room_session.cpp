#include "app/room_session.h"

#include "asset/import.h"
#include "core/log.h"
#include "gpu/context.h"
#include "ui/help_overlay.h"

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
    auto mesh = asset::importRoomMesh(source.mesh, source.import);
    if (!mesh) return mesh.error();
    return create(renderer, ui, source, *mesh, settings, now);
}

std::unique_ptr<RoomSession> RoomSession::create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                 const RoomSource& source, const asset::RoomMesh& mesh,
                                                 const ViewerSettings& settings, double now) {
    std::unique_ptr<RoomSession> session(new RoomSession(renderer, ui));
    session->mSource = source;
    session->mRoom = renderer.uploadRoom(mesh);
    session->mViewer = std::make_unique<Viewer>(source, mesh, settings, now);
    return session;
}

void RoomSession::handle(const platform::InputEvent& event) {
    if (mUi.handle(event)) return;
    mViewer->handle(event);
}

void RoomSession::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) {
    const uint32_t width = target.desc().width, height = target.desc().height;
    mViewer->setViewport(width, height);
    const ViewerFrame frame = mViewer->frame();
    mRenderer.recordFrame(cmd, target, *mRoom, frame.camera, frame.overlays);
    mUi.beginFrame(dt, width, height);
    ui::drawHelpOverlay(frame.helpOpacity, viewerHelpLines());
    mUi.endFrame();
    mUi.record(cmd, target);
}

core::Image8 RoomSession::renderImage(uint32_t width, uint32_t height, float dt) {
    gpu::OffscreenTarget target = mRenderer.createTarget(width, height);
    mRenderer.context().submitAndWait([&](VkCommandBuffer cmd) { record(cmd, target, dt); });
    return target.readback(mRenderer.context());
}

} // namespace sr::app
