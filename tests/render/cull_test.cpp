// Rooms drawn from a room cache: frustum culling of chunks and clusters must not change a pixel,
// and levels of detail chosen by screen error must stay close to full detail. Needs a Vulkan device.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "asset/import.h"
#include "asset/room_cache.h"
#include "core/log.h"
#include "gen-room/gen_room.h"
#include "gpu/context.h"
#include "image_compare.h"
#include "log_capture.h"
#include "render/renderer.h"
#include "test_folder.h"

namespace fs = std::filesystem;

namespace {

class CullTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sr::core::setLogQuiet(true);
        sr::gpu::ContextOptions options;
        options.validation = true;
        auto context = sr::gpu::Context::create(options);
        ASSERT_TRUE(context.ok()) << context.error().describe();
        sContext = std::move(context).value().release();
        sRenderer = new sr::render::Renderer(*sContext);
        // A synthetic scan: 60k irregular triangles in many charts over two atlases.
        sFolder = new fs::path(sr::test::freshSuiteFolder("cull-room"));
        const fs::path& folder = *sFolder;
        sr::genroom::RoomSpec spec;
        spec.triangles = 60000;
        spec.atlases = 2;
        spec.atlasSize = 512;
        ASSERT_TRUE(sr::genroom::writeRoom(folder, spec).ok());
        auto mesh =
            sr::asset::importRoomMesh(folder / "room.obj", sr::asset::ImportOptions{sr::asset::UpAxis::PosZ});
        ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
        sr::asset::RoomCacheSettings settings;
        settings.chunkTriangles = 2048; // many chunks, so culling and level choice have something to do
        const fs::path file = folder / "room.srcache";
        ASSERT_TRUE(sr::asset::writeRoomCache(file, sr::asset::bakeRoom(*mesh, settings), {}).ok());
        auto cache = sr::asset::RoomCache::open(file);
        ASSERT_TRUE(cache.ok()) << cache.error().describe();
        sCache = new sr::asset::RoomCache(std::move(cache).value());
    }
    static void TearDownTestSuite() {
        delete sCache; // unmaps the cache before its folder goes
        delete sRenderer;
        delete sContext;
        if (sFolder) fs::remove_all(*sFolder);
        delete sFolder;
        sFolder = nullptr;
    }
    void TearDown() override { EXPECT_EQ(sr::gpu::validationErrorCount(), 0u); }

    // Renders the cached room with `cull` from inside, looking along `yaw` degrees.
    static sr::core::Image8 render(const sr::render::CullSettings& cull, float yaw,
                                   uint64_t* drawn = nullptr) {
        std::unique_ptr<sr::render::GpuRoom> room = sRenderer->uploadRoom(*sCache);
        room->setCullSettings(cull);
        sr::view::Camera camera;
        camera.position = {3.0f, 2.5f, 1.6f};
        camera.yawDeg = yaw;
        camera.pitchDeg = -15.0f;
        sr::core::Image8 image = sRenderer->renderToImage(*room, camera, 320, 240);
        if (drawn) *drawn = room->trianglesDrawn();
        return image;
    }

    static sr::gpu::Context* sContext;
    static sr::render::Renderer* sRenderer;
    static sr::asset::RoomCache* sCache;
    static inline fs::path* sFolder = nullptr;
};
sr::gpu::Context* CullTest::sContext = nullptr;
sr::render::Renderer* CullTest::sRenderer = nullptr;
sr::asset::RoomCache* CullTest::sCache = nullptr;

} // namespace

TEST_F(CullTest, FrustumCullingLeavesEveryPixelAsDrawingEverything) {
    for (float yaw : {0.0f, 100.0f, 190.0f, 290.0f}) {
        uint64_t all = 0, culled = 0;
        const sr::core::Image8 everything = render({false, 0.0f}, yaw, &all);
        const sr::core::Image8 visible = render({true, 0.0f}, yaw, &culled);
        uint64_t fullDetail = 0;
        for (const sr::asset::CacheSubmesh& sub : sCache->submeshes()) fullDetail += sub.indexCount / 3;
        EXPECT_EQ(all, fullDetail);
        EXPECT_LT(culled, all * 3 / 4) << "yaw " << yaw;
        EXPECT_EQ(visible.pixels, everything.pixels) << "yaw " << yaw;
    }
}

