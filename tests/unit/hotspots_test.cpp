// Hotspots in a room: picking respects occlusion, Tab cycles what can be seen, gaze dwell opens.
#include <gtest/gtest.h>

#include "app/hotspots.h"

namespace {
using sr::app::HotspotSet;
using sr::app::HotspotSettings;

// A 4 x 4 m floor with a wall across it at x = 1 (from y = -2 to 2, 2.5 m high).
sr::view::MeshBvh makeRoom() {
    std::vector<glm::vec3> p = {{-2, -2, 0}, {2, -2, 0}, {2, 2, 0},    {-2, 2, 0},
                                {1, -2, 0},  {1, 2, 0},  {1, 2, 2.5f}, {1, -2, 2.5f}};
    std::vector<uint32_t> i = {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};
    return sr::view::MeshBvh(p, i);
}

sr::scene::Hotspot hotspot(const char* id, glm::vec3 position, float radius = 0.1f) {
    sr::scene::Hotspot h;
    h.id = id;
    h.position = position;
    h.radius = radius;
    return h;
}

sr::view::Camera cameraAt(glm::vec3 eye, float yaw, float pitch = 0.0f) {
    sr::view::Camera c;
    c.position = eye;
    c.yawDeg = yaw;
    c.pitchDeg = pitch;
    return c;
}

TEST(Hotspots, PickTouchesTheNearestVisibleHotspot) {
    const auto bvh = makeRoom();
    HotspotSet set({hotspot("near", {0.5f, 0, 1}), hotspot("far", {0.8f, 0, 1})}, bvh, {});
    auto picked = set.pick({-1, 0, 1}, {1, 0, 0});
    ASSERT_TRUE(picked.has_value());
    EXPECT_EQ(set.hotspot(*picked).id, "near");
    EXPECT_FALSE(set.pick({-1, 0, 1}, {0, 1, 0}).has_value()); // looking away
}

TEST(Hotspots, HotspotBehindAWallCannotBePicked) {
    const auto bvh = makeRoom();
    HotspotSet set({hotspot("behind", {1.5f, 0, 1})}, bvh, {});
    EXPECT_FALSE(set.pick({-1, 0, 1}, {1, 0, 0}).has_value());
    EXPECT_FALSE(set.visibleFrom(0, {-1, 0, 1}));
    EXPECT_TRUE(set.visibleFrom(0, {1.8f, 0, 1})); // from its own side of the wall
}

TEST(Hotspots, ObjectInsideItsOwnSphereDoesNotHideIt) {
    // A hotspot on the wall's surface: the wall lies within its radius, so it stays pickable.
    const auto bvh = makeRoom();
    HotspotSet set({hotspot("on-wall", {0.95f, 0, 1}, 0.1f)}, bvh, {});
    EXPECT_TRUE(set.visibleFrom(0, {-1, 0, 1}));
    EXPECT_TRUE(set.pick({-1, 0, 1}, {1, 0, 0}).has_value());
}

TEST(Hotspots, TabCyclesThroughVisibleHotspotsAndWraps) {
    const auto bvh = makeRoom();
    HotspotSet set({hotspot("left", {0, 1, 1}), hotspot("ahead", {0.5f, 0, 1}), hotspot("right", {0, -1, 1}),
                    hotspot("hidden", {1.5f, 0, 1})},
                   bvh, {});
    const auto camera = cameraAt({-1, 0, 1}, 0.0f);
    std::vector<std::string> order;
    for (int i = 0; i < 4; ++i) order.push_back(set.hotspot(*set.cycleFocus(camera, false)).id);
    EXPECT_EQ(order, (std::vector<std::string>{"ahead", "right", "left", "ahead"}));
    EXPECT_EQ(set.hotspot(*set.cycleFocus(camera, true)).id, "left");
}

TEST(Hotspots, RestingGazeOpensAfterTheDwellOnlyWhenEnabled) {
    const auto bvh = makeRoom();
    HotspotSettings settings;
    settings.dwellSeconds = 2.0;
    HotspotSet set({hotspot("ahead", {0.5f, 0, 1})}, bvh, settings);
    const auto camera = cameraAt({-1, 0, 1}, 0.0f);
    std::optional<size_t> opened;
    double openedAt = -1;
    for (double t = 0; t < 3.0 && !opened; t += 0.05) {
        opened = set.updateGaze(camera, t);
        if (opened) openedAt = t;
    }
    ASSERT_TRUE(opened.has_value());
    EXPECT_NEAR(openedAt, 2.0, 0.06);
    // Looking away and back restarts the dwell.
    EXPECT_FALSE(set.updateGaze(cameraAt({-1, 0, 1}, 90.0f), 3.0).has_value());
    EXPECT_FALSE(set.updateGaze(camera, 3.1).has_value());
    EXPECT_NEAR(set.dwellProgress(4.1), 0.5f, 1e-3f);

    HotspotSet off({hotspot("ahead", {0.5f, 0, 1})}, bvh, {});
    for (double t = 0; t < 10.0; t += 0.5) EXPECT_FALSE(off.updateGaze(camera, t).has_value());
}

TEST(Hotspots, GlowsAreFaintAtRestBrightUnderThePointerAndHiddenBeforeEngagement) {
    const auto bvh = makeRoom();
    HotspotSet set({hotspot("a", {0.5f, 0, 1}), hotspot("b", {0, 1, 1})}, bvh, {});
    const auto camera = cameraAt({-1, 0, 1}, 0.0f);
    EXPECT_TRUE(set.markers(camera, std::nullopt, 0.0, 0.0f).empty());
    auto markers = set.markers(camera, size_t(1), 0.0, 1.0f);
    ASSERT_EQ(markers.size(), 2u);
    EXPECT_LT(markers[0].opacity, 0.5f);
    EXPECT_GT(markers[1].opacity, 0.7f);
    EXPECT_EQ(markers[1].highlight, 1.0f);
}

} // namespace
