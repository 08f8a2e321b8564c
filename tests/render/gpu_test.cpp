// GPU tests: need a Vulkan device (lavapipe without a GPU); validation is on and must stay silent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <span>
#include <vector>

#include "fixtures.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "gpu/image.h"
#include "render/image_pass.h"
#include "render/renderer.h"
#include "view/default_camera.h"

namespace {

class GpuTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        sr::gpu::ContextOptions options;
        options.validation = true;
        auto context = sr::gpu::Context::create(options);
        ASSERT_TRUE(context.ok()) << context.error().describe();
        sContext = std::move(context).value().release();
    }
    static void TearDownTestSuite() {
        delete sContext;
        sContext = nullptr;
    }
    void TearDown() override { EXPECT_EQ(sr::gpu::validationErrorCount(), 0u); }

    static sr::gpu::Context* sContext;
};
sr::gpu::Context* GpuTest::sContext = nullptr;

TEST_F(GpuTest, ContextHasValidationAndAQueue) {
    EXPECT_TRUE(sContext->validationEnabled());
    EXPECT_NE(sContext->queue(), VK_NULL_HANDLE);
    EXPECT_GE(sContext->caps().maxImageDimension2D, 4096u);
}

TEST_F(GpuTest, BufferUploadRoundTripsThroughDeviceLocalMemory) {
    std::vector<uint8_t> bytes(4096);
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = uint8_t(i * 7 + 3);
    sr::gpu::Buffer device =
        sr::gpu::createBufferWithData(*sContext, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, "testData");
    sr::gpu::Buffer readback(*sContext, bytes.size(), VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                             sr::gpu::MemoryUse::Readback, "testReadback");
    sContext->submitAndWait([&](VkCommandBuffer cmd) {
        VkBufferCopy region{0, 0, bytes.size()};
        vkCmdCopyBuffer(cmd, device.handle(), readback.handle(), 1, &region);
    });
    EXPECT_EQ(std::memcmp(readback.mapped(), bytes.data(), bytes.size()), 0);
}

TEST_F(GpuTest, LargeBufferUploadsPieceByPieceAndEveryPieceIsReported) {
    // 40 MB: three pieces through the 16 MB staging buffer.
    std::vector<uint8_t> bytes(40u << 20);
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = uint8_t((i * 2654435761u) >> 13);
    size_t reported = 0, pieces = 0;
    sr::gpu::Buffer device = sr::gpu::createBufferWithData(
        *sContext, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, "largeData", [&](std::span<const uint8_t> piece) {
            EXPECT_EQ(piece.data(), bytes.data() + reported); // in order, contiguous
            reported += piece.size();
            ++pieces;
        });
    EXPECT_EQ(reported, bytes.size());
    EXPECT_EQ(pieces, 3u);
    sr::gpu::Buffer readback(*sContext, bytes.size(), VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                             sr::gpu::MemoryUse::Readback, "largeReadback");
    sContext->submitAndWait([&](VkCommandBuffer cmd) {
        VkBufferCopy region{0, 0, bytes.size()};
        vkCmdCopyBuffer(cmd, device.handle(), readback.handle(), 1, &region);
    });
    EXPECT_EQ(std::memcmp(readback.mapped(), bytes.data(), bytes.size()), 0);
}

// The bytes of one level of an uploaded image (left in TRANSFER_SRC_OPTIMAL).
std::vector<uint8_t> readLevel(sr::gpu::Context& context, sr::gpu::Image& image, uint32_t level,
                               uint32_t width, uint32_t height, size_t size) {
    sr::gpu::Buffer readback(context, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, sr::gpu::MemoryUse::Readback,
                             "levelReadback");
    context.submitAndWait([&](VkCommandBuffer cmd) {
        sr::gpu::recordImageBarrier(
            cmd, image.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
            VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
            VK_ACCESS_2_SHADER_SAMPLED_READ_BIT, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
            level, 1);
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
        region.imageExtent = {width, height, 1};
        vkCmdCopyImageToBuffer(cmd, image.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback.handle(),
                               1, &region);
    });
    const uint8_t* data = readback.mapped();
    return {data, data + size};
}

