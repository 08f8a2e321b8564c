#include "view/bvh.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <deque>
#include <future>
#include <limits>
#include <thread>

namespace sr::view {
namespace {

constexpr int kBins = 16;
constexpr uint32_t kMaxLeafSize = 8;
constexpr uint32_t kLeafTargetSize = 2;       // split down to this many when the SAH says it pays
constexpr int kMaxSahDepth = 48;              // deeper than this, split at the median: depth stays bounded
constexpr int kStackSize = kMaxSahDepth + 40; // median splits add at most log2(2^32) levels
constexpr float kTraversalCost = 1.0f;        // relative to one triangle test
constexpr float kBaryEpsilon = 1e-6f; // lets rays along a shared edge hit one side or both, never neither

bool isFinite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

struct Box {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{-std::numeric_limits<float>::max()};
    void grow(const glm::vec3& p) { min = glm::min(min, p), max = glm::max(max, p); }
    void grow(const Box& b) { min = glm::min(min, b.min), max = glm::max(max, b.max); }
    float area() const {
        const glm::vec3 d = glm::max(max - min, glm::vec3(0.0f));
        return 2.0f * (d.x * d.y + d.y * d.z + d.z * d.x);
    }
};

bool boxesOverlap(const glm::vec3& amin, const glm::vec3& amax, const glm::vec3& bmin,
                  const glm::vec3& bmax) {
    return amin.x <= bmax.x && amin.y <= bmax.y && amin.z <= bmax.z && bmin.x <= amax.x && bmin.y <= amax.y &&
           bmin.z <= amax.z;
}

float squaredDistanceToBox(const glm::vec3& p, const glm::vec3& min, const glm::vec3& max) {
    const glm::vec3 d = glm::max(glm::max(min - p, p - max), glm::vec3(0.0f));
    return glm::dot(d, d);
}

// A ray or segment prepared for slab tests. Zero direction components get a huge finite inverse
// so that 0 * inverse never makes a NaN.
struct Slab {
    glm::vec3 origin, invDir;
    explicit Slab(const glm::vec3& o, const glm::vec3& d) : origin(o) {
        for (int i = 0; i < 3; ++i) {
            const float big = std::copysign(1e30f, d[i]);
            invDir[i] = std::abs(d[i]) > 1e-30f ? 1.0f / d[i] : big;
        }
    }
    // Entry parameter of the ray into the box within [0, tMax], or +inf when it misses.
    float enter(const glm::vec3& min, const glm::vec3& max, float tMax) const {
        const glm::vec3 t0 = (min - origin) * invDir, t1 = (max - origin) * invDir;
        const glm::vec3 lo = glm::min(t0, t1), hi = glm::max(t0, t1);
        const float tNear = std::max(std::max(lo.x, lo.y), std::max(lo.z, 0.0f));
        const float tFar = std::min(std::min(hi.x, hi.y), std::min(hi.z, tMax));
        return tNear <= tFar ? tNear : std::numeric_limits<float>::infinity();
    }
};

// Two-sided ray/triangle test; returns t in [0, tMax] or -1 (Moller-Trumbore with a tolerance).
float intersectTriangle(const glm::vec3& o, const glm::vec3& d, const glm::vec3& a, const glm::vec3& b,
                        const glm::vec3& c, float tMax) {
    const glm::vec3 e1 = b - a, e2 = c - a;
    const glm::vec3 p = glm::cross(d, e2);
    const float det = glm::dot(e1, p);
    if (std::abs(det) < 1e-20f) return -1.0f; // ray parallel to the triangle's plane
    const float inv = 1.0f / det;
    const glm::vec3 s = o - a;
    const float u = glm::dot(s, p) * inv;
    if (u < -kBaryEpsilon || u > 1.0f + kBaryEpsilon) return -1.0f;
    const glm::vec3 q = glm::cross(s, e1);
    const float v = glm::dot(d, q) * inv;
    if (v < -kBaryEpsilon || u + v > 1.0f + kBaryEpsilon) return -1.0f;
    const float t = glm::dot(e2, q) * inv;
    return t >= 0.0f && t <= tMax ? t : -1.0f;
}

// Nearest points between segments p1q1 and p2q2 (parameters s on the first, t on the second).
std::pair<glm::vec3, glm::vec3> closestPointsSegments(const glm::vec3& p1, const glm::vec3& q1,
                                                      const glm::vec3& p2, const glm::vec3& q2) {
    const glm::vec3 d1 = q1 - p1, d2 = q2 - p2, r = p1 - p2;
    const float a = glm::dot(d1, d1), e = glm::dot(d2, d2), f = glm::dot(d2, r);
    constexpr float kTiny = 1e-20f;
    float s = 0.0f, t = 0.0f;
    if (a <= kTiny && e <= kTiny) return {p1, p2};
    if (a <= kTiny) {
        t = std::clamp(f / e, 0.0f, 1.0f);
    } else {
        const float c = glm::dot(d1, r);
        if (e <= kTiny) {
            s = std::clamp(-c / a, 0.0f, 1.0f);
        } else {
            const float b = glm::dot(d1, d2), denom = a * e - b * b;
            s = denom > kTiny ? std::clamp((b * f - c * e) / denom, 0.0f, 1.0f) : 0.0f;
            t = (b * s + f) / e;
            if (t < 0.0f)
                t = 0.0f, s = std::clamp(-c / a, 0.0f, 1.0f);
            else if (t > 1.0f)
                t = 1.0f, s = std::clamp((b - c) / a, 0.0f, 1.0f);
        }
    }
    return {p1 + d1 * s, p2 + d2 * t};
}

} // namespace

glm::vec3 closestPointOnSegment(const glm::vec3& q, const glm::vec3& p0, const glm::vec3& p1) {
    const glm::vec3 d = p1 - p0;
    const float len2 = glm::dot(d, d);
    if (len2 <= 1e-20f) return p0;
    return p0 + d * std::clamp(glm::dot(q - p0, d) / len2, 0.0f, 1.0f);
}

glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b,
                                 const glm::vec3& c) {
    const glm::vec3 ab = b - a, ac = c - a;
    if (glm::dot(glm::cross(ab, ac), glm::cross(ab, ac)) <= 1e-24f) {
        // No area: the nearest point lies on one of the edges.
        const glm::vec3 candidates[] = {closestPointOnSegment(p, a, b), closestPointOnSegment(p, b, c),
                                        closestPointOnSegment(p, c, a)};
        return *std::min_element(std::begin(candidates), std::end(candidates), [&](auto& x, auto& y) {
            return glm::dot(x - p, x - p) < glm::dot(y - p, y - p);
        });
    }
    // Find the Voronoi region of p among the corners, edges and face.
    const glm::vec3 ap = p - a;
    const float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) return a;
    const glm::vec3 bp = p - b;
    const float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0.0f && d4 <= d3) return b;
    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) return a + ab * (d1 / (d1 - d3));
    const glm::vec3 cp = p - c;
    const float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0.0f && d5 <= d6) return c;
    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) return a + ac * (d2 / (d2 - d6));
    const float va = d3 * d6 - d5 * d4;
    if (va <= 0.0f && d4 - d3 >= 0.0f && d5 - d6 >= 0.0f)
        return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const float denom = 1.0f / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

