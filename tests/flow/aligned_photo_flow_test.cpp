// Flow tests of a photograph shown where it was taken, in the demo bedroom. The "photograph" is made
// here from a render of the room through a real lens: a camera rolled 4 degrees, its principal point
// off centre, radial and tangential distortion (OpenCV model), warmer in colour, written with its
// pose as a COLMAP model. Opening its hotspot glides to the pose, the room dissolves into the
// photograph, and the registered photograph must land on the room it shows: the offset between
// the two is measured (edge correlation, sub-pixel) and must stay under half a pixel.
#include <gtest/gtest.h>

#include "demo_room_fixture.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "app/aligned_photo.h"
#include "app/previs_mode.h"
#include "previs/camera_pose.h"
#include "core/image.h"
#include "image_align.h"
#include "log_capture.h"
#include "test_folder.h"

namespace {
namespace fs = std::filesystem;
using sr::platform::EventType;

constexpr uint32_t kPhotoW = 1200, kPhotoH = 900;
constexpr double kFocal = 820.0, kCx = 612.5, kCy = 441.0;
const sr::asset::Distortion kLens{sr::asset::DistortionModel::Brown, -0.1, 0.02, 0.0, 0.0, 0.001, -0.0007};
const glm::vec3 kWarm{1.06f, 1.0f, 0.86f}; // the photograph's colour against the scan's
// Where the previs panel draws "Shot from this photo" at 1280x720 (100% text) while no shot is selected.
const glm::vec2 kShotFromPhotoButton{1095.0f, 200.0f};

// Columns: right, down, forward of a view::Camera (the photo convention).
glm::dmat3 axesOf(const sr::view::Camera& camera) {
    const glm::dvec3 right(camera.right()), forward(camera.forward());
    return glm::dmat3(right, glm::cross(forward, right), forward);
}

glm::vec4 sampleBilinear(const sr::core::Image8& image, double x, double y) {
    x = std::clamp(x - 0.5, 0.0, double(image.width) - 1.001);
    y = std::clamp(y - 0.5, 0.0, double(image.height) - 1.001);
    const int x0 = int(x), y0 = int(y);
    const double fx = x - x0, fy = y - y0;
    glm::vec4 result(0.0f);
    for (int j = 0; j < 2; ++j) {
        for (int i = 0; i < 2; ++i) {
            const double w = (i ? fx : 1.0 - fx) * (j ? fy : 1.0 - fy);
            const uint8_t* p = &image.pixels[(size_t(y0 + j) * image.width + size_t(x0 + i)) * 4];
            result += float(w) * glm::vec4(p[0], p[1], p[2], p[3]);
        }
    }
    return result;
}

glm::dvec2 distortPoint(glm::dvec2 xy) {
    const double r2 = glm::dot(xy, xy);
    const double radial = 1.0 + r2 * (kLens.k1 + r2 * kLens.k2);
    return {xy.x * radial + 2.0 * kLens.p1 * xy.x * xy.y + kLens.p2 * (r2 + 2.0 * xy.x * xy.x),
            xy.y * radial + kLens.p1 * (r2 + 2.0 * xy.y * xy.y) + 2.0 * kLens.p2 * xy.x * xy.y};
}

class AlignedPhotoFlow : public sr::test::DemoRoomFixture {
protected:
    static void SetUpTestSuite() {
        DemoRoomFixture::SetUpTestSuite();
        if (HasFatalFailure()) return;
        sFolder = new fs::path(sr::test::freshSuiteFolder("aligned-photo-exhibit"));
        fs::create_directories(*sFolder / "poses");

        // The photographer stood at the doorway, camera tilted down a little and rolled 4 degrees.
        sr::view::Camera wide;
        wide.position = {0.95f, 0.55f, 1.6f};
        wide.yawDeg = 44.0f;
        wide.pitchDeg = -9.0f;
        wide.verticalFovDeg = 84.0f;
        constexpr uint32_t kWideW = 2400, kWideH = 1800;
        auto room = sRenderer->uploadRoom(*sMesh);
        const sr::core::Image8 render = sRenderer->renderToImage(*room, wide, kWideW, kWideH);
        const double roll = glm::radians(4.0);
        const glm::dmat3 rollAxes(glm::dvec3(std::cos(roll), std::sin(roll), 0.0),
                                  glm::dvec3(-std::sin(roll), std::cos(roll), 0.0),
                                  glm::dvec3(0.0, 0.0, 1.0));
        const glm::dmat3 photoAxes = axesOf(wide) * rollAxes; // camera to world
        const glm::dmat3 toWide = glm::transpose(axesOf(wide)) * photoAxes;
        const double wideFocal = 0.5 * kWideH / std::tan(glm::radians(double(wide.verticalFovDeg)) * 0.5);

        // Each photo pixel looks along its undistorted ray; the render shows what lies there.
        sr::core::Image8 photo{kPhotoW, kPhotoH};
        for (uint32_t y = 0; y < kPhotoH; ++y) {
            for (uint32_t x = 0; x < kPhotoW; ++x) {
                const glm::dvec2 distorted((x + 0.5 - kCx) / kFocal, (y + 0.5 - kCy) / kFocal);
                glm::dvec2 xy = distorted;
                for (int i = 0; i < 30; ++i) xy -= distortPoint(xy) - distorted;
                const glm::dvec3 ray = toWide * glm::dvec3(xy, 1.0);
                const glm::vec4 c = sampleBilinear(render, wideFocal * ray.x / ray.z + 0.5 * kWideW,
                                                   wideFocal * ray.y / ray.z + 0.5 * kWideH);
                uint8_t* out = &photo.pixels[(size_t(y) * kPhotoW + x) * 4];
                for (int k = 0; k < 3; ++k) out[k] = uint8_t(std::clamp(c[k] * kWarm[k], 0.0f, 255.0f));
                out[3] = 255;
            }
        }
        ASSERT_TRUE(sr::core::writePng(*sFolder / "poses" / "doorway.png", photo).ok());

        // COLMAP: world-to-camera quaternion and translation.
        const glm::dmat3 worldToCamera = glm::transpose(photoAxes);
        const glm::dquat q = glm::quat_cast(worldToCamera);
        const glm::dvec3 t = -(worldToCamera * glm::dvec3(wide.position));
        char line[512];
        std::snprintf(line, sizeof line, "1 OPENCV %u %u %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n",
                      kPhotoW, kPhotoH, kFocal, kFocal, kCx, kCy, kLens.k1, kLens.k2, kLens.p1, kLens.p2);
        sr::test::writeBytes(*sFolder / "poses" / "cameras.txt", std::string("# Camera list\n") + line);
        std::snprintf(line, sizeof line, "1 %.17g %.17g %.17g %.17g %.17g %.17g %.17g 1 doorway.png\n\n", q.w,
                      q.x, q.y, q.z, t.x, t.y, t.z);
        sr::test::writeBytes(*sFolder / "poses" / "images.txt", std::string("# Image list\n") + line);
    }
    static void TearDownTestSuite() {
        if (sFolder) fs::remove_all(*sFolder);
        delete sFolder;
        sFolder = nullptr;
        DemoRoomFixture::TearDownTestSuite();
    }