TEST_F(GpuTest, LargeTexturesUploadInBandsOfRowsAndBlocks) {
    struct Case {
        VkFormat format;
        uint32_t size;   // level 0 is size x size
        size_t bytesPer; // per texel, or per 4x4 block
        uint32_t block;  // 1, or 4 for BC
    };
    std::vector<Case> cases{{VK_FORMAT_R8G8B8A8_SRGB, 2600, 4, 1}}; // 26 MB level 0: two bands
    if (sContext->caps().textureCompressionBC)
        cases.push_back({VK_FORMAT_BC1_RGB_SRGB_BLOCK, 6150, 8, 4}); // 18 MB, a partial block row at the end
    for (const Case& c : cases) {
        std::vector<std::vector<uint8_t>> pixels;
        std::vector<sr::gpu::MipData> levels;
        for (uint32_t side = c.size, i = 0; i < 3; side = std::max(1u, side / 2), ++i) {
            const size_t units = (side + c.block - 1) / c.block;
            pixels.emplace_back(units * units * c.bytesPer);
            for (size_t b = 0; b < pixels.back().size(); ++b)
                pixels.back()[b] = uint8_t((b * 40503u + i) >> 7);
        }
        for (uint32_t side = c.size, i = 0; i < 3; side = std::max(1u, side / 2), ++i) {
            levels.push_back({side, side, pixels[i]});
        }
        sr::gpu::ImageDesc desc;
        desc.width = desc.height = c.size;
        desc.mipLevels = 3;
        desc.format = c.format;
        desc.usage =
            VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
        sr::gpu::Image image(*sContext, desc, "largeTexture");
        size_t reported = 0, bands = 0;
        sr::gpu::uploadImageLevels(*sContext, image, levels, [&](std::span<const uint8_t> band) {
            reported += band.size();
            ++bands;
        });
        EXPECT_EQ(reported, pixels[0].size() + pixels[1].size() + pixels[2].size());
        EXPECT_GE(bands, 4u); // level 0 in two bands at least, then the small levels
        for (uint32_t i = 0; i < 3; ++i) {
            EXPECT_TRUE(readLevel(*sContext, image, i, levels[i].width, levels[i].height, pixels[i].size()) ==
                        pixels[i])
                << "format " << c.format << " level " << i;
        }
    }
}

TEST_F(GpuTest, AllocationsAreTrackedAndReleased) {
    const uint64_t before = sContext->allocatedBytes();
    {
        sr::gpu::Buffer buffer(*sContext, 1 << 20, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                               sr::gpu::MemoryUse::DeviceLocal, "trackedBuffer");
        EXPECT_GE(sContext->allocatedBytes(), before + (1 << 20));
    }
    EXPECT_EQ(sContext->allocatedBytes(), before);
}

TEST_F(GpuTest, SrgbTextureColourSurvivesTheRoundTrip) {
    auto mesh = sr::test::makeFixture("srgb-wall");
    ASSERT_TRUE(mesh.ok());
    sr::render::Renderer renderer(*sContext);
    auto room = renderer.uploadRoom(*mesh);
    sr::view::Camera camera;
    camera.position = {0, 0, 0};
    sr::core::Image8 image = renderer.renderToImage(*room, camera, 32, 32);
    const uint8_t* centre = image.at(16, 16);
    EXPECT_NEAR(centre[0], 188, 1);
    EXPECT_NEAR(centre[1], 188, 1);
    EXPECT_NEAR(centre[2], 188, 1);
    EXPECT_EQ(centre[3], 255);
}

TEST_F(GpuTest, NearerSurfacesHideFartherOnes) {
    auto mesh = sr::test::makeFixture("color-box");
    ASSERT_TRUE(mesh.ok());
    sr::render::Renderer renderer(*sContext);
    auto room = renderer.uploadRoom(*mesh);
    // Looking straight down at the table from above it: the table (110,80,60) hides the floor.
    sr::view::Camera camera;
    camera.position = {0, 0, 2.0f};
    camera.pitchDeg = -89.0f;
    camera.verticalFovDeg = 10.0f;
    sr::core::Image8 image = renderer.renderToImage(*room, camera, 16, 16);
    const uint8_t* centre = image.at(8, 8);
    EXPECT_NEAR(centre[0], 110, 2);
    EXPECT_NEAR(centre[1], 80, 2);
    EXPECT_NEAR(centre[2], 60, 2);
}