std::pair<glm::vec3, glm::vec3> closestPointsSegmentTriangle(const glm::vec3& p0, const glm::vec3& p1,
                                                             const glm::vec3& a, const glm::vec3& b,
                                                             const glm::vec3& c) {
    const glm::vec3 d = p1 - p0;
    if (glm::dot(d, d) <= 1e-20f) return {p0, closestPointOnTriangle(p0, a, b, c)};
    const float t = intersectTriangle(p0, d, a, b, c, 1.0f);
    if (t >= 0.0f) return {p0 + d * t, p0 + d * t};
    // Otherwise the nearest pair involves an end of the segment or an edge of the triangle.
    std::pair<glm::vec3, glm::vec3> best{p0, closestPointOnTriangle(p0, a, b, c)};
    float bestD2 = glm::dot(best.first - best.second, best.first - best.second);
    auto consider = [&](const std::pair<glm::vec3, glm::vec3>& pair) {
        const glm::vec3 delta = pair.first - pair.second;
        if (glm::dot(delta, delta) < bestD2) best = pair, bestD2 = glm::dot(delta, delta);
    };
    consider({p1, closestPointOnTriangle(p1, a, b, c)});
    consider(closestPointsSegments(p0, p1, a, b));
    consider(closestPointsSegments(p0, p1, b, c));
    consider(closestPointsSegments(p0, p1, c, a));
    return best;
}

