// Flow tests of the room viewer: scripted input with a driven clock over the generated demo
// bedroom, rendered headless with validation on, frames compared with tests/flow/references.
#include <gtest/gtest.h>

#include "demo_room_fixture.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <filesystem>

#include "app/replay_mode.h"
#include "app/room_session.h"
#include "asset/import.h"
#include "gpu/context.h"
#include "image_compare.h"
#include "platform/event_script.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace {
using sr::platform::EventType;
constexpr uint32_t kWidth = 640, kHeight = 360;

class ViewerFlow : public sr::test::DemoRoomFixture {
protected:
    std::unique_ptr<sr::app::RoomSession> open(const sr::app::ViewerSettings& settings = {}) {
        return openSession(kWidth, kHeight, settings);
    }
};

TEST_F(ViewerFlow, ShowsNothingButTheRoomBeforeAnyInput) {
    auto session = open();
    session->update(3.0);
    const sr::app::ViewerFrame frame = session->viewer().frame();
    EXPECT_EQ(frame.helpOpacity, 0.0f);
    EXPECT_TRUE(frame.overlays.markers.empty());
    EXPECT_EQ(frame.overlays.fadeAlpha, 0.0f);
    expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "arrival");
}

TEST_F(ViewerFlow, DragTurnsTheViewAndHelpAppearsThenFades) {
    auto session = open();
    const float startYaw = session->viewer().frame().camera.yawDeg;
    session->handle(event(EventType::PointerMove, 0.4, 320, 180));
    session->handle(event(EventType::PointerDown, 0.5, 320, 180));
    for (int i = 1; i <= 10; ++i)
        session->handle(event(EventType::PointerMove, 0.5 + i * 0.05, 320 + i * 20.0f, 180));
    session->handle(event(EventType::PointerUp, 1.1, 520, 180));
    for (double t = 1.1; t <= 3.0; t += 1 / 30.0) session->update(t);
    const sr::app::ViewerFrame frame = session->viewer().frame();
    // 200 pixels at 0.15 degrees per pixel: the room follows the pointer, the view turns left.
    EXPECT_NEAR(frame.camera.yawDeg - startYaw, 30.0f, 0.5f);
    EXPECT_GT(frame.helpOpacity, 0.9f);
    auto discs = [](const sr::app::ViewerFrame& f) {
        return std::count_if(
            f.overlays.markers.begin(), f.overlays.markers.end(),
            [](const sr::render::Marker& m) { return m.shape == sr::render::MarkerShape::FloorDisc; });
    };
    EXPECT_GT(discs(frame), 0); // station markers show while the visitor acts...
    expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "after-drag");
    for (double t = 3.0; t <= 12.0; t += 1 / 30.0) session->update(t);
    EXPECT_EQ(session->viewer().frame().helpOpacity, 0.0f);
    EXPECT_EQ(discs(session->viewer().frame()), 0); // ...and fade away after
    for (double t = 12.0; t <= 30.0; t += 1 / 30.0) session->update(t);
    EXPECT_TRUE(session->viewer().frame().overlays.markers.empty()); // hotspot glows too, later
}

TEST_F(ViewerFlow, NextStationGlidesAndArrivesExactly) {
    auto session = open();
    ASSERT_GE(session->viewer().stationCount(), 2u);
    session->handle(event(EventType::KeyDown, 0.5, 0, 0, 'N'));
    session->handle(event(EventType::KeyUp, 0.6, 0, 0, 'N'));
    session->update(0.6);
    ASSERT_TRUE(session->viewer().gliding());
    const sr::app::StandingPoint& target = sSource->stations[1];
    double t = 0.6;
    bool sawMiddle = false;
    while (session->viewer().gliding() && t < 10.0) {
        t += 1 / 30.0;
        session->update(t);
        const sr::app::ViewerFrame frame = session->viewer().frame();
        EXPECT_EQ(frame.overlays.fadeAlpha, 0.0f); // the way is clear: a glide, not a fade
        if (!sawMiddle && t > 1.6) {
            sawMiddle = true;
            expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "glide-middle");
        }
    }
    EXPECT_FALSE(session->viewer().gliding());
    EXPECT_EQ(session->viewer().currentStation(), 1);
    const sr::view::Camera camera = session->viewer().frame().camera;
    EXPECT_NEAR(glm::length(camera.position - target.camera.position), 0.0f, 1e-4f);
    EXPECT_NEAR(std::remainder(camera.yawDeg - target.camera.yawDeg, 360.0f), 0.0f, 1e-3f);
    expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "glide-end");
}

