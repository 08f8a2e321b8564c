// Flow tests of the previs workspace over the demo bedroom: lenses and fields of view, frame guides
// at 2.39 (references at 1280x720), shots saved to a project file outside the exhibit, keyframed
// moves played back, takes recorded from navigation, a PNG sequence with burn-ins, a contact sheet,
// move exports, the tape measure, walls and rig limits, and `stillroom render --shot/--move`.
// Validation is on and must stay silent.
#include <gtest/gtest.h>

#include "demo_room_fixture.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <sys/wait.h>

#include "app/previs_files.h"
#include "app/previs_mode.h"
#include "previs/camera_pose.h"
#include "test_folder.h"

namespace {
namespace fs = std::filesystem;
using sr::platform::EventType;
namespace keys = sr::platform::keys;
constexpr uint32_t kW = 1280, kH = 720;
constexpr double kStep = 1.0 / 30.0;

// Every file of a folder with its size and modification time.
std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> snapshot(const fs::path& folder) {
    std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file())
            files[entry.path().string()] = {entry.file_size(), entry.last_write_time()};
        else
            files[entry.path().string()] = {0, {}};
    }
    return files;
}

class PrevisFlow : public sr::test::DemoRoomFixture {
protected:
    void SetUp() override {
        mFolder = sr::test::freshTestFolder("previs");
        mBefore = snapshot(SR_DEMO_DIR);
    }
    void TearDown() override {
        mSession.reset();
        EXPECT_EQ(snapshot(SR_DEMO_DIR), mBefore) << "the exhibit folder changed";
        DemoRoomFixture::TearDown();
    }
    sr::app::PrevisSession& open(sr::previs::PrevisProject project = {}) {
        sr::app::PrevisWorkspaceSettings settings;
        settings.projectFile = mFolder / "bedroom.previs.json";
        settings.title = "Rooms, as they were left \xe2\x80\x94 Maya's room";
        settings.ffmpeg = "stillroom-test-no-such-encoder";
        mSession = sr::app::PrevisSession::create(*sRenderer, *sUi, *sSource, *sMesh, std::move(project),
                                                  settings, 0.0);
        mSession->setViewport(kW, kH);
        // Away from the panels, so that nothing is highlighted in the references, and a frame so
        // that the UI knows the pointer is over the room whatever an earlier test left.
        mSession->handle(event(EventType::PointerMove, 0.0, 640, 700));
        mSession->renderImage(kW, kH, float(kStep));
        return *mSession;
    }
    void key(int code, bool down = true) {
        mSession->handle(event(down ? EventType::KeyDown : EventType::KeyUp, mT, 0, 0, code));
    }
    void press(int code) { key(code, true), key(code, false); }
    // Steps the driven clock by `seconds`.
    void run(double seconds) {
        for (const double end = mT + seconds; mT < end - 1e-9;) mSession->update(mT += kStep);
    }
    void hold(int code, double seconds) {
        key(code, true);
        run(seconds);
        key(code, false);
    }
    // A click at (x, y) in window pixels, a frame after each of its events.
    void click(float x, float y) {
        mSession->handle(event(EventType::PointerMove, mT += 0.05, x, y));
        frame();
        mSession->handle(event(EventType::PointerDown, mT += 0.05, x, y));
        frame();
        mSession->handle(event(EventType::PointerUp, mT += 0.05, x, y));
        frame();
        mSession->update(mT);
    }
    sr::core::Image8 frame() {
        mSession->renderImage(kW, kH, float(kStep)); // ImGui lays windows out on the first frame
        return mSession->renderImage(kW, kH, float(kStep));
    }

    fs::path mFolder;
    std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> mBefore;
    std::unique_ptr<sr::app::PrevisSession> mSession;
    double mT = 0.0;
};