MeshBvh::MeshBvh(const asset::RoomMesh& mesh) {
    std::vector<glm::vec3> positions(mesh.vertices.size());
    for (size_t i = 0; i < positions.size(); ++i) positions[i] = mesh.vertices[i].position;
    build(positions, mesh.indices);
}

MeshBvh::MeshBvh(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices) {
    build(positions, indices);
}

namespace {

// A triangle during the build: its bounding box (whose centre stands for the triangle) and its
// index among the kept triangles. Partitioned in place, so each pass reads memory in order.
struct BuildPrim {
    Box box;
    uint32_t index;
    float centre(int axis) const { return 0.5f * (box.min[axis] + box.max[axis]); }
};

struct Bin {
    Box box, centres;
    uint32_t count = 0;
    void grow(const Bin& b) { box.grow(b.box), centres.grow(b.centres), count += b.count; }
};

struct BuildTask {
    uint32_t node, begin, end;
    int depth;
    Bin bounds; // of prims[begin, end): boxes, centres, count
};

struct Split {
    int axis = -1, bin = 0;
    float cost = std::numeric_limits<float>::max();
    Bin left, right;
};

int widestAxis(const Box& b) {
    const glm::vec3 e = b.max - b.min;
    return e.x >= e.y && e.x >= e.z ? 0 : (e.y >= e.z ? 1 : 2);
}

// The bin of a centre, clamped before the conversion to int: corners near the ends of the float
// range make centres and extents overflow to infinity (and their difference NaN), and converting
// such a float to int is undefined.
int binOf(const BuildPrim& p, int axis, float origin, float scale) {
    const double bin = (double(p.centre(axis)) - double(origin)) * double(scale);
    if (!(bin > 0.0)) return 0;
    return bin < double(kBins - 1) ? int(bin) : kBins - 1;
}

// The cheapest binned SAH split of `prims` along the widest axis of their centres.
Split findSahSplit(const BuildPrim* prims, uint32_t count, const Box& centres) {
    Split split;
    const int axis = widestAxis(centres);
    const float extent = centres.max[axis] - centres.min[axis];
    if (!(extent > 0.0f)) return split;
    const float scale = float(kBins) / extent;
    std::array<Bin, kBins> bins;
    for (uint32_t i = 0; i < count; ++i) {
        Bin& bin = bins[binOf(prims[i], axis, centres.min[axis], scale)];
        bin.box.grow(prims[i].box), bin.centres.grow(0.5f * (prims[i].box.min + prims[i].box.max)),
            ++bin.count;
    }
    std::array<Bin, kBins> right; // right[b]: bins b .. kBins-1 together
    right[kBins - 1] = bins[kBins - 1];
    for (int b = kBins - 2; b > 0; --b) right[b] = right[b + 1], right[b].grow(bins[b]);
    Bin left;
    for (int b = 0; b < kBins - 1; ++b) {
        left.grow(bins[b]);
        if (left.count == 0 || right[b + 1].count == 0) continue;
        const float cost =
            left.box.area() * float(left.count) + right[b + 1].box.area() * float(right[b + 1].count);
        if (cost < split.cost) split = {axis, b, cost, left, right[b + 1]};
    }
    return split;
}

Bin boundsOf(const BuildPrim* prims, uint32_t count) {
    Bin bounds;
    for (uint32_t i = 0; i < count; ++i) {
        bounds.box.grow(prims[i].box), bounds.centres.grow(0.5f * (prims[i].box.min + prims[i].box.max));
    }
    bounds.count = count;
    return bounds;
}

// Splits task's range in two; returns the middle, or `begin` when the range should be a leaf.
uint32_t splitRange(std::vector<BuildPrim>& prims, BuildTask& task, Bin& left, Bin& right) {
    const uint32_t count = task.end - task.begin;
    BuildPrim* first = prims.data() + task.begin;
    const Split split = task.depth < kMaxSahDepth ? findSahSplit(first, count, task.bounds.centres) : Split{};
    if (split.axis >= 0) {
        const float area = task.bounds.box.area();
        if (count <= kMaxLeafSize && area * float(count) <= kTraversalCost * area + split.cost)
            return task.begin;
        const int axis = split.axis;
        const float origin = task.bounds.centres.min[axis];
        const float scale = float(kBins) / (task.bounds.centres.max[axis] - origin);
        BuildPrim* mid = std::partition(first, first + count, [&](const BuildPrim& p) {
            return binOf(p, axis, origin, scale) <= split.bin;
        });
        left = split.left, right = split.right;
        return uint32_t(mid - prims.data());
    }
    if (count <= kMaxLeafSize) return task.begin;
    // Coincident centres, or too deep for the SAH: halve by count along the widest axis.
    const int axis = widestAxis(task.bounds.centres);
    const uint32_t half = count / 2;
    std::nth_element(first, first + half, first + count,
                     [&](const BuildPrim& x, const BuildPrim& y) { return x.centre(axis) < y.centre(axis); });
    left = boundsOf(first, half), right = boundsOf(first + half, count - half);
    return task.begin + half;
}

} // namespace

