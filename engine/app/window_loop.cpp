#include "app/window_loop.h"

#include <signal.h>

#include <csignal>
#include <cstdlib>
#include <optional>
#include <vector>

#include "core/log.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/swapchain.h"
#include "platform/event_script.h"
#include "platform/glfw_window.h"

namespace sr::app {
namespace {

// Set by SIGTERM (a service manager stopping the program) or SIGINT (Ctrl+C in a terminal): the
// loop ends after the frame in hand and the program closes as if its window had been closed.
volatile std::sig_atomic_t gStopSignal = 0;

extern "C" void onStopSignal(int signal) { gStopSignal = signal; }

// Catches SIGTERM and SIGINT while it lives; puts back what was there before.
class StopSignals {
public:
    StopSignals() {
        gStopSignal = 0;
        struct sigaction action = {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGTERM, &action, &mTerm);
        sigaction(SIGINT, &action, &mInt);
    }
    ~StopSignals() {
        sigaction(SIGTERM, &mTerm, nullptr);
        sigaction(SIGINT, &mInt, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction mTerm = {};
    struct sigaction mInt = {};
};

// Copies the finished frame onto the swapchain image and leaves it ready to present.
void recordPresentCopy(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, VkImage swapImage,
                       VkExtent2D extent) {
    gpu::recordImageBarrier(cmd, swapImage, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                            VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_BLIT_BIT,
                            VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
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

enum class Presented { Ok, Recreate, DeviceLost };

// Submits the frame's commands and presents; says when the swapchain must be recreated or the
// device is gone.
Presented submitAndPresent(gpu::Context& gpu, gpu::Swapchain& swapchain, gpu::FrameSlot& slot,
                           uint32_t imageIndex) {
    VkSemaphore acquired = slot.imageAcquired;
    VkSemaphore finished = swapchain.renderFinished(imageIndex);
    VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_TRANSFER_BIT;
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &acquired;
    submit.pWaitDstStageMask = &waitStage;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &slot.commands;
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &finished;
    VkFence fence = slot.inFlight;
    SR_VK_CHECK(vkResetFences(gpu.device(), 1, &fence));
    std::lock_guard lock(gpu.queueMutex());
    const VkResult submitted = vkQueueSubmit(gpu.queue(), 1, &submit, fence);
    if (submitted == VK_ERROR_DEVICE_LOST) return Presented::DeviceLost;
    SR_VK_CHECK(submitted);
    VkSwapchainKHR handle = swapchain.handle();
    VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &finished;
    present.swapchainCount = 1;
    present.pSwapchains = &handle;
    present.pImageIndices = &imageIndex;
    VkResult presented = vkQueuePresentKHR(gpu.queue(), &present);
    if (presented == VK_ERROR_DEVICE_LOST) return Presented::DeviceLost;
    if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR) return Presented::Recreate;
    SR_VK_CHECK(presented);
    return Presented::Ok;
}

struct Window {
    std::unique_ptr<platform::GlfwWindow> window;
    std::unique_ptr<gpu::Context> gpu;
};

core::Result<Window> openWindow(const WindowLoopOptions& options, const core::Clock& clock) {
    platform::WindowOptions windowOptions;
    windowOptions.title = options.title;
    windowOptions.fullscreen = options.fullscreen;
    windowOptions.monitor = options.monitor;
    auto window = platform::GlfwWindow::create(windowOptions, clock);
    if (!window) return window.error();
    if (options.hideCursor) (*window)->setCursorVisible(false);
    gpu::ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    contextOptions.instanceExtensions = platform::GlfwWindow::requiredInstanceExtensions();
    platform::GlfwWindow* win = window->get();
    contextOptions.createSurface = [win](VkInstance instance) { return win->createSurface(instance); };
    auto context = gpu::Context::create(contextOptions);
    if (!context) return context.error();
    return Window{std::move(window).value(), std::move(context).value()};
}

// Everything one run of the loop holds, in creation order (destroyed in reverse).
struct Loop {
    platform::GlfwWindow& win;
    gpu::Context& gpu;
    const WindowLoopOptions& options;
    const core::SteadyClock& clock;
    render::Renderer& renderer;
    Screen& screen;
    std::optional<platform::ScriptRecorder>& recorder;

    int run();
};

int Loop::run() {
    gpu::Swapchain swapchain(gpu, options.vsync);
    gpu::FrameRing frames(gpu);
    std::unique_ptr<gpu::OffscreenTarget> target;
    render::FrameStats stats(36000); // the last ten minutes or so; a kiosk runs for months
    std::vector<platform::InputEvent> events;
    double last = clock.now();
    bool recreate = false;
    while (!screen.quitRequested()) {
        if (gStopSignal) {
            core::logInfo("stopping: ", gStopSignal == SIGTERM ? "SIGTERM" : "SIGINT");
            break;
        }
        events.clear();
        win.pollEvents(events);
        for (const auto& e : events) {
            if (recorder) recorder->record(e);
            if (options.allowFullscreenKey && e.type == platform::EventType::KeyDown &&
                e.key == platform::keys::kF11) {
                win.setFullscreen(!win.fullscreen());
            }
            screen.handle(e);
        }
        const double now = clock.now();
        const float dt = float(now - last);
        stats.add(now - last);
        last = now;
        screen.update(now);
        if (options.exitAfterSeconds > 0.0 && now >= options.exitAfterSeconds) break;
        if (options.simulateDeviceLossAfter > 0.0 && now >= options.simulateDeviceLossAfter) {
            core::logError("the Vulkan device was lost (simulated)");
            std::_Exit(kExitDeviceLost); // as below: nothing on a lost device is touched again
        }

        uint32_t width = 0, height = 0;
        win.framebufferSize(width, height);
        const gpu::SwapchainStatus swap = swapchain.update(width, height, recreate);
        recreate = false;
        if (swap == gpu::SwapchainStatus::NotReady) {
            win.waitEvents(0.1);
            continue;
        }
        if (swap == gpu::SwapchainStatus::Resized || !target) {
            gpu.waitIdle();
            target = std::make_unique<gpu::OffscreenTarget>(
                renderer.createTarget(swapchain.extent().width, swapchain.extent().height));
        }
        screen.prepareFrame(swapchain.extent().width, swapchain.extent().height);
        gpu::FrameSlot& slot = frames.begin();
        uint32_t imageIndex = 0;
        VkResult acquired = vkAcquireNextImageKHR(gpu.device(), swapchain.handle(), UINT64_MAX,
                                                  slot.imageAcquired, VK_NULL_HANDLE, &imageIndex);
        if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
            recreate = true;
            continue;
        }
        if (acquired == VK_ERROR_DEVICE_LOST) {
            core::logError("the Vulkan device was lost");
            std::_Exit(kExitDeviceLost); // nothing on a lost device can be trusted, not even teardown
        }
        if (acquired != VK_SUBOPTIMAL_KHR) SR_VK_CHECK(acquired);
        VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        SR_VK_CHECK(vkBeginCommandBuffer(slot.commands, &begin));
        screen.record(slot.commands, *target, dt);
        recordPresentCopy(slot.commands, *target, swapchain.image(imageIndex), swapchain.extent());
        SR_VK_CHECK(vkEndCommandBuffer(slot.commands));
        const Presented presented = submitAndPresent(gpu, swapchain, slot, imageIndex);
        if (presented == Presented::DeviceLost) {
            core::logError("the Vulkan device was lost");
            std::_Exit(kExitDeviceLost);
        }
        if (presented == Presented::Recreate) recreate = true;
        if (options.onFrame) options.onFrame(now, stats);
    }
    gpu.waitIdle();
    core::logInfo("frame times: ", stats.summary());
    return screen.exitStatus();
}

} // namespace

int runWindowLoop(const WindowLoopOptions& options, const ScreenFactory& makeScreen) {
    core::SteadyClock clock;
    auto opened = openWindow(options, clock);
    if (!opened) {
        core::logError(opened.error().describe());
        return 1;
    }
    std::optional<platform::ScriptRecorder> recorder;
    if (!options.recordTo.empty()) {
        auto file = platform::ScriptRecorder::open(options.recordTo);
        if (!file) {
            core::logError(file.error().describe());
            return 1;
        }
        recorder = std::move(*file);
    }
    int status = 0;
    {
        render::RendererSettings rendererSettings;
        const bool cpuDevice = opened->gpu->caps().type == VK_PHYSICAL_DEVICE_TYPE_CPU;
        rendererSettings.maxSamples = options.maxSamples > 0 ? options.maxSamples : cpuDevice ? 1 : 4;
        if (options.maxSamples == 0 && cpuDevice)
            core::logInfo("a CPU device draws the window without multisampling (--samples 4 to have it)");
        rendererSettings.encodedColor = options.encodedColor.value_or(cpuDevice);
        if (!options.encodedColor && cpuDevice)
            core::logInfo("a CPU device draws rooms in sRGB-encoded space, saving its colour conversions");
        render::Renderer renderer(*opened->gpu, rendererSettings);
        ui::ImGuiLayer ui(*opened->gpu);
        auto screen = makeScreen(renderer, ui, clock);
        if (!screen) {
            core::logError(screen.error().describe());
            return 1;
        }
        Loop loop{*opened->window, *opened->gpu, options, clock, renderer, **screen, recorder};
        StopSignals stopSignals;
        status = loop.run();
    }
    if (options.validation && gpu::validationErrorCount() > 0) {
        core::logError(gpu::validationErrorCount(), " Vulkan validation error(s)");
        status = 3;
    }
    return status;
}

} // namespace sr::app
