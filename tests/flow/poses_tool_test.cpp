// stillroom-poses over a tiny box room written by the test (pose_room_fixture.h): the calibration
// it reads from the poses, the two-point scale, and photo hotspots that load back as a manifest.
// Most tests call the library; the last runs the program for its exit codes and --output.
#include <gtest/gtest.h>

#include "vec_near.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "poses/photo_hotspots.h"
#include "poses/pose_info.h"
#include "poses/pose_scale.h"
#include "pose_room_fixture.h"
#include "scene/manifest.h"

namespace fs = std::filesystem;
using namespace sr::poses;
using Json = nlohmann::json;

namespace {

fs::path boxExhibit(const std::string& hotspots = "[]", const std::string& units = "\"m\"",
                    const std::string& images = sr::test::colmapImages(sr::test::boxCameras())) {
    const fs::path exhibit = sr::test::freshTestFolder("poses-tool") / "exhibit";
    sr::test::writeBoxExhibit(exhibit, sr::test::boxManifest(hotspots, "+Z", units), images);
    return exhibit;
}

glm::dvec3 point(const Json& array) {
    return {array[0].get<double>(), array[1].get<double>(), array[2].get<double>()};
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(PosesTool, InfoGivesTheCalibrationOfAnExhibitRoom) {
    auto info = describePoses({boxExhibit(), "box", {}, {}, {}});
    ASSERT_TRUE(info.ok()) << info.error().describe();
    EXPECT_EQ(info->poses, "rooms/box/colmap");
    EXPECT_EQ(info->format, "colmap-text");
    EXPECT_EQ(info->count, 5u);
    EXPECT_TRUE(info->skipped.empty());
    // Level cameras: the mean up is +Z in the file and the room; the floor lies the walk's eye
    // height (1.5 m) below the median camera height (1.6 m).
    ASSERT_TRUE(info->meanUpRoom.has_value());
    EXPECT_VEC_NEAR(*info->meanUpRoom, glm::dvec3(0, 0, 1), 1e-9);
    EXPECT_VEC_NEAR(*info->meanUpFile, glm::dvec3(0, 0, 1), 1e-9);
    EXPECT_NEAR(info->upAngleDeg, 0.0, 1e-5);
    EXPECT_EQ(info->nearestUp, sr::asset::UpAxis::PosZ);
    ASSERT_TRUE(info->floorZ.has_value());
    EXPECT_NEAR(*info->floorZ, 0.1, 1e-6);
    EXPECT_VEC_NEAR(info->centresMin, glm::dvec3(1.0, 1.0, 1.5), 1e-9);
    EXPECT_VEC_NEAR(info->centresMax, glm::dvec3(3.0, 2.0, 1.7), 1e-9);

    const std::string text = formatPoseInfo(*info);
    EXPECT_NE(text.find("rooms/box/colmap (colmap-text): 5 poses, 0 skipped"), std::string::npos) << text;
    EXPECT_NE(text.find("suggested floor: z = 0.100 m"), std::string::npos) << text;
    const Json json = Json::parse(formatPoseInfoJson(*info));
    EXPECT_EQ(json["count"], 5);
    EXPECT_EQ(json["up"], "+Z");
    EXPECT_EQ(json["units"], 1.0);
    EXPECT_EQ(json["mean_up"]["nearest_up"], "+Z");
    EXPECT_DOUBLE_EQ(json["floor_z"].get<double>(), 0.1);
    EXPECT_VEC_NEAR(point(json["centres"]["max"]), glm::dvec3(3.0, 2.0, 1.7), 1e-12);
}

TEST(PosesTool, InfoOfABarePoseFolderSaysWhichUpFits) {
    // Poses of a +Y-up tool in centimetres, read as the manifest's "up": "+Y", "units": "cm" would.
    const glm::dmat3 roomToYUp(glm::rotate(glm::dmat4(1.0), glm::radians(-90.0), glm::dvec3(1, 0, 0)));
    const fs::path model = sr::test::freshTestFolder("poses-tool") / "colmap";
    sr::test::writeBytes(model / "cameras.txt", sr::test::kColmapCameras);
    sr::test::writeBytes(model / "images.txt",
                         sr::test::colmapImages(sr::test::boxCameras(), roomToYUp, 100.0));
    auto info = describePoses({model, "", sr::asset::UpAxis::PosY, 0.01f, {}});
    ASSERT_TRUE(info.ok()) << info.error().describe();
    EXPECT_VEC_NEAR(*info->meanUpFile, glm::dvec3(0, 1, 0), 1e-9);
    EXPECT_VEC_NEAR(*info->meanUpRoom, glm::dvec3(0, 0, 1), 1e-9);
    EXPECT_EQ(info->nearestUp, sr::asset::UpAxis::PosY);
    EXPECT_NEAR(*info->floorZ, 0.0, 1e-6); // 1.6 m median less the default eye height, 1.6 m
    EXPECT_VEC_NEAR(info->centresMin, glm::dvec3(1.0, 1.0, 1.5), 1e-6);

    // Read as +Z, the same poses lie on their side: the mean up is 90 degrees off, nearest +Y.
    auto asZ = describePoses({model, "", sr::asset::UpAxis::PosZ, 0.01f, {}});
    ASSERT_TRUE(asZ.ok()) << asZ.error().describe();
    EXPECT_NEAR(asZ->upAngleDeg, 90.0, 1e-6);
    EXPECT_EQ(asZ->nearestUp, sr::asset::UpAxis::PosY);
    EXPECT_NE(formatPoseInfo(*asZ).find("the scan may lie on its side"), std::string::npos);
}

TEST(PosesTool, ScaleFromTwoPoints) {
    auto a = parsePoint("0,0,0"), b = parsePoint(" 3, 4 ,0");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_FALSE(parsePoint("1,2").ok());
    EXPECT_FALSE(parsePoint("1,2,3,4").ok());
    EXPECT_FALSE(parsePoint("1,nan,3").ok());
    auto result = measureScale({{boxExhibit(), "box", {}, {}, {}}, 10.0, {{*a, *b}}, {}});
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_DOUBLE_EQ(result->fileDistance, 5.0);
    EXPECT_DOUBLE_EQ(result->metresPerUnit, 2.0);
    EXPECT_DOUBLE_EQ(result->currentLength, 5.0);
    const std::string text = formatScale(*result);
    EXPECT_NE(text.find("distance: 5 file units"), std::string::npos) << text;
    EXPECT_NE(text.find("\"units\": 2\n"), std::string::npos) << text;
    EXPECT_NE(text.find("the current \"units\": \"m\" makes it 5 m"), std::string::npos) << text;

    EXPECT_FALSE(measureScale({{boxExhibit(), "box", {}, {}, {}}, 1.0, {{*a, *a}}, {}}).ok());
    EXPECT_FALSE(measureScale({{boxExhibit(), "box", {}, {}, {}}, -1.0, {{*a, *b}}, {}}).ok());
}

TEST(PosesTool, ScaleFromTwoPhotos) {
    // Poses in centimetres; IMG_1 and IMG_2 stand 2 m apart, 200 file units. A tape says 2.2 m.
    const fs::path exhibit =
        boxExhibit("[]", "\"cm\"", sr::test::colmapImages(sr::test::boxCameras(), glm::dmat3(1.0), 100.0));
    auto result = measureScale({{exhibit, "box", {}, {}, {}}, 2.2, {}, {{"IMG_1", "IMG_2.jpg"}}});
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_NEAR(result->fileDistance, 200.0, 1e-9);
    EXPECT_NEAR(result->metresPerUnit, 0.011, 1e-12);
    EXPECT_NEAR(result->currentLength, 2.0, 1e-6);
    EXPECT_VEC_NEAR(result->ends[0], glm::dvec3(100, 150, 150), 1e-9);
    const std::string text = formatScale(*result);
    EXPECT_NE(text.find("\"units\": 0.011\n"), std::string::npos) << text;
    EXPECT_NE(text.find("the current \"units\": \"cm\" makes it 2 m"), std::string::npos) << text;

    auto unknown = measureScale({{exhibit, "box", {}, {}, {}}, 2.2, {}, {{"IMG_1", "IMG_77"}}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("'IMG_77'"), std::string::npos) << unknown.error().describe();
}

TEST(PosesTool, HotspotsLandOnTheWallsTheCamerasFaceAndLoadAsAManifest) {
    // The room has a hotspot called photo-IMG_1 already: the new one is numbered.
    const std::string existing = R"([{"id": "photo-IMG_1", "title": "Mine", "position": [2, 1.5, 0.1]}])";
    const fs::path exhibit = boxExhibit(existing);
    auto made = makePhotoHotspots({{exhibit, "box", {}, {}, {}}, {}});
    ASSERT_TRUE(made.ok()) << made.error().describe();
    EXPECT_TRUE(made->errors.empty());
    ASSERT_EQ(made->warnings.size(), 1u); // IMG_5 has no photo: left out
    EXPECT_NE(made->warnings[0].find("IMG_5.jpg"), std::string::npos) << made->warnings[0];
    const Json hotspots = Json::parse(made->json);
    ASSERT_EQ(hotspots.size(), 4u) << made->json;
    const std::vector<std::string> ids{"photo-IMG_1-2", "photo-IMG_2", "photo-IMG_3", "photo-IMG_4"};
    const std::vector<glm::dvec3> walls{{4, 1.5, 1.5}, {0, 1.5, 1.5}, {2, 3, 1.6}, {2, 0, 1.6}};
    const std::vector<double> radii{0.12, 0.12, 0.08, 0.08}; // 4% of 3 m and 2 m
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(hotspots[i]["id"], ids[i]);
        EXPECT_VEC_NEAR(point(hotspots[i]["position"]), walls[i], 1e-3);
        EXPECT_NEAR(hotspots[i]["radius"].get<double>(), radii[i], 1e-3);
        EXPECT_EQ(hotspots[i]["title"], "");
        EXPECT_EQ(hotspots[i]["photo_pose"], "IMG_" + std::to_string(i + 1) + ".jpg");
    }
    // Pasted into the room's "hotspots", they load without an error and name their photos.
    const std::string manifest = sr::test::boxManifest(made->json);
    auto loaded = sr::scene::loadExhibitFromText(
        {reinterpret_cast<const uint8_t*>(manifest.data()), manifest.size()}, exhibit);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    for (const auto& problem : loaded->problems)
        EXPECT_NE(problem.severity, sr::scene::Severity::Error) << problem.describe();
    ASSERT_EQ(loaded->exhibit.rooms.size(), 1u);
    const auto& loadedSpots = loaded->exhibit.rooms[0].hotspots;
    ASSERT_EQ(loadedSpots.size(), 4u);
    EXPECT_EQ(loadedSpots[2].photoPose, "IMG_3.jpg");
    EXPECT_NEAR(loadedSpots[2].position.y, 3.0f, 1e-3f);
}

TEST(PosesTool, HotspotOfACameraLookingAtNothingIsWrittenWithAWarning) {
    std::vector<sr::test::BoxCamera> cameras = sr::test::boxCameras();
    cameras[0].centre = {9.0, 1.5, 1.5}; // outside the box, looking away from it
    const fs::path exhibit = boxExhibit("[]", "\"m\"", sr::test::colmapImages(cameras));
    auto made = makePhotoHotspots({{exhibit, "box", {}, {}, {}}, {"IMG_1.jpg", "IMG_NONE.jpg", "IMG_2.jpg"}});
    ASSERT_TRUE(made.ok()) << made.error().describe();
    ASSERT_EQ(made->errors.size(), 1u);
    EXPECT_NE(made->errors[0].find("'IMG_NONE.jpg'"), std::string::npos) << made->errors[0];
    ASSERT_EQ(made->warnings.size(), 1u);
    EXPECT_NE(made->warnings[0].find("meets no surface"), std::string::npos) << made->warnings[0];
    const Json hotspots = Json::parse(made->json);
    ASSERT_EQ(hotspots.size(), 2u);
    EXPECT_VEC_NEAR(point(hotspots[0]["position"]), glm::dvec3(10.5, 1.5, 1.5), 1e-3);
    EXPECT_VEC_NEAR(point(hotspots[1]["position"]), glm::dvec3(0, 1.5, 1.5), 1e-3);
}

TEST(PosesTool, ErrorsNameTheFile) {
    const fs::path exhibit = boxExhibit();
    auto room = describePoses({exhibit, "attic", {}, {}, {}});
    ASSERT_FALSE(room.ok());
    EXPECT_NE(room.error().describe().find("manifest.json: no room 'attic' (the exhibit has: box)"),
              std::string::npos)
        << room.error().describe();
    EXPECT_FALSE(describePoses({exhibit, "", {}, {}, {}}).ok());
    EXPECT_FALSE(describePoses({exhibit / "nowhere", "box", {}, {}, {}}).ok());

    sr::test::writeBytes(exhibit / "rooms/box/colmap/images.txt", "1 2 3\n");
    auto corrupt = makePhotoHotspots({{exhibit, "box", {}, {}, {}}, {}});
    ASSERT_FALSE(corrupt.ok());
    EXPECT_NE(corrupt.error().describe().find("images.txt"), std::string::npos) << corrupt.error().describe();

    std::string manifest = sr::test::boxManifest();
    manifest.replace(manifest.find("\"poses\""), std::string("\"poses\"").size(), "\"_poses\"");
    sr::test::writeBytes(exhibit / "manifest.json", manifest);
    auto none = describePoses({exhibit, "box", {}, {}, {}});
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("room 'box' has no \"poses\""), std::string::npos)
        << none.error().describe();
}

TEST(PosesTool, ProgramRefusesToOverwriteAndExitsNonZeroOnAnUnknownPhoto) {
    const fs::path exhibit = boxExhibit();
    const fs::path self = fs::read_symlink("/proc/self/exe");
    const fs::path program = self.parent_path().parent_path().parent_path() / "tools/poses/stillroom-poses";
    ASSERT_TRUE(fs::exists(program)) << "build the stillroom-poses target: " << program;
    const auto run = [&](const std::string& arguments) {
        const int status = std::system((program.string() + " " + arguments + " >/dev/null 2>&1").c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    const fs::path output = exhibit.parent_path() / "hotspots.json";
    const std::string room = exhibit.string() + " --room box";
    EXPECT_EQ(run("hotspots " + room + " --photos IMG_1,IMG_2 --output " + output.string()), 0);
    EXPECT_EQ(Json::parse(readText(output)).size(), 2u);
    sr::test::writeBytes(output, "kept");
    EXPECT_NE(run("hotspots " + room + " --output " + output.string()), 0);
    EXPECT_EQ(readText(output), "kept");
    EXPECT_EQ(run("hotspots " + room + " --photos IMG_1,IMG_NONE"), 1);
    EXPECT_EQ(run("hotspots " + room + " --room attic"), 2);
    EXPECT_EQ(run("info " + room + " --json"), 0);
    EXPECT_EQ(run("scale " + room + " --length 2 --points 0,0,0 1,0,0"), 0);
}
