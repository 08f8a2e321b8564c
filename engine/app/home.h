#pragma once
// The exhibit's home screen as a state machine: its title and introduction, and a card per room
// that the visitor chooses with a tap or click, or with the arrow keys, Tab and Enter. Input and a
// viewport in, a layout and a chosen room out; drawing is ui::drawHomeScreen's, thumbnails come
// from the ExhibitSession.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "platform/input_event.h"

namespace sr::app {

struct HomeCard {
    std::string title;
    std::string subtitle;
};

// Where everything goes, in pixels (x0, y0, x1, y1; y down).
struct HomeLayout {
    glm::vec4 titleBlock{0.0f}; // the exhibit's title and introduction
    std::vector<glm::vec4> cardImages;
    std::vector<glm::vec4> cardTexts; // below each image: the room's title and subtitle
    float fontPixels = 18.0f;         // the body text size this layout was made for
    float contentHeight = 0.0f;       // at least the screen's height; more when it must scroll
};

// How tall the exhibit's title and introduction are when wrapped to `width` pixels.
using MeasureTitleBlock = std::function<float(float width)>;

// Lays out `cardCount` cards in a `width` x `height` view for body text of `fontPixels`: the title
// block first, as tall as `measure` says it must be, then the cards in the space left below it, as
// many columns as fit (at most three), each image 16:10, centred horizontally and low on the
// screen, everything inside a margin of the screen. The title lines up with the cards when it fits
// their width. Where even the smallest cards that carry their words do not fit (large text on a
// small screen, many rooms), the content grows taller than the screen and the screen scrolls.
HomeLayout layoutHome(size_t cardCount, uint32_t width, uint32_t height, float fontPixels,
                      const MeasureTitleBlock& measure);

class HomeScreen {
public:
    HomeScreen(std::string title, std::string intro, std::vector<HomeCard> cards);

    void setViewport(uint32_t width, uint32_t height, float fontPixels, const MeasureTitleBlock& measure);
    // Where everything is on the screen now (scrolled).
    const HomeLayout& layout() const { return mLayout; }
    // How far the screen is scrolled down, in pixels (0 at the top).
    float scroll() const { return mScroll; }
    void handle(const platform::InputEvent& event);
    // The room the visitor chose, once.
    std::optional<size_t> takeChoice();
    // Esc at home: the visitor wants to leave the program.
    bool quitRequested() const { return mQuit; }
    // Forgets hover, focus and a pending press (when the screen is shown again).
    void reset();

    const std::string& title() const { return mTitle; }
    const std::string& intro() const { return mIntro; }
    const std::vector<HomeCard>& cards() const { return mCards; }
    // The card under the pointer, or -1.
    int hovered() const { return mHovered; }
    // The card with keyboard focus (drawn with an outline), or -1 while the pointer is in use.
    int focused() const { return mFocused; }

private:
    int cardAt(float x, float y) const;
    float maxScroll() const;
    void scrollTo(float offset);
    void revealFocused(); // scrolls the focused card onto the screen

    std::string mTitle, mIntro;
    std::vector<HomeCard> mCards;
    HomeLayout mBase;   // unscrolled
    HomeLayout mLayout; // scrolled by mScroll
    float mScroll = 0.0f;
    bool mDown = false, mDragging = false;
    float mPressX = 0.0f, mPressY = 0.0f, mDragScroll = 0.0f;
    uint32_t mWidth = 0, mHeight = 0;
    float mFontPixels = 0.0f;
    int mHovered = -1;
    int mFocused = -1;
    int mPressed = -1; // card under a press that has not been released
    std::optional<size_t> mChoice;
    bool mQuit = false;
};

} // namespace sr::app
