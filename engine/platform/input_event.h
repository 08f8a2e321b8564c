#pragma once
// Input as timestamped events, from a window or a script, so any session can be replayed.
#include <cstdint>

namespace sr::platform {

enum class EventType {
    PointerDown,
    PointerMove,
    PointerUp,
    Scroll,
    KeyDown,
    KeyUp,
    Resize,
    Close,
    Gamepad, // sticks: x,y = left (walk), scrollX,scrollY = right (look), each -1..1, +y = forward/up
    Text,    // a character typed (key = its Unicode code point), after the KeyDown that typed it
};

// Key codes follow GLFW's (printable keys are their upper-case ASCII codes).
namespace keys {
inline constexpr int kEscape = 256, kEnter = 257, kTab = 258, kRight = 262, kLeft = 263, kDown = 264,
                     kUp = 265;
inline constexpr int kF11 = 300, kSpace = 32, kPageUp = 266, kPageDown = 267;
inline constexpr int kBackspace = 259, kDelete = 261, kHome = 268, kEnd = 269;
// InputEvent::mods bits (GLFW's).
inline constexpr int kModShift = 1, kModControl = 2, kModAlt = 4;
} // namespace keys

struct InputEvent {
    EventType type = EventType::PointerMove;
    double time = 0.0; // seconds on the mode's clock
    float x = 0.0f;    // pointer position in window pixels (Resize: new framebuffer width)
    float y = 0.0f;    // (Resize: new framebuffer height)
    float scrollX = 0.0f;
    float scrollY = 0.0f;
    int button = 0; // 0 left/touch, 1 right, 2 middle
    int key = 0;    // KeyDown, KeyUp: the key code; Text: the Unicode code point typed
    int mods = 0;   // KeyDown, KeyUp: kMod* bits held
};

} // namespace sr::platform
