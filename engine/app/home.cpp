#include "app/home.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sr::app {
namespace keys = platform::keys;
namespace {
constexpr float kDragSlop = 12.0f; // pixels a press may move and still be a tap
} // namespace

HomeLayout layoutHome(size_t cardCount, uint32_t width, uint32_t height, float fontPixels,
                      const MeasureTitleBlock& measure) {
    HomeLayout layout;
    layout.fontPixels = fontPixels;
    const float w = float(width), h = float(height), font = fontPixels;
    const float margin = std::max(0.06f * w, 2.0f * font);
    const float gap = 1.5f * font;
    const float titleTop = std::max(margin * 0.75f, h * 0.08f);
    const float titleHeight = measure(w - 2.0f * margin);
    const float cardsTopMin = titleTop + titleHeight + 1.5f * gap;
    // Room title (a title line) and up to two lines of subtitle under each image.
    const float textHeight = 5.2f * font;
    const size_t columns = std::clamp<size_t>(cardCount, 1, 3);
    const size_t rows = std::max<size_t>(1, (cardCount + columns - 1) / columns);
    const float available = h - margin - cardsTopMin;
    const float minCardWidth = 15.0f * font; // narrower, and the words under a picture break badly
    float cardWidth = std::min((w - 2.0f * margin - gap * float(columns - 1)) / float(columns), 34.0f * font);
    if ((cardWidth / 1.6f + textHeight + gap) * float(rows) - gap > available) {
        // Smaller pictures so that everything fits on one screen, down to the narrowest that
        // still carries its words; below that the screen scrolls.
        const float perRow = (available + gap) / float(rows) - textHeight - gap;
        cardWidth = std::min(cardWidth, std::max(minCardWidth, perRow * 1.6f));
    }
    // The list (a small picture beside its words, one card per row) where the grid would scroll
    // but the list fits, or the screen is too narrow for even one card of the grid.
    const float listRow = 4.6f * font; // a title line and two lines of subtitle
    const float listHeight = (listRow + font) * float(cardCount) - font;
    const bool gridFits = (cardWidth / 1.6f + textHeight + gap) * float(rows) - gap <= available + 0.5f;
    const bool useList = cardWidth < minCardWidth || (!gridFits && listHeight <= available);
    float left = 0.0f, top = 0.0f, bottom = 0.0f;
    if (!useList) {
        const float imageHeight = cardWidth / 1.6f;
        const float blockWidth = cardWidth * float(columns) + gap * float(columns - 1);
        const float blockHeight = (imageHeight + textHeight) * float(rows) + gap * float(rows - 1);
        left = (w - blockWidth) * 0.5f;
        // In the space below the title, a little low, never closer to the bottom than the margin.
        top = cardsTopMin + std::max(0.0f, h - margin - blockHeight - cardsTopMin) * 0.6f;
        bottom = top + blockHeight;
        for (size_t i = 0; i < cardCount; ++i) {
            const size_t row = i / columns, column = i % columns;
            // A last row with fewer cards is centred too.
            const size_t inRow = std::min(columns, cardCount - row * columns);
            const float rowLeft =
                left + (blockWidth - (cardWidth * float(inRow) + gap * float(inRow - 1))) * 0.5f;
            const float x = rowLeft + float(column) * (cardWidth + gap);
            const float y = top + float(row) * (imageHeight + textHeight + gap);
            layout.cardImages.emplace_back(x, y, x + cardWidth, y + imageHeight);
            layout.cardTexts.emplace_back(x, y + imageHeight, x + cardWidth, y + imageHeight + textHeight);
        }
    } else {
        // Large text on a small screen: too narrow for a picture above its words. One card per
        // row, a small picture on the left and the words beside it, as tall as the words need.
        const float rowGap = font;
        const float rowHeight = listRow;
        const float imageHeight = std::min(rowHeight, (w - 2.0f * margin) * 0.3f / 1.6f);
        left = margin;
        const float blockHeight = listHeight;
        top = std::max(cardsTopMin, h - margin - blockHeight);
        bottom = top + blockHeight;
        for (size_t i = 0; i < cardCount; ++i) {
            const float y = top + float(i) * (rowHeight + rowGap);
            layout.cardImages.emplace_back(left, y, left + imageHeight * 1.6f, y + imageHeight);
            layout.cardTexts.emplace_back(left + imageHeight * 1.6f + gap, y - 0.6f * font, w - margin,
                                          y + rowHeight);
        }
    }
    // The title starts where the cards do when it still fits above them at their width, so the
    // screen reads as one column; otherwise it keeps the screen's margin.
    const float titleLeft =
        left > margin && measure(w - 2.0f * left) <= top - 1.5f * gap - titleTop ? left : margin;
    layout.titleBlock = {titleLeft, titleTop, w - titleLeft, top - gap};
    layout.contentHeight = std::max(h, bottom + margin);
    return layout;
}

