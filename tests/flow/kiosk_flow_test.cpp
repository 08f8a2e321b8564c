// Flow tests of the kiosk over the demo exhibit with a driven clock: the idle cycle (prompt, then
// everything back home), the attract loop and the first touch that only stops it, the admin chord
// and PIN, and lockdown (keys and closing the window do nothing). Validation must stay silent.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/kiosk.h"
#include "demo_room_fixture.h"
#include "hotspot_probe.h"

namespace {
namespace fs = std::filesystem;
using sr::app::KioskSession;
using sr::platform::EventType;
namespace keys = sr::platform::keys;
constexpr uint32_t kW = 1280, kH = 720;

class KioskFlow : public sr::test::DemoRoomFixture {
protected:
    std::unique_ptr<KioskSession> openKiosk(sr::app::KioskSettings settings = {}) {
        auto exhibit = sr::app::loadViewerExhibit(SR_DEMO_DIR);
        EXPECT_TRUE(exhibit.ok());
        if (settings.adminPin.empty()) settings.adminPin = "2468";
        sr::app::ExhibitSettings exhibitSettings;
        exhibitSettings.thumbnailCache = fs::path(SR_TEST_OUTPUT) / "flow" / "kiosk-thumbnails";
        exhibitSettings.viewer.idleDrift = false;
        auto kiosk = std::make_unique<KioskSession>(*sRenderer, *sUi, SR_DEMO_DIR, std::move(exhibit).value(),
                                                    settings, exhibitSettings, 0.0);
        kiosk->setViewport(kW, kH);
        kiosk->prepareFrame(kW, kH);
        kiosk->settle();
        return kiosk;
    }
    // Steps the driven clock at 10 frames a second (waiting for files being read).
    static double run(KioskSession& kiosk, double t, double seconds) {
        for (double end = t + seconds; t < end; t += 0.1) {
            kiosk.settle();
            kiosk.update(t);
        }
        return t;
    }
    static void tap(KioskSession& kiosk, double t, glm::vec2 at) {
        kiosk.handle(event(EventType::PointerDown, t, at.x, at.y));
        kiosk.handle(event(EventType::PointerUp, t + 0.1, at.x, at.y));
    }
    static glm::vec2 cardCentre(KioskSession& kiosk, size_t card) {
        const glm::vec4 r = kiosk.exhibit().home()->layout().cardImages[card];
        return {(r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f};
    }
    // Enters the bedroom with a tap on its card.
    static double enterBedroom(KioskSession& kiosk, double t) {
        tap(kiosk, t, cardCentre(kiosk, 0));
        t = run(kiosk, t + 0.2, 2.0);
        EXPECT_NE(kiosk.exhibit().room(), nullptr);
        return t;
    }
    static void longPress(KioskSession& kiosk, double& t, glm::vec2 at, double seconds) {
        kiosk.handle(event(EventType::PointerDown, t, at.x, at.y));
        t = run(kiosk, t, seconds);
        kiosk.handle(event(EventType::PointerUp, t, at.x, at.y));
    }
};

TEST_F(KioskFlow, NobodyThereThePromptThenEverythingReturnsHome) {
    sr::app::KioskSettings settings;
    settings.idleSeconds = 30.0;
    settings.promptSeconds = 8.0;
    settings.attract = sr::scene::AttractMode::None;
    auto kiosk = openKiosk(settings);
    double t = enterBedroom(*kiosk, 1.0);
    auto hotspot = sr::test::firstTouchableHotspot(kiosk->exhibit().room()->viewer());
    ASSERT_TRUE(hotspot.has_value());
    tap(*kiosk, t, hotspot->second);
    t = run(*kiosk, t + 0.2, 6.0); // the glide to the hotspot's view, then the photo
    ASSERT_NE(kiosk->exhibit().room()->lightbox(), nullptr); // a photo is open
    // Photos load in real time: wait for it, so the frames below are the same on any machine.
    for (int i = 0; i < 1000 && !kiosk->exhibit().room()->lightbox()->photo(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        kiosk->update(t += 0.001);
    }
    t = run(*kiosk, t, 29.0);
    EXPECT_EQ(kiosk->state(), KioskSession::State::Prompting);
    t = run(*kiosk, t, 1.0);
    expectMatches(kiosk->renderImage(kW, kH, 0.1f), "kiosk-prompt");
    t = run(*kiosk, t, 8.0);
    t = run(*kiosk, t, 2.0);
    EXPECT_EQ(kiosk->state(), KioskSession::State::Visiting);
    EXPECT_TRUE(kiosk->exhibit().homeReady()); // photo closed, room left
    EXPECT_EQ(kiosk->location(), "home");
}

TEST_F(KioskFlow, ATouchAnswersThePromptAndDoesNothingElse) {
    sr::app::KioskSettings settings;
    settings.idleSeconds = 20.0;
    auto kiosk = openKiosk(settings);
    double t = enterBedroom(*kiosk, 1.0);
    auto hotspot = sr::test::firstTouchableHotspot(kiosk->exhibit().room()->viewer());
    ASSERT_TRUE(hotspot.has_value());
    t = run(*kiosk, t, 21.0);
    ASSERT_EQ(kiosk->state(), KioskSession::State::Prompting);
    tap(*kiosk, t, hotspot->second); // right on a hotspot: it must not open
    t = run(*kiosk, t + 0.2, 2.0);
    EXPECT_EQ(kiosk->state(), KioskSession::State::Visiting);
    ASSERT_NE(kiosk->exhibit().room(), nullptr);
    EXPECT_EQ(kiosk->exhibit().room()->lightbox(), nullptr);
    // The next touch is the visitor's again.
    tap(*kiosk, t, hotspot->second);
    run(*kiosk, t + 0.2, 6.0);
    EXPECT_NE(kiosk->exhibit().room()->lightbox(), nullptr);
}

TEST_F(KioskFlow, AttractLoopToursRoomsAndStationsAndTheFirstTouchOnlyStopsIt) {
    sr::app::KioskSettings settings;
    settings.attractAfterSeconds = 10.0;
    settings.attractStationSeconds = 6.0;
    auto kiosk = openKiosk(settings);
    double t = run(*kiosk, 0.0, 11.0);
    ASSERT_EQ(kiosk->state(), KioskSession::State::Attract);
    t = run(*kiosk, t, 2.0);
    ASSERT_NE(kiosk->exhibit().room(), nullptr);
    EXPECT_EQ(kiosk->location(), "bedroom");
    const int first = kiosk->exhibit().room()->viewer().currentStation();
    t = run(*kiosk, t, 8.0);
    expectMatches(kiosk->renderImage(kW, kH, 0.1f), "kiosk-attract");
    t = run(*kiosk, t, 6.0);
    EXPECT_NE(kiosk->exhibit().room()->viewer().currentStation(), first); // moved on to another station
    // Through every station of the bedroom, then on to the landing.
    bool landing = false;
    for (int i = 0; i < 60 && !landing; ++i) {
        t = run(*kiosk, t, 1.0);
        landing = kiosk->location() == "landing";
    }
    EXPECT_TRUE(landing);
    // The first touch stops the tour and leads home; it opens nothing, not even under its release.
    const glm::vec2 middle(kW * 0.5f, kH * 0.5f);
    tap(*kiosk, t, middle);
    t = run(*kiosk, t + 0.2, 2.0);
    EXPECT_EQ(kiosk->state(), KioskSession::State::Visiting);
    EXPECT_TRUE(kiosk->exhibit().homeReady());
    EXPECT_EQ(kiosk->exhibit().room(), nullptr);
}

TEST_F(KioskFlow, AdminChordAndPinOpenTheServicePanel) {
    auto kiosk = openKiosk();
    double t = run(*kiosk, 0.0, 1.0);
    // Top-left for three seconds, then top-right.
    longPress(*kiosk, t, {20, 20}, 3.2);
    EXPECT_FALSE(kiosk->pinPadOpen());
    longPress(*kiosk, t, {kW - 20.0f, 20}, 3.2);
    ASSERT_TRUE(kiosk->pinPadOpen());
    expectMatches(kiosk->renderImage(kW, kH, 0.1f), "kiosk-pin");
    // A wrong PIN, then the right one from a service keyboard.
    for (int key : {int('1'), int('1'), int('1'), int('1'), keys::kEnter})
        kiosk->handle(event(EventType::KeyDown, t += 0.1, 0, 0, key));
    EXPECT_TRUE(kiosk->pinPadOpen());
    for (int key : {int('2'), int('4'), int('6'), int('8'), keys::kEnter})
        kiosk->handle(event(EventType::KeyDown, t += 0.1, 0, 0, key));
    EXPECT_TRUE(kiosk->adminOpen());
    EXPECT_FALSE(kiosk->pinPadOpen());
    sr::app::KioskStatus status;
    status.uptimeSeconds = 93784;
    status.fps = 29.5;
    status.frameMsP50 = 31.0;
    status.frameMsP95 = 36.5;
    kiosk->setStatus(status);
    expectMatches(kiosk->renderImage(kW, kH, 0.1f), "kiosk-admin");
    // Nobody is sent home while the panel is open; it closes by itself after two minutes.
    t = run(*kiosk, t, 100.0);
    EXPECT_TRUE(kiosk->adminOpen());
    run(*kiosk, t, 30.0);
    EXPECT_FALSE(kiosk->adminOpen());
}

TEST_F(KioskFlow, ServiceKeyChordAndLockoutAfterThreeWrongPins) {
    auto kiosk = openKiosk();
    double t = run(*kiosk, 0.0, 1.0);
    auto chord = event(EventType::KeyDown, t, 0, 0, 'A');
    chord.mods = 0x7; // Shift+Ctrl+Alt
    kiosk->handle(chord);
    ASSERT_TRUE(kiosk->pinPadOpen());
    for (int attempt = 0; attempt < 3; ++attempt) {
        for (int key : {int('9'), int('9'), int('9'), int('9'), keys::kEnter})
            kiosk->handle(event(EventType::KeyDown, t += 0.1, 0, 0, key));
    }
    // Locked: even the right PIN does nothing for a minute.
    for (int key : {int('2'), int('4'), int('6'), int('8'), keys::kEnter})
        kiosk->handle(event(EventType::KeyDown, t += 0.1, 0, 0, key));
    EXPECT_FALSE(kiosk->adminOpen() && !kiosk->pinPadOpen());
    t = run(*kiosk, t, 61.0);
    for (int key : {int('2'), int('4'), int('6'), int('8'), keys::kEnter})
        kiosk->handle(event(EventType::KeyDown, t += 0.1, 0, 0, key));
    EXPECT_TRUE(kiosk->adminOpen());
    EXPECT_FALSE(kiosk->pinPadOpen());
}

TEST_F(KioskFlow, LockdownKeysAndClosingTheWindowDoNothing) {
    auto kiosk = openKiosk();
    double t = run(*kiosk, 0.0, 1.0);
    for (int key : {keys::kEscape, keys::kF11, int('Q'), keys::kEnter, keys::kTab, int('W')}) {
        kiosk->handle(event(EventType::KeyDown, t += 0.1, 0, 0, key));
        kiosk->handle(event(EventType::KeyUp, t += 0.1, 0, 0, key));
    }
    auto altF4 = event(EventType::KeyDown, t += 0.1, 0, 0, 293 /* F4 */);
    altF4.mods = 0x4;
    kiosk->handle(altF4);
    kiosk->handle(event(EventType::Close, t += 0.1));
    t = run(*kiosk, t, 2.0);
    EXPECT_FALSE(kiosk->quitRequested());
    EXPECT_TRUE(kiosk->exhibit().homeReady()); // Enter did not open a room either
    EXPECT_FALSE(kiosk->adminOpen());
}

} // namespace