TEST_F(CullTest, RoomFromTheCacheDrawsLikeItsRoomMesh) {
    auto mesh = sCache->toRoomMesh();
    ASSERT_TRUE(mesh.ok());
    std::unique_ptr<sr::render::GpuRoom> room = sRenderer->uploadRoom(*mesh);
    sr::view::Camera camera;
    camera.position = {3.0f, 2.5f, 1.6f};
    camera.yawDeg = 40.0f;
    camera.pitchDeg = -15.0f;
    EXPECT_EQ(sRenderer->renderToImage(*room, camera, 320, 240).pixels, render({true, 0.0f}, 40.0f).pixels);
}

TEST_F(CullTest, LevelsOfDetailStayCloseToFullDetailWithFewerTriangles) {
    for (float yaw : {0.0f, 190.0f}) {
        uint64_t full = 0, reduced = 0;
        const sr::core::Image8 reference = render({true, 0.0f}, yaw, &full);
        const sr::core::Image8 coarse = render({true, 0.002f}, yaw, &reduced);
        EXPECT_LT(reduced, full * 2 / 3) << "yaw " << yaw;
        const sr::test::CompareResult result = sr::test::compareImages(coarse, reference, {24, 0.02});
        EXPECT_TRUE(result.passed) << "yaw " << yaw << ": " << result.summary();
        // Kept for a look: full detail, the levels of detail, and where they differ.
        const fs::path out = fs::path(SR_TEST_OUTPUT) / "cull";
        const std::string tag = std::to_string(int(yaw));
        EXPECT_TRUE(sr::core::writePng(out / ("full-" + tag + ".png"), reference).ok());
        EXPECT_TRUE(sr::core::writePng(out / ("lod-" + tag + ".png"), coarse).ok());
        EXPECT_TRUE(sr::core::writePng(out / ("lod-diff-" + tag + ".png"), result.diff).ok());
        std::printf("yaw %d: %llu of %llu triangles, %s\n", int(yaw), (unsigned long long)reduced,
                    (unsigned long long)full, result.summary().c_str());
    }
}

TEST(TextureBudget, TheLargestTexturesGiveUpTopMipsFirstAndTheSmallestLevelStays) {
    // Two 1024 textures and one 256: 1024² RGBA8 with mips is about 5.6 MB.
    const std::vector<uint32_t> sizes{1024, 256, 1024};
    const std::vector<uint64_t> bytes{5592404, 349524, 5592404};
    const std::vector<size_t> levels{11, 9, 11};
    EXPECT_EQ(sr::render::fitTexturesToBudget(sizes, bytes, levels, 20u << 20),
              (std::vector<size_t>{0, 0, 0}));
    // 8 MB: one large one drops to 512 (7.3 MB), the rest fit as they are.
    EXPECT_EQ(sr::render::fitTexturesToBudget(sizes, bytes, levels, 8u << 20),
              (std::vector<size_t>{1, 0, 0}));
    // 5 MB: both large ones drop to 512, the small one is untouched.
    EXPECT_EQ(sr::render::fitTexturesToBudget(sizes, bytes, levels, 5u << 20),
              (std::vector<size_t>{1, 0, 1}));
    // Just over 1 MB: down to 256 each, all three the same size.
    EXPECT_EQ(sr::render::fitTexturesToBudget(sizes, bytes, levels, (1u << 20) + 4096),
              (std::vector<size_t>{2, 0, 2}));
    // Nothing fits: every texture keeps only its smallest level.
    EXPECT_EQ(sr::render::fitTexturesToBudget(sizes, bytes, levels, 0), (std::vector<size_t>{10, 8, 10}));
}

TEST_F(CullTest, TexturesOverTheBudgetLoseTopMipsWithALogLineAndStillDraw) {
    sr::test::LogCapture log;
    sr::render::RendererSettings settings;
    settings.textureBudget = 1u << 20; // the two 512² atlases need 2.7 MB with their mips
    sr::render::Renderer tight(*sContext, settings);
    std::unique_ptr<sr::render::GpuRoom> room = tight.uploadRoom(*sCache);
    EXPECT_LE(room->textureBytes(), settings.textureBudget);
    EXPECT_GT(room->textureBytes(), settings.textureBudget / 4);
    EXPECT_EQ(log.count({"room.srcache", "over the GPU texture budget of 1 MB", "2 of 2 textures"}), 1u)
        << log.all();
    EXPECT_GT(sRenderer->uploadRoom(*sCache)->textureBytes(), 2u << 20);
    sr::view::Camera camera;
    camera.position = {3.0f, 2.5f, 1.6f};
    camera.yawDeg = 40.0f;
    camera.pitchDeg = -15.0f;
    // Half the texture resolution: the same room, a little softer.
    const sr::test::CompareResult result = sr::test::compareImages(
        tight.renderToImage(*room, camera, 320, 240), render({true, 0.0f}, 40.0f), {40, 0.05});
    EXPECT_TRUE(result.passed) << result.summary();
}