TEST_F(PrevisFlow, LensAndSensorSetTheFieldOfView) {
    sr::app::PrevisSession& session = open();
    sr::app::PrevisCamera& camera = session.camera();
    camera.setLens("standard-primes");
    camera.setFocalLength(18.0f);
    const sr::app::PrevisView wide = session.view();
    // Full frame delivering 16:9: the picture is 36 mm wide, so 18 mm sees 2 atan(1) = 90 degrees.
    EXPECT_NEAR(camera.shot().fieldOfView().horizontalDeg, 90.0f, 0.01f);
    // A point in front of the lens: its distance from the picture's centre grows with focal length.
    const glm::vec3 ahead = camera.shot().pose.position +
                            sr::previs::forwardOf(camera.shot().pose.orientation) * 2.0f +
                            sr::previs::rightOf(camera.shot().pose.orientation) * 0.3f;
    const glm::vec2 centre = wide.picture.centre();
    const float wideOffset = glm::length(*sr::app::projectToPixel(wide, ahead) - centre);
    // Scrolling steps through the set's primes: 18 -> 25 -> 32 -> 40 -> 50.
    for (int i = 0; i < 4; ++i) {
        auto wheel = event(EventType::Scroll, 0.1 * i, 640, 360);
        wheel.scrollY = 1.0f;
        session.handle(wheel);
    }
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 50.0f);
    const sr::app::PrevisView tele = session.view();
    EXPECT_NEAR(camera.shot().fieldOfView().horizontalDeg, 39.6f, 0.05f);
    EXPECT_LT(tele.viewportVerticalFovDeg, wide.viewportVerticalFovDeg);
    EXPECT_NEAR(glm::length(*sr::app::projectToPixel(tele, ahead) - centre) / wideOffset, 50.0f / 18.0f,
                0.01f);
    // A zoom takes any length in its range; a prime set snaps to its nearest prime.
    camera.setLens("optimo-24-290");
    camera.setFocalLength(70.0f);
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 70.0f);
    camera.setFocalLength(10.0f);
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 24.0f);
    camera.setLens("master-primes");
    EXPECT_FLOAT_EQ(camera.shot().focalLengthMm, 25.0f);
    // A smaller sensor with the same lens sees less.
    const float fullFrame = camera.shot().fieldOfView().horizontalDeg;
    camera.setSensor(*sr::previs::findSensorPreset("super35"));
    EXPECT_LT(camera.shot().fieldOfView().horizontalDeg, fullFrame);
}

TEST_F(PrevisFlow, FrameGuidesAt239) {
    sr::app::PrevisSession& session = open();
    sr::app::PrevisCamera& camera = session.camera();
    camera.setSensor(*sr::previs::findSensorPreset("alexa-mini-lf"));
    camera.setOutputAspect(2.39f);
    camera.setLens("master-primes");
    camera.setFocalLength(27.0f);
    camera.turn(0.0f, 8.0f, 3.0f); // tilt -6, roll 3: the horizon shows above the centre, tilted
    sr::app::GuideSettings& guides = session.guides();
    guides.frameLines[3] = true; // 1.85
    guides.frameLines[2] = true; // 1.78
    guides.thirds = true;
    const sr::app::PrevisView view = session.view();
    EXPECT_FLOAT_EQ(view.picture.width, 1280.0f);
    EXPECT_NEAR(view.picture.height, 1280.0f / 2.39f, 0.01f);
    EXPECT_NEAR(view.picture.y, (720.0f - 1280.0f / 2.39f) * 0.5f, 0.01f);
    // The lens's vertical angle spans the picture exactly.
    const float lensHalf = std::tan(glm::radians(camera.shot().fieldOfView().verticalDeg) * 0.5f);
    EXPECT_NEAR(std::tan(glm::radians(view.viewportVerticalFovDeg) * 0.5f),
                lensHalf * 720.0f / view.picture.height, 1e-5f);
    session.setPanelsVisible(false);
    expectMatches(frame(), "previs-guides-239");
    // Tab shows the panels again.
    press(keys::kTab);
    EXPECT_TRUE(session.panelsVisible());
    session.guides().focusZones = true;
    session.setTapeActive(true);
    session.tapeClick({560.0f, 600.0f});
    session.tapeClick({760.0f, 560.0f});
    ASSERT_EQ(session.tape().points.size(), 2u);
    expectMatches(frame(), "previs-workspace-239");
}

