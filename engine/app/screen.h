#pragma once
// What a window or a headless run shows: a state machine fed with input events and a clock that
// records frames into an offscreen target. The exhibit (ExhibitSession) and the kiosk around it
// (KioskSession) are screens; the window loop and replays drive any of them the same way.
#include <cstdint>

#include <vulkan/vulkan.h>

#include "core/image.h"
#include "platform/input_event.h"

namespace sr::gpu {
class OffscreenTarget;
}

namespace sr::app {

class Screen {
public:
    virtual ~Screen() = default;
    // The size of the view in pixels, for picking before the first frame is drawn.
    virtual void setViewport(uint32_t width, uint32_t height) = 0;
    virtual void handle(const platform::InputEvent& event) = 0;
    // Advances to `now` (seconds on the screen's clock, never backwards).
    virtual void update(double now) = 0;
    // Uploads what a frame of this size needs; call outside any command buffer recording.
    virtual void prepareFrame(uint32_t width, uint32_t height) = 0;
    // Records the frame into `target` (output left in TRANSFER_SRC).
    virtual void record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) = 0;
    // Renders the current state into an image (headless; waits).
    virtual core::Image8 renderImage(uint32_t width, uint32_t height, float dt) = 0;
    // Headless runs: waits for files being read, so a driven clock sees the same frames anywhere.
    virtual void settle() = 0;
    // The program should end (a visitor closed it where that is allowed).
    virtual bool quitRequested() const = 0;
    // The exit status to end with once quitRequested() (0: a normal close).
    virtual int exitStatus() const { return 0; }
};

} // namespace sr::app