    // The bedroom with the pose model; its one photo is a curated hotspot.
    static std::unique_ptr<sr::app::RoomSession> openWithPoses(uint32_t width, uint32_t height,
                                                               sr::scene::PosePhotos mode) {
        sr::app::RoomSource source = *sSource;
        source.poses = *sFolder / "poses";
        source.posePhotos = mode;
        source.import.confineTexturesTo = *sFolder; // the photos' exhibit folder
        sr::scene::Hotspot hotspot;
        hotspot.id = "doorway";
        hotspot.position = {2.2f, 1.7f, 1.0f};
        hotspot.title = "From the doorway";
        hotspot.caption = "The morning she left, as her father photographed it.";
        hotspot.photoPose = "doorway.png";
        source.hotspots = {hotspot};
        auto session = sr::app::RoomSession::create(*sRenderer, *sUi, source, *sMesh, {}, 0.0);
        session->viewer().setViewport(width, height);
        return session;
    }

    static inline fs::path* sFolder = nullptr;
};

TEST_F(AlignedPhotoFlow, GlidesToThePoseAndDissolvesIntoTheRegisteredPhotograph) {
    constexpr uint32_t kW = 1280, kH = 720;
    auto session = openWithPoses(kW, kH, sr::scene::PosePhotos::Listed);
    sr::app::Viewer& viewer = session->viewer();
    ASSERT_EQ(viewer.hotspots().size(), 1u);
    const sr::scene::Hotspot& hotspot = viewer.hotspots().hotspot(0);
    ASSERT_TRUE(hotspot.aligned.has_value());
    EXPECT_EQ(hotspot.aligned->intrinsics.distortion.model, sr::asset::DistortionModel::Brown);

    viewer.openHotspot(0);
    double t = 0.0;
    for (int i = 0; i < 400 && viewer.gliding(); ++i) session->update(t += 1 / 30.0);
    ASSERT_FALSE(viewer.gliding());
    ASSERT_NE(session->alignedPhoto(), nullptr);
    EXPECT_TRUE(viewer.inAlignedPhoto());
    // At the photographer's eye, looking along the photo's axis, with a view that holds the photo.
    const sr::view::Camera camera = viewer.frame().camera;
    EXPECT_LT(glm::length(camera.position - glm::vec3(0.95f, 0.55f, 1.6f)), 1e-4f);
    EXPECT_NEAR(camera.yawDeg, 44.0f, 0.01f);
    EXPECT_NEAR(camera.pitchDeg, -9.0f, 0.01f);
    EXPECT_GT(camera.verticalFovDeg, 2.0f * glm::degrees(std::atan(kPhotoH / 2.0 / kFocal)));

    session->settle();
    session->update(t += 1 / 30.0);
    ASSERT_NE(session->alignedPhoto()->pyramid(), nullptr);
    const sr::core::Image8 room = session->renderImage(kW, kH, 1 / 30.0f); // not yet faded in
    expectMatches(room, "aligned-photo-arrival");
    session->update(t += 0.8); // halfway through the dissolve
    EXPECT_NEAR(session->alignedPhoto()->opacity(), 0.5f, 0.05f);
    expectMatches(session->renderImage(kW, kH, 1 / 30.0f), "aligned-photo-dissolve");
    session->update(t += 1.0);
    EXPECT_FLOAT_EQ(session->alignedPhoto()->opacity(), 1.0f);
    const sr::core::Image8 photo = session->renderImage(kW, kH, 1 / 30.0f);
    expectMatches(photo, "aligned-photo");

    // The photograph lands on the room it shows: edges overlay within half a pixel, measured over the
    // middle of the view (clear of the caption and the photo's soft border).
    const sr::test::ImageOffset offset = sr::test::measureOffset(room, photo, {240, 120, 1040, 470});
    std::printf("aligned photo offset against the room: (%.3f, %.3f) px, edge correlation %.3f\n", offset.x,
                offset.y, offset.peak);
    EXPECT_LT(std::abs(offset.x), 0.5);
    EXPECT_LT(std::abs(offset.y), 0.5);
    EXPECT_GT(offset.peak, 0.8);

    // A tap leaves it: the photograph fades, then the view eases back to the visitor's own.
    session->handle(event(EventType::PointerDown, t += 0.1, 600, 300));
    session->handle(event(EventType::PointerUp, t += 0.05, 600, 300));
    for (int i = 0; i < 90 && (session->alignedPhoto() || viewer.inAlignedPhoto()); ++i)
        session->update(t += 1 / 30.0);
    EXPECT_EQ(session->alignedPhoto(), nullptr);
    EXPECT_FALSE(viewer.inAlignedPhoto());
    EXPECT_FLOAT_EQ(viewer.frame().camera.verticalFovDeg, sr::app::ViewerSettings{}.verticalFovDeg);
    EXPECT_FALSE(viewer.quitRequested());
}

TEST_F(AlignedPhotoFlow, EveryPosedPhotoIsOfferedUnlessTheManifestListsThem) {
    auto listed = openWithPoses(1280, 720, sr::scene::PosePhotos::Listed);
    EXPECT_EQ(listed->viewer().hotspots().size(), 1u);
    // With "all", the one photo is already the curated hotspot's: nothing is offered twice.
    auto all = openWithPoses(1280, 720, sr::scene::PosePhotos::All);
    EXPECT_EQ(all->viewer().hotspots().size(), 1u);
}

TEST_F(AlignedPhotoFlow, EscapeDuringTheDissolveLeavesAndTheKioskResetClosesIt) {
    auto session = openWithPoses(1280, 720, sr::scene::PosePhotos::Listed);
    session->viewer().openHotspot(0);
    double t = 0.0;
    for (int i = 0; i < 400 && session->viewer().gliding(); ++i) session->update(t += 1 / 30.0);
    session->settle();
    session->update(t += 1 / 30.0); // the photograph arrives; the dissolve starts
    session->update(t += 0.5);
    ASSERT_NE(session->alignedPhoto(), nullptr);
    const float partway = session->alignedPhoto()->opacity();
    EXPECT_GT(partway, 0.0f);
    EXPECT_LT(partway, 1.0f);
    session->handle(event(EventType::KeyDown, t += 0.05, 0, 0, sr::platform::keys::kEscape));
    session->update(t += 0.05);
    EXPECT_LT(session->alignedPhoto()->opacity(), partway); // fades from where it was, no jump
    for (int i = 0; i < 90 && session->alignedPhoto(); ++i) session->update(t += 1 / 30.0);
    EXPECT_EQ(session->alignedPhoto(), nullptr);
    EXPECT_FALSE(session->viewer().quitRequested()); // Esc left the photo, not the room

    session->viewer().openHotspot(0);
    for (int i = 0; i < 400 && session->viewer().gliding(); ++i) session->update(t += 1 / 30.0);
    session->settle();
    session->update(t += 3.0);
    session->closePhotos();
    for (int i = 0; i < 90 && session->alignedPhoto(); ++i) session->update(t += 1 / 30.0);
    EXPECT_EQ(session->alignedPhoto(), nullptr);
}

TEST_F(AlignedPhotoFlow, TheManifestsPosesAndPhotoPoseReachTheViewer) {
    // An exhibit whose manifest names the pose model and curates its one photo.
    const fs::path exhibit = sr::test::freshTestFolder("aligned-manifest") / "exhibit";
    fs::create_directories(exhibit / "rooms/bedroom");
    fs::copy(*sFolder / "poses", exhibit / "rooms/bedroom/colmap");
    sr::test::writeBytes(exhibit / "rooms/bedroom/scan.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
    sr::test::writeBytes(exhibit / "manifest.json", R"({
      "format": "stillroom-exhibit/1", "title": "Rooms",
      "rooms": [{"id": "bedroom", "title": "Bedroom", "mesh": "rooms/bedroom/scan.obj", "up": "+Z",
                 "stations": [{"id": "door", "position": [0.95, 0.55, 1.6], "yaw": 48}],
                 "poses": "rooms/bedroom/colmap", "pose_photos": "listed",
                 "hotspots": [{"id": "doorway", "position": [2.2, 1.7, 1.0], "title": "From the doorway",
                               "photo_pose": "doorway"}]}]})");
    auto loaded = sr::app::loadViewerExhibit(exhibit);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    const sr::app::RoomSource source = sr::app::roomSourceFor(*loaded, loaded->rooms[0]);
    // The scan itself is the bedroom already imported; only the manifest's path is a stand-in.
    auto session = sr::app::RoomSession::create(*sRenderer, *sUi, source, *sMesh, {}, 0.0);
    ASSERT_EQ(session->viewer().hotspots().size(), 1u);
    const sr::scene::Hotspot& hotspot = session->viewer().hotspots().hotspot(0);
    ASSERT_TRUE(hotspot.aligned.has_value());
    EXPECT_EQ(hotspot.aligned->file, fs::canonical(exhibit / "rooms/bedroom/colmap/doorway.png"));
    EXPECT_NEAR(glm::length(hotspot.aligned->center - glm::dvec3(0.95, 0.55, 1.6)), 0.0, 1e-6);
}

TEST_F(AlignedPhotoFlow, AnUnreadablePoseFileLeavesTheRoomWithItsOwnHotspots) {
    const fs::path broken = sr::test::freshTestFolder("aligned-broken-poses");
    sr::test::writeBytes(broken / "cameras.txt", "1 OPENCV 1200 900 not-a-number\n");
    sr::test::writeBytes(broken / "images.txt", "1 1 0 0 0 0 0 0 1 doorway.png\n\n");
    sr::test::LogCapture log;
    sr::app::RoomSource source = *sSource;
    source.poses = broken;
    source.import.confineTexturesTo = broken;
    auto session = sr::app::RoomSession::create(*sRenderer, *sUi, source, *sMesh, {}, 0.0);
    EXPECT_EQ(session->viewer().hotspots().size(), sSource->hotspots.size()); // the manifest's, unchanged
    EXPECT_EQ(
        log.count({"no usable camera poses", "OPENCV needs 8 parameters", "not shown where they were taken"}),
        1u)
        << log.all();
}

TEST_F(AlignedPhotoFlow, ACorruptPhotographIsLoggedAndTheViewReturns) {
    // The pose model of the good exhibit, beside a photo file that is not an image.
    const fs::path folder = sr::test::freshTestFolder("aligned-corrupt-photo");
    fs::copy_file(*sFolder / "poses" / "cameras.txt", folder / "cameras.txt");
    fs::copy_file(*sFolder / "poses" / "images.txt", folder / "images.txt");
    sr::test::writeBytes(folder / "doorway.png", "\x89PNG\r\n\x1a\n but then nothing of a picture");
    sr::test::LogCapture log;
    sr::app::RoomSource source = *sSource;
    source.poses = folder;
    source.import.confineTexturesTo = folder;
    auto session = sr::app::RoomSession::create(*sRenderer, *sUi, source, *sMesh, {}, 0.0);
    session->viewer().setViewport(1280, 720);
    size_t index = session->viewer().hotspots().size();
    for (size_t i = 0; i < session->viewer().hotspots().size(); ++i)
        if (session->viewer().hotspots().hotspot(i).aligned) index = i;
    ASSERT_LT(index, session->viewer().hotspots().size());
    session->viewer().openHotspot(index);
    double t = 0.0;
    for (int i = 0; i < 400 && session->viewer().gliding(); ++i) session->update(t += 1 / 30.0);
    session->settle();
    for (int i = 0; i < 60 && (session->alignedPhoto() || session->viewer().inAlignedPhoto()); ++i)
        session->update(t += 1 / 30.0);
    EXPECT_EQ(session->alignedPhoto(), nullptr);
    EXPECT_FALSE(session->viewer().inAlignedPhoto());
    EXPECT_EQ(log.count({"doorway.png"}), 1u) << log.all();
    session->renderImage(320, 180, 1 / 30.0f); // and it still draws
}

} // namespace

