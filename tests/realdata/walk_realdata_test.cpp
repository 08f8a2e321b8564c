// Walking in real reconstructions (iclnuim-recon-rooms under SR_TESTDATA): a minute of scripted
// input in each room, checked at every step. These meshes have holes and ragged borders, so the
// test also reports how often the visitor was held back. Skips when the data is absent.
//
// Up axis: ICL-NUIM's frame has +Y pointing down. Checked on the meshes: the large horizontal
// surfaces lie at y = -1.3 and +1.2 (living room) and y = -0.9 and +1.5 (office); the smaller
// horizontal surfaces in between (seats, tables, desks) sit 0.4 to 0.8 m from the +Y one, so +Y
// is the floor side and the files are imported as -Y up, in metres.
#include <gtest/gtest.h>

#include "test_random.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "asset/import.h"
#include "core/log.h"
#include "view/bvh.h"
#include "view/walker.h"

namespace fs = std::filesystem;
using namespace sr;

namespace {

const fs::path kRooms = fs::path(SR_TESTDATA) / "iclnuim-recon-rooms";

std::optional<fs::path> findObj(const fs::path& folder) {
    if (!fs::is_directory(folder)) return std::nullopt;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".obj") return entry.path();
    return std::nullopt;
}

// The room's floor height: the most common walkable height (5 cm bins) in the lower half of the
// room on a 10 cm grid, and the standable grid point nearest the footprint's centre on it.
std::optional<std::pair<float, glm::vec3>> findStart(const view::Walker& walker,
                                                     const asset::Bounds& bounds) {
    std::map<int, int> heights;
    const float top = bounds.center().z;
    for (float x = bounds.min.x; x < bounds.max.x; x += 0.1f)
        for (float y = bounds.min.y; y < bounds.max.y; y += 0.1f)
            if (auto f = walker.findFloor(x, y, top)) ++heights[int(std::floor(*f / 0.05f))];
    if (heights.empty()) return std::nullopt;
    const auto mode = std::max_element(heights.begin(), heights.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    const float floor = (float(mode->first) + 0.5f) * 0.05f;
    std::optional<glm::vec3> best;
    const glm::vec2 centre(bounds.center());
    for (float x = bounds.min.x; x < bounds.max.x; x += 0.1f)
        for (float y = bounds.min.y; y < bounds.max.y; y += 0.1f) {
            const auto eye = walker.settle({x, y, floor + 0.1f});
            if (!eye || std::abs(eye->z - walker.settings().eyeHeight - floor) > 0.05f) continue;
            if (!best || glm::distance(glm::vec2(*eye), centre) < glm::distance(glm::vec2(*best), centre))
                best = eye;
        }
    if (!best) return std::nullopt;
    return std::make_pair(best->z - walker.settings().eyeHeight, *best);
}

// The scripted visitor: four seconds toward each wall, four into each corner, then random turns
// and speeds (up to a run) from a fixed seed.
class Script {
public:
    std::pair<float, float> at(float t) {
        if (t < 16.0f) return {90.0f * std::floor(t / 4.0f), 1.0f};
        if (t < 32.0f) return {45.0f + 90.0f * std::floor((t - 16.0f) / 4.0f), 1.0f};
        if (t >= mNextTurn) {
            mHeading = mRandom.uniform(0.0f, 360.0f), mSpeed = mRandom.uniform(0.3f, 2.5f);
            mNextTurn = t + mRandom.uniform(0.25f, 1.5f);
        }
        return {mHeading, mSpeed};
    }

private:
    sr::test::Random mRandom{0x1c1u};
    float mNextTurn = 0.0f, mHeading = 0.0f, mSpeed = 1.0f;
};

struct WalkTally {
    float travelled = 0.0f, asked = 0.0f;
    int blocked = 0, bridged = 0, open = 0;
};

// Checks the step from `eye` to `next` (asked to go `length` metres) and adds it to `tally`.
void checkStep(const view::MeshBvh& bvh, const view::Walker& walker, float baseFloor, glm::vec3 eye,
               glm::vec3 next, float length, WalkTally& tally) {
    const view::WalkerSettings& s = walker.settings();
    const float floor = next.z - s.eyeHeight;
    ASSERT_GE(floor, baseFloor - s.stepHeight) << "fell";
    ASSERT_LE(floor, baseFloor + s.stepHeight) << "climbed onto furniture";
    const asset::Bounds& b = bvh.bounds();
    ASSERT_TRUE(next.x >= b.min.x && next.x <= b.max.x && next.y >= b.min.y && next.y <= b.max.y)
        << "left the scan";
    const auto [bottom, top] = walker.capsuleAxis(next);
    ASSERT_FALSE(bvh.closestPointToSegment(bottom, top, s.radius - 2e-3f)) << "inside the scan's surface";
    ASSERT_FALSE(bvh.anyHit(eye, next)) << "passed through the scan";
    const auto under = walker.findFloor(next.x, next.y, floor + s.stepHeight);
    tally.bridged += !under || std::abs(*under - floor) > 1e-3f; // over a crack the footprint spans
    for (int k = 0; k < 4; ++k) {
        const float a = glm::radians(90.0f * float(k));
        if (!bvh.raycast(next, {std::cos(a), std::sin(a), 0.0f}, 20.0f)) {
            ++tally.open; // a hole in the walls this way (the floor still ends before it)
            break;
        }
    }
    const float moved = glm::distance(glm::vec2(eye), glm::vec2(next));
    tally.travelled += moved, tally.asked += length;
    tally.blocked += moved < 0.1f * length;
}

class RealdataWalk : public ::testing::TestWithParam<std::string> {};

TEST_P(RealdataWalk, MinuteOfScriptedWalkingNeverFallsOrPassesThroughTheScan) {
    const auto file = findObj(kRooms / GetParam());
    if (!file) GTEST_SKIP() << "test data absent: " << kRooms / GetParam();
    const bool quiet = core::setLogQuiet(true); // the scans' texture images are missing, by design
    asset::ImportOptions options;
    options.up = asset::UpAxis::NegY;
    auto mesh = asset::importRoomMesh(*file, options);
    core::setLogQuiet(quiet);
    ASSERT_TRUE(mesh) << mesh.error().describe();
    const auto clock = std::chrono::steady_clock::now;
    const auto buildStart = clock();
    const view::MeshBvh bvh(*mesh);
    const double buildMs = std::chrono::duration<double, std::milli>(clock() - buildStart).count();
    const view::Walker walker(bvh);
    const auto start = findStart(walker, mesh->bounds);
    ASSERT_TRUE(start) << "nowhere to stand in " << *file;

    Script script;
    glm::vec3 eye = start->second;
    WalkTally tally;
    const int steps = 60 * 60;
    const auto walkStart = clock();
    for (int i = 0; i < steps; ++i) {
        const float t = float(i) / 60.0f;
        const auto [heading, speed] = script.at(t);
        const float length = 0.8f * speed / 60.0f;
        const glm::vec2 step =
            glm::vec2(std::cos(glm::radians(heading)), std::sin(glm::radians(heading))) * length;
        const glm::vec3 next = walker.move(eye, step);
        SCOPED_TRACE("t = " + std::to_string(t) + " s");
        ASSERT_NO_FATAL_FAILURE(checkStep(bvh, walker, start->first, eye, next, length, tally));
        eye = next;
    }
    const double walkMs = std::chrono::duration<double, std::milli>(clock() - walkStart).count();
    std::cout << "[ walk    ] " << GetParam() << ": " << bvh.triangleCount() << " triangles, BVH " << buildMs
              << " ms; floor at " << start->first << " m; travelled " << tally.travelled << " m of "
              << tally.asked << " m; " << tally.blocked << " of " << steps << " steps blocked, "
              << tally.bridged << " over a bridged crack, " << tally.open
              << " with a hole in the walls around; " << walkMs << " ms\n";
    EXPECT_GT(tally.travelled, 0.2f * tally.asked);
}

INSTANTIATE_TEST_SUITE_P(IclNuim, RealdataWalk, ::testing::Values("lr_kt2", "of_kt2"));

} // namespace
