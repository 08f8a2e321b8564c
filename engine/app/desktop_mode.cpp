#include "app/desktop_mode.h"

#include <chrono>
#include <vector>

#include "app/room_source.h"
#include "asset/import.h"
#include "core/clock.h"
#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/swapchain.h"
#include "platform/glfw_window.h"
#include "render/renderer.h"
#include "view/default_camera.h"
#include "view/look_controller.h"

namespace sr::app {
namespace {

// Copies the rendered frame onto the swapchain image and leaves it ready to present.
void recordPresentCopy(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, VkImage swapImage, VkExtent2D extent) {
    gpu::recordImageBarrier(cmd, swapImage, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                            VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_NONE,
                            VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkImageBlit region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.srcOffsets[1] = {int32_t(target.desc().width), int32_t(target.desc().height), 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstOffsets[1] = {int32_t(extent.width), int32_t(extent.height), 1};
    vkCmdBlitImage(cmd, target.output().handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, swapImage,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, VK_FILTER_NEAREST);
    gpu::recordImageBarrier(cmd, swapImage, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                            VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_BLIT_BIT,
                            VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE);
}

view::Camera startCamera(const DesktopOptions& options, const RoomSource& source, const asset::RoomMesh& mesh) {
    view::Camera camera = view::defaultCamera(mesh);
    for (const StandingPoint& s : source.stations) {
        if (s.id == options.station || (options.station.empty() && &s == &source.stations.front())) {
            camera = s.camera;
            camera.verticalFovDeg = 60.0f;
        }
    }
    return camera;
}

} // namespace

int runDesktop(const DesktopOptions& options) {
    auto source = resolveRoomSource(options.input, options.room, options.up, options.units);
    if (!source) {
        core::logError(source.error().describe());
        return 1;
    }
    auto mesh = asset::importRoomMesh(source->mesh, source->import);
    if (!mesh) {
        core::logError(mesh.error().describe());
        return 1;
    }
    core::SteadyClock clock;
    platform::WindowOptions windowOptions;
    windowOptions.title = "Stillroom — " + source->title;
    windowOptions.fullscreen = options.fullscreen;
    windowOptions.monitor = options.monitor;
    auto window = platform::GlfwWindow::create(windowOptions, clock);
    if (!window) {
        core::logError(window.error().describe());
        return 1;
    }
    gpu::ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    contextOptions.instanceExtensions = platform::GlfwWindow::requiredInstanceExtensions();
    platform::GlfwWindow& win = **window;
    contextOptions.createSurface = [&](VkInstance instance) { return win.createSurface(instance); };
    auto context = gpu::Context::create(contextOptions);
    if (!context) {
        core::logError(context.error().describe());
        return 1;
    }
    gpu::Context& gpu = **context;
    render::Renderer renderer(gpu);
    auto room = renderer.uploadRoom(*mesh);
    gpu::Swapchain swapchain(gpu, options.vsync);
    gpu::FrameRing frames(gpu);
    std::unique_ptr<gpu::OffscreenTarget> target;
    view::LookController look(startCamera(options, *source, *mesh));

    std::vector<platform::InputEvent> events;
    double last = clock.now();
    bool running = true, recreate = false;
    while (running) {
        events.clear();
        win.pollEvents(events);
        for (const auto& e : events) {
            if (e.type == platform::EventType::Close) running = false;
            if (e.type == platform::EventType::KeyDown && e.key == platform::keys::kEscape) running = false;
            if (e.type == platform::EventType::KeyDown && e.key == platform::keys::kF11) win.setFullscreen(!win.fullscreen());
            look.handle(e);
        }
        const double now = clock.now();
        look.update(float(std::min(now - last, 0.1)));
        last = now;
        if (options.exitAfterSeconds > 0.0 && now >= options.exitAfterSeconds) running = false;

        uint32_t width = 0, height = 0;
        win.framebufferSize(width, height);
        gpu::SwapchainStatus status = swapchain.update(width, height, recreate);
        recreate = false;
        if (status == gpu::SwapchainStatus::NotReady) {
            win.waitEvents(0.1);
            continue;
        }
        if (status == gpu::SwapchainStatus::Resized || !target) {
            vkDeviceWaitIdle(gpu.device());
            target = std::make_unique<gpu::OffscreenTarget>(renderer.createTarget(swapchain.extent().width, swapchain.extent().height));
        }
        gpu::FrameSlot& slot = frames.begin();
        uint32_t imageIndex = 0;
        VkResult acquired = vkAcquireNextImageKHR(gpu.device(), swapchain.handle(), UINT64_MAX, slot.imageAcquired,
                                                  VK_NULL_HANDLE, &imageIndex);
        if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
            recreate = true;
            continue;
        }
        if (acquired != VK_SUBOPTIMAL_KHR) SR_VK_CHECK(acquired);

        VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        SR_VK_CHECK(vkBeginCommandBuffer(slot.commands, &begin));
        renderer.recordFrame(slot.commands, *target, *room, look.camera());
        recordPresentCopy(slot.commands, *target, swapchain.image(imageIndex), swapchain.extent());
        SR_VK_CHECK(vkEndCommandBuffer(slot.commands));

        VkSemaphore acquiredSemaphore = slot.imageAcquired;
        VkSemaphore finished = swapchain.renderFinished(imageIndex);
        VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_TRANSFER_BIT;
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.waitSemaphoreCount = 1;
        submit.pWaitSemaphores = &acquiredSemaphore;
        submit.pWaitDstStageMask = &waitStage;
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &slot.commands;
        submit.signalSemaphoreCount = 1;
        submit.pSignalSemaphores = &finished;
        VkFence fence = slot.inFlight;
        SR_VK_CHECK(vkResetFences(gpu.device(), 1, &fence));
        {
            std::lock_guard lock(gpu.queueMutex());
            SR_VK_CHECK(vkQueueSubmit(gpu.queue(), 1, &submit, fence));
            VkSwapchainKHR swapchainHandle = swapchain.handle();
            VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
            present.waitSemaphoreCount = 1;
            present.pWaitSemaphores = &finished;
            present.swapchainCount = 1;
            present.pSwapchains = &swapchainHandle;
            present.pImageIndices = &imageIndex;
            VkResult presented = vkQueuePresentKHR(gpu.queue(), &present);
            if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR) recreate = true;
            else SR_VK_CHECK(presented);
        }
    }
    vkDeviceWaitIdle(gpu.device());
    if (options.validation && gpu::validationErrorCount() > 0) {
        core::logError(gpu::validationErrorCount(), " Vulkan validation error(s)");
        return 3;
    }
    return 0;
}

} // namespace sr::app