TEST_F(GpuTest, EncodedSpaceKeepsTextureVertexAndBackgroundColours) {
    sr::render::RendererSettings settings;
    settings.encodedColor = true;
    sr::render::Renderer renderer(*sContext, settings);
    sr::render::Renderer linear(*sContext);
    auto wall = sr::test::makeFixture("srgb-wall");
    auto box = sr::test::makeFixture("color-box");
    ASSERT_TRUE(wall.ok() && box.ok());
    sr::view::Camera camera;
    sr::core::Image8 image = renderer.renderToImage(*renderer.uploadRoom(*wall), camera, 32, 32);
    EXPECT_NEAR(image.at(16, 16)[0], 188, 1); // the texture's bytes, as in linear light
    EXPECT_EQ(image.at(16, 16)[3], 255);
    camera.yawDeg = 180.0f; // empty space: the background, encoded as a linear target stores it
    const sr::core::Image8 empty = renderer.renderToImage(*renderer.uploadRoom(*wall), camera, 16, 16);
    const sr::core::Image8 emptyLinear = linear.renderToImage(*linear.uploadRoom(*wall), camera, 16, 16);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(empty.at(8, 8)[c], emptyLinear.at(8, 8)[c], 1);
    camera = {};
    camera.position = {0, 0, 2.0f};
    camera.pitchDeg = -89.0f;
    camera.verticalFovDeg = 10.0f;
    image = renderer.renderToImage(*renderer.uploadRoom(*box), camera, 16, 16);
    EXPECT_NEAR(image.at(8, 8)[0], 110, 2); // vertex colours
    EXPECT_NEAR(image.at(8, 8)[1], 80, 2);
    EXPECT_NEAR(image.at(8, 8)[2], 60, 2);
    // A full fade is black in either space.
    sr::render::FrameOverlays faded;
    faded.fadeAlpha = 1.0f;
    image = renderer.renderToImage(*renderer.uploadRoom(*box), camera, 16, 16, faded);
    for (int c = 0; c < 3; ++c) EXPECT_EQ(image.at(8, 8)[c], 0);
}

TEST_F(GpuTest, EmptySpaceIsTheQuietBackground) {
    auto mesh = sr::test::makeFixture("srgb-wall");
    ASSERT_TRUE(mesh.ok());
    sr::render::Renderer renderer(*sContext);
    auto room = renderer.uploadRoom(*mesh);
    sr::view::Camera camera;
    camera.yawDeg = 180.0f; // facing away from the only wall
    sr::core::Image8 image = renderer.renderToImage(*room, camera, 16, 16);
    const uint8_t* p = image.at(8, 8);
    EXPECT_LT(p[0], 40);
    EXPECT_LT(p[1], 40);
    EXPECT_LT(p[2], 40);
}

TEST_F(GpuTest, ScreenImagesDrawOverTheFrameWithOpacity) {
    auto mesh = sr::test::makeFixture("srgb-wall");
    ASSERT_TRUE(mesh.ok());
    sr::render::Renderer renderer(*sContext);
    auto room = renderer.uploadRoom(*mesh);
    sr::render::ImagePass pass(*sContext, sr::render::Renderer::kColorFormat);
    sr::core::Image8 red{8, 8};
    for (size_t i = 0; i < red.pixels.size(); i += 4) red.pixels[i] = 255, red.pixels[i + 3] = 255;
    sr::render::ScreenTexture texture = pass.createTexture(red, "redImage");
    sr::gpu::OffscreenTarget target = renderer.createTarget(32, 32);
    sr::view::Camera camera; // facing the grey wall
    std::vector<sr::render::ScreenImage> images = {
        {&texture, {0, 0, 16, 32}, {0, 0, 1, 1}, glm::vec4(1.0f)},          // left half: red, opaque
        {nullptr, {16, 0, 32, 32}, {0, 0, 1, 1}, glm::vec4(0, 0, 0, 0.5f)}, // right half: dimmed to 50%
    };
    sContext->submitAndWait([&](VkCommandBuffer cmd) {
        renderer.recordFrame(cmd, target, *room, camera);
        pass.record(cmd, target, images);
    });
    const sr::core::Image8 image = target.readback(*sContext);
    EXPECT_EQ(image.at(4, 16)[0], 255);
    EXPECT_EQ(image.at(4, 16)[1], 0);
    // Grey 188 blended half-way to black in linear light: sRGB 137.
    EXPECT_NEAR(image.at(28, 16)[1], 137, 2);
    pass.destroyTexture(texture);
}

} // namespace