TEST_F(PrevisFlow, PanelsSaveShotsAndAddKeyframes) {
    sr::app::PrevisSession& session = open();
    // Where the panels put "Save" and "Add keyframe here (K)" at 1280x720.
    frame();
    click(997.0f, 135.0f);
    ASSERT_EQ(session.project().shots.size(), 1u);
    EXPECT_EQ(session.selectedShot(), 0);
    click(1095.0f, 305.0f); // below the selected shot's name
    ASSERT_NE(session.moves().move(), nullptr);
    EXPECT_EQ(session.moves().move()->keyframes.size(), 1u);
    EXPECT_EQ(session.moves().move()->shot, "Shot 1");
    // A click on a panel never reaches the room: the camera did not turn.
    EXPECT_FALSE(session.tape().active);
}

TEST_F(PrevisFlow, ShotsAndMovesAreNamedByTyping) {
    sr::app::PrevisSession& session = open();
    // Ctrl+A, then `text` typed, then Enter; a frame after each step (ImGui takes all the characters
    // queued before a frame in that frame).
    const auto selectAllAndType = [&](const std::u32string& text) {
        const auto step = [&] { session.renderImage(kW, kH, float(kStep)); };
        auto ctrlA = event(EventType::KeyDown, mT += 0.02, 0, 0, 'A');
        ctrlA.mods = keys::kModControl;
        session.handle(ctrlA);
        step();
        session.handle(event(EventType::KeyUp, mT += 0.02, 0, 0, 'A'));
        for (char32_t c : text) {
            auto typed = event(EventType::Text, mT += 0.02, 0, 0);
            typed.key = int(c);
            session.handle(typed);
        }
        step();
        session.handle(event(EventType::KeyDown, mT += 0.02, 0, 0, keys::kEnter));
        step();
        session.handle(event(EventType::KeyUp, mT += 0.02, 0, 0, keys::kEnter));
        step();
        session.update(mT);
    };
    // Where the panels put things at 1280x720 once a shot is selected and a move is current.
    const glm::vec2 save(997, 135), shotName(1133, 167), addKeyframe(1095, 305), moveName(1133, 305);
    frame();
    click(save.x, save.y);
    ASSERT_EQ(session.project().shots.size(), 1u);
    EXPECT_EQ(session.project().shots[0].name, "Shot 1");

    // Keys pressed while the name is being edited are the field's: the camera stays where it is.
    click(shotName.x, shotName.y);
    const glm::vec3 before = session.camera().shot().pose.position;
    hold('W', 1.0);
    EXPECT_EQ(session.camera().shot().pose.position, before);
    selectAllAndType(U"Kitchen wide \u2014 1"); // an em dash: UTF-8 in the project
    EXPECT_EQ(session.project().shots[0].name, "Kitchen wide \xe2\x80\x94 1");
    EXPECT_NE(session.status().find("Renamed Shot 1 to Kitchen wide"), std::string::npos) << session.status();
    // Once the field is left (ImGui says so a frame later), W walks again.
    frame();
    hold('W', 0.5);
    EXPECT_NE(session.camera().shot().pose.position, before);

    // A move made with the shot, renamed; renaming the shot again follows into the move.
    click(addKeyframe.x, addKeyframe.y);
    ASSERT_NE(session.moves().move(), nullptr);
    EXPECT_EQ(session.moves().move()->name, "Move 1");
    click(moveName.x, moveName.y);
    selectAllAndType(U"  Push in  ");
    EXPECT_EQ(session.moves().move()->name, "Push in");
    click(shotName.x, shotName.y);
    selectAllAndType(U"Wide");
    EXPECT_EQ(session.project().shots[0].name, "Wide");
    EXPECT_EQ(session.moves().move()->shot, "Wide");

    // Refused, saying why: another shot's name, and no name at all.
    click(save.x, save.y);
    ASSERT_EQ(session.project().shots.size(), 2u);
    EXPECT_EQ(session.selectedShot(), 1);
    click(shotName.x, shotName.y);
    selectAllAndType(U"Wide");
    EXPECT_EQ(session.project().shots[1].name, "Shot 2");
    EXPECT_NE(session.status().find("already a shot called Wide"), std::string::npos) << session.status();
    click(shotName.x, shotName.y);
    selectAllAndType(U"   ");
    EXPECT_EQ(session.project().shots[1].name, "Shot 2");
    EXPECT_NE(session.status().find("needs a name"), std::string::npos) << session.status();

    ASSERT_TRUE(session.saveProject().ok());
    auto loaded = sr::previs::loadPrevisProject(session.settings().projectFile);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    ASSERT_EQ(loaded->project.shots.size(), 2u);
    EXPECT_EQ(loaded->project.shots[0].name, "Wide");
    ASSERT_EQ(loaded->project.moves.size(), 1u);
    EXPECT_EQ(loaded->project.moves[0].name, "Push in");
    EXPECT_EQ(loaded->project.moves[0].shot, "Wide");
}

