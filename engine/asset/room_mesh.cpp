#include "asset/room_mesh.h"

#include <algorithm>

namespace sr::asset {

void computeBounds(RoomMesh& mesh) {
    if (mesh.vertices.empty()) {
        mesh.bounds = {};
        return;
    }
    Bounds b{mesh.vertices[0].position, mesh.vertices[0].position};
    for (const Vertex& v : mesh.vertices) {
        b.min = glm::min(b.min, v.position);
        b.max = glm::max(b.max, v.position);
    }
    mesh.bounds = b;
}

} // namespace sr::asset