void MeshBvh::build(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices) {
    const size_t triangleCount = indices.size() / 3;
    std::vector<BuildPrim> prims;
    std::vector<Triangle> kept;
    std::vector<uint32_t> keptMeshIndex;
    prims.reserve(triangleCount), kept.reserve(triangleCount), keptMeshIndex.reserve(triangleCount);
    for (size_t t = 0; t < triangleCount; ++t) {
        const uint32_t i0 = indices[3 * t], i1 = indices[3 * t + 1], i2 = indices[3 * t + 2];
        if (i0 >= positions.size() || i1 >= positions.size() || i2 >= positions.size()) continue;
        const glm::vec3 &a = positions[i0], &b = positions[i1], &c = positions[i2];
        if (!isFinite(a) || !isFinite(b) || !isFinite(c)) continue;
        const glm::vec3 n = glm::cross(b - a, c - a);
        if (!(glm::dot(n, n) > 1e-24f)) continue; // zero area: no ray can meet it, no normal to report
        BuildPrim prim{{}, uint32_t(kept.size())};
        prim.box.grow(a), prim.box.grow(b), prim.box.grow(c);
        prims.push_back(prim);
        kept.push_back({a, b, c});
        keptMeshIndex.push_back(uint32_t(t));
    }
    if (prims.empty()) return;

    // Fills the node of `task` and, unless it stays a leaf, splits its range and returns true with
    // the tasks of its two children (placed after the nodes so far).
    auto expand = [&prims](std::vector<Node>& nodes, BuildTask& task, BuildTask(&children)[2]) {
        Node& node = nodes[task.node];
        node.min = task.bounds.box.min, node.max = task.bounds.box.max;
        node.first = task.begin, node.count = task.end - task.begin;
        if (node.count <= kLeafTargetSize) return false;
        Bin left, right;
        const uint32_t mid = splitRange(prims, task, left, right);
        if (mid == task.begin) return false; // a leaf
        const uint32_t child = uint32_t(nodes.size());
        nodes[task.node].first = child, nodes[task.node].count = 0;
        nodes.push_back({}), nodes.push_back({});
        children[0] = {child, task.begin, mid, task.depth + 1, left};
        children[1] = {child + 1, mid, task.end, task.depth + 1, right};
        return true;
    };
    // Builds the subtree of `root` into `nodes`, whose element 0 is the root's node.
    auto buildInto = [&expand](std::vector<Node>& nodes, BuildTask root) {
        root.node = 0;
        nodes.push_back({});
        std::vector<BuildTask> tasks{root};
        BuildTask children[2];
        while (!tasks.empty()) {
            BuildTask task = tasks.back();
            tasks.pop_back();
            if (!expand(nodes, task, children)) continue;
            tasks.push_back(children[1]);
            tasks.push_back(children[0]);
        }
    };

    // The top of the tree is split here, breadth first, until there are enough large subtrees to
    // keep every core busy; those are built on threads (each partitions only its own range of
    // prims) and spliced in. The tree is the one a build on one thread makes, its nodes stored in
    // another order.
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 16);
    constexpr uint32_t kParallelPrims = 32768; // smaller ranges are not worth a thread
    mNodes.reserve(2 * prims.size() / kLeafTargetSize + 1);
    mNodes.push_back({});
    std::deque<BuildTask> top{
        {0, 0, uint32_t(prims.size()), 0, boundsOf(prims.data(), uint32_t(prims.size()))}};
    std::vector<BuildTask> subtrees;
    BuildTask children[2];
    while (!top.empty()) {
        BuildTask task = top.front();
        top.pop_front();
        if (threads > 1 && task.end - task.begin >= kParallelPrims &&
            top.size() + subtrees.size() < 4 * threads) {
            if (!expand(mNodes, task, children)) continue;
            top.push_back(children[0]);
            top.push_back(children[1]);
        } else {
            subtrees.push_back(task);
        }
    }
    std::vector<std::vector<Node>> built(subtrees.size());
    {
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i; (i = next++) < subtrees.size();) buildInto(built[i], subtrees[i]);
        };
        std::vector<std::future<void>> workers;
        for (size_t t = 1; t < std::min(threads, subtrees.size()); ++t)
            workers.push_back(std::async(std::launch::async, work));
        work();
        for (std::future<void>& w : workers) w.get();
    }
    for (size_t i = 0; i < subtrees.size(); ++i) {
        // Local node k > 0 goes to base + k - 1; local 0 is the subtree's node in mNodes.
        const uint32_t base = uint32_t(mNodes.size()) - 1;
        for (Node& node : built[i]) {
            if (node.count == 0) node.first += base;
        }
        mNodes[subtrees[i].node] = built[i][0];
        mNodes.insert(mNodes.end(), built[i].begin() + 1, built[i].end());
        std::vector<Node>().swap(built[i]);
    }

    mTriangles.resize(prims.size());
    mMeshIndex.resize(prims.size());
    for (size_t i = 0; i < prims.size(); ++i) {
        mTriangles[i] = kept[prims[i].index];
        mMeshIndex[i] = keptMeshIndex[prims[i].index];
    }
    mBounds = {mNodes[0].min, mNodes[0].max};
}

