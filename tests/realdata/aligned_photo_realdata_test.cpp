// Real photographs shown where they were taken: the OpenMVS sample of the Chateau de Sceaux, its
// reconstructed mesh, its sparse point cloud and the solved poses of the photos that made it
// (SR_TESTDATA; skips when absent). Each photo hotspot is opened as a visitor would, and the frame
// with the photograph registered over the render of the mesh is measured against the
// reconstruction's own feature points: each point the mesh does not hide is projected through the
// view, and the shift of the frame at which the points' colours (taken from these photos by the
// reconstruction) agree best with the frame is the photograph's offset from the scene, in pixels.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <vector>

#include "app/room_session.h"
#include "asset/import.h"
#include "asset/camera_poses.h"
#include "asset/ply_reader.h"
#include "core/files.h"
#include "gpu/context.h"
#include "image_align.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

namespace fs = std::filesystem;

namespace {
const fs::path kData = SR_TESTDATA;

struct ColouredPoint {
    glm::vec3 position; // room space
    glm::vec3 colour;   // 0..255, sRGB
};

// Where `point` lands on a width x height frame of `camera` (pixel coordinates: centres at +0.5),
// with its depth.
glm::vec3 toScreen(const sr::view::Camera& camera, uint32_t width, uint32_t height, const glm::vec3& point) {
    const glm::vec3 right = camera.right(), forward = camera.forward(), down = glm::cross(forward, right);
    const glm::vec3 d = point - camera.position;
    const float depth = glm::dot(d, forward);
    const float f = 0.5f * float(height) / std::tan(glm::radians(camera.verticalFovDeg) * 0.5f);
    return {f * glm::dot(d, right) / depth + 0.5f * float(width),
            f * glm::dot(d, down) / depth + 0.5f * float(height), depth};
}

glm::vec3 pixelAt(const sr::core::Image8& image, float x, float y) {
    // Bilinear, pixel centres at +0.5.
    x = std::clamp(x - 0.5f, 0.0f, float(image.width) - 1.001f);
    y = std::clamp(y - 0.5f, 0.0f, float(image.height) - 1.001f);
    const int x0 = int(x), y0 = int(y);
    const float fx = x - float(x0), fy = y - float(y0);
    glm::vec3 result(0.0f);
    for (int j = 0; j < 2; ++j) {
        for (int i = 0; i < 2; ++i) {
            const uint8_t* p = &image.pixels[(size_t(y0 + j) * image.width + size_t(x0 + i)) * 4];
            result += (i ? fx : 1.0f - fx) * (j ? fy : 1.0f - fy) * glm::vec3(p[0], p[1], p[2]);
        }
    }
    return result;
}

struct FeatureOffset {
    double x = 0.0, y = 0.0; // pixels
    double error = 0.0;      // mean colour difference at the best shift (0..255 per channel)
    double errorAtZero = 0.0;
    double errorAway = 0.0; // mean at shifts of 4 pixels left, right, up and down
    size_t points = 0;
};

// The shift of `frame` (within +-search pixels) at which the colours of `points` (screen position
// and colour) agree best with it, refined to sub-pixel.
FeatureOffset featureOffset(const sr::core::Image8& frame,
                            const std::vector<std::pair<glm::vec2, glm::vec3>>& points, int search) {
    const int side = 2 * search + 1;
    std::vector<double> error(size_t(side * side), std::numeric_limits<double>::infinity());
    const auto at = [&](int dx, int dy) -> double& {
        return error[size_t((dy + search) * side + dx + search)];
    };
    int bestX = 0, bestY = 0;
    for (int dy = -search; dy <= search; ++dy) {
        for (int dx = -search; dx <= search; ++dx) {
            double sum = 0.0;
            for (const auto& [screen, colour] : points) {
                const glm::vec3 d = pixelAt(frame, screen.x + float(dx), screen.y + float(dy)) - colour;
                sum += (std::abs(d.x) + std::abs(d.y) + std::abs(d.z)) / 3.0;
            }
            at(dx, dy) = sum / double(std::max<size_t>(points.size(), 1));
            if (at(dx, dy) < at(bestX, bestY)) bestX = dx, bestY = dy;
        }
    }
    const auto refine = sr::test::parabolaPeak;
    FeatureOffset offset;
    offset.error = at(bestX, bestY);
    offset.errorAtZero = at(0, 0);
    offset.errorAway = (at(-4, 0) + at(4, 0) + at(0, -4) + at(0, 4)) / 4.0;
    offset.points = points.size();
    offset.x =
        bestX +
        (std::abs(bestX) < search ? refine(at(bestX - 1, bestY), offset.error, at(bestX + 1, bestY)) : 0.0);
    offset.y =
        bestY +
        (std::abs(bestY) < search ? refine(at(bestX, bestY - 1), offset.error, at(bestX, bestY + 1)) : 0.0);
    return offset;
}

} // namespace

