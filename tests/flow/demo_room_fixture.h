#pragma once
// What every flow test over the demo bedroom shares: one validated device, renderer and UI layer
// per test binary, the bedroom imported once, sessions opened fresh per test, scripted events and
// reference comparison. Validation errors fail the test that caused them.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/room_session.h"
#include "asset/import.h"
#include "gpu/context.h"
#include "image_compare.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace sr::test {

class DemoRoomFixture : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        gpu::ContextOptions options;
        options.validation = true;
        auto context = gpu::Context::create(options);
        ASSERT_TRUE(context.ok()) << context.error().describe();
        sContext = std::move(context).value().release();
        sRenderer = new render::Renderer(*sContext);
        sUi = new ui::ImGuiLayer(*sContext);
        auto source = app::resolveRoomSource(SR_DEMO_DIR, "bedroom", "", "");
        ASSERT_TRUE(source.ok()) << source.error().describe();
        sSource = new app::RoomSource(*source);
        auto mesh = asset::importRoomMesh(source->mesh, source->import);
        ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
        sMesh = new asset::RoomMesh(std::move(mesh).value());
    }
    static void TearDownTestSuite() {
        delete sMesh;
        delete sSource;
        delete sUi;
        delete sRenderer;
        delete sContext;
        sMesh = nullptr, sSource = nullptr, sUi = nullptr, sRenderer = nullptr, sContext = nullptr;
    }
    void TearDown() override { EXPECT_EQ(gpu::validationErrorCount(), 0u); }

    // A fresh session in the bedroom, its view `width` x `height` pixels.
    static std::unique_ptr<app::RoomSession> openSession(uint32_t width, uint32_t height,
                                                         const app::ViewerSettings& settings = {}) {
        auto session = app::RoomSession::create(*sRenderer, *sUi, *sSource, *sMesh, settings, 0.0);
        session->viewer().setViewport(width, height);
        return session;
    }
    static platform::InputEvent event(platform::EventType type, double t, float x = 0, float y = 0,
                                      int key = 0) {
        platform::InputEvent e;
        e.type = type;
        e.time = t;
        e.x = x;
        e.y = y;
        e.key = key;
        return e;
    }
    // Compares with tests/flow/references/NAME.png (STILLROOM_BLESS=1 rewrites it).
    static void expectMatches(const core::Image8& image, const std::string& name, int tolerance = 10,
                              double budget = 0.005) {
        std::string message;
        const bool ok = matchesReference(image, std::filesystem::path(SR_FLOW_REFERENCES) / (name + ".png"),
                                         std::filesystem::path(SR_TEST_OUTPUT) / "flow", name,
                                         CompareSettings{tolerance, budget}, message);
        EXPECT_TRUE(ok) << name << ": " << message;
    }

    static inline gpu::Context* sContext = nullptr;
    static inline render::Renderer* sRenderer = nullptr;
    static inline ui::ImGuiLayer* sUi = nullptr;
    static inline app::RoomSource* sSource = nullptr;
    static inline asset::RoomMesh* sMesh = nullptr;
};

} // namespace sr::test
