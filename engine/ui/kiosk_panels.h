#pragma once
// The kiosk's own screens: the quiet "still there?" prompt, the line that invites a touch during
// the attract loop, the admin PIN pad and the admin panel. Touch targets are at least 48 pixels
// (9 mm at 1080p) and grow with the text.
#include <string>
#include <vector>

namespace sr::ui {

// A soft panel in the middle of the screen asking whether anyone is still there, with the seconds
// left before the exhibit returns to its start. `opacity` 0..1.
void drawStillTherePrompt(double secondsLeft, float opacity);

// One quiet line low on the screen during the attract loop.
void drawAttractInvitation(float opacity);

struct PinPadResult {
    bool digit = false;
    char pressed = 0; // '0'..'9'
    bool erase = false;
    bool enter = false;
    bool cancel = false;
};

// The PIN pad: `entered` digits shown as dots, `message` under them (e.g. "Wrong PIN").
PinPadResult drawPinPad(size_t entered, const std::string& message);

struct AdminPanelResult {
    bool reload = false;
    bool quit = false;
    bool close = false;
};

// The admin panel: `lines` of status, and the Reload / Quit / Close controls.
AdminPanelResult drawAdminPanel(const std::vector<std::string>& lines);

} // namespace sr::ui