template <class NodeTest, class LeafVisit>
void MeshBvh::traverse(NodeTest&& nodeTest, LeafVisit&& leafVisit) const {
    if (mNodes.empty()) return;
    uint32_t stack[kStackSize];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Node& node = mNodes[stack[--top]];
        if (!nodeTest(node.min, node.max)) continue;
        if (node.count > 0) {
            for (uint32_t i = node.first; i < node.first + node.count; ++i)
                if (!leafVisit(i)) return;
            continue;
        }
        stack[top++] = node.first + 1;
        stack[top++] = node.first;
    }
}

template <class Bound, class LeafVisit>
void MeshBvh::traverseNearest(Bound&& bound, const float& best, LeafVisit&& leafVisit) const {
    if (mNodes.empty()) return;
    struct Entry {
        uint32_t node;
        float bound;
    };
    Entry stack[kStackSize];
    int top = 0;
    stack[top++] = {0, bound(mNodes[0].min, mNodes[0].max)};
    while (top > 0) {
        const Entry entry = stack[--top];
        if (entry.bound > best) continue; // `best` may have shrunk since this was pushed
        const Node& node = mNodes[entry.node];
        if (node.count > 0) {
            for (uint32_t i = node.first; i < node.first + node.count; ++i) leafVisit(i);
            continue;
        }
        // Visit the nearer child first so that the farther one is usually pruned.
        const Node &l = mNodes[node.first], &r = mNodes[node.first + 1];
        Entry nearer{node.first, bound(l.min, l.max)}, farther{node.first + 1, bound(r.min, r.max)};
        if (farther.bound < nearer.bound) std::swap(nearer, farther);
        if (farther.bound <= best) stack[top++] = farther;
        if (nearer.bound <= best) stack[top++] = nearer;
    }
}

std::optional<RayHit> MeshBvh::raycast(const glm::vec3& origin, const glm::vec3& unitDir,
                                       float maxDistance) const {
    if (!isFinite(origin) || !isFinite(unitDir) || !(maxDistance >= 0.0f)) return std::nullopt;
    const Slab slab(origin, unitDir);
    float best = std::min(maxDistance, std::numeric_limits<float>::max());
    uint32_t bestIndex = UINT32_MAX;
    traverseNearest([&](const glm::vec3& min, const glm::vec3& max) { return slab.enter(min, max, best); },
                    best,
                    [&](uint32_t i) {
                        const Triangle& t = mTriangles[i];
                        const float d = intersectTriangle(origin, unitDir, t.a, t.b, t.c, best);
                        if (d >= 0.0f) best = d, bestIndex = i;
                    });
    if (bestIndex == UINT32_MAX) return std::nullopt;
    const Triangle& t = mTriangles[bestIndex];
    glm::vec3 normal = glm::normalize(glm::cross(t.b - t.a, t.c - t.a));
    if (glm::dot(normal, unitDir) > 0.0f) normal = -normal;
    return RayHit{best, mMeshIndex[bestIndex], origin + unitDir * best, normal};
}

