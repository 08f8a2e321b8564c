// Flow tests of the room viewer: scripted input with a driven clock over the generated demo
// bedroom, rendered headless with validation on, frames compared with tests/flow/references.
#include <gtest/gtest.h>

#include <cmath>
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

class ViewerFlow : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sr::gpu::ContextOptions options;
        options.validation = true;
        auto context = sr::gpu::Context::create(options);
        ASSERT_TRUE(context.ok()) << context.error().describe();
        sContext = std::move(context).value().release();
        sRenderer = new sr::render::Renderer(*sContext);
        sUi = new sr::ui::ImGuiLayer(*sContext);
        auto source = sr::app::resolveRoomSource(SR_DEMO_DIR, "bedroom", "", "");
        ASSERT_TRUE(source.ok()) << source.error().describe();
        sSource = new sr::app::RoomSource(*source);
        auto mesh = sr::asset::importRoomMesh(source->mesh, source->import);
        ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
        sMesh = new sr::asset::RoomMesh(std::move(mesh).value());
    }
    static void TearDownTestSuite() {
        delete sMesh;
        delete sSource;
        delete sUi;
        delete sRenderer;
        delete sContext;
    }
    void TearDown() override { EXPECT_EQ(sr::gpu::validationErrorCount(), 0u); }

    std::unique_ptr<sr::app::RoomSession> open(const sr::app::ViewerSettings& settings = {}) {
        auto session = sr::app::RoomSession::create(*sRenderer, *sUi, *sSource, *sMesh, settings, 0.0);
        session->viewer().setViewport(kWidth, kHeight);
        return session;
    }
    static sr::platform::InputEvent event(EventType type, double t, float x = 0, float y = 0, int key = 0) {
        sr::platform::InputEvent e;
        e.type = type;
        e.time = t;
        e.x = x;
        e.y = y;
        e.key = key;
        return e;
    }
    static void expectMatches(const sr::core::Image8& image, const std::string& name, int tolerance = 10,
                              double budget = 0.005) {
        std::string message;
        sr::test::CompareSettings settings{tolerance, budget};
        const bool ok = sr::test::matchesReference(
            image, std::filesystem::path(SR_FLOW_REFERENCES) / (name + ".png"),
            std::filesystem::path(SR_TEST_OUTPUT) / "flow", name, settings, message);
        EXPECT_TRUE(ok) << name << ": " << message;
    }

    static sr::gpu::Context* sContext;
    static sr::render::Renderer* sRenderer;
    static sr::ui::ImGuiLayer* sUi;
    static sr::app::RoomSource* sSource;
    static sr::asset::RoomMesh* sMesh;
};
sr::gpu::Context* ViewerFlow::sContext = nullptr;
sr::render::Renderer* ViewerFlow::sRenderer = nullptr;
sr::ui::ImGuiLayer* ViewerFlow::sUi = nullptr;
sr::app::RoomSource* ViewerFlow::sSource = nullptr;
sr::asset::RoomMesh* ViewerFlow::sMesh = nullptr;

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
    EXPECT_FALSE(frame.overlays.markers.empty()); // station markers show while the visitor acts...
    expectMatches(session->renderImage(kWidth, kHeight, 1 / 30.0f), "after-drag");
    for (double t = 3.0; t <= 12.0; t += 1 / 30.0) session->update(t);
    EXPECT_EQ(session->viewer().frame().helpOpacity, 0.0f);
    EXPECT_TRUE(session->viewer().frame().overlays.markers.empty()); // ...and fade away after
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
        auto session = open();
        sr::app::replayScript(*session, *script, 30.0, kWidth, kHeight,
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
