#define GLFW_INCLUDE_VULKAN
#include "platform/glfw_window.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "core/log.h"

namespace sr::platform {
namespace {
int gWindows = 0;

void onGlfwError(int code, const char* text) { core::logWarning("window system: ", text, " (", code, ")"); }

GLFWmonitor* pickMonitor(int index) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (count == 0) return nullptr;
    if (index < 0 || index >= count) {
        core::logWarning("monitor ", index, " not found; ", count, " connected, using the first");
        index = 0;
    }
    return monitors[index];
}
} // namespace

core::Result<std::unique_ptr<GlfwWindow>> GlfwWindow::create(const WindowOptions& options,
                                                             const core::Clock& clock) {
    glfwSetErrorCallback(onGlfwError);
    if (gWindows == 0 && !glfwInit()) {
        return core::makeError(
            "", "cannot open a window: no display found (set DISPLAY, or use 'stillroom render')");
    }
    if (!glfwVulkanSupported()) {
        if (gWindows == 0) glfwTerminate();
        return core::makeError("", "the window system has no Vulkan support (is libvulkan1 installed?)");
    }
    ++gWindows;
    std::unique_ptr<GlfwWindow> window(new GlfwWindow(clock));
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    // A fullscreen exhibit stays on screen when something else takes the focus (a kiosk must never
    // show a desktop).
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    window->mWindow =
        glfwCreateWindow(int(options.width), int(options.height), options.title.c_str(), nullptr, nullptr);
    if (!window->mWindow) return core::makeError("", "cannot create a window");
    glfwSetWindowUserPointer(window->mWindow, window.get());
    glfwSetCursorPosCallback(window->mWindow, onCursor);
    glfwSetMouseButtonCallback(window->mWindow, onButton);
    glfwSetScrollCallback(window->mWindow, onScroll);
    glfwSetKeyCallback(window->mWindow, onKey);
    glfwSetCharCallback(window->mWindow, onChar);
    glfwSetFramebufferSizeCallback(window->mWindow, onFramebufferSize);
    window->mMonitor = options.monitor;
    if (options.fullscreen) window->setFullscreen(true);
    return window;
}

GlfwWindow::~GlfwWindow() {
    if (mWindow) glfwDestroyWindow(mWindow);
    if (--gWindows == 0) glfwTerminate();
}

std::vector<std::string> GlfwWindow::requiredInstanceExtensions() {
    uint32_t count = 0;
    const char** names = glfwGetRequiredInstanceExtensions(&count);
    return std::vector<std::string>(names, names + count);
}

VkSurfaceKHR GlfwWindow::createSurface(VkInstance instance) const {
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    if (glfwCreateWindowSurface(instance, mWindow, nullptr, &surface) != VK_SUCCESS) return VK_NULL_HANDLE;
    return surface;
}

void GlfwWindow::pollEvents(std::vector<InputEvent>& out) {
    mSink = &out;
    glfwPollEvents();
    pollGamepad(out);
    if (glfwWindowShouldClose(mWindow)) out.push_back({EventType::Close, mClock.now()});
    mSink = nullptr;
}

void GlfwWindow::pollGamepad(std::vector<InputEvent>& out) {
    // The first connected gamepad: left stick walks, right stick looks. A dead zone keeps a
    // resting stick from drifting the view; an event goes out only when the sticks change.
    auto shaped = [](float v) {
        constexpr float kDeadZone = 0.15f;
        if (std::abs(v) < kDeadZone) return 0.0f;
        return std::copysign((std::abs(v) - kDeadZone) / (1.0f - kDeadZone), v);
    };
    float sticks[4] = {};
    for (int jid = GLFW_JOYSTICK_1; jid <= GLFW_JOYSTICK_LAST; ++jid) {
        GLFWgamepadstate state;
        if (!glfwJoystickIsGamepad(jid) || !glfwGetGamepadState(jid, &state)) continue;
        sticks[0] = shaped(state.axes[GLFW_GAMEPAD_AXIS_LEFT_X]);
        sticks[1] = -shaped(state.axes[GLFW_GAMEPAD_AXIS_LEFT_Y]); // GLFW: +y is down
        sticks[2] = shaped(state.axes[GLFW_GAMEPAD_AXIS_RIGHT_X]);
        sticks[3] = -shaped(state.axes[GLFW_GAMEPAD_AXIS_RIGHT_Y]);
        break;
    }
    if (std::equal(sticks, sticks + 4, mGamepad)) return;
    std::copy(sticks, sticks + 4, mGamepad);
    InputEvent e{EventType::Gamepad, mClock.now(), sticks[0], sticks[1]};
    e.scrollX = sticks[2];
    e.scrollY = sticks[3];
    out.push_back(e);
}

