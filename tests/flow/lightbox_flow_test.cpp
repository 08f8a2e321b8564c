// Flow tests of the photo lightbox over the demo bedroom: open a hotspot, wait for its photograph,
// zoom to 1:1, pan, page to the next photo, close; frames compared with references at 1280x720 and
// 3840x2160. Validation is on and must stay silent.
#include <gtest/gtest.h>

#include "demo_room_fixture.h"

#include <chrono>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <thread>

#include "app/room_session.h"
#include "asset/import.h"
#include "gpu/context.h"
#include "image_compare.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace {
using sr::platform::EventType;

class LightboxFlow : public sr::test::DemoRoomFixture {
protected:
    std::unique_ptr<sr::app::RoomSession> open(uint32_t width, uint32_t height) {
        sr::app::ViewerSettings settings;
        settings.glideToHotspotView = false;
        return openSession(width, height, settings);
    }
    // Steps the driven clock until the lightbox has a photo (the loader works in real time).
    static double waitForPhoto(sr::app::RoomSession& session, double t) {
        for (int i = 0; i < 1000 && !(session.lightbox()->photo() || session.lightbox()->error()); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            session.update(t += 0.01);
        }
        return t;
    }
};

// The letter on the desk has two photographs.
size_t letterHotspot(sr::app::RoomSession& session) {
    for (size_t i = 0; i < session.viewer().hotspots().size(); ++i) {
        if (session.viewer().hotspots().hotspot(i).photos.size() >= 2) return i;
    }
    return 0;
}

TEST_F(LightboxFlow, OpensZoomsToOnePixelPansPagesAndCloses) {
    constexpr uint32_t kW = 1280, kH = 720;
    auto session = open(kW, kH);
    session->viewer().openHotspot(letterHotspot(*session));
    session->update(0.1);
    ASSERT_NE(session->lightbox(), nullptr);
    double t = waitForPhoto(*session, 0.1);
    ASSERT_NE(session->lightbox()->photo(), nullptr) << session->lightbox()->error()->describe();
    session->update(t += 0.5); // faded in
    sr::app::Lightbox& box = *session->lightbox();
    EXPECT_FLOAT_EQ(box.opacity(), 1.0f);
    const sr::app::PhotoLayout fit = box.layout();
    EXPECT_LE(fit.scale, 1.0f); // never enlarged to fit
    EXPECT_LE(fit.rect.z - fit.rect.x, kW * 0.93f);
    expectMatches(session->renderImage(kW, kH, 1 / 30.0f), "lightbox-fit");

    // The wheel zooms about the pointer until one photo pixel is one screen pixel.
    session->handle(event(EventType::PointerMove, t, 700, 300));
    for (int i = 0; i < 12 && box.layout().scale < 1.0f; ++i) {
        sr::platform::InputEvent wheel = event(EventType::Scroll, t += 0.05);
        wheel.scrollY = 1.0f;
        session->handle(wheel);
    }
    EXPECT_GE(box.layout().scale, 1.0f);
    session->update(t += 0.1);
    for (int i = 0; i < 4; ++i) session->renderImage(kW, kH, 1 / 30.0f); // tiles stream in, a few per frame
    expectMatches(session->renderImage(kW, kH, 1 / 30.0f), "lightbox-one-to-one");
    EXPECT_GT(session->lightboxView()->textureBytes(), 0u);

    // Dragging pans the zoomed photo.
    const glm::vec4 before = box.layout().visible;
    session->handle(event(EventType::PointerDown, t += 0.1, 700, 300));
    for (int i = 1; i <= 10; ++i)
        session->handle(event(EventType::PointerMove, t += 0.02, 700 - 30.0f * i, 300));
    session->handle(event(EventType::PointerUp, t += 0.02, 400, 300));
    EXPECT_GT(box.layout().visible.x, before.x + 100.0f);

    // The arrow key pages to the second photo once back at fit size.
    session->handle(event(EventType::KeyDown, t += 0.1, 0, 0, '0'));
    EXPECT_FLOAT_EQ(box.zoom(), 1.0f);
    session->handle(event(EventType::KeyDown, t += 0.1, 0, 0, sr::platform::keys::kRight));
    EXPECT_EQ(box.photoIndex(), 1u);
    t = waitForPhoto(*session, t);
    ASSERT_NE(box.photo(), nullptr);
    expectMatches(session->renderImage(kW, kH, 1 / 30.0f), "lightbox-second-photo");

    // Escape fades it out; then the room has the input again.
    session->handle(event(EventType::KeyDown, t += 0.1, 0, 0, sr::platform::keys::kEscape));
    for (int i = 0; i < 30; ++i) session->update(t += 1 / 30.0);
    EXPECT_EQ(session->lightbox(), nullptr);
    EXPECT_FALSE(session->viewer().quitRequested());
}