HomeScreen::HomeScreen(std::string title, std::string intro, std::vector<HomeCard> cards)
    : mTitle(std::move(title)), mIntro(std::move(intro)), mCards(std::move(cards)) {}

void HomeScreen::setViewport(uint32_t width, uint32_t height, float fontPixels,
                             const MeasureTitleBlock& measure) {
    if (width == mWidth && height == mHeight && fontPixels == mFontPixels) return;
    mWidth = width, mHeight = height, mFontPixels = fontPixels;
    mBase = layoutHome(mCards.size(), width, height, fontPixels, measure);
    scrollTo(mScroll);
}

float HomeScreen::maxScroll() const { return std::max(0.0f, mBase.contentHeight - float(mHeight)); }

void HomeScreen::scrollTo(float offset) {
    mScroll = std::clamp(offset, 0.0f, maxScroll());
    const glm::vec4 shift(0.0f, -mScroll, 0.0f, -mScroll);
    mLayout = mBase;
    mLayout.titleBlock += shift;
    for (glm::vec4& r : mLayout.cardImages) r += shift;
    for (glm::vec4& r : mLayout.cardTexts) r += shift;
}

void HomeScreen::revealFocused() {
    if (mFocused < 0 || size_t(mFocused) >= mLayout.cardImages.size()) return;
    const float top = mLayout.cardImages[size_t(mFocused)].y, bottom = mLayout.cardTexts[size_t(mFocused)].w;
    const float pad = mFontPixels;
    if (top < pad)
        scrollTo(mScroll + top - pad);
    else if (bottom > float(mHeight) - pad)
        scrollTo(mScroll + bottom - float(mHeight) + pad);
}

int HomeScreen::cardAt(float x, float y) const {
    for (size_t i = 0; i < mLayout.cardImages.size(); ++i) {
        // The whole card answers: its picture and its words.
        const glm::vec4 image = mLayout.cardImages[i], text = mLayout.cardTexts[i];
        const glm::vec2 min = glm::min(glm::vec2(image.x, image.y), glm::vec2(text.x, text.y));
        const glm::vec2 max = glm::max(glm::vec2(image.z, image.w), glm::vec2(text.z, text.w));
        if (x >= min.x && x < max.x && y >= min.y && y < max.y) return int(i);
    }
    return -1;
}

void HomeScreen::handle(const platform::InputEvent& e) {
    using platform::EventType;
    const int count = int(mCards.size());
    switch (e.type) {
    case EventType::PointerMove:
        if (mDown && maxScroll() > 0.0f &&
            (mDragging || std::abs(e.y - mPressY) > kDragSlop || std::abs(e.x - mPressX) > kDragSlop)) {
            // A drag on a screen taller than the display scrolls it, like a page under a finger.
            if (!mDragging) mDragScroll = mScroll + (e.y - mPressY);
            mDragging = true;
            scrollTo(mDragScroll - (e.y - mPressY));
        }
        mHovered = mDragging ? -1 : cardAt(e.x, e.y);
        mFocused = -1;
        break;
    case EventType::PointerDown:
        if (e.button == 0) {
            mPressed = mHovered = cardAt(e.x, e.y);
            mDown = true;
            mDragging = false;
            mPressX = e.x, mPressY = e.y;
        }
        mFocused = -1;
        break;
    case EventType::PointerUp:
        // A card opens when the press began and ended on it: sliding off, or scrolling, cancels.
        if (e.button == 0 && !mDragging && mPressed >= 0 && cardAt(e.x, e.y) == mPressed)
            mChoice = size_t(mPressed);
        mPressed = -1;
        mDown = mDragging = false;
        break;
    case EventType::Scroll: scrollTo(mScroll - e.scrollY * 3.0f * mFontPixels); break;
    case EventType::KeyDown:
        if (count == 0) break;
        if (e.key == keys::kRight || e.key == keys::kDown || (e.key == keys::kTab && !(e.mods & 1))) {
            mFocused = mFocused < 0 ? 0 : (mFocused + 1) % count;
            revealFocused();
        } else if (e.key == keys::kLeft || e.key == keys::kUp || e.key == keys::kTab) {
            mFocused = mFocused < 0 ? count - 1 : (mFocused + count - 1) % count;
            revealFocused();
        } else if (e.key == keys::kEnter || e.key == keys::kSpace) {
            mChoice = size_t(mFocused < 0 ? 0 : mFocused);
        } else if (e.key == keys::kEscape) {
            mQuit = true;
        }
        break;
    case EventType::Close: mQuit = true; break;
    default: break;
    }
}

std::optional<size_t> HomeScreen::takeChoice() { return std::exchange(mChoice, std::nullopt); }

void HomeScreen::reset() {
    mHovered = mFocused = mPressed = -1;
    mDown = mDragging = false;
    mChoice.reset();
    scrollTo(0.0f);
}

} // namespace sr::app
