// The home screen's layout and input, the cache folders and the room-picture cache key: no GPU.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/home.h"
#include "app/thumbnails.h"
#include "core/user_dirs.h"
#include "test_folder.h"

namespace {
using sr::app::HomeCard;
using sr::app::HomeScreen;
using sr::platform::EventType;
using sr::platform::InputEvent;

// A title line of 1.25 x 44 px, a gap and an introduction of four lines of 18 px body text.
float measureFixed(float) { return 55.0f + 14.0f + 4 * 22.5f; }

InputEvent input(EventType type, float x = 0, float y = 0, int key = 0, int mods = 0) {
    InputEvent e;
    e.type = type;
    e.x = x, e.y = y, e.key = key, e.mods = mods;
    return e;
}

HomeScreen twoRooms() {
    return HomeScreen("Rooms", "Intro", {HomeCard{"Maya's room", "spring"}, HomeCard{"The landing", "door"}});
}

glm::vec2 centre(const glm::vec4& r) { return {(r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f}; }

bool inside(const glm::vec4& r, float w, float h) { return r.x >= 0 && r.y >= 0 && r.z <= w && r.w <= h; }

TEST(HomeLayout, CardsStayInsideTheScreenBelowTheTitleAtEverySizeAndTextScale) {
    for (size_t cards : {1u, 2u, 3u, 4u, 6u, 9u}) {
        for (auto [w, h] : {std::pair{1280u, 720u}, {1920u, 1080u}, {3840u, 2160u}, {800u, 500u}}) {
            for (float font : {18.0f, 27.0f, 36.0f}) {
                const float scaled = font * std::max(1.0f, float(h) / 1080.0f);
                const auto layout = sr::app::layoutHome(
                    cards, w, h, scaled, [&](float) { return measureFixed(0) * scaled / 18.0f; });
                SCOPED_TRACE(testing::Message()
                             << cards << " cards, " << w << "x" << h << ", font " << scaled);
                ASSERT_EQ(layout.cardImages.size(), cards);
                EXPECT_GE(layout.contentHeight, float(h));
                EXPECT_TRUE(inside(layout.titleBlock, float(w), layout.contentHeight));
                for (size_t i = 0; i < cards; ++i) {
                    EXPECT_GE(layout.cardImages[i].y, layout.titleBlock.w);
                    // On the screen, or on the part of the page it scrolls to.
                    EXPECT_TRUE(inside(layout.cardImages[i], float(w), layout.contentHeight));
                    EXPECT_TRUE(inside(layout.cardTexts[i], float(w), layout.contentHeight));
                    // Pictures keep their 16:10 shape.
                    const glm::vec4 r = layout.cardImages[i];
                    EXPECT_NEAR((r.z - r.x) / (r.w - r.y), 1.6f, 0.01f);
                }
                // The sizes the exhibit is made for show everything at once.
                if (cards <= 2 && font <= 27.0f && h >= 720) {
                    EXPECT_EQ(layout.contentHeight, float(h));
                }
            }
        }
    }
}

TEST(HomeScreen, ScrollsWhenTheCardsDoNotFitAndATapAfterADragChoosesNothing) {
    std::vector<HomeCard> cards(6, HomeCard{"A room", "Its subtitle"});
    HomeScreen home("Rooms", "Intro", cards);
    home.setViewport(1280, 720, 36.0f, [](float) { return 274.0f; });
    const glm::vec4 last = home.layout().cardTexts[5];
    EXPECT_GT(last.w, 720.0f); // below the screen's edge at first
    InputEvent wheel = input(EventType::Scroll);
    wheel.scrollY = -100.0f; // far down
    home.handle(wheel);
    EXPECT_GT(home.scroll(), 0.0f);
    EXPECT_LE(home.layout().cardTexts[5].w, 720.0f); // the last card is on the screen now
    EXPECT_GE(home.layout().cardTexts[5].w, 600.0f);
    wheel.scrollY = 100.0f;
    home.handle(wheel);
    EXPECT_EQ(home.scroll(), 0.0f);

    // Dragging scrolls like a page; releasing on a card does not open it.
    const glm::vec2 start = centre(home.layout().cardImages[1]);
    home.handle(input(EventType::PointerDown, start.x, start.y));
    for (int i = 1; i <= 10; ++i) home.handle(input(EventType::PointerMove, start.x, start.y - 20.0f * i));
    EXPECT_NEAR(home.scroll(), 180.0f, 1.0f); // from where the press became a drag, without a jump
    home.handle(input(EventType::PointerUp, start.x, start.y - 200.0f));
    EXPECT_FALSE(home.takeChoice().has_value());

    // Keyboard focus brings its card onto the screen.
    home.handle(input(EventType::KeyDown, 0, 0, sr::platform::keys::kTab, 1)); // Shift+Tab: the last card
    EXPECT_EQ(home.focused(), 5);
    EXPECT_LE(home.layout().cardTexts[5].w, 720.0f);
    home.reset();
    EXPECT_EQ(home.scroll(), 0.0f);
}

TEST(HomeLayout, CardsDoNotOverlap) {
    const auto layout = sr::app::layoutHome(5, 1920, 1080, 18.0f, measureFixed);
    for (size_t i = 0; i < 5; ++i) {
        for (size_t j = i + 1; j < 5; ++j) {
            const glm::vec4 a = layout.cardImages[i], b = layout.cardImages[j];
            const bool apart = a.z <= b.x || b.z <= a.x || a.w <= b.y || b.w <= a.y;
            EXPECT_TRUE(apart) << i << " and " << j;
        }
    }
}

TEST(HomeLayout, LargeTextOnASmallScreenPutsWordsBesideThePictures) {
    const auto layout = sr::app::layoutHome(2, 1280, 720, 36.0f, [](float) { return 274.0f; });
    // The words start right of each picture, with room for a few words a line.
    for (size_t i = 0; i < 2; ++i) {
        EXPECT_GT(layout.cardTexts[i].x, layout.cardImages[i].z);
        EXPECT_GT(layout.cardTexts[i].z - layout.cardTexts[i].x, 15.0f * 36.0f);
    }
    EXPECT_GT(layout.cardImages[1].y, layout.cardTexts[0].w - 1.0f); // one card per row
}

TEST(HomeScreen, TapOnACardChoosesItOnceAndSlidingOffCancels) {
    HomeScreen home = twoRooms();
    home.setViewport(1280, 720, 18.0f, measureFixed);
    const glm::vec2 second = centre(home.layout().cardImages[1]);
    home.handle(input(EventType::PointerMove, second.x, second.y));
    EXPECT_EQ(home.hovered(), 1);
    home.handle(input(EventType::PointerDown, second.x, second.y));
    home.handle(input(EventType::PointerUp, second.x + 5, second.y));
    EXPECT_EQ(home.takeChoice(), 1u);
    EXPECT_FALSE(home.takeChoice().has_value());

    const glm::vec2 first = centre(home.layout().cardImages[0]);
    home.handle(input(EventType::PointerDown, first.x, first.y));
    home.handle(input(EventType::PointerUp, second.x, second.y));
    EXPECT_FALSE(home.takeChoice().has_value());
    // A tap on the words under a picture counts too; one between the cards does not.
    const glm::vec2 words = centre(home.layout().cardTexts[0]);
    home.handle(input(EventType::PointerDown, words.x, words.y));
    home.handle(input(EventType::PointerUp, words.x, words.y));
    EXPECT_EQ(home.takeChoice(), 0u);
    home.handle(input(EventType::PointerDown, 5, 5));
    home.handle(input(EventType::PointerUp, 5, 5));
    EXPECT_FALSE(home.takeChoice().has_value());
}

TEST(HomeScreen, KeysMoveFocusAroundAndEnterChooses) {
    using namespace sr::platform::keys;
    HomeScreen home = twoRooms();
    home.setViewport(1280, 720, 18.0f, measureFixed);
    EXPECT_EQ(home.focused(), -1);
    home.handle(input(EventType::KeyDown, 0, 0, kTab));
    EXPECT_EQ(home.focused(), 0);
    home.handle(input(EventType::KeyDown, 0, 0, kTab));
    EXPECT_EQ(home.focused(), 1);
    home.handle(input(EventType::KeyDown, 0, 0, kRight));
    EXPECT_EQ(home.focused(), 0);
    home.handle(input(EventType::KeyDown, 0, 0, kTab, 1)); // Shift+Tab goes back
    EXPECT_EQ(home.focused(), 1);
    home.handle(input(EventType::KeyDown, 0, 0, kEnter));
    EXPECT_EQ(home.takeChoice(), 1u);
    // The pointer takes over from the keyboard.
    home.handle(input(EventType::PointerMove, 1, 1));
    EXPECT_EQ(home.focused(), -1);
    EXPECT_FALSE(home.quitRequested());
    home.handle(input(EventType::KeyDown, 0, 0, kEscape));
    EXPECT_TRUE(home.quitRequested());
}

TEST(UserDirs, CacheFollowsTheOverrideThenXdgThenHome) {
    const char* saved[] = {std::getenv("STILLROOM_CACHE_DIR"), std::getenv("XDG_CACHE_HOME"),
                           std::getenv("HOME")};
    const std::string keep[] = {saved[0] ? saved[0] : "", saved[1] ? saved[1] : "", saved[2] ? saved[2] : ""};
    setenv("STILLROOM_CACHE_DIR", "/srv/cache", 1);
    EXPECT_EQ(sr::core::userCacheDir(), "/srv/cache");
    unsetenv("STILLROOM_CACHE_DIR");
    setenv("XDG_CACHE_HOME", "/x/cache", 1);
    EXPECT_EQ(sr::core::userCacheDir(), "/x/cache/stillroom");
    setenv("XDG_CACHE_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/visitor", 1);
    EXPECT_EQ(sr::core::userCacheDir(), "/home/visitor/.cache/stillroom");
    EXPECT_EQ(sr::core::userStateDir().filename(), "stillroom");
    unsetenv("HOME");
    unsetenv("XDG_CACHE_HOME");
    EXPECT_NE(sr::core::userCacheDir().string().find("stillroom-cache-"), std::string::npos);
    const char* names[] = {"STILLROOM_CACHE_DIR", "XDG_CACHE_HOME", "HOME"};
    for (int i = 0; i < 3; ++i) {
        if (saved[i])
            setenv(names[i], keep[i].c_str(), 1);
        else
            unsetenv(names[i]);
    }
}

TEST(Thumbnails, CacheFileChangesWithTheRoomItsFilesAndTheSize) {
    const auto folder = sr::test::freshTestFolder("unit");
    std::ofstream(folder / "scan.obj") << "v 0 0 0\n";
    std::ofstream(folder / "scan.mtl") << "newmtl a\n";
    sr::app::RoomSource room;
    room.id = "bedroom";
    room.mesh = folder / "scan.obj";
    room.stations.push_back({"door", {}});
    const auto cache = folder / "cache";
    const auto first = sr::app::thumbnailFile(cache, room, 800, 500);
    EXPECT_EQ(first.parent_path(), cache);
    EXPECT_EQ(first.extension(), ".png");
    EXPECT_EQ(sr::app::thumbnailFile(cache, room, 800, 500), first); // stable
    EXPECT_NE(sr::app::thumbnailFile(cache, room, 640, 400), first);
    room.stations[0].camera.yawDeg = 30.0f;
    const auto turned = sr::app::thumbnailFile(cache, room, 800, 500);
    EXPECT_NE(turned, first);
    std::ofstream(folder / "scan.mtl") << "newmtl a\nnewmtl b\n"; // a changed material beside the mesh
    EXPECT_NE(sr::app::thumbnailFile(cache, room, 800, 500), turned);
}

} // namespace
