// stillroom-check's camera-pose checks over a tiny box room written by the test (pose_room_fixture.h):
// poses that fit the scan pass, poses in another frame or unit than the mesh are one error, a
// hotspot naming no photo is an error, and an unreadable pose file is reported while the rest of
// the exhibit is still checked.
#include <gtest/gtest.h>

#include "check_findings.h"

#include <string>

#include <glm/gtc/matrix_transform.hpp>

#include "check/exhibit_check.h"
#include "pose_room_fixture.h"

namespace fs = std::filesystem;
using sr::check::CheckReport;
using sr::check::Finding;
using sr::scene::Severity;

namespace {

CheckReport checkBox(const fs::path& exhibit) { return sr::test::checkFolder(exhibit); }
using sr::test::countFindings;
using sr::test::listFindings;

bool boxImported(const CheckReport& report) {
    return report.rooms.size() == 1 && report.rooms[0].imported && report.rooms[0].triangles == 12;
}

// A rotation taking room space to a +Y-up file frame (the inverse of what "up": "+Y" does).
glm::dmat3 roomToYUp() {
    return glm::dmat3(glm::rotate(glm::dmat4(1.0), glm::radians(-90.0), glm::dvec3(1, 0, 0)));
}

} // namespace

TEST(CheckPoses, PosesThatFitTheScanGiveNoFindings) {
    const fs::path exhibit = sr::test::freshTestFolder("check-poses") / "exhibit";
    sr::test::writeBoxExhibit(exhibit,
                              sr::test::boxManifest(
                                  R"([{"id": "door", "title": "The far wall", "position": [3.9, 1.5, 1.5],
                          "photo_pose": "IMG_1.jpg"}])"));
    const CheckReport report = checkBox(exhibit);
    EXPECT_TRUE(report.findings.empty()) << listFindings(report);
    EXPECT_TRUE(boxImported(report));
}

TEST(CheckPoses, PosesInAnotherFrameThanTheMeshDoNotAgree) {
    const fs::path exhibit = sr::test::freshTestFolder("check-poses") / "exhibit";
    // The poses as a +Y-up tool wrote them, beside a mesh that was turned to +Z afterwards.
    sr::test::writeBoxExhibit(exhibit, sr::test::boxManifest(),
                              sr::test::colmapImages(sr::test::boxCameras(), roomToYUp()));
    const CheckReport report = checkBox(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/box/colmap", "rooms[0].poses",
                            "the poses and the scan do not agree: 5 of 5 photo centres lie outside the scan"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 1u) << listFindings(report);
    // The cameras' mean up says which "up" would fit them.
    EXPECT_EQ(countFindings(report, Severity::Warning, "manifest.json", "rooms[0].up", "\"up\": \"+Y\""), 1u)
        << listFindings(report);
    EXPECT_TRUE(boxImported(report));
}

TEST(CheckPoses, PosesInAnotherUnitThanTheMeshDoNotAgree) {
    const fs::path exhibit = sr::test::freshTestFolder("check-poses") / "exhibit";
    // Poses in centimetres beside a mesh in metres.
    sr::test::writeBoxExhibit(exhibit, sr::test::boxManifest(),
                              sr::test::colmapImages(sr::test::boxCameras(), glm::dmat3(1.0), 100.0));
    const CheckReport report = checkBox(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "rooms/box/colmap", "rooms[0].poses", "\"units\""), 1u)
        << listFindings(report);
    EXPECT_EQ(report.errorCount(), 1u) << listFindings(report);
    EXPECT_EQ(report.warningCount(), 0u) << listFindings(report); // the cameras are still level
}

TEST(CheckPoses, AFewStrayPosesAreWarningsNamingThem) {
    const fs::path exhibit = sr::test::freshTestFolder("check-poses") / "exhibit";
    std::vector<sr::test::BoxCamera> cameras = sr::test::boxCameras();
    cameras[1].centre = {9.0, 1.5, 1.5};  // outside the box, looking back in through the wall
    cameras[2].forward = {0.0, 0.6, 0.8}; // looking up at the ceiling, which it meets: no finding
    sr::test::writeBoxExhibit(exhibit, sr::test::boxManifest(), sr::test::colmapImages(cameras));
    const CheckReport report = checkBox(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Warning, "rooms/box/colmap", "rooms[0].poses",
                            "image 2 'IMG_2.jpg': photo centre lies outside the scan"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.findings.size(), 1u) << listFindings(report);
}

TEST(CheckPoses, HotspotNamingNoPoseIsAnErrorAndAMissingPhotoAWarning) {
    const fs::path exhibit = sr::test::freshTestFolder("check-poses") / "exhibit";
    sr::test::writeBoxExhibit(exhibit, sr::test::boxManifest(R"([
        {"id": "a", "title": "A", "position": [3.9, 1.5, 1.5], "photo_pose": "IMG_9.jpg"},
        {"id": "b", "title": "B", "position": [3.9, 2.0, 1.7], "photo_pose": "IMG_5"}])"));
    const CheckReport report = checkBox(exhibit);
    EXPECT_EQ(countFindings(report, Severity::Error, "manifest.json", "rooms[0].hotspots[0].photo_pose",
                            "no photo named 'IMG_9.jpg'"),
              1u)
        << listFindings(report);
    EXPECT_EQ(countFindings(report, Severity::Warning, "manifest.json", "rooms[0].hotspots[1].photo_pose",
                            "image 5 'IMG_5.jpg'"),
              1u)
        << listFindings(report);
    EXPECT_EQ(report.findings.size(), 2u) << listFindings(report);
}

TEST(CheckPoses, CorruptPoseFileIsAnErrorNamingItAndTheCheckGoesOn) {
    const fs::path exhibit = sr::test::freshTestFolder("check-poses") / "exhibit";
    sr::test::writeBoxExhibit(exhibit, sr::test::boxManifest(), "1 not a quaternion at all\n\n2 0 0\n");
    const CheckReport report = checkBox(exhibit);
    size_t errors = 0;
    for (const Finding& f : report.findings) {
        if (f.severity != Severity::Error) continue;
        ++errors;
        EXPECT_EQ(f.file, "rooms/box/colmap") << listFindings(report);
        EXPECT_EQ(f.jsonPath, "rooms[0].poses");
        EXPECT_NE(f.message.find("cannot read the camera poses"), std::string::npos) << f.message;
        EXPECT_NE(f.message.find("rooms/box/colmap/images.txt: line 1"), std::string::npos) << f.message;
    }
    EXPECT_EQ(errors, 1u) << listFindings(report);
    EXPECT_TRUE(boxImported(report)); // the scan was still imported and checked
}
