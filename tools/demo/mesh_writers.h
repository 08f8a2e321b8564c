#pragma once
// Writers for the two scan formats the demo exhibit uses: OBJ + MTL with texture atlases (the way
// Meshroom names them) and binary PLY with per-vertex colour.
#include <filesystem>
#include <string>
#include <vector>

#include "atlas.h"
#include "core/result.h"
#include "geometry.h"
#include "scene_model.h"

namespace sr::demo {

// Atlas page `index` (0-based) is named texture_<1001 + index>.jpg, material TextureAtlas_<1001 + index>.
std::string atlasFileName(uint32_t index);

// OBJ text: positions welded, one vt per chart vertex (v = 0 at the image bottom), faces grouped
// by atlas page with `usemtl`. `header` lines are written as comments at the top.
std::string formatObj(const TriMesh& mesh, const Scene& scene, const AtlasLayout& layout,
                      const std::string& mtlName, const std::string& header);
std::string formatMtl(uint32_t atlasCount, const std::string& header);

// Binary little-endian PLY: float x y z, uchar red green blue per vertex; uchar count + int
// indices per face. `colors` holds one sRGB colour per mesh vertex.
std::vector<uint8_t> formatPly(const TriMesh& mesh, const std::vector<glm::u8vec3>& colors,
                               const std::string& comment);

} // namespace sr::demo