TEST_F(PrevisFlow, TapeMeasureSnapsToTheScan) {
    sr::app::PrevisSession& session = open();
    session.setPanelsVisible(false);
    press('T');
    EXPECT_TRUE(session.tape().active);
    for (const glm::vec2 p : {glm::vec2(500, 620), glm::vec2(900, 500)}) {
        session.handle(event(EventType::PointerDown, mT += 0.1, p.x, p.y));
        session.handle(event(EventType::PointerUp, mT += 0.1, p.x, p.y));
    }
    ASSERT_EQ(session.tape().points.size(), 2u);
    const sr::view::MeshBvh bvh(*sMesh);
    for (const glm::vec3& point : session.tape().points) {
        const auto contact = bvh.closestPoint(point, 0.01f);
        ASSERT_TRUE(contact.has_value());
        EXPECT_LT(contact->distance, 1e-3f);
    }
    const float metres = glm::distance(session.tape().points[0], session.tape().points[1]);
    EXPECT_NE(session.status().find(sr::app::formatDistance(metres)), std::string::npos) << session.status();
    EXPECT_EQ(sr::app::formatDistance(1.0f), "1.00 m (3 ft 3.4 in)");
    EXPECT_EQ(sr::app::formatDistance(2.4384f), "2.44 m (8 ft 0.0 in)");
    press(keys::kEscape);
    EXPECT_FALSE(session.tape().active);
    EXPECT_FALSE(session.quitRequested());
}

TEST_F(PrevisFlow, WallsStopTheCameraAndTheTripodKeepsItsHeight) {
    sr::app::PrevisSession& session = open();
    sr::app::PrevisCamera& camera = session.camera();
    const sr::view::MeshBvh bvh(*sMesh);
    const glm::vec3 start = camera.shot().pose.position;
    hold('W', 12.0); // far more than the room is deep
    const glm::vec3 end = camera.shot().pose.position;
    EXPECT_GT(glm::distance(start, end), 0.5f);
    EXPECT_FALSE(bvh.anyHit(start, end));
    EXPECT_FALSE(bvh.closestPoint(end, sr::app::PrevisCamera::kBodyRadiusM * 0.9f).has_value());
    // On a tripod the lens stays within its heights above the floor, however long E is held.
    sr::previs::Rig rig;
    rig.kind = sr::previs::RigKind::Tripod;
    ASSERT_TRUE(camera.floorHeight().has_value());
    rig.tripod.floorZ = *camera.floorHeight();
    rig.tripod.minHeightM = 0.8f;
    rig.tripod.maxHeightM = 1.2f;
    camera.setRig(rig);
    EXPECT_NEAR(*camera.heightAboveFloor(), 1.2f, 2e-3f);
    hold('Q', 3.0);
    EXPECT_NEAR(*camera.heightAboveFloor(), 0.8f, 2e-3f);
    hold('E', 3.0);
    EXPECT_NEAR(*camera.heightAboveFloor(), 1.2f, 2e-3f);
}

