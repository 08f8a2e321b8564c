// stillroom-poses on a real, third-party scan (SR_TESTDATA; skips when the data is absent): the
// photo hotspots of the OpenMVS sample (Chateau de Sceaux, an exterior scan whose file frame has
// -Z up) land on the facade each photo shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "asset/import.h"
#include "poses/photo_hotspots.h"
#include "test_folder.h"
#include "view/bvh.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSceaux = fs::path(SR_TESTDATA) / "sceaux-openmvs";

// A copy, not a link: an exhibit refuses symbolic links that lead out of it, and a hard link would
// share the data's files with a folder that tests write into.
void copyInto(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

} // namespace

TEST(PosesToolRealdata, SceauxPhotoHotspotsLandOnTheFacade) {
    if (!fs::exists(kSceaux / "scene_mesh.ply")) GTEST_SKIP() << "test data absent: " << kSceaux;
    const fs::path exhibit = sr::test::freshTestFolder("poses-tool-realdata") / "exhibit";
    copyInto(kSceaux / "scene_mesh.ply", exhibit / "scene_mesh.ply");
    copyInto(kSceaux / "cameras_from_scene_mvs.txt", exhibit / "cameras_from_scene_mvs.txt");
    size_t photos = 0;
    for (const auto& entry : fs::directory_iterator(kSceaux / "images")) {
        copyInto(entry.path(), exhibit / "images" / entry.path().filename());
        ++photos;
    }
    sr::test::writeBytes(exhibit / "manifest.json", R"({
  "format": "stillroom-exhibit/1",
  "title": "Sceaux",
  "rooms": [{"id": "sceaux", "title": "Sceaux", "mesh": "scene_mesh.ply", "up": "-Z", "units": "m",
             "poses": "cameras_from_scene_mvs.txt"}]
})");

    auto made = sr::poses::makePhotoHotspots({{exhibit, "sceaux", {}, {}, {}}, {}});
    ASSERT_TRUE(made.ok()) << made.error().describe();
    EXPECT_TRUE(made->errors.empty());
    // Image 10's photo is not in the sample: left out, with a warning; no axis misses the building.
    ASSERT_EQ(made->warnings.size(), 1u) << made->warnings[0];
    EXPECT_NE(made->warnings[0].find("images/00010.jpg"), std::string::npos) << made->warnings[0];
    const nlohmann::json hotspots = nlohmann::json::parse(made->json);
    ASSERT_EQ(hotspots.size(), photos);

    // Every hotspot sits on the scan, in room space (+Z up, metres) as the viewer imports it.
    sr::asset::ImportOptions options;
    options.up = sr::asset::UpAxis::NegZ;
    auto mesh = sr::asset::importRoomMesh(kSceaux / "scene_mesh.ply", options);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    const sr::view::MeshBvh bvh(*mesh);
    for (const auto& hotspot : hotspots) {
        SCOPED_TRACE(hotspot.dump());
        const glm::vec3 position(hotspot["position"][0].get<float>(), hotspot["position"][1].get<float>(),
                                 hotspot["position"][2].get<float>());
        EXPECT_TRUE(bvh.closestPoint(position, 0.01f).has_value()); // within a centimetre (rounding: 1 mm)
        const float radius = hotspot["radius"].get<float>();
        EXPECT_GE(radius, 0.06f);
        EXPECT_LE(radius, 0.3f);
        EXPECT_EQ(hotspot["id"].get<std::string>().rfind("photo-0000", 0), 0u);
    }
}
