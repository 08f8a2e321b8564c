// Walking on a room's floor (capsule against walls, furniture, steps and holes) and gliding
// between places, over small rooms built in code.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "view/bvh.h"
#include "view/glide.h"
#include "view/walker.h"
#include "view_test_rooms.h"

using namespace sr::view;
using namespace sr::test;

TEST(Walker, FindFloorReturnsHighestWalkableSurfaceBelowStart) {
    const Walker& w = room().walker;
    EXPECT_NEAR(*w.findFloor(3.5f, 2.0f, 1.6f), 0.0f, 1e-6f);
    EXPECT_NEAR(*w.findFloor(1.0f, 1.0f, 1.6f), 0.05f, 1e-6f); // the rug
    EXPECT_NEAR(*w.findFloor(2.5f, 0.8f, 1.6f), 0.75f, 1e-6f); // the table top from above
    EXPECT_NEAR(*w.findFloor(2.5f, 0.8f, 0.5f), 0.0f, 1e-6f);  // the floor under it from below
    EXPECT_FALSE(w.findFloor(5.0f, 3.0f, 1.6f));               // the hole
    EXPECT_FALSE(w.findFloor(1.5f, 4.5f, 1.6f));               // beyond the doorway
}

TEST(Walker, FindFloorLooksPastSteepSurfaces) {
    TestMesh m;
    m.floor(0, 0, 2, 2, 0);
    m.triangle({0, 0, 0.5f}, {2, 0, 0.5f}, {1, 2, 1.5f});    // a 27 degree slab: walkable
    m.triangle({0, 0, 2.0f}, {2, 0, 2.0f}, {1, 0.5f, 3.5f}); // a 72 degree slab: not
    const MeshBvh bvh(m.positions, m.indices);
    const Walker w(bvh);
    EXPECT_NEAR(*w.findFloor(1.0f, 0.2f, 5.0f), 0.6f, 1e-5f);
}

TEST(Walker, SettlesAtEyeHeightAndNudgesOffAWall) {
    const Walker& w = room().walker;
    const auto eye = w.settle({3.5f, 2.0f, 2.2f});
    ASSERT_TRUE(eye);
    EXPECT_FLOAT_EQ(eye->z, 1.6f);
    const auto nearWall = w.settle({5.9f, 2.0f, 1.6f});
    ASSERT_TRUE(nearWall);
    EXPECT_NEAR(nearWall->x, 6.0f - 0.2f, 1e-3f);
    EXPECT_FALSE(w.settle({5.0f, 3.0f, 1.6f})); // over the hole
    EXPECT_FALSE(w.settle({3.0f, 5.0f, 1.6f})); // outside
}

TEST(Walker, WallStopsAWalkStraightIntoIt) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {3.5f, 2.0f, 1.6f}, {0.02f, 0.0f}, 200);
    EXPECT_NEAR(end.x, 6.0f - 0.2f, 2e-3f);
    EXPECT_NEAR(end.y, 2.0f, 1e-4f);
    EXPECT_FLOAT_EQ(end.z, 1.6f);
    EXPECT_TRUE(w.isClear(end));
}

TEST(Walker, FastMoveCannotTunnelThroughAWall) {
    const Walker& w = room().walker;
    const glm::vec3 end = w.move({3.5f, 2.0f, 1.6f}, {25.0f, 0.0f});
    EXPECT_NEAR(end.x, 6.0f - 0.2f, 2e-3f);
}

TEST(Walker, SlidesAlongWallWhenWalkingDiagonally) {
    const Walker& w = room().walker;
    glm::vec3 eye{5.7f, 1.8f, 1.6f};
    eye = walk(w, eye, glm::vec2(0.02f, 0.02f), 50, [&](glm::vec3 p) { ASSERT_LE(p.x, 5.8f + 1e-3f); });
    EXPECT_NEAR(eye.x, 5.8f, 2e-3f);
    EXPECT_NEAR(eye.y, 1.8f + 50 * 0.02f, 0.02f); // kept the part of the motion along the wall
}

TEST(Walker, StopsInACornerWhenWalkingDiagonallyIntoIt) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {5.65f, 0.45f, 1.6f}, glm::vec2(0.02f, -0.02f), 200);
    EXPECT_NEAR(end.x, 5.8f, 2e-3f);
    EXPECT_NEAR(end.y, 0.2f, 2e-3f);
}