TEST_F(CullTest, BlockCompressedTexturesUploadAsTheyAreStoredAndDrawAlike) {
    if (!sContext->caps().textureCompressionBC) GTEST_SKIP() << "the device samples no BC textures";
    sr::core::setLogQuiet(true);
    auto mesh =
        sr::asset::importRoomMesh(*sFolder / "room.obj", sr::asset::ImportOptions{sr::asset::UpAxis::PosZ});
    ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
    sr::asset::RoomCacheSettings settings;
    settings.chunkTriangles = 2048;
    settings.compressTextures = true;
    const fs::path file = *sFolder / "room-bc.srcache";
    ASSERT_TRUE(
        sr::asset::writeRoomCache(file, sr::asset::bakeRoom(std::move(mesh).value(), settings), {}).ok());
    auto cache = sr::asset::RoomCache::open(file);
    ASSERT_TRUE(cache.ok()) << cache.error().describe();
    ASSERT_EQ(cache->texture(0).format, sr::asset::CacheTextureFormat::Bc1Srgb);
    std::unique_ptr<sr::render::GpuRoom> compressed = sRenderer->uploadRoom(*cache);
    const uint64_t rgbaBytes = sRenderer->uploadRoom(*sCache)->textureBytes();
    // BC1: 4 bits a texel instead of 32 (the smallest mips take a whole 4x4 block).
    EXPECT_NEAR(double(compressed->textureBytes() * 8) / double(rgbaBytes), 1.0, 0.01);
    sr::view::Camera camera;
    camera.position = {3.0f, 2.5f, 1.6f};
    camera.yawDeg = 40.0f;
    camera.pitchDeg = -15.0f;
    const sr::test::CompareResult result = sr::test::compareImages(
        sRenderer->renderToImage(*compressed, camera, 320, 240), render({true, 0.0f}, 40.0f), {32, 0.02});
    EXPECT_TRUE(result.passed) << result.summary();
}

TEST_F(CullTest, DrawingInEncodedSpaceLooksLikeDrawingInLinearLight) {
    // As a window on a CPU device draws: without MSAA, textures filtered and colours multiplied on
    // their sRGB-encoded values. It must look like the same room, with and without MSAA.
    const fs::path out = fs::path(SR_TEST_OUTPUT) / "encoded";
    for (uint32_t samples : {1u, 4u}) {
        sr::render::RendererSettings linearSettings, encodedSettings;
        linearSettings.maxSamples = encodedSettings.maxSamples = samples;
        encodedSettings.encodedColor = true;
        sr::render::Renderer linear(*sContext, linearSettings), encoded(*sContext, encodedSettings);
        for (float yaw : {40.0f, 250.0f}) {
            sr::view::Camera camera;
            camera.position = {3.0f, 2.5f, 1.6f};
            camera.yawDeg = yaw;
            camera.pitchDeg = -15.0f;
            const sr::core::Image8 reference =
                linear.renderToImage(*linear.uploadRoom(*sCache), camera, 320, 240);
            const sr::core::Image8 image =
                encoded.renderToImage(*encoded.uploadRoom(*sCache), camera, 320, 240);
            const sr::test::CompareResult result = sr::test::compareImages(image, reference, {16, 0.002});
            EXPECT_TRUE(result.passed) << samples << " samples, yaw " << yaw << ": " << result.summary();
            const std::string tag = std::to_string(samples) + "x-" + std::to_string(int(yaw));
            EXPECT_TRUE(sr::core::writePng(out / ("linear-" + tag + ".png"), reference).ok());
            EXPECT_TRUE(sr::core::writePng(out / ("encoded-" + tag + ".png"), image).ok());
            EXPECT_TRUE(sr::core::writePng(out / ("diff-" + tag + ".png"), result.diff).ok());
            std::printf("%u samples, yaw %d: %s\n", samples, int(yaw), result.summary().c_str());
        }
    }
}