TEST_F(LightboxFlow, TapBesideThePhotoClosesIt) {
    auto session = open(1280, 720);
    session->viewer().openHotspot(0);
    session->update(0.1);
    double t = waitForPhoto(*session, 0.1);
    session->update(t += 0.5);
    session->handle(event(EventType::PointerDown, t += 0.1, 20, 360));
    session->handle(event(EventType::PointerUp, t += 0.1, 20, 360));
    for (int i = 0; i < 30; ++i) session->update(t += 1 / 30.0);
    EXPECT_EQ(session->lightbox(), nullptr);
}

TEST_F(LightboxFlow, ClosesByItselfAfterAWhileWithoutInput) {
    auto session = open(1280, 720);
    session->viewer().openHotspot(0);
    session->update(0.1);
    double t = waitForPhoto(*session, 0.1);
    for (; t < 200.0 && session->lightbox(); t += 0.5) session->update(t);
    EXPECT_EQ(session->lightbox(), nullptr);
    EXPECT_GT(t, 90.0);
}

TEST_F(LightboxFlow, CorruptPhotoShowsWhatIsWrongAndTheNextOneStillOpens) {
    // A copy of the bedroom's first hotspot whose first photograph is garbage.
    const std::filesystem::path broken = std::filesystem::path(SR_TEST_OUTPUT) / "flow" / "broken-photo.jpg";
    std::filesystem::create_directories(broken.parent_path());
    {
        std::FILE* f = std::fopen(broken.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::fputs("\xff\xd8\xff\xe0 these bytes are not a photograph", f);
        std::fclose(f);
    }
    sr::app::RoomSource source = *sSource;
    ASSERT_FALSE(source.hotspots.empty());
    sr::scene::Hotspot& hotspot = source.hotspots[0];
    hotspot.photos.insert(hotspot.photos.begin(), sr::scene::ExhibitPath{"broken-photo.jpg", broken});
    sr::app::ViewerSettings settings;
    settings.glideToHotspotView = false;
    auto session = sr::app::RoomSession::create(*sRenderer, *sUi, source, *sMesh, settings, 0.0);
    session->viewer().setViewport(1280, 720);
    session->viewer().openHotspot(0);
    session->update(0.1);
    double t = waitForPhoto(*session, 0.1);
    session->update(t += 0.5);
    ASSERT_TRUE(session->lightbox()->error().has_value());
    EXPECT_NE(session->lightbox()->error()->describe().find("broken-photo.jpg"), std::string::npos);
    expectMatches(session->renderImage(1280, 720, 1 / 30.0f), "lightbox-corrupt-photo");
    session->handle(event(EventType::KeyDown, t += 0.1, 0, 0, sr::platform::keys::kRight));
    t = waitForPhoto(*session, t);
    EXPECT_NE(session->lightbox()->photo(), nullptr);
}

TEST_F(LightboxFlow, FitsAndStaysLegibleAt4K) {
    constexpr uint32_t kW = 3840, kH = 2160;
    auto session = open(kW, kH);
    session->viewer().openHotspot(letterHotspot(*session));
    session->update(0.1);
    double t = waitForPhoto(*session, 0.1);
    session->update(t += 0.5);
    const sr::app::PhotoLayout fit = session->lightbox()->layout();
    // A 3000 x 2000 photo nearly fills the area above the caption, at 81% of its own pixels.
    EXPECT_GT(fit.scale, 0.8f);
    EXPECT_LE(fit.scale, 1.0f);
    EXPECT_LE(fit.rect.w, kH * 0.8f);
    expectMatches(session->renderImage(kW, kH, 1 / 30.0f), "lightbox-4k");
}

TEST_F(LightboxFlow, DoubleTapAndPinchLikeDragsZoom) {
    constexpr uint32_t kW = 1280, kH = 720;
    auto session = open(kW, kH);
    session->viewer().openHotspot(letterHotspot(*session));
    session->update(0.1);
    double t = waitForPhoto(*session, 0.1);
    session->update(t += 0.5);
    sr::app::Lightbox& box = *session->lightbox();
    const glm::vec4 r = box.layout().rect;
    const glm::vec2 c((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
    auto press = [&](double at, glm::vec2 p, int button = 0, int mods = 0) {
        auto e = event(EventType::PointerDown, at, p.x, p.y);
        e.button = button, e.mods = mods;
        session->handle(e);
    };
    auto release = [&](double at, glm::vec2 p, int button = 0) {
        auto e = event(EventType::PointerUp, at, p.x, p.y);
        e.button = button;
        session->handle(e);
    };
    // A double tap goes to one photo pixel per screen pixel, and another back to the whole photo.
    press(t += 0.5, c), release(t += 0.08, c);
    press(t += 0.12, c), release(t += 0.08, c);
    EXPECT_NEAR(box.layout().scale, 1.0f, 1e-3f);
    press(t += 0.5, c), release(t += 0.08, c);
    press(t += 0.12, c), release(t += 0.08, c);
    EXPECT_FLOAT_EQ(box.zoom(), 1.0f);
    // Two taps far apart in time are not a double tap.
    press(t += 0.5, c), release(t += 0.08, c);
    press(t += 0.6, c), release(t += 0.08, c);
    EXPECT_FLOAT_EQ(box.zoom(), 1.0f);

    // Double-tap and drag: 160 pixels down doubles the zoom, like a one-finger pinch.
    press(t += 0.5, c), release(t += 0.08, c);
    press(t += 0.12, c);
    for (int i = 1; i <= 8; ++i)
        session->handle(event(EventType::PointerMove, t += 0.02, c.x, c.y + 20.0f * i));
    release(t += 0.02, {c.x, c.y + 160.0f});
    EXPECT_NEAR(box.zoom(), 2.0f, 0.01f);
    // The right button drags the same way with a mouse; up zooms back out.
    press(t += 0.5, c, 1);
    for (int i = 1; i <= 8; ++i)
        session->handle(event(EventType::PointerMove, t += 0.02, c.x, c.y - 20.0f * i));
    release(t += 0.02, {c.x, c.y - 160.0f}, 1);
    EXPECT_NEAR(box.zoom(), 1.0f, 0.01f);
    // So does Ctrl with the left button.
    press(t += 0.5, c, 0, 0x2);
    for (int i = 1; i <= 4; ++i)
        session->handle(event(EventType::PointerMove, t += 0.02, c.x, c.y + 20.0f * i));
    release(t += 0.02, {c.x, c.y + 80.0f});
    EXPECT_NEAR(box.zoom(), std::sqrt(2.0f), 0.01f);
    EXPECT_NE(session->lightbox(), nullptr); // none of it closed the lightbox
}

TEST_F(LightboxFlow, CaptionStaysOnScreenWithTextAt100And200Percent) {
    struct Case {
        uint32_t width, height;
        float text;
        const char* reference;
    };
    for (const Case& c : {Case{1280, 720, 1.0f, ""}, Case{1280, 720, 2.0f, "lightbox-text-200"},
                          Case{3840, 2160, 1.0f, ""}, Case{3840, 2160, 2.0f, "lightbox-4k-text-200"}}) {
        SCOPED_TRACE(testing::Message() << c.width << "x" << c.height << " at " << c.text * 100 << "%");
        auto session = open(c.width, c.height);
        session->setTextScale(c.text);
        session->viewer().openHotspot(letterHotspot(*session));
        session->update(0.1);
        double t = waitForPhoto(*session, 0.1);
        session->update(t += 0.5);
        const sr::core::Image8 image = session->renderImage(c.width, c.height, 1 / 30.0f);
        for (const glm::vec4& r : {session->captionRect(), session->lightboxControlsRect()}) {
            EXPECT_GT(r.z - r.x, 0.0f);
            EXPECT_GE(r.x, 0.0f);
            EXPECT_GE(r.y, 0.0f);
            EXPECT_LE(r.z, float(c.width));
            EXPECT_LE(r.w, float(c.height));
        }
        // The caption never covers the photograph.
        EXPECT_GE(session->captionRect().y, session->lightbox()->layout().rect.w - 1.0f);
        if (*c.reference) expectMatches(image, c.reference);
    }
}

} // namespace