TEST(AlignedPhotoRealdata, SceauxPhotographsLineUpWithTheMeshTheyMade) {
    const fs::path folder = kData / "sceaux-openmvs";
    if (!fs::exists(folder / "scene_mesh.ply") || !fs::exists(folder / "cameras_from_scene_mvs.txt"))
        GTEST_SKIP() << "test data absent: " << folder;
    sr::gpu::ContextOptions options;
    options.validation = true;
    auto context = sr::gpu::Context::create(options);
    ASSERT_TRUE(context.ok()) << context.error().describe();
    {
        sr::render::Renderer renderer(**context);
        sr::ui::ImGuiLayer ui(**context);
        sr::app::RoomSource source;
        source.id = "sceaux";
        source.title = "Sceaux";
        source.mesh = folder / "scene_mesh.ply";
        source.import.up = sr::asset::UpAxis::NegZ; // OpenMVG's world has -Z up here
        // Levelled on the cameras, as `stillroom-poses info` suggests: the mesh, the poses and the
        // sparse points below all turn together, so the photographs must still line up.
        auto filePoses = sr::asset::loadCameraPoses(folder / "cameras_from_scene_mvs.txt");
        ASSERT_TRUE(filePoses.ok()) << filePoses.error().describe();
        auto meanUp = sr::asset::meanUpVector(filePoses->poses);
        ASSERT_TRUE(meanUp.has_value());
        source.import.upVector = glm::vec3(*meanUp);
        source.import.confineTexturesTo = folder;
        source.poses = folder / "cameras_from_scene_mvs.txt";
        auto mesh = sr::asset::importRoomMesh(source.mesh, source.import);
        ASSERT_TRUE(mesh.ok()) << mesh.error().describe();
        sr::app::ViewerSettings settings;
        settings.idleDrift = false;
        auto session = sr::app::RoomSession::create(renderer, ui, source, *mesh, settings, 0.0);

        // The sparse cloud: points triangulated from features of these photos, coloured from them.
        auto plyBytes = sr::core::readFile(folder / "Sparse.ply");
        ASSERT_TRUE(plyBytes.ok()) << plyBytes.error().describe();
        auto ply = sr::asset::detail::readPly(*plyBytes, "Sparse.ply");
        ASSERT_TRUE(ply.ok()) << ply.error().describe();
        ASSERT_EQ(ply->colors.size() / 4, ply->positions.size() / 3);
        const glm::mat3 up = sr::asset::fileToWorldRotation(source.import.up, source.import.upVector);
        std::vector<ColouredPoint> points;
        for (size_t i = 0; i < ply->positions.size() / 3; ++i) {
            const glm::vec3 p(ply->positions[3 * i], ply->positions[3 * i + 1], ply->positions[3 * i + 2]);
            points.push_back({up * p, 255.0f * glm::vec3(ply->colors[4 * i], ply->colors[4 * i + 1],
                                                         ply->colors[4 * i + 2])});
        }
        constexpr uint32_t kW = 1280, kH = 720;
        session->viewer().setViewport(kW, kH);

        // Ten of the eleven photos are present; each becomes a hotspot.
        std::vector<size_t> aligned;
        for (size_t i = 0; i < session->viewer().hotspots().size(); ++i) {
            if (session->viewer().hotspots().hotspot(i).aligned) aligned.push_back(i);
        }
        ASSERT_EQ(aligned.size(), 10u);

        double t = 0.0, worst = 0.0, sum = 0.0;
        for (size_t index : aligned) {
            const std::string name = session->viewer().hotspots().hotspot(index).aligned->image;
            session->viewer().openHotspot(index);
            for (int i = 0; i < 600 && session->viewer().gliding(); ++i) session->update(t += 1 / 30.0);
            ASSERT_NE(session->alignedPhoto(), nullptr) << name;
            session->settle();
            session->update(t += 1 / 30.0);
            ASSERT_NE(session->alignedPhoto()->pyramid(), nullptr) << name;
            const sr::core::Image8 room = session->renderImage(kW, kH, 1 / 30.0f);
            session->update(t += 3.0);
            ASSERT_FLOAT_EQ(session->alignedPhoto()->opacity(), 1.0f);
            const sr::core::Image8 photo = session->renderImage(kW, kH, 1 / 30.0f);
            if (index == aligned.front()) {
                ASSERT_TRUE(
                    sr::core::writePng(fs::path(SR_TEST_OUTPUT) / "sceaux-aligned-room.png", room).ok());
                ASSERT_TRUE(
                    sr::core::writePng(fs::path(SR_TEST_OUTPUT) / "sceaux-aligned-photo.png", photo).ok());
            }
            // The reconstruction's feature points that this view sees (the mesh hides none of them),
            // inside the photograph and clear of the frame's edges.
            const sr::view::Camera camera = session->viewer().frame().camera;
            const sr::scene::AlignedPhoto& pose = *session->viewer().hotspots().hotspot(index).aligned;
            std::vector<std::pair<glm::vec2, glm::vec3>> seen;
            for (const ColouredPoint& point : points) {
                const glm::vec3 screen = toScreen(camera, kW, kH, point.position);
                if (screen.z <= 0.1f || screen.x < 24 || screen.y < 24 || screen.x > kW - 24 ||
                    screen.y > kH - 24)
                    continue;
                auto inPhoto = sr::app::projectIntoPhoto(pose, glm::dvec3(point.position));
                const auto& in = pose.intrinsics;
                if (!inPhoto || inPhoto->x < 0.05 * in.width || inPhoto->x > 0.95 * in.width ||
                    inPhoto->y < 0.05 * in.height || inPhoto->y > 0.95 * in.height)
                    continue;
                const glm::vec3 toPoint = point.position - camera.position;
                const float distance = glm::length(toPoint);
                auto hit = session->viewer().bvh().raycast(camera.position, toPoint / distance, distance);
                if (hit && hit->distance < distance * 0.97f) continue; // hidden behind the mesh
                seen.push_back({glm::vec2(screen), point.colour});
            }
            const FeatureOffset offset = featureOffset(photo, seen, 8);
            const double length = std::hypot(offset.x, offset.y);
            std::printf(
                "sceaux %s: %zu feature points, photograph offset (%.2f, %.2f) px at %ux%u, colour error "
                "%.1f (%.1f unshifted, %.1f 4 px away)\n",
                name.c_str(), offset.points, offset.x, offset.y, kW, kH, offset.error, offset.errorAtZero,
                offset.errorAway);
            worst = std::max(worst, length);
            sum += length;
            EXPECT_GT(offset.points, 200u) << name;
            EXPECT_LT(length, 1.5) << name;
            EXPECT_GT(offset.errorAway, offset.error * 1.1) << name; // a clear minimum, not a flat one

            session->closePhotos();
            for (int i = 0; i < 120 && (session->alignedPhoto() || session->viewer().inAlignedPhoto()); ++i)
                session->update(t += 1 / 30.0);
            ASSERT_EQ(session->alignedPhoto(), nullptr);
        }
        std::printf("sceaux: photographs against their feature points: mean offset %.2f px, worst %.2f px "
                    "over %zu photos\n",
                    sum / double(aligned.size()), worst, aligned.size());
        (*context)->waitIdle();
    }
    EXPECT_EQ(sr::gpu::validationErrorCount(), 0u);
}
