// Renders real third-party scans headless (validation on) from the default camera and checks that
// they show something that reads: most of the frame covered, with detail in it. The images land in
// the test output folder for a person to look at. Skips when the data is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "asset/import.h"
#include "core/image.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "view/default_camera.h"

namespace {
namespace fs = std::filesystem;

struct Scan {
    const char* name;
    const char* path; // relative to the test data folder
    sr::asset::UpAxis up;
    double minCoverage; // fraction of pixels that are not empty space
};

class RealdataRender : public ::testing::TestWithParam<Scan> {};

fs::path findFile(const fs::path& pattern) {
    std::error_code ec;
    if (fs::exists(pattern, ec)) return pattern;
    // The ICL-NUIM file names are long; match by folder and extension.
    if (fs::is_directory(pattern.parent_path(), ec)) {
        for (const auto& entry : fs::directory_iterator(pattern.parent_path(), ec)) {
            if (entry.path().extension() == pattern.extension()) return entry.path();
        }
    }
    return {};
}

TEST_P(RealdataRender, ShowsTheScanFromTheDefaultCamera) {
    const Scan& scan = GetParam();
    const fs::path file = findFile(fs::path(SR_TESTDATA) / scan.path);
    if (file.empty()) GTEST_SKIP() << "test data absent: " << scan.path;
    sr::asset::ImportOptions options;
    options.up = scan.up;
    auto mesh = sr::asset::importRoomMesh(file, options);
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();

    sr::gpu::ContextOptions contextOptions;
    contextOptions.validation = true;
    auto context = sr::gpu::Context::create(contextOptions);
    ASSERT_TRUE(context.ok()) << context.error().describe();
    sr::core::Image8 image;
    {
        sr::render::Renderer renderer(**context);
        auto room = renderer.uploadRoom(*mesh);
        const sr::view::Camera camera = sr::view::defaultCamera(*mesh, 60.0f, 4.0f / 3.0f);
        image = renderer.renderToImage(*room, camera, 320, 240);
    }
    EXPECT_EQ(sr::gpu::validationErrorCount(), 0u);
    const fs::path out = fs::path(SR_TEST_OUTPUT) / "realdata" / (std::string(scan.name) + ".png");
    ASSERT_TRUE(sr::core::writePng(out, image).ok());

    size_t covered = 0;
    double sum = 0.0, sumSquares = 0.0;
    for (size_t i = 0; i < image.pixels.size(); i += 4) {
        const double luma =
            0.2126 * image.pixels[i] + 0.7152 * image.pixels[i + 1] + 0.0722 * image.pixels[i + 2];
        if (luma > 30.0) ++covered; // the background is near-black (about 12)
        sum += luma;
        sumSquares += luma * luma;
    }
    const double n = double(image.pixels.size() / 4);
    const double coverage = double(covered) / n;
    const double deviation = std::sqrt(std::max(0.0, sumSquares / n - (sum / n) * (sum / n)));
    EXPECT_GE(coverage, scan.minCoverage) << out;
    EXPECT_GT(deviation, 8.0) << "a flat image: " << out;
    std::printf("%s: %.0f%% covered, luma deviation %.1f, %zu triangles -> %s\n", scan.name, coverage * 100.0,
                deviation, mesh->triangleCount(), out.c_str());
}

INSTANTIATE_TEST_SUITE_P(
    Scans, RealdataRender,
    ::testing::Values(
        Scan{"avocado", "khronos-gltf-2018/Avocado/glTF/Avocado.gltf", sr::asset::UpAxis::PosY, 0.08},
        Scan{"damaged-helmet", "khronos-gltf-2018/DamagedHelmet/glTF-Binary/DamagedHelmet.glb",
             sr::asset::UpAxis::PosY, 0.08},
        Scan{"iclnuim-living-room", "iclnuim-recon-rooms/lr_kt2/room.obj", sr::asset::UpAxis::NegY, 0.5},
        Scan{"iclnuim-office", "iclnuim-recon-rooms/of_kt2/room.obj", sr::asset::UpAxis::NegY, 0.2}),
    [](const ::testing::TestParamInfo<Scan>& info) {
        std::string name = info.param.name;
        for (char& c : name) c = c == '-' ? '_' : c;
        return name;
    });

} // namespace