bool MeshBvh::anyHit(const glm::vec3& from, const glm::vec3& to) const {
    const glm::vec3 d = to - from;
    if (!isFinite(from) || !isFinite(to) || glm::dot(d, d) <= 0.0f) return false;
    const Slab slab(from, d); // parameter 0..1 along the segment
    bool hit = false;
    traverse([&](const glm::vec3& min, const glm::vec3& max) { return slab.enter(min, max, 1.0f) <= 1.0f; },
             [&](uint32_t i) {
                 const Triangle& t = mTriangles[i];
                 hit = intersectTriangle(from, d, t.a, t.b, t.c, 1.0f) >= 0.0f;
                 return !hit;
             });
    return hit;
}

void MeshBvh::forEachTriangleInBox(const glm::vec3& min, const glm::vec3& max,
                                   const std::function<void(const TriangleRef&)>& visit) const {
    traverse([&](const glm::vec3& nmin, const glm::vec3& nmax) { return boxesOverlap(nmin, nmax, min, max); },
             [&](uint32_t i) {
                 const Triangle& t = mTriangles[i];
                 const glm::vec3 tmin = glm::min(glm::min(t.a, t.b), t.c),
                                 tmax = glm::max(glm::max(t.a, t.b), t.c);
                 if (boxesOverlap(tmin, tmax, min, max)) visit({mMeshIndex[i], t.a, t.b, t.c});
                 return true;
             });
}

std::optional<Contact> MeshBvh::closestPoint(const glm::vec3& p, float maxDistance) const {
    if (!isFinite(p) || !(maxDistance >= 0.0f)) return std::nullopt;
    float best = maxDistance;
    std::optional<Contact> result;
    traverseNearest([&](const glm::vec3& min,
                        const glm::vec3& max) { return std::sqrt(squaredDistanceToBox(p, min, max)); },
                    best,
                    [&](uint32_t i) {
                        const Triangle& t = mTriangles[i];
                        const glm::vec3 q = closestPointOnTriangle(p, t.a, t.b, t.c);
                        const float d = glm::length(q - p);
                        if (d <= best) best = d, result = Contact{d, mMeshIndex[i], q, p};
                    });
    return result;
}

std::optional<Contact> MeshBvh::closestPointToSegment(const glm::vec3& p0, const glm::vec3& p1,
                                                      float maxDistance) const {
    if (!isFinite(p0) || !isFinite(p1) || !(maxDistance >= 0.0f)) return std::nullopt;
    const Slab slab(p0, p1 - p0);
    const bool isPoint = p0 == p1;
    float best = maxDistance;
    std::optional<Contact> result;
    // A lower bound on the distance from the segment to anything inside the box: the larger of
    // the gap to the box's bounding sphere and, when the box grown by `best` misses the segment,
    // `best` itself (just beyond it, so that the box is pruned).
    auto bound = [&](const glm::vec3& min, const glm::vec3& max) {
        const glm::vec3 centre = 0.5f * (min + max);
        const float sphereGap =
            glm::length(closestPointOnSegment(centre, p0, p1) - centre) - 0.5f * glm::length(max - min);
        if (sphereGap > best) return sphereGap;
        const glm::vec3 grow(best);
        const bool touches = isPoint ? squaredDistanceToBox(p0, min, max) <= best * best
                                     : slab.enter(min - grow, max + grow, 1.0f) <= 1.0f;
        return touches ? std::max(sphereGap, 0.0f) : std::nextafter(best, std::numeric_limits<float>::max());
    };
    traverseNearest(bound, best, [&](uint32_t i) {
        const Triangle& t = mTriangles[i];
        if (bound(glm::min(glm::min(t.a, t.b), t.c), glm::max(glm::max(t.a, t.b), t.c)) > best) return;
        const auto [onSegment, onTriangle] = closestPointsSegmentTriangle(p0, p1, t.a, t.b, t.c);
        const float d = glm::length(onSegment - onTriangle);
        if (d <= best) best = d, result = Contact{d, mMeshIndex[i], onTriangle, onSegment};
    });
    return result;
}

} // namespace sr::view
