// Flow tests of the exhibit's home screen over the demo exhibit: pictures of the rooms rendered
// headless and cached outside the exhibit folder, the screen at 1280x720 and 3840x2160 and with text
// at 100% and 200%, choosing a room by tap and by keys, fading in, and the quiet way back home.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "app/exhibit_session.h"
#include "asset/importer.h"
#include "core/image.h"
#include "demo_room_fixture.h"
#include "scene/manifest.h"
#include "test_folder.h"

namespace {
namespace fs = std::filesystem;
using sr::platform::EventType;

class HomeFlow : public sr::test::DemoRoomFixture {
protected:
    static fs::path cacheDir(const std::string& name) {
        const fs::path dir = fs::path(SR_TEST_OUTPUT) / "flow" / ("thumbnails-" + name);
        std::error_code ec;
        fs::remove_all(dir, ec);
        return dir;
    }
    static std::unique_ptr<sr::app::ExhibitSession> openExhibit(const fs::path& cache, uint32_t width,
                                                                uint32_t height, float textScale = 1.0f) {
        auto exhibit = sr::app::loadViewerExhibit(SR_DEMO_DIR);
        EXPECT_TRUE(exhibit.ok());
        sr::app::ExhibitSettings settings;
        settings.thumbnailCache = cache;
        settings.viewer.idleDrift = false;
        auto session = std::make_unique<sr::app::ExhibitSession>(*sRenderer, *sUi, std::move(exhibit).value(),
                                                                 settings, 0.0);
        session->setTextScale(textScale);
        session->setViewport(width, height);
        session->prepareFrame(width, height);
        session->settle();
        return session;
    }
    // Steps the driven clock by `seconds` at 30 frames a second, waiting for files being read.
    static double run(sr::app::ExhibitSession& session, double t, double seconds) {
        for (double end = t + seconds; t < end; t += 1 / 30.0) {
            session.settle();
            session.update(t);
        }
        return t;
    }
    static glm::vec2 centre(const glm::vec4& r) { return {(r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f}; }
    static void tap(sr::app::ExhibitSession& session, double t, glm::vec2 at) {
        session.handle(event(EventType::PointerMove, t, at.x, at.y));
        session.handle(event(EventType::PointerDown, t + 0.05, at.x, at.y));
        session.handle(event(EventType::PointerUp, t + 0.15, at.x, at.y));
    }
};

// Sets an environment variable for the scope, then puts back what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : mName(name) {
        const char* previous = std::getenv(name);
        if (previous) mPrevious = previous;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (mPrevious)
            setenv(mName, mPrevious->c_str(), 1);
        else
            unsetenv(mName);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* mName;
    std::optional<std::string> mPrevious;
};

// For the scope: rooms are baked into an empty cache folder by the real importer, whose news are
// held back for `seconds` after `after` ("reading" or "first"; tests/support/held_importer.sh).
struct HeldImporter {
    HeldImporter(const std::string& after, double seconds)
        : real("STILLROOM_REAL_IMPORTER", sr::asset::findImporter().value().string()),
          importer("STILLROOM_IMPORTER", SR_HELD_IMPORTER), holdAfter("STILLROOM_HOLD_AFTER", after),
          holdSeconds("STILLROOM_HOLD_SECONDS", std::to_string(seconds)),
          cache("STILLROOM_CACHE_DIR", (sr::test::freshTestFolder("flow") / "rooms").string()) {}
    ScopedEnv real, importer, holdAfter, holdSeconds, cache;
};

// Every file under `folder` with its size and modification time.
std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> listFiles(const fs::path& folder) {
    std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file())
            files[entry.path().string()] = {entry.file_size(), entry.last_write_time()};
    }
    return files;
}