TEST_F(ViewerFlow, ReducedMotionCutsThroughBlackInsteadOfGliding) {
    sr::app::ViewerSettings settings;
    settings.reducedMotion = true;
    auto session = open(settings);
    session->handle(event(EventType::KeyDown, 0.5, 0, 0, 'N'));
    session->update(0.5);
    float darkest = 0.0f;
    glm::vec3 before = session->viewer().frame().camera.position;
    bool movedWhileVisible = false;
    for (double t = 0.5; t < 2.0; t += 1 / 60.0) {
        session->update(t);
        const sr::app::ViewerFrame frame = session->viewer().frame();
        darkest = std::max(darkest, frame.overlays.fadeAlpha);
        if (glm::length(frame.camera.position - before) > 1e-4f && frame.overlays.fadeAlpha < 0.99f) {
            movedWhileVisible = true;
        }
        before = frame.camera.position;
    }
    EXPECT_GT(darkest, 0.99f);
    EXPECT_FALSE(movedWhileVisible); // the eye jumps only while the screen is black
    EXPECT_EQ(session->viewer().currentStation(), 1);
}

TEST_F(ViewerFlow, WalkingWithKeysMovesForwardOnTheFloor) {
    auto session = open();
    const glm::vec3 start = session->viewer().frame().camera.position;
    session->handle(event(EventType::KeyDown, 0.5, 0, 0, 'W'));
    for (double t = 0.5; t <= 2.5; t += 1 / 60.0) session->update(t);
    session->handle(event(EventType::KeyUp, 2.5, 0, 0, 'W'));
    const sr::view::Camera camera = session->viewer().frame().camera;
    const glm::vec2 moved = glm::vec2(camera.position) - glm::vec2(start);
    EXPECT_GT(glm::length(moved), 0.5f);
    EXPECT_GT(glm::dot(glm::normalize(moved), glm::vec2(std::cos(glm::radians(camera.yawDeg)),
                                                        std::sin(glm::radians(camera.yawDeg)))),
              0.5f);
    EXPECT_EQ(session->viewer().currentStation(), -1);
}

// Where a world point lands on screen, in pixels (y down), or nothing when behind the camera.
std::optional<glm::vec2> project(const sr::view::Camera& camera, glm::vec3 point) {
    const glm::vec4 clip = camera.projectionMatrix(float(kWidth) / float(kHeight)) * camera.viewMatrix() *
                           glm::vec4(point, 1.0f);
    if (clip.w <= 0.0f) return std::nullopt;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return glm::vec2((ndc.x + 1.0f) * 0.5f * kWidth, (ndc.y + 1.0f) * 0.5f * kHeight);
}

