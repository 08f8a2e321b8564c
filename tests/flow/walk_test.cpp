// Walk tests: a minute of scripted walking in each room of the generated demo exhibit (SR_DEMO_DIR),
// checked at every step: the visitor stays on the room's floor at eye height, inside its walls,
// out of its furniture, and never passes through anything. Then glides between its stations.
#include <gtest/gtest.h>

#include "test_random.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "asset/import.h"
#include "scene/manifest.h"
#include "view/bvh.h"
#include "view/glide.h"
#include "view/walker.h"

using namespace sr;

namespace {

constexpr float kStepsPerSecond = 60.0f;
constexpr float kSeconds = 60.0f;

// A fixed-seed generator for the random part of the script (splitmix64).

// The scripted visitor's heading (degrees) and speed factor at time t: four seconds toward each
// wall, four diagonally into each corner, two toward each hotspot (furniture), then random turns
// and speeds.
class Script {
public:
    Script(std::vector<glm::vec2> targets, uint64_t seed) : mTargets(std::move(targets)), mRandom{seed} {}

    std::pair<float, float> at(float t, glm::vec3 eye) {
        if (t < 16.0f) return {90.0f * std::floor(t / 4.0f), 1.0f};
        if (t < 32.0f) return {45.0f + 90.0f * std::floor((t - 16.0f) / 4.0f), 1.0f};
        const size_t target = size_t((t - 32.0f) / 2.0f);
        if (target < mTargets.size()) {
            const glm::vec2 d = mTargets[target] - glm::vec2(eye);
            return {glm::degrees(std::atan2(d.y, d.x)), 1.0f};
        }
        if (t >= mNextTurn) {
            mHeading = mRandom.uniform(0.0f, 360.0f);
            mSpeed = mRandom.uniform(0.3f, 2.5f); // up to a run, to try the sub-steps
            mNextTurn = t + mRandom.uniform(0.25f, 1.5f);
        }
        return {mHeading, mSpeed};
    }

private:
    std::vector<glm::vec2> mTargets;
    sr::test::Random mRandom;
    float mNextTurn = 0.0f, mHeading = 0.0f, mSpeed = 1.0f;
};

struct LoadedRoom {
    scene::Room room;
    asset::RoomMesh mesh;
};

// The room `id` of the demo exhibit, imported once per test run. Null when missing.
const LoadedRoom* loadDemoRoom(const std::string& id) {
    static std::map<std::string, std::optional<LoadedRoom>> cache;
    if (auto it = cache.find(id); it != cache.end()) return it->second ? &*it->second : nullptr;
    std::optional<LoadedRoom>& slot = cache[id];
    auto loaded = scene::loadExhibit(SR_DEMO_DIR);
    const scene::Room* room = loaded ? scene::findRoom(loaded->exhibit, id) : nullptr;
    if (!room) return nullptr;
    asset::ImportOptions options;
    options.up = room->up;
    options.metresPerUnit = room->metresPerUnit;
    auto mesh = asset::importRoomMesh(room->mesh.resolved, options);
    if (!mesh) return nullptr;
    slot = LoadedRoom{*room, std::move(*mesh)};
    return &*slot;
}

// Whether horizontal rays from `eye` meet the mesh in every direction: the eye is enclosed.
bool enclosed(const view::MeshBvh& bvh, glm::vec3 eye) {
    for (int i = 0; i < 8; ++i) {
        const float a = glm::radians(45.0f * float(i));
        if (!bvh.raycast(eye, {std::cos(a), std::sin(a), 0.0f}, 50.0f)) return false;
    }
    return true;
}

// What a minute of walking added up to.
struct WalkTally {
    float travelled = 0.0f, asked = 0.0f, minClearance = 1e9f;
    int blocked = 0;
};

// Checks the step from `eye` to `next` (asked to go `length` metres) and adds it to `tally`.
void checkStep(const view::MeshBvh& bvh, const view::Walker& walker, float baseFloor, glm::vec3 eye,
               glm::vec3 next, float length, WalkTally& tally) {
    const view::WalkerSettings& s = walker.settings();
    const float floor = next.z - s.eyeHeight;
    const auto under = walker.findFloor(next.x, next.y, floor + s.stepHeight);
    ASSERT_TRUE(under) << "no floor under the eye";
    ASSERT_NEAR(*under, floor, 1e-3f) << "eye not at eye height";
    ASSERT_LE(floor, baseFloor + s.stepHeight) << "standing on furniture";
    ASSERT_GE(floor, baseFloor - s.stepHeight) << "fell";
    ASSERT_TRUE(enclosed(bvh, next)) << "outside the room";
    const auto [bottom, top] = walker.capsuleAxis(next);
    const auto contact = bvh.closestPointToSegment(bottom, top, s.radius);
    const float clearance = contact ? contact->distance : s.radius;
    ASSERT_GE(clearance, s.radius - 2e-3f) << "inside furniture or a wall";
    ASSERT_FALSE(bvh.anyHit(eye, next)) << "passed through something at eye height";
    ASSERT_FALSE(bvh.anyHit({eye.x, eye.y, bottom.z}, bottom)) << "passed through something low";
    const float moved = glm::distance(glm::vec2(eye), glm::vec2(next));
    tally.minClearance = std::min(tally.minClearance, clearance);
    tally.travelled += moved, tally.asked += length;
    tally.blocked += moved < 0.1f * length;
}

class DemoWalk : public ::testing::TestWithParam<std::string> {};

TEST_P(DemoWalk, MinuteOfScriptedWalkingStaysOnTheFloorAndOutOfEverything) {
    const LoadedRoom* loaded = loadDemoRoom(GetParam());
    ASSERT_TRUE(loaded) << "room " << GetParam() << " of the demo exhibit in " << SR_DEMO_DIR;
    const scene::Room& room = loaded->room;
    const view::MeshBvh bvh(loaded->mesh);
    view::WalkerSettings settings;
    settings.eyeHeight = room.walk.eyeHeight;
    const view::Walker walker(bvh, settings);
    ASSERT_FALSE(room.stations.empty());
    const auto start = walker.settle(room.stations[0].pose.position);
    ASSERT_TRUE(start) << "no place to stand under the first station";

    std::vector<glm::vec2> targets;
    for (const scene::Hotspot& h : room.hotspots) targets.push_back(glm::vec2(h.position));
    Script script(targets, 0x5eedu);
    glm::vec3 eye = *start;
    WalkTally tally;
    const int steps = int(kSeconds * kStepsPerSecond);
    for (int i = 0; i < steps; ++i) {
        const float t = float(i) / kStepsPerSecond;
        const auto [heading, speed] = script.at(t, eye);
        const float length = room.walk.speed * speed / kStepsPerSecond;
        const glm::vec2 step =
            glm::vec2(std::cos(glm::radians(heading)), std::sin(glm::radians(heading))) * length;
        const glm::vec3 next = walker.move(eye, step);
        SCOPED_TRACE("t = " + std::to_string(t) + " s, eye (" + std::to_string(next.x) + ", " +
                     std::to_string(next.y) + ", " + std::to_string(next.z) + ")");
        ASSERT_NO_FATAL_FAILURE(
            checkStep(bvh, walker, start->z - settings.eyeHeight, eye, next, length, tally));
        eye = next;
    }
    std::cout << "[ walk    ] " << GetParam() << ": travelled " << tally.travelled << " m of " << tally.asked
              << " m asked, " << tally.blocked << " of " << steps << " steps blocked, closest approach "
              << tally.minClearance << " m\n";
    EXPECT_GT(tally.travelled, 0.3f * tally.asked); // it walked, not just stood against a wall
}

TEST_P(DemoWalk, GlidesBetweenStationsEndExactlyAndMovesOnlyOnClearPaths) {
    const LoadedRoom* loaded = loadDemoRoom(GetParam());
    ASSERT_TRUE(loaded);
    const view::MeshBvh bvh(loaded->mesh);
    const auto& stations = loaded->room.stations;
    for (size_t i = 0; i < stations.size(); ++i) {
        for (size_t j = 0; j < stations.size(); ++j) {
            if (i == j) continue;
            const auto& a = stations[i].pose;
            const auto& b = stations[j].pose;
            const view::Pose from{a.position, a.yawDeg, a.pitchDeg}, to{b.position, b.yawDeg, b.pitchDeg};
            const view::GlidePlan plan = view::planGlide(from, to, bvh, {}, false);
            std::cout << "[ glide   ] " << stations[i].id << " -> " << stations[j].id << ": "
                      << (plan.style == view::GlideStyle::Move ? "move" : "fade") << " " << plan.duration
                      << " s\n";
            EXPECT_EQ(view::evaluate(plan, plan.duration).pose.position, to.position);
            EXPECT_NEAR(view::shortestYawDelta(view::evaluate(plan, plan.duration).pose.yawDeg, to.yawDeg),
                        0.0f, 1e-3f);
            if (plan.style == view::GlideStyle::Move) {
                EXPECT_FALSE(bvh.anyHit(from.position, to.position));
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Rooms, DemoWalk, ::testing::Values("bedroom", "landing"));

} // namespace
