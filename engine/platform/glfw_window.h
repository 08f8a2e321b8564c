#pragma once
// The desktop window (GLFW): creates the Vulkan surface and turns GLFW callbacks into InputEvents.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/clock.h"
#include "core/result.h"
#include "platform/input_event.h"

struct GLFWwindow;

namespace sr::platform {

struct WindowOptions {
    std::string title = "Stillroom";
    uint32_t width = 1280;
    uint32_t height = 720;
    bool fullscreen = false;
    int monitor = 0; // index into the connected monitors, for fullscreen
};

class GlfwWindow {
public:
    // Fails with a clear message when no display is available.
    static core::Result<std::unique_ptr<GlfwWindow>> create(const WindowOptions& options,
                                                            const core::Clock& clock);
    ~GlfwWindow();
    GlfwWindow(const GlfwWindow&) = delete;
    GlfwWindow& operator=(const GlfwWindow&) = delete;

    // Instance extensions Vulkan needs to present to this window.
    static std::vector<std::string> requiredInstanceExtensions();
    VkSurfaceKHR createSurface(VkInstance instance) const;

    // Processes pending window-system events; appends the resulting input events.
    void pollEvents(std::vector<InputEvent>& out);
    // Blocks until an event arrives or `seconds` pass (for minimised windows).
    void waitEvents(double seconds);
    bool shouldClose() const;
    // Framebuffer size in pixels (0 x 0 while minimised).
    void framebufferSize(uint32_t& width, uint32_t& height) const;
    bool fullscreen() const { return mFullscreen; }
    // Switches between windowed and fullscreen on the chosen monitor, restoring the window's place.
    void setFullscreen(bool fullscreen);
    void setCursorVisible(bool visible);

private:
    GlfwWindow(const core::Clock& clock) : mClock(clock) {}
    static void onCursor(GLFWwindow* w, double x, double y);
    static void onButton(GLFWwindow* w, int button, int action, int mods);
    static void onScroll(GLFWwindow* w, double x, double y);
    static void onKey(GLFWwindow* w, int key, int scancode, int action, int mods);
    static void onChar(GLFWwindow* w, unsigned codepoint);
    static void onFramebufferSize(GLFWwindow* w, int width, int height);

    const core::Clock& mClock;
    GLFWwindow* mWindow = nullptr;
    std::vector<InputEvent>* mSink = nullptr;
    bool mFullscreen = false;
    int mMonitor = 0;
    void pollGamepad(std::vector<InputEvent>& out);

    float mPointerX = 0.0f, mPointerY = 0.0f; // last position seen, in event order
    float mGamepad[4] = {};                   // last stick values sent
    int mWindowedX = 0, mWindowedY = 0, mWindowedW = 1280, mWindowedH = 720;
};

} // namespace sr::platform