TEST_F(ViewerFlow, TappingAStationMarkerGlidesThere) {
    auto session = open();
    const sr::app::StandingPoint& target = sSource->stations[1];
    // Turn towards the station's place on the floor with a drag, as a visitor would.
    const glm::vec3 eye = session->viewer().frame().camera.position;
    const glm::vec3 floor(target.camera.position.x, target.camera.position.y, eye.z - 1.6f);
    const float wantYaw = glm::degrees(std::atan2(floor.y - eye.y, floor.x - eye.x));
    const float wantPitch =
        glm::degrees(std::atan2(floor.z - eye.z, glm::length(glm::vec2(floor - eye)))) * 0.7f;
    const float turn = std::remainder(wantYaw - session->viewer().frame().camera.yawDeg, 360.0f);
    const float tilt = wantPitch - session->viewer().frame().camera.pitchDeg;
    const float dx = turn / 0.15f, dy = tilt / 0.15f; // dragging down looks up
    session->handle(event(EventType::PointerMove, 0.2, 320, 180));
    session->handle(event(EventType::PointerDown, 0.3, 320, 180));
    for (int i = 1; i <= 20; ++i) {
        session->handle(event(EventType::PointerMove, 0.3 + i * 0.02, 320 + dx * i / 20, 180 + dy * i / 20));
    }
    session->handle(event(EventType::PointerUp, 0.8, 320 + dx, 180 + dy));
    for (double t = 0.8; t <= 2.5; t += 1 / 30.0) session->update(t);

    const auto onScreen = project(session->viewer().frame().camera, floor);
    ASSERT_TRUE(onScreen.has_value());
    ASSERT_GT(onScreen->x, 0.0f);
    ASSERT_LT(onScreen->x, float(kWidth));
    ASSERT_LT(onScreen->y, float(kHeight));
    session->handle(event(EventType::PointerMove, 2.6, onScreen->x, onScreen->y));
    session->update(2.6);
    const sr::app::ViewerFrame shown = session->viewer().frame();
    ASSERT_FALSE(shown.overlays.markers.empty());
    const bool highlighted = std::any_of(shown.overlays.markers.begin(), shown.overlays.markers.end(),
                                         [](const sr::render::Marker& m) { return m.highlight > 0.5f; });
    EXPECT_TRUE(highlighted); // the marker under the pointer brightens
    expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "marker-hover");
    session->handle(event(EventType::PointerDown, 2.7, onScreen->x, onScreen->y));
    session->handle(event(EventType::PointerUp, 2.8, onScreen->x, onScreen->y));
    for (double t = 2.8; t < 9.0; t += 1 / 30.0) session->update(t);
    EXPECT_EQ(session->viewer().currentStation(), 1);
    EXPECT_NEAR(glm::length(session->viewer().frame().camera.position - target.camera.position), 0.0f, 1e-4f);
}

TEST_F(ViewerFlow, TappingAHotspotGlidesToItsViewAndAsksToOpenIt) {
    auto session = open();
    sr::app::Viewer& viewer = session->viewer();
    session->handle(event(EventType::PointerMove, 0.2, 10, 10));
    session->update(0.3);
    // The first hotspot the visitor can see and touch from where they arrive.
    const sr::view::Camera camera = viewer.frame().camera;
    std::optional<size_t> target;
    glm::vec2 where{0.0f};
    for (size_t i = 0; i < viewer.hotspots().size() && !target; ++i) {
        auto p = project(camera, viewer.hotspots().hotspot(i).position);
        if (p && p->x > 20 && p->x < kWidth - 20 && p->y > 20 && p->y < kHeight - 80 &&
            viewer.hotspots().visibleFrom(i, camera.position)) {
            target = i;
            where = *p;
        }
    }
    ASSERT_TRUE(target.has_value()) << "no hotspot in view at arrival";
    session->handle(event(EventType::PointerMove, 0.4, where.x, where.y));
    session->update(0.4);
    expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "hotspot-hover");
    session->handle(event(EventType::PointerDown, 0.5, where.x, where.y));
    session->handle(event(EventType::PointerUp, 0.6, where.x, where.y));
    EXPECT_FALSE(viewer.takeOpenRequest().has_value()); // first the glide to its view
    // The session opens the photographs once the glide arrives.
    for (double t = 0.6; t < 8.0 && !session->lightbox(); t += 1 / 30.0) session->update(t);
    ASSERT_NE(session->lightbox(), nullptr);
    EXPECT_EQ(session->lightbox()->hotspot().id, viewer.hotspots().hotspot(*target).id);
    const auto& view = viewer.hotspots().hotspot(*target).view;
    ASSERT_TRUE(view.has_value());
    EXPECT_NEAR(glm::length(viewer.frame().camera.position - view->position), 0.0f, 1e-4f);
}

TEST_F(ViewerFlow, TabFocusesHotspotsAndEnterOpensOne) {
    sr::app::ViewerSettings settings;
    settings.glideToHotspotView = false;
    auto session = open(settings);
    session->handle(event(EventType::KeyDown, 0.5, 0, 0, sr::platform::keys::kTab));
    session->update(0.6);
    const auto focused = session->viewer().hotspots().focused();
    ASSERT_TRUE(focused.has_value());
    session->handle(event(EventType::KeyDown, 0.7, 0, 0, sr::platform::keys::kEnter));
    EXPECT_EQ(session->viewer().takeOpenRequest(), focused);
}