TEST(Walker, FurnitureBlocksAndIsSlidAlong) {
    const Walker& w = room().walker;
    auto outsideTable = [](glm::vec3 p) { ASSERT_GE(distanceXY(p, kTableMin, kTableMax), 0.2f - 2e-3f); };
    glm::vec3 end = walk(w, {2.5f, 2.5f, 1.6f}, {0.0f, -0.02f}, 100, outsideTable);
    EXPECT_NEAR(end.y, kTableMax.y + 0.2f, 2e-3f);
    end = walk(w, end, {0.02f, -0.02f}, 50, outsideTable);
    EXPECT_GT(end.x, 3.0f);
    EXPECT_FLOAT_EQ(end.z, 1.6f); // never climbed onto it
}

TEST(Walker, ChestHigherThanStepHeightBlocks) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {0.75f, 3.6f, 1.6f}, {0.0f, -0.02f}, 100);
    // The chest's top edge (0.4 m) meets the capsule's lower hemisphere (centre 0.5 m, radius 0.2).
    EXPECT_NEAR(end.y, kChestMax.y + std::sqrt(0.2f * 0.2f - 0.1f * 0.1f), 2e-3f);
    EXPECT_FLOAT_EQ(end.z, 1.6f);
}

TEST(Walker, StepsOntoARugAndFollowsItsHeight) {
    const Walker& w = room().walker;
    glm::vec3 eye = walk(w, {1.0f, 2.0f, 1.6f}, {0.0f, -0.02f}, 50); // across the rug to y = 1
    EXPECT_NEAR(eye.y, 1.0f, 1e-3f);
    EXPECT_NEAR(eye.z, 1.65f, 1e-5f);
    eye = walk(w, eye, {0.0f, -0.02f}, 50);
    EXPECT_NEAR(eye.z, 1.6f, 1e-5f); // and down off it
}

TEST(Walker, ClimbsATwentyCentimetreStepAndComesDown) {
    const Walker& w = room().walker;
    glm::vec3 eye = walk(w, {4.0f, 1.0f, 1.6f}, {0.02f, 0.0f}, 50);
    EXPECT_NEAR(eye.x, 5.0f, 1e-3f);
    EXPECT_NEAR(eye.z, 1.8f, 1e-5f);
    eye = walk(w, eye, {0.0f, 0.02f}, 50);
    EXPECT_NEAR(eye.z, 1.6f, 1e-5f);
}

TEST(Walker, NeverEntersAHoleInTheFloorFromAnySide) {
    const Walker& w = room().walker;
    const glm::vec3 centre{5.0f, 3.0f, 0.0f};
    for (int i = 0; i < 16; ++i) {
        const float a = glm::radians(22.5f * float(i));
        const glm::vec2 toward(-std::cos(a), -std::sin(a));
        const auto start = w.settle(centre + glm::vec3(-toward * 0.75f, 1.6f));
        if (!start) continue; // too near a wall for this angle
        const glm::vec3 end = walk(w, *start, toward * 0.02f, 80, [&](glm::vec3 p) {
            ASSERT_FALSE(insideXY(p, glm::vec3(kHoleMin, 0), glm::vec3(kHoleMax, 0), -1e-3f))
                << "angle " << i;
            ASSERT_FLOAT_EQ(p.z, 1.6f);
        });
        EXPECT_LT(glm::distance(glm::vec2(end), glm::vec2(centre)), 0.75f); // it did walk up to the edge
    }
}

TEST(Walker, SlidesAlongTheEdgeOfAHole) {
    const Walker& w = room().walker;
    const glm::vec3 end = walk(w, {4.2f, 2.7f, 1.6f}, {0.02f, 0.01f}, 60); // meets the edge at y = 2.85
    EXPECT_LE(end.x, kHoleMin.x + 1e-3f);
    EXPECT_GT(end.y, 3.0f); // moved on along the edge instead of stopping at it
}

TEST(Walker, NeverLeavesThroughAGapInTheWall) {
    const Walker& w = room().walker;
    for (float dx : {-0.01f, 0.0f, 0.01f}) {
        walk(w, {1.5f, 3.0f, 1.6f}, {dx, 0.02f}, 150, [](glm::vec3 p) { ASSERT_LE(p.y, 4.0f + 1e-3f); });
    }
    EXPECT_LE(w.move({1.5f, 3.0f, 1.6f}, {0.0f, 30.0f}).y, 4.0f + 1e-3f);
}