void GlfwWindow::waitEvents(double seconds) { glfwWaitEventsTimeout(seconds); }

bool GlfwWindow::shouldClose() const { return glfwWindowShouldClose(mWindow); }

void GlfwWindow::framebufferSize(uint32_t& width, uint32_t& height) const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(mWindow, &w, &h);
    width = uint32_t(std::max(w, 0));
    height = uint32_t(std::max(h, 0));
}

void GlfwWindow::setFullscreen(bool fullscreen) {
    if (fullscreen == mFullscreen) return;
    if (fullscreen) {
        GLFWmonitor* monitor = pickMonitor(mMonitor);
        if (!monitor) return;
        glfwGetWindowPos(mWindow, &mWindowedX, &mWindowedY);
        glfwGetWindowSize(mWindow, &mWindowedW, &mWindowedH);
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        glfwSetWindowMonitor(mWindow, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(mWindow, nullptr, mWindowedX, mWindowedY, mWindowedW, mWindowedH,
                             GLFW_DONT_CARE);
    }
    mFullscreen = fullscreen;
}

void GlfwWindow::setCursorVisible(bool visible) {
    glfwSetInputMode(mWindow, GLFW_CURSOR, visible ? GLFW_CURSOR_NORMAL : GLFW_CURSOR_HIDDEN);
}

void GlfwWindow::onCursor(GLFWwindow* w, double x, double y) {
    auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
    self->mPointerX = float(x);
    self->mPointerY = float(y);
    if (self->mSink) self->mSink->push_back({EventType::PointerMove, self->mClock.now(), float(x), float(y)});
}

void GlfwWindow::onButton(GLFWwindow* w, int button, int action, int mods) {
    auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
    if (!self->mSink) return;
    // The pointer's place in event order: several events may arrive in one poll.
    InputEvent e{action == GLFW_PRESS ? EventType::PointerDown : EventType::PointerUp, self->mClock.now(),
                 self->mPointerX, self->mPointerY};
    e.button = button == GLFW_MOUSE_BUTTON_LEFT ? 0 : button == GLFW_MOUSE_BUTTON_RIGHT ? 1 : 2;
    e.mods = mods;
    self->mSink->push_back(e);
}

void GlfwWindow::onScroll(GLFWwindow* w, double x, double y) {
    auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
    if (!self->mSink) return;
    InputEvent e{EventType::Scroll, self->mClock.now()};
    e.scrollX = float(x);
    e.scrollY = float(y);
    self->mSink->push_back(e);
}

void GlfwWindow::onKey(GLFWwindow* w, int key, int, int action, int mods) {
    auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
    if (!self->mSink || action == GLFW_REPEAT) return;
    InputEvent e{action == GLFW_PRESS ? EventType::KeyDown : EventType::KeyUp, self->mClock.now()};
    e.key = key;
    e.mods = mods;
    self->mSink->push_back(e);
}

void GlfwWindow::onChar(GLFWwindow* w, unsigned codepoint) {
    auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
    if (!self->mSink) return;
    InputEvent e{EventType::Text, self->mClock.now()};
    e.key = int(codepoint);
    self->mSink->push_back(e);
}

void GlfwWindow::onFramebufferSize(GLFWwindow* w, int width, int height) {
    auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
    if (self->mSink)
        self->mSink->push_back({EventType::Resize, self->mClock.now(), float(width), float(height)});
}

} // namespace sr::platform
