// CPU-side pieces of render and view that need no device: frame statistics, the look controller.
#include <gtest/gtest.h>

#include "render/frame_stats.h"
#include "view/look_controller.h"

namespace {

TEST(FrameStats, PercentilesInterpolateBetweenFrames) {
    sr::render::FrameStats stats;
    EXPECT_EQ(stats.percentileMs(50), 0.0);
    for (int i = 1; i <= 100; ++i) stats.add(i / 1000.0); // 1 .. 100 ms
    EXPECT_NEAR(stats.percentileMs(50), 50.5, 1e-9);
    EXPECT_NEAR(stats.percentileMs(99), 99.01, 1e-9);
    EXPECT_NEAR(stats.percentileMs(100), 100.0, 1e-9);
    EXPECT_NEAR(stats.meanMs(), 50.5, 1e-9);
    EXPECT_NE(stats.summary().find("100 frames"), std::string::npos);
}

sr::platform::InputEvent key(sr::platform::EventType type, int code) {
    sr::platform::InputEvent e;
    e.type = type;
    e.key = code;
    return e;
}

TEST(LookController, ArrowKeysTurnAtTheirRateAndPitchIsClamped) {
    sr::view::LookController look(sr::view::Camera{});
    look.handle(key(sr::platform::EventType::KeyDown, sr::platform::keys::kLeft));
    for (int i = 0; i < 100; ++i) look.update(0.01f); // one second
    look.handle(key(sr::platform::EventType::KeyUp, sr::platform::keys::kLeft));
    for (int i = 0; i < 200; ++i) look.update(0.01f); // settle
    EXPECT_NEAR(look.camera().yawDeg, 60.0f, 0.5f);
    look.handle(key(sr::platform::EventType::KeyDown, sr::platform::keys::kUp));
    for (int i = 0; i < 500; ++i) look.update(0.01f);
    EXPECT_LE(look.camera().pitchDeg, 80.0f + 1e-3f);
    EXPECT_GT(look.camera().pitchDeg, 79.0f);
}

TEST(LookController, DragFollowsThePointerOnlyWhileDragging) {
    sr::view::LookController look(sr::view::Camera{});
    sr::platform::InputEvent move;
    move.type = sr::platform::EventType::PointerMove;
    move.x = 100;
    look.handle(move); // not dragging: ignored
    look.beginDrag(100, 0);
    move.x = 200;
    look.handle(move);
    look.endDrag();
    move.x = 400;
    look.handle(move);
    for (int i = 0; i < 300; ++i) look.update(0.01f);
    EXPECT_NEAR(look.camera().yawDeg, 15.0f, 0.1f); // 100 px at 0.15 degrees per pixel
}

TEST(LookController, ScrollNarrowsTheFieldOfViewWithinLimits) {
    sr::view::LookController look(sr::view::Camera{});
    sr::platform::InputEvent scroll;
    scroll.type = sr::platform::EventType::Scroll;
    scroll.scrollY = 100.0f;
    look.handle(scroll);
    for (int i = 0; i < 300; ++i) look.update(0.01f);
    EXPECT_NEAR(look.camera().verticalFovDeg, 30.0f, 0.01f);
}

} // namespace