namespace {

class PhotoShotFlow : public AlignedPhotoFlow {};

TEST_F(PhotoShotFlow, PrevisMakesAShotFromWhereThePhotoWasTaken) {
    const fs::path projectFolder = sr::test::freshTestFolder("previs-photo");
    sr::app::RoomSource source = *sSource;
    source.poses = *sFolder / "poses";
    source.import.confineTexturesTo = *sFolder;
    sr::app::PrevisWorkspaceSettings settings;
    settings.projectFile = projectFolder / "bedroom.previs.json";
    settings.ffmpeg = "stillroom-test-no-such-encoder";
    auto session = sr::app::PrevisSession::create(*sRenderer, *sUi, source, *sMesh, {}, settings, 0.0);
    session->setViewport(1280, 720);
    ASSERT_EQ(session->photos().size(), 1u);

    // The panel offers the photograph; its button makes the shot.
    session->handle(event(EventType::PointerMove, 0.0, 640, 700));
    session->renderImage(1280, 720, 1 / 30.0f);
    const glm::vec2 button = kShotFromPhotoButton;
    double t = 0.1;
    session->handle(event(EventType::PointerMove, t += 0.05, button.x, button.y));
    session->renderImage(1280, 720, 1 / 30.0f);
    sr::platform::InputEvent down = event(EventType::PointerDown, t += 0.05, button.x, button.y);
    session->handle(down);
    session->renderImage(1280, 720, 1 / 30.0f);
    sr::platform::InputEvent up = event(EventType::PointerUp, t += 0.05, button.x, button.y);
    session->handle(up);
    session->renderImage(1280, 720, 1 / 30.0f);

    ASSERT_EQ(session->project().shots.size(), 1u);
    const sr::previs::Shot& shot = session->project().shots[0];
    EXPECT_EQ(shot.name, "Photo doorway");
    EXPECT_EQ(session->selectedShot(), 0);
    EXPECT_LT(glm::length(shot.pose.position - glm::vec3(0.95f, 0.55f, 1.6f)), 1e-5f);
    // Its picture is the photo's: the aspect, the horizontal angle, and the 4-degree roll.
    EXPECT_NEAR(shot.outputAspect, double(kPhotoW) / kPhotoH, 1e-5);
    EXPECT_NEAR(shot.fieldOfView().horizontalDeg, glm::degrees(2.0 * std::atan(kPhotoW / 2.0 / kFocal)),
                0.01);
    const sr::previs::PanTiltRoll head = sr::previs::panTiltRoll(shot.pose.orientation);
    EXPECT_NEAR(head.panDeg, 44.0f, 0.01f);
    EXPECT_NEAR(head.tiltDeg, -9.0f, 0.01f);
    EXPECT_NEAR(std::abs(head.rollDeg), 4.0f, 0.01f);
    EXPECT_GT(shot.focusDistanceM, 1.0f); // on the scan along the photo's axis
    EXPECT_NE(session->status().find("Photo doorway"), std::string::npos) << session->status();
    expectMatches(session->renderImage(1280, 720, 1 / 30.0f), "previs-shot-from-photo");
}

} // namespace