TEST(Walker, BridgesACrackNarrowerThanItsFootprint) {
    TestMesh m;
    m.floor(0, 0, 2, 2, 0), m.floor(2.04f, 0, 4, 2, 0); // a 4 cm crack at x = 2
    const MeshBvh bvh(m.positions, m.indices);
    const Walker w(bvh);
    const glm::vec3 end = walk(w, {1.0f, 1.0f, 1.6f}, {0.02f, 0.0f}, 100);
    EXPECT_NEAR(end.x, 3.0f, 1e-3f);
}

TEST(Walker, IsDeterministicAndIgnoresNonFiniteInput) {
    const Walker& w = room().walker;
    const glm::vec3 start{3.3f, 1.7f, 1.6f};
    const glm::vec3 a = w.move(start, {1.3f, -0.9f}), b = w.move(start, {1.3f, -0.9f});
    EXPECT_EQ(a, b);
    EXPECT_EQ(w.move(start, {kNaN, 0.0f}), start);
    EXPECT_EQ(w.move(start, {0.0f, 0.0f}), start);
}

TEST(Walker, HonoursConfiguredEyeHeight) {
    WalkerSettings s;
    s.eyeHeight = 1.2f;
    const Walker w(room().bvh, s);
    const auto eye = w.settle({3.5f, 2.0f, 2.0f});
    ASSERT_TRUE(eye);
    EXPECT_FLOAT_EQ(eye->z, 1.2f);
    EXPECT_FLOAT_EQ(w.move(*eye, {0.3f, 0.0f}).z, 1.2f);
}

// ---- Glide --------------------------------------------------------------------------------------

namespace {
const Pose kDoor{{0.6f, 2.0f, 1.6f}, 350.0f, -10.0f};
const Pose kWindow{{3.4f, 3.0f, 1.6f}, 10.0f, 5.0f};
} // namespace

TEST(Glide, ShortestYawDeltaWrapsAround) {
    EXPECT_FLOAT_EQ(shortestYawDelta(350.0f, 10.0f), 20.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(10.0f, 350.0f), -20.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(-170.0f, 170.0f), -20.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(0.0f, 720.0f + 90.0f), 90.0f);
    EXPECT_FLOAT_EQ(shortestYawDelta(0.0f, 180.0f), 180.0f);
}

TEST(Glide, MovesWhenThePathIsClearAndIsExactAtBothEnds) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, false);
    ASSERT_EQ(plan.style, GlideStyle::Move);
    const GlideFrame start = evaluate(plan, 0.0f), end = evaluate(plan, plan.duration);
    EXPECT_EQ(start.pose.position, kDoor.position);
    EXPECT_EQ(start.pose.yawDeg, kDoor.yawDeg);
    EXPECT_EQ(end.pose.position, kWindow.position);
    EXPECT_FLOAT_EQ(end.pose.yawDeg, 370.0f); // 10 degrees, reached the short way
    EXPECT_EQ(end.pose.pitchDeg, kWindow.pitchDeg);
    EXPECT_EQ(start.fadeAlpha, 0.0f);
    EXPECT_EQ(end.fadeAlpha, 0.0f);
}

TEST(Glide, MoveIsContinuousWithoutYawFlips) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, false);
    GlideFrame last = evaluate(plan, 0.0f);
    for (float t = 0.001f; t <= plan.duration + 0.01f; t += 0.001f) {
        const GlideFrame f = evaluate(plan, t);
        ASSERT_LT(glm::distance(f.pose.position, last.pose.position), 0.01f) << t;
        ASSERT_LT(std::abs(f.pose.yawDeg - last.pose.yawDeg), 0.1f) << t;
        ASSERT_GE(f.pose.yawDeg, last.pose.yawDeg) << t; // 350 -> 370, through 360
        ASSERT_LT(std::abs(f.pose.pitchDeg - last.pose.pitchDeg), 0.1f) << t;
        last = f;
    }
}

TEST(Glide, EasesInAndOutWithZeroVelocityAtTheEnds) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, false);
    const float h = 1e-3f, distance = glm::distance(kDoor.position, kWindow.position);
    auto speed = [&](float t) {
        return glm::distance(evaluate(plan, t + h).pose.position, evaluate(plan, t).pose.position) / h;
    };
    EXPECT_LT(speed(0.0f), 0.01f);
    EXPECT_LT(speed(plan.duration - h), 0.01f);
    EXPECT_NEAR(speed(plan.duration / 2), 1.5f * distance / plan.duration, 0.01f); // smoothstep's peak
}