TEST_F(PrevisFlow, ShotsAreSavedToAProjectOutsideTheExhibit) {
    sr::app::PrevisSession& session = open();
    session.camera().setLens("cooke-s4i");
    session.camera().setFocalLength(40.0f);
    press(keys::kEnter);
    hold('A', 1.0);
    press(keys::kEnter);
    ASSERT_EQ(session.project().shots.size(), 2u);
    EXPECT_EQ(session.project().shots[0].name, "Shot 1");
    EXPECT_EQ(session.project().shots[1].name, "Shot 2");
    run(0.5); // saved as it goes
    auto loaded = sr::previs::loadPrevisProject(session.settings().projectFile);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    ASSERT_EQ(loaded->project.shots.size(), 2u);
    EXPECT_EQ(loaded->project.shots[0].lensId, "cooke-s4i");
    EXPECT_FLOAT_EQ(loaded->project.shots[0].focalLengthMm, 40.0f);
    EXPECT_LT(glm::distance(loaded->project.shots[1].pose.position, session.camera().shot().pose.position),
              1e-5f);
    // Recalling the first shot puts the camera back.
    press('1');
    EXPECT_LT(glm::distance(session.camera().shot().pose.position, loaded->project.shots[0].pose.position),
              1e-5f);

    // Project files live outside the exhibit: the default under the state folder; inside is refused.
    const fs::path demo = SR_DEMO_DIR;
    EXPECT_FALSE(sr::app::checkProjectOutsideExhibit(demo, demo / "rooms" / "mine.previs.json").ok());
    EXPECT_FALSE(sr::app::previsProjectFor(demo, "", demo / "mine.previs.json").ok());
    EXPECT_TRUE(sr::app::checkProjectOutsideExhibit(demo, mFolder / "mine.previs.json").ok());
    const char* old = std::getenv("STILLROOM_STATE_DIR");
    const std::string saved = old ? old : "";
    setenv("STILLROOM_STATE_DIR", (mFolder / "state").c_str(), 1);
    const auto path = sr::app::previsProjectFor(demo, "", {});
    const auto landing = sr::app::previsProjectFor(demo, "landing", {});
    old ? setenv("STILLROOM_STATE_DIR", saved.c_str(), 1) : unsetenv("STILLROOM_STATE_DIR");
    ASSERT_TRUE(path.ok());
    EXPECT_EQ(*path, mFolder / "state" / "previs" / (fs::path(demo).filename().string() + ".previs.json"));
    EXPECT_EQ(landing->filename().string(), fs::path(demo).filename().string() + ".landing.previs.json");
}

TEST_F(PrevisFlow, KeyframesMakeAMoveThatPlaysBack) {
    sr::app::PrevisSession& session = open();
    press('K');
    const glm::vec3 first = session.camera().shot().pose.position;
    hold('D', 1.0); // truck right
    hold(keys::kLeft, 0.5);
    press('K');
    const glm::vec3 second = session.camera().shot().pose.position;
    const float secondPan = session.camera().angles().panDeg;
    hold('W', 0.5);
    press('K');
    const sr::previs::CameraMove* move = session.moves().move();
    ASSERT_NE(move, nullptr);
    ASSERT_EQ(move->keyframes.size(), 3u);
    EXPECT_DOUBLE_EQ(move->keyframes[1].timeS, 2.0);
    EXPECT_GT(glm::distance(first, second), 0.5f);
    // Retime the middle keyframe; a time out of order is refused.
    EXPECT_TRUE(session.moves().setKeyframeTime(1, 1.5));
    EXPECT_FALSE(session.moves().setKeyframeTime(1, 4.5));
    // Space plays from the start: the camera goes through the keyframes at their times.
    press(keys::kSpace);
    EXPECT_TRUE(session.moves().playing());
    run(1.5);
    EXPECT_LT(glm::distance(session.camera().shot().pose.position, second), 0.02f);
    EXPECT_NEAR(session.camera().angles().panDeg, secondPan, 0.5f);
    run(3.0);
    EXPECT_FALSE(session.moves().playing());
    EXPECT_LT(glm::distance(session.camera().shot().pose.position, move->keyframes[2].position), 1e-4f);
    // Scrubbing shows any time; moving the camera by hand leaves the move.
    session.moves().scrub(0.0);
    run(kStep);
    EXPECT_LT(glm::distance(session.camera().shot().pose.position, first), 1e-4f);
    hold('S', 0.2);
    EXPECT_FALSE(session.moves().following());
}