// Layout rectangles lie inside the screen.
void expectInside(const glm::vec4& r, uint32_t width, uint32_t height, const std::string& what) {
    EXPECT_GE(r.x, 0.0f) << what;
    EXPECT_GE(r.y, 0.0f) << what;
    EXPECT_LE(r.z, float(width)) << what;
    EXPECT_LE(r.w, float(height)) << what;
    EXPECT_LT(r.x, r.z) << what;
    EXPECT_LT(r.y, r.w) << what;
}

TEST_F(HomeFlow, ShowsTheExhibitAndAPictureOfEachRoom) {
    const fs::path cache = cacheDir("home");
    auto session = openExhibit(cache, 1280, 720);
    ASSERT_TRUE(session->atHome());
    run(*session, 0.0, 1.2);
    EXPECT_FALSE(session->picturesPending());
    EXPECT_EQ(session->cover(), 0.0f);
    expectMatches(session->renderImage(1280, 720, 1 / 30.0f), "home");
}

TEST_F(HomeFlow, PicturesAreCachedOutsideTheExhibitAndReused) {
    const auto exhibitBefore = listFiles(SR_DEMO_DIR);
    const fs::path cache = cacheDir("reuse");
    { auto session = openExhibit(cache, 1280, 720); }
    const auto cached = listFiles(cache);
    ASSERT_EQ(cached.size(), 2u); // one picture per room
    for (const auto& [path, info] : cached) EXPECT_EQ(fs::path(path).extension(), ".png");
    // Nothing in the exhibit folder was written.
    EXPECT_EQ(listFiles(SR_DEMO_DIR), exhibitBefore);

    // A second visit reads the pictures instead of rendering them again.
    auto again = openExhibit(cache, 1280, 720);
    EXPECT_FALSE(again->picturesPending());
    EXPECT_EQ(listFiles(cache), cached);
    run(*again, 0.0, 1.2);
    expectMatches(again->renderImage(1280, 720, 1 / 30.0f), "home");
}

TEST_F(HomeFlow, FitsAt4KAndWithTextAt200Percent) {
    const fs::path cache = cacheDir("sizes");
    struct Case {
        uint32_t width, height;
        float text;
        const char* reference;
    };
    for (const Case& c : {Case{3840, 2160, 1.0f, "home-4k"}, Case{1280, 720, 2.0f, "home-text-200"},
                          Case{3840, 2160, 2.0f, "home-4k-text-200"}}) {
        SCOPED_TRACE(c.reference);
        auto session = openExhibit(cache, c.width, c.height, c.text);
        run(*session, 0.0, 1.2);
        const sr::app::HomeLayout& layout = session->home()->layout();
        expectInside(layout.titleBlock, c.width, uint32_t(layout.contentHeight), "title");
        for (size_t i = 0; i < layout.cardImages.size(); ++i) {
            expectInside(layout.cardImages[i], c.width, uint32_t(layout.contentHeight), "picture");
            expectInside(layout.cardTexts[i], c.width, uint32_t(layout.contentHeight), "card text");
            // The words sit below the title block, never over it.
            EXPECT_GE(layout.cardImages[i].y, layout.titleBlock.w);
        }
        expectMatches(session->renderImage(c.width, c.height, 1 / 30.0f), c.reference);
        if (layout.contentHeight > float(c.height)) {
            // Too tall for the screen: the wheel brings the last room's words into view.
            sr::platform::InputEvent wheel = event(EventType::Scroll, 1.3);
            wheel.scrollY = -50.0f;
            session->handle(wheel);
            expectInside(session->home()->layout().cardTexts.back(), c.width, c.height,
                         "last card, scrolled");
            expectMatches(session->renderImage(c.width, c.height, 1 / 30.0f),
                          std::string(c.reference) + "-scrolled");
        }
    }
}