TEST(Glide, DurationFollowsDistanceWithinItsClamp) {
    Pose a{{3.0f, 2.0f, 1.6f}, 0.0f, 0.0f}, b = a, c = a, d = a;
    b.position.x += 0.1f;
    c.position.x += 1.4f;
    d.position += glm::vec3(-2.3f, 1.7f, 0.0f); // 2.86 m: capped
    const GlideSettings s;
    EXPECT_FLOAT_EQ(planGlide(a, b, room().bvh, {}, false).duration, s.minSeconds);
    EXPECT_NEAR(planGlide(a, c, room().bvh, {}, false).duration, 1.4f / s.speed, 1e-4f);
    EXPECT_FLOAT_EQ(planGlide(a, d, room().bvh, {}, false).duration, s.maxSeconds);
    Pose turn = a;
    turn.yawDeg = 150.0f; // a turn on the spot takes its time too
    EXPECT_NEAR(planGlide(a, turn, room().bvh, {}, false).duration, 150.0f / s.turnSpeedDeg, 1e-4f);
}

TEST(Glide, FadesWhenFurnitureBlocksThePath) {
    const Pose a{{2.5f, 0.2f, 1.6f}, 90.0f, 0.0f}, b{{2.5f, 1.5f, 1.6f}, 90.0f, 0.0f}; // across the table
    EXPECT_EQ(planGlide(a, b, room().bvh, {}, false).style, GlideStyle::Fade);
    const Pose c{{0.75f, 2.2f, 1.6f}, 90.0f, 0.0f}, d{{0.75f, 3.3f, 1.6f}, 90.0f, 0.0f}; // over the low chest
    EXPECT_EQ(planGlide(c, d, room().bvh, {}, false).style, GlideStyle::Fade);
    const Pose e{{1.9f, 0.3f, 1.6f}, 90.0f, 0.0f}, f{{1.9f, 1.5f, 1.6f}, 90.0f, 0.0f}; // brushing its side
    EXPECT_EQ(planGlide(e, f, room().bvh, {}, false).style, GlideStyle::Fade);
}

TEST(Glide, FadesThroughAWall) {
    TestMesh m = testRoom();
    m.wallX(3.0f, 1.5f, 4.0f, 0.0f, 2.5f); // a partition
    const MeshBvh bvh(m.positions, m.indices);
    const Pose a{{2.0f, 3.0f, 1.6f}, 0.0f, 0.0f}, b{{4.0f, 3.0f, 1.6f}, 0.0f, 0.0f};
    EXPECT_EQ(planGlide(a, b, bvh, {}, false).style, GlideStyle::Fade);
}

TEST(Glide, FadesWhenReducedMotionIsOn) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, true);
    EXPECT_EQ(plan.style, GlideStyle::Fade);
    EXPECT_FLOAT_EQ(plan.duration, 0.7f);
}

TEST(Glide, FadesWhenAPoseIsNotFinite) {
    Pose broken = kWindow;
    broken.position.y = kNaN;
    EXPECT_EQ(planGlide(kDoor, broken, room().bvh, {}, false).style, GlideStyle::Fade);
    broken = kWindow, broken.yawDeg = kNaN;
    EXPECT_EQ(planGlide(kDoor, broken, room().bvh, {}, false).style, GlideStyle::Fade);
}

TEST(Glide, FadeDarkensCutsAtBlackAndClears) {
    const GlidePlan plan = planGlide(kDoor, kWindow, room().bvh, {}, true);
    EXPECT_EQ(evaluate(plan, 0.0f).pose.position, kDoor.position);
    EXPECT_EQ(evaluate(plan, 0.2f).pose.position, kDoor.position);
    EXPECT_NEAR(evaluate(plan, plan.fadeOutSeconds - 1e-4f).fadeAlpha, 1.0f, 1e-3f);
    EXPECT_EQ(evaluate(plan, plan.fadeOutSeconds).pose.position, kWindow.position);
    EXPECT_FLOAT_EQ(evaluate(plan, plan.fadeOutSeconds).fadeAlpha, 1.0f);
    float last = 0.0f;
    for (float t = 0.0f; t <= plan.duration + 0.01f; t += 0.001f) {
        const float alpha = evaluate(plan, t).fadeAlpha;
        ASSERT_LT(std::abs(alpha - last), 0.01f) << t;
        last = alpha;
    }
    EXPECT_EQ(evaluate(plan, plan.duration).fadeAlpha, 0.0f);
    EXPECT_EQ(evaluate(plan, kNaN).pose.position, kDoor.position);
}