TEST_F(PrevisFlow, TakesAreRecordedFromNavigation) {
    sr::app::PrevisSession& session = open();
    press('R');
    EXPECT_TRUE(session.moves().recording());
    hold('D', 1.0);
    hold(keys::kRight, 1.0);
    press('R');
    EXPECT_FALSE(session.moves().recording());
    const sr::previs::CameraMove* take = session.moves().move();
    ASSERT_NE(take, nullptr);
    EXPECT_EQ(take->name, "Take 1");
    EXPECT_GE(take->keyframes.size(), 10u);
    ASSERT_NE(session.moves().path(), nullptr);
    EXPECT_NEAR(session.moves().path()->duration(), 2.0, 0.05);
    const sr::previs::MoveSample end = session.moves().path()->evaluate(2.0);
    EXPECT_LT(glm::distance(end.position, session.camera().shot().pose.position), 1e-3f);
    run(0.5);
    auto loaded = sr::previs::loadPrevisProject(session.settings().projectFile);
    ASSERT_TRUE(loaded.ok());
    ASSERT_EQ(loaded->project.moves.size(), 1u);
    EXPECT_EQ(loaded->project.moves[0].keyframes.size(), take->keyframes.size());
}

TEST_F(PrevisFlow, RendersASequenceWithBurnInAContactSheetAndExports) {
    sr::previs::PrevisProject project;
    sr::app::PrevisSession& session = open(project);
    session.camera().setSensor(*sr::previs::findSensorPreset("alexa-35"));
    session.camera().setOutputAspect(1.85f);
    session.camera().setLens("cooke-s4i");
    session.camera().setFocalLength(25.0f);
    press(keys::kEnter);
    press('K');
    hold('W', 0.3);
    hold(keys::kRight, 0.3);
    press('K');
    session.camera().setFocalLength(32.0f);
    press(keys::kEnter);
    ASSERT_TRUE(session.moves().setKeyframeTime(1, 2.0 / 24.0)); // three frames at 24 fps
    hold('A', 0.5);
    session.camera().setOutputAspect(2.39f);
    press(keys::kEnter);

    sr::app::OutputSettings& output = session.output();
    output.width = 960;
    output.height = 540;
    output.burnIn = true;
    output.mp4 = true;
    ASSERT_TRUE(session.startMoveRender().ok()) << session.status();
    ASSERT_TRUE(session.finishMoveRender().ok()) << session.status();
    const std::vector<fs::path>& frames = session.lastOutputs();
    ASSERT_EQ(frames.size(), 3u);
    EXPECT_EQ(frames[2].filename(), "Move_1.0003.png");
    auto second = sr::core::readPng(frames[1]);
    ASSERT_TRUE(second.ok());
    expectMatches(*second, "previs-sequence-frame-2");
    // Without ffmpeg the frames are still there and the status says why there is no MP4.
    EXPECT_NE(session.status().find("is not installed, so no MP4 was made"), std::string::npos)
        << session.status();

    ASSERT_TRUE(session.renderContactSheet().ok()) << session.status();
    auto sheet = sr::core::readPng(session.lastOutputs().at(0));
    ASSERT_TRUE(sheet.ok());
    expectMatches(*sheet, "previs-contact-sheet");

    for (auto format : {sr::previs::MoveExportFormat::Gltf, sr::previs::MoveExportFormat::Csv}) {
        output.exportFormat = format;
        ASSERT_TRUE(session.exportMove().ok()) << session.status();
        EXPECT_TRUE(fs::exists(session.lastOutputs().at(0)));
    }
    EXPECT_TRUE(fs::exists(mFolder / "bedroom-output" / "Move_1.bin"));
    for (const fs::path& file :
         {mFolder / "bedroom-output" / "Move_1.gltf", mFolder / "bedroom-output" / "Move_1.csv"})
        EXPECT_TRUE(fs::exists(file)) << file;
}