TEST_F(HomeFlow, AFirstOpeningShowsHowFarPreparingTheRoomHasCome) {
    auto session = openExhibit(cacheDir("first-showing"), 1280, 720); // its pictures bake the rooms
    double t = run(*session, 0.0, 1.2);
    // Then an empty room cache: the bedroom is imported and baked as it opens. Reading it is slow
    // here (held back for two seconds), as it is for a large scan.
    const HeldImporter held("reading", 2.0);
    tap(*session, t, centre(session->home()->layout().cardImages[0]));
    // The screen fades to black while the room is prepared; nobody waits for it here.
    float last = -1.0f;
    bool seen = false;
    sr::core::Image8 frame;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (session->room() == nullptr && std::chrono::steady_clock::now() < deadline) {
        session->update(t += 1 / 30.0);
        const float done = session->loadProgress();
        if (done < 0.0f) continue;
        EXPECT_GE(done, last); // never goes back
        EXPECT_LE(done, 1.0f);
        last = done;
        if (!seen && done >= 0.45f && session->cover() >= 1.0f) {
            frame = session->renderImage(1280, 720, 1 / 30.0f);
            seen = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_NE(session->room(), nullptr);
    EXPECT_EQ(session->loadProgress(), -1.0f);
    ASSERT_TRUE(seen) << "no frame while the room was prepared (last progress " << last << ")";
    // The quiet line under "Opening …" (at 53% of the height) is drawn on the black screen.
    auto brightestIn = [&](uint32_t top, uint32_t bottom) {
        int brightest = 0;
        for (uint32_t y = top; y < bottom; ++y) {
            for (uint32_t x = 0; x < frame.width; ++x) {
                const uint8_t* p = frame.at(x, y);
                brightest = std::max({brightest, int(p[0]), int(p[1]), int(p[2])});
            }
        }
        return brightest;
    };
    const int brightest = brightestIn(368, 396);
    EXPECT_LT(brightestIn(0, 300), 20); // the rest is black
    EXPECT_GT(brightest, 90);
    EXPECT_TRUE(sr::core::writePng(fs::path(SR_TEST_OUTPUT) / "flow" / "preparing.png", frame).ok());
    // The room was entered on its first showing; its bake ends and the room comes to full detail
    // (so no bake is left running when the test ends).
    while (!session->room()->detailed() && std::chrono::steady_clock::now() < deadline) {
        session->prepareFrame(640, 360);
        session->update(t += 1 / 30.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_TRUE(session->room()->detailed());
}

TEST_F(HomeFlow, AFirstOpeningShowsTheRoomBeforeItsBakeIsDoneAndLeavingDoesNotWaitForIt) {
    auto session = openExhibit(cacheDir("first-showing-room"), 1280, 720);
    double t = run(*session, 0.0, 1.2);
    // The bake goes on for eight more seconds after the first showing is written.
    constexpr double kHeld = 8.0;
    const HeldImporter held("first", kHeld);
    const auto tapped = std::chrono::steady_clock::now();
    tap(*session, t, centre(session->home()->layout().cardImages[0]));
    const auto deadline = tapped + std::chrono::seconds(60);
    while (session->room() == nullptr && std::chrono::steady_clock::now() < deadline) {
        session->update(t += 1 / 30.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_NE(session->room(), nullptr);
    const double shownAfter =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tapped).count();
    EXPECT_FALSE(session->loading());
    sr::app::RoomSession& room = *session->room();
    // The first showing: every triangle of the bedroom, without levels of detail.
    EXPECT_FALSE(room.detailed());
    EXPECT_EQ(room.room().clusters(), nullptr);
    EXPECT_EQ(room.room().triangleCount(), sMesh->triangleCount());
    // The screen fades in from black onto it; the visitor can look around meanwhile.
    for (int i = 0; i < 30; ++i) {
        session->prepareFrame(640, 360);
        session->update(t += 1 / 30.0);
    }
    EXPECT_LT(session->cover(), 0.05f);
    const sr::core::Image8 first = session->renderImage(640, 360, 1 / 30.0f);
    EXPECT_TRUE(sr::core::writePng(fs::path(SR_TEST_OUTPUT) / "flow" / "first-showing-room.png", first).ok());
    double luma = 0.0;
    for (size_t i = 0; i + 3 < first.pixels.size(); i += 4) luma += first.pixels[i + 1];
    EXPECT_GT(luma / double(first.width * first.height), 20.0) << "the room is seen";
    // Shown well before the bake is done (held back after the first showing).
    EXPECT_LT(shownAfter + 1.0, kHeld) << "shown after " << shownAfter << " s";
    EXPECT_FALSE(room.detailed());

    // The visitor goes home before the bake is done: leaving does not wait for it.
    const auto leaving = std::chrono::steady_clock::now();
    session->goHome();
    for (int i = 0; i < 60 && session->room() != nullptr; ++i) session->update(t += 1 / 30.0);
    EXPECT_EQ(session->room(), nullptr);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - leaving).count(), 2.0);

    // Back in the room while the bake is still going on: it is read from the cache the bake
    // writes, at full detail.
    t = run(*session, t, 1.0);
    tap(*session, t, centre(session->home()->layout().cardImages[0]));
    for (int i = 0; i < 300 && (session->room() == nullptr || !session->room()->detailed()); ++i) {
        session->settle();
        session->update(t += 1 / 30.0);
    }
    ASSERT_NE(session->room(), nullptr);
    EXPECT_TRUE(session->room()->detailed());
    EXPECT_NE(session->room()->room().clusters(), nullptr);
    EXPECT_TRUE(session->room()->viewer().footed());
}

TEST_F(HomeFlow, TheRoomComesToFullDetailWhenItsBakeIsDone) {
    auto session = openExhibit(cacheDir("first-showing-detail"), 1280, 720);
    double t = run(*session, 0.0, 1.2);
    const HeldImporter held("first", 1.0);
    tap(*session, t, centre(session->home()->layout().cardImages[0]));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((session->room() == nullptr || !session->room()->detailed()) &&
           std::chrono::steady_clock::now() < deadline) {
        session->prepareFrame(640, 360);
        session->update(t += 1 / 30.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_NE(session->room(), nullptr);
    EXPECT_TRUE(session->room()->detailed());
    EXPECT_NE(session->room()->room().clusters(), nullptr);
    // The walking BVH came on its own thread, with the room's hotspots.
    EXPECT_TRUE(session->room()->viewer().footed());
    EXPECT_GT(session->room()->viewer().hotspots().size(), 0u);
}

TEST_F(HomeFlow, TapOnACardFadesIntoTheRoomAndTheQuietControlLeadsHome) {
    auto session = openExhibit(cacheDir("tap"), 1280, 720);
    double t = run(*session, 0.0, 1.2);
    const auto& layout = session->home()->layout();
    tap(*session, t, centre(layout.cardImages[1]));
    t = run(*session, t + 0.2, 0.2);
    EXPECT_GT(session->cover(), 0.2f); // fading to black
    EXPECT_LT(session->cover(), 1.0f);
    t = run(*session, t, 0.5);
    ASSERT_NE(session->room(), nullptr);
    EXPECT_EQ(session->room()->source().id, "landing");
    t = run(*session, t, 0.4);
    expectMatches(session->renderImage(1280, 720, 1 / 30.0f), "home-arriving");
    t = run(*session, t, 1.0);
    EXPECT_EQ(session->cover(), 0.0f);

    // The control in the top-left corner: the UI sees the pointer over it, then the press.
    const glm::vec2 control(60.0f, 50.0f);
    session->handle(event(EventType::PointerMove, t, control.x, control.y));
    session->renderImage(1280, 720, 1 / 30.0f);
    session->handle(event(EventType::PointerDown, t += 0.05, control.x, control.y));
    session->renderImage(1280, 720, 1 / 30.0f);
    session->handle(event(EventType::PointerUp, t += 0.1, control.x, control.y));
    session->renderImage(1280, 720, 1 / 30.0f);
    t = run(*session, t, 0.6);
    EXPECT_TRUE(session->atHome());
    EXPECT_EQ(session->room(), nullptr);
    t = run(*session, t, 1.0);
    EXPECT_EQ(session->cover(), 0.0f);
    EXPECT_FALSE(session->quitRequested());
}

TEST_F(HomeFlow, KeysChooseARoomEscLeadsHomeAndEscAtHomeCloses) {
    auto session = openExhibit(cacheDir("keys"), 1280, 720);
    double t = run(*session, 0.0, 1.2);
    using sr::platform::keys::kEnter;
    using sr::platform::keys::kEscape;
    using sr::platform::keys::kRight;
    session->handle(event(EventType::KeyDown, t, 0, 0, kRight));
    EXPECT_EQ(session->home()->focused(), 0);
    session->handle(event(EventType::KeyDown, t += 0.2, 0, 0, kRight));
    EXPECT_EQ(session->home()->focused(), 1);
    expectMatches(session->renderImage(1280, 720, 1 / 30.0f), "home-focus");
    session->handle(event(EventType::KeyDown, t += 0.2, 0, 0, sr::platform::keys::kTab));
    EXPECT_EQ(session->home()->focused(), 0); // Tab wraps around
    session->handle(event(EventType::KeyDown, t += 0.2, 0, 0, kEnter));
    t = run(*session, t, 1.5);
    ASSERT_NE(session->room(), nullptr);
    EXPECT_EQ(session->room()->source().id, "bedroom");

    session->handle(event(EventType::KeyDown, t, 0, 0, kEscape));
    t = run(*session, t, 1.5);
    EXPECT_TRUE(session->atHome());
    EXPECT_FALSE(session->quitRequested());
    // Another room from the same home screen: the visitor can go from room to room.
    session->handle(event(EventType::KeyDown, t, 0, 0, kRight));
    session->handle(event(EventType::KeyDown, t += 0.1, 0, 0, kRight));
    session->handle(event(EventType::KeyDown, t += 0.1, 0, 0, kEnter));
    t = run(*session, t, 1.5);
    ASSERT_NE(session->room(), nullptr);
    EXPECT_EQ(session->room()->source().id, "landing");
    session->handle(event(EventType::KeyDown, t, 0, 0, kEscape));
    t = run(*session, t, 1.5);
    session->handle(event(EventType::KeyDown, t, 0, 0, kEscape));
    EXPECT_TRUE(session->quitRequested());
}

TEST_F(HomeFlow, ARoomThatCannotBeReadSaysSoAndTheHomeScreenStays) {
    const fs::path folder = sr::test::freshTestFolder("flow");
    const fs::path broken = folder / "broken.obj";
    {
        std::FILE* f = std::fopen(broken.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::fputs("v 0 0 0\nv 1 0 0\nf 1 2 9\n\x01\x02 not a mesh", f);
        std::fclose(f);
    }
    auto exhibit = sr::app::loadViewerExhibit(SR_DEMO_DIR);
    ASSERT_TRUE(exhibit.ok());
    exhibit->rooms[1].mesh.resolved = broken;
    sr::app::ExhibitSettings settings;
    settings.thumbnailCache = folder / "thumbnails";
    sr::app::ExhibitSession session(*sRenderer, *sUi, std::move(exhibit).value(), settings, 0.0);
    session.setViewport(1280, 720);
    session.prepareFrame(1280, 720);
    session.settle();
    double t = run(session, 0.0, 1.2);
    tap(session, t, centre(session.home()->layout().cardImages[1]));
    t = run(session, t + 0.2, 2.0);
    EXPECT_TRUE(session.atHome());
    EXPECT_NE(session.problem().find("broken.obj"), std::string::npos) << session.problem();
    expectMatches(session.renderImage(1280, 720, 1 / 30.0f), "home-room-unreadable");
    // The other room still opens.
    tap(session, t, centre(session.home()->layout().cardImages[0]));
    t = run(session, t + 0.2, 1.5);
    ASSERT_NE(session.room(), nullptr);
    EXPECT_EQ(session.room()->source().id, "bedroom");
}

} // namespace