TEST_F(ViewerFlow, PressAndHoldOnTheFloorWalksTowardsIt) {
    auto session = open();
    const glm::vec3 start = session->viewer().frame().camera.position;
    // Bottom middle of the view looks at the floor a little ahead.
    session->handle(event(EventType::PointerMove, 0.2, 320, 340));
    session->handle(event(EventType::PointerDown, 0.3, 320, 340));
    for (double t = 0.3; t <= 3.3; t += 1 / 60.0) session->update(t);
    session->handle(event(EventType::PointerUp, 3.3, 320, 340));
    session->update(3.4);
    const sr::view::Camera camera = session->viewer().frame().camera;
    const glm::vec2 moved = glm::vec2(camera.position) - glm::vec2(start);
    EXPECT_GT(glm::length(moved), 0.2f);
    EXPECT_NEAR(camera.position.z, start.z, 0.05f); // still at eye height over the same floor
    EXPECT_GT(glm::dot(glm::normalize(moved), glm::vec2(std::cos(glm::radians(camera.yawDeg)),
                                                        std::sin(glm::radians(camera.yawDeg)))),
              0.7f);
    EXPECT_FALSE(session->viewer().gliding());
}

TEST_F(ViewerFlow, GamepadSticksWalkAndLook) {
    auto session = open();
    const sr::view::Camera start = session->viewer().frame().camera;
    sr::platform::InputEvent sticks = event(EventType::Gamepad, 0.5, 0.0f, 1.0f); // left stick forward
    sticks.scrollX = -0.5f;                                                       // right stick left
    session->handle(sticks);
    for (double t = 0.5; t <= 1.5; t += 1 / 60.0) session->update(t);
    session->handle(event(EventType::Gamepad, 1.5));
    for (double t = 1.5; t <= 3.0; t += 1 / 60.0) session->update(t);
    const sr::view::Camera camera = session->viewer().frame().camera;
    EXPECT_GT(camera.yawDeg - start.yawDeg, 20.0f); // turned left, about 45 degrees asked
    EXPECT_GT(glm::length(glm::vec2(camera.position) - glm::vec2(start.position)), 0.2f);
}

TEST_F(ViewerFlow, IdleViewDriftsGentlyAndNotWithReducedMotion) {
    for (bool reduced : {false, true}) {
        sr::app::ViewerSettings settings;
        settings.reducedMotion = reduced;
        auto session = open(settings);
        const float startYaw = session->viewer().frame().camera.yawDeg;
        float largest = 0.0f, previous = startYaw, largestStep = 0.0f;
        for (double t = 0.0; t < 150.0; t += 0.1) {
            session->update(t);
            const float yaw = session->viewer().frame().camera.yawDeg;
            largest = std::max(largest, std::abs(yaw - startYaw));
            largestStep = std::max(largestStep, std::abs(yaw - previous));
            previous = yaw;
        }
        if (reduced) {
            EXPECT_EQ(largest, 0.0f);
        } else {
            EXPECT_GT(largest, 1.0f);
            EXPECT_LT(largest, 8.0f);
            EXPECT_LT(largestStep, 0.1f); // never faster than a degree a second
        }
    }
}

TEST_F(ViewerFlow, ScriptedSessionReplaysIdentically) {
    auto script = sr::platform::parseEventScript("0.3 move 300 200\n"
                                                 "0.5 down 300 200 0\n"
                                                 "0.7 move 360 190\n"
                                                 "0.9 move 420 170\n"
                                                 "1.0 up 420 170 0\n"
                                                 "1.2 keydown 87\n"
                                                 "2.0 keyup 87\n"
                                                 "2.5 frame walked\n",
                                                 "script");
    ASSERT_TRUE(script.ok()) << script.error().describe();
    std::vector<sr::core::Image8> frames;
    for (int run = 0; run < 2; ++run) {
        sr::app::ExhibitSettings settings;
        settings.viewer.idleDrift = false;
        sr::app::ExhibitSession session(*sRenderer, *sUi, *sSource, settings, 0.0);
        sr::app::replayScript(session, *script, 30.0, kWidth, kHeight,
                              [&](const std::string& name, const sr::core::Image8& image) {
                                  EXPECT_EQ(name, "walked");
                                  frames.push_back(image);
                              });
    }
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0].pixels, frames[1].pixels);
    expectMatches(frames[0], "replay-walked");
}

} // namespace
