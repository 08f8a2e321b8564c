#pragma once
// One room open for a visitor: the GPU copy of its mesh, the Viewer state machine and the UI over
// it. Shared by the window and by headless replays, so both draw exactly the same frames.
#include <memory>
#include <span>
#include <string>

#include "app/room_source.h"
#include "app/viewer.h"
#include "core/result.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace sr::app {

class RoomSession {
public:
    // Imports the room's mesh and uploads it. `renderer` and `ui` must outlive the session.
    static core::Result<std::unique_ptr<RoomSession>> open(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                                           const RoomSource& source,
                                                           const ViewerSettings& settings, double now);

    // The same for a mesh already imported (only read here).
    static std::unique_ptr<RoomSession> create(render::Renderer& renderer, ui::ImGuiLayer& ui,
                                               const RoomSource& source, const asset::RoomMesh& mesh,
                                               const ViewerSettings& settings, double now);

    Viewer& viewer() { return *mViewer; }
    const RoomSource& source() const { return mSource; }
    uint64_t triangleCount() const { return mRoom->triangleCount(); }

    // Input goes to the UI first; what it does not take goes to the viewer.
    void handle(const platform::InputEvent& event);
    void update(double now) { mViewer->update(now); }
    // Records the room, its overlays and the UI into `target` (output left in TRANSFER_SRC).
    void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt);
    // Renders the current state into an image (headless; waits).
    core::Image8 renderImage(uint32_t width, uint32_t height, float dt);

private:
    RoomSession(render::Renderer& renderer, ui::ImGuiLayer& ui) : mRenderer(renderer), mUi(ui) {}

    render::Renderer& mRenderer;
    ui::ImGuiLayer& mUi;
    RoomSource mSource;
    std::unique_ptr<render::GpuRoom> mRoom;
    std::unique_ptr<Viewer> mViewer;
};

// The help lines shown after input.
std::span<const std::string> viewerHelpLines();

} // namespace sr::app
