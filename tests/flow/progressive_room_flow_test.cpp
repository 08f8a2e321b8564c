// A room opened from its cache shows its preview at once and streams its full detail in: the
// session starts on the coarsest levels and small mips, swaps in the full room (with clusters and
// levels of detail) once it is uploaded, and then draws what the room drawn whole draws.
#include <gtest/gtest.h>

#include "demo_room_fixture.h"

#include <filesystem>

#include "asset/import.h"
#include "asset/room_load.h"
#include "core/image.h"
#include "log_capture.h"
#include "test_folder.h"

namespace {
namespace fs = std::filesystem;

class ProgressiveRoomFlow : public sr::test::DemoRoomFixture {
protected:
    static sr::app::OpenedRoom openBedroom(const fs::path& cacheDir) {
        auto room = sr::asset::openRoomForViewing(sSource->mesh, sSource->import, cacheDir);
        EXPECT_TRUE(room.ok()) << room.error().describe();
        return {room ? std::move(room).value() : sr::asset::ViewableRoom{}, nullptr};
    }
};

TEST_F(ProgressiveRoomFlow, ThePreviewComesFirstThenTheFullRoomDrawsLikeTheWholeMesh) {
    constexpr uint32_t kW = 640, kH = 360;
    const fs::path folder = sr::test::freshTestFolder("flow");
    sr::app::OpenedRoom room = openBedroom(folder / "cache");
    sr::asset::ViewableRoom& opened = room.room;
    ASSERT_NE(opened.cache, nullptr);
    const size_t previewTriangles = opened.preview.triangleCount();
    EXPECT_LT(previewTriangles, sMesh->triangleCount() / 2);
    EXPECT_EQ(opened.geometry.triangleCount(), sMesh->triangleCount());

    // The preview alone, for a look and a loose comparison.
    const sr::core::Image8 previewFrame = [&] {
        auto preview = sRenderer->uploadRoom(opened.preview);
        auto whole = openSession(kW, kH);
        return sRenderer->renderToImage(*preview, whole->viewer().frame().camera, kW, kH);
    }();

    auto session = sr::app::RoomSession::create(*sRenderer, *sUi, *sSource, std::move(room), {}, 0.0);
    session->viewer().setViewport(kW, kH);
    // Until a frame is prepared the preview is what is drawn: no clusters, few triangles.
    EXPECT_EQ(session->room().clusters(), nullptr);
    EXPECT_EQ(session->room().triangleCount(), previewTriangles);
    EXPECT_EQ(session->triangleCount(), sMesh->triangleCount());

    session->settle();
    EXPECT_TRUE(session->detailed());
    ASSERT_NE(session->room().clusters(), nullptr);
    EXPECT_EQ(session->room().triangleCount(), sMesh->triangleCount());
    const sr::core::Image8 detailed = session->renderImage(kW, kH, 0.0f);
    EXPECT_LT(session->room().trianglesDrawn(), sMesh->triangleCount()); // culled and reduced

    auto whole = openSession(kW, kH);
    const sr::core::Image8 reference = whole->renderImage(kW, kH, 0.0f);
    // Levels of detail chosen to stay under a pixel: the same picture as the mesh drawn whole.
    const sr::test::CompareResult same = sr::test::compareImages(detailed, reference, {24, 0.01});
    EXPECT_TRUE(same.passed) << same.summary();
    // The preview is the same room, coarser and softer.
    const sr::test::CompareResult close = sr::test::compareImages(previewFrame, reference, {48, 0.25});
    EXPECT_TRUE(close.passed) << close.summary();
    EXPECT_TRUE(sr::core::writePng(folder / "preview.png", previewFrame).ok());
    EXPECT_TRUE(sr::core::writePng(folder / "detailed.png", detailed).ok());
    EXPECT_TRUE(sr::core::writePng(folder / "whole.png", reference).ok());
}

TEST_F(ProgressiveRoomFlow, FramesKeepComingWhileTheFullRoomUploadsAndItArrivesByItself) {
    constexpr uint32_t kW = 320, kH = 180;
    const fs::path folder = sr::test::freshTestFolder("flow");
    auto session =
        sr::app::RoomSession::create(*sRenderer, *sUi, *sSource, openBedroom(folder / "cache"), {}, 0.0);
    session->viewer().setViewport(kW, kH);
    // Frames are drawn (from the preview, then the full room) without anyone waiting for the
    // upload; within a few seconds the full room has taken the preview's place.
    double t = 0.0;
    for (int frame = 0; frame < 600 && !session->detailed(); ++frame, t += 1.0 / 60.0) {
        session->update(t);
        const sr::core::Image8 image = session->renderImage(kW, kH, 1.0f / 60.0f);
        ASSERT_EQ(image.width, kW);
    }
    EXPECT_TRUE(session->detailed());
    EXPECT_NE(session->room().clusters(), nullptr);
    // Leaving while nothing is pending, and leaving mid-upload, are both clean (validation checks).
    session.reset();
    auto early =
        sr::app::RoomSession::create(*sRenderer, *sUi, *sSource, openBedroom(folder / "cache"), {}, 0.0);
    early.reset();
}

TEST_F(ProgressiveRoomFlow, ARoomLeftBeforeItsFirstFrameNeverBuildsItsWalkingBvh) {
    // The BVH is built on a thread of its own after the first frame; a visitor (or a kiosk
    // switching rooms) who leaves first does not wait for it, and it is never built.
    const fs::path folder = sr::test::freshTestFolder("flow");
    sr::test::LogCapture log;
    auto left =
        sr::app::RoomSession::create(*sRenderer, *sUi, *sSource, openBedroom(folder / "cache"), {}, 0.0);
    left.reset();
    EXPECT_EQ(log.count({"built the walking BVH"}), 0u) << log.all();
    // One that is shown builds it once, and walks on it.
    auto shown =
        sr::app::RoomSession::create(*sRenderer, *sUi, *sSource, openBedroom(folder / "cache"), {}, 0.0);
    shown->settle();
    EXPECT_TRUE(shown->viewer().footed());
    EXPECT_EQ(log.count({"built the walking BVH", sSource->mesh.filename().string()}), 1u) << log.all();
}

TEST_F(ProgressiveRoomFlow, AScanColouredPerVertexDrawsAtFullDetailAsTheWholeMesh) {
    // Simplified levels would lose the colour its vertices carry: culled, but never reduced.
    constexpr uint32_t kW = 480, kH = 270;
    auto landing = sr::app::resolveRoomSource(SR_DEMO_DIR, "landing", "", "");
    ASSERT_TRUE(landing.ok()) << landing.error().describe();
    auto mesh = sr::asset::importRoomMesh(landing->mesh, landing->import);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    ASSERT_TRUE(mesh->hasVertexColors);
    auto opened = sr::asset::openRoomForViewing(landing->mesh, landing->import,
                                                sr::test::freshTestFolder("flow") / "cache");
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    auto session = sr::app::RoomSession::create(*sRenderer, *sUi, *landing,
                                                {std::move(opened).value(), nullptr}, {}, 0.0);
    session->viewer().setViewport(kW, kH);
    session->settle();
    ASSERT_NE(session->room().clusters(), nullptr);
    EXPECT_EQ(session->room().cullSettings().maxScreenError, 0.0f);
    auto whole = sr::app::RoomSession::create(*sRenderer, *sUi, *landing, *mesh, {}, 0.0);
    whole->viewer().setViewport(kW, kH);
    // The same triangles in another order: only coincident surfaces may resolve otherwise.
    const sr::test::CompareResult same = sr::test::compareImages(
        session->renderImage(kW, kH, 0.0f), whole->renderImage(kW, kH, 0.0f), {4, 0.001});
    EXPECT_TRUE(same.passed) << same.summary();
    EXPECT_LT(session->room().trianglesDrawn(), mesh->triangleCount()); // culled
}

} // namespace