TEST_F(PrevisFlow, ATwentyFourFrameMoveRendersToAPngSequenceHeadless) {
    sr::previs::PrevisProject project;
    sr::app::PrevisSession& session = open(project);
    press('K');
    hold('W', 0.5);
    hold(keys::kLeft, 0.4);
    press('K');
    ASSERT_TRUE(session.moves().setKeyframeTime(1, 23.0 / 24.0)); // frames 1..24 at 24 fps
    sr::app::OutputSettings& output = session.output();
    output.width = 320;
    output.height = 180;
    output.burnIn = true;
    output.mp4 = false;
    ASSERT_TRUE(session.startMoveRender().ok()) << session.status();
    ASSERT_TRUE(session.finishMoveRender().ok()) << session.status();
    const std::vector<fs::path>& frames = session.lastOutputs();
    ASSERT_EQ(frames.size(), 24u);
    EXPECT_EQ(frames.front().filename(), "Move_1.0001.png");
    EXPECT_EQ(frames.back().filename(), "Move_1.0024.png");
    std::vector<sr::core::Image8> images;
    for (const fs::path& frame : frames) {
        auto image = sr::core::readPng(frame);
        ASSERT_TRUE(image.ok()) << frame;
        EXPECT_EQ(image->width, 320u);
        EXPECT_EQ(image->height, 180u);
        images.push_back(std::move(image).value());
    }
    // The camera moves through the sequence: neighbouring frames differ, the ends differ most.
    auto difference = [](const sr::core::Image8& a, const sr::core::Image8& b) {
        size_t changed = 0;
        for (size_t i = 0; i < a.pixels.size(); i += 4)
            changed += std::abs(int(a.pixels[i]) - int(b.pixels[i])) > 8;
        return changed;
    };
    EXPECT_GT(difference(images[0], images[12]), 0u);
    EXPECT_GT(difference(images[0], images[23]), difference(images[0], images[1]));
}

// `stillroom render`, built beside this test binary: build/<preset>/tools/stillroom/.
struct ProgramRun {
    int exitCode = -1;
    std::string output;
};
ProgramRun runStillroom(const std::string& arguments) {
    const fs::path self = fs::read_symlink("/proc/self/exe");
    const fs::path program =
        self.parent_path().parent_path().parent_path() / "tools" / "stillroom" / "stillroom";
    EXPECT_TRUE(fs::exists(program)) << "build the stillroom target: " << program;
    ProgramRun run;
    FILE* pipe = popen((program.string() + " " + arguments + " 2>&1").c_str(), "r");
    if (!pipe) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

TEST_F(PrevisFlow, RenderCommandRendersSavedShotsAndMoves) {
    sr::app::PrevisSession& session = open();
    session.camera().setOutputAspect(2.39f);
    press(keys::kEnter);
    press('K');
    hold('W', 0.5);
    press('K');
    ASSERT_TRUE(session.moves().setKeyframeTime(1, 0.5));
    ASSERT_TRUE(session.saveProject().ok());
    const std::string exhibit = std::string("'") + SR_DEMO_DIR + "'";
    const std::string project = " --project '" + session.settings().projectFile.string() + "'";

    const fs::path still = mFolder / "shot-1.png";
    ProgramRun run = runStillroom("render " + exhibit + " --shot 'Shot 1'" + project +
                                  " --size 1024x428 --burn-in --validation --out '" + still.string() + "'");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    auto image = sr::core::readPng(still);
    ASSERT_TRUE(image.ok()) << run.output;
    EXPECT_EQ(image->width, 1024u);
    EXPECT_EQ(image->height, 428u);

    run = runStillroom("render " + exhibit + " --move 'Move 1'" + project +
                       " --size 320x180 --fps 8 --out '" + (mFolder / "frames").string() + "'");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_TRUE(fs::exists(mFolder / "frames" / "Move_1.0005.png"))
        << run.output; // 0.5 s at 8 fps: frames 0..4
    EXPECT_FALSE(fs::exists(mFolder / "frames" / "Move_1.0006.png"));

    run = runStillroom("render " + exhibit + " --shot 'No such shot'" + project + " --out '" +
                       (mFolder / "x.png").string() + "'");
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.output.find("no shot 'No such shot'; shots: 'Shot 1'"), std::string::npos) << run.output;

    const fs::path inside = fs::path(SR_DEMO_DIR) / "mine.previs.json";
    run = runStillroom("render " + exhibit + " --shot 'Shot 1' --project '" + inside.string() + "' --out '" +
                       (mFolder / "y.png").string() + "'");
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.output.find("inside the exhibit folder"), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(mFolder / "y.png"));
}

} // namespace
