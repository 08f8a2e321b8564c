#pragma once
// The bedroom's furniture and its hotspots (bedroom_parts.cpp); bedroom.cpp assembles the room.
#include <vector>

#include "builder.h"
#include "rooms.h"

namespace sr::demo {

// Desk, chair, the letter, the pencil mug, notebooks and the drawing pinned above.
void addBedroomDesk(SceneBuilder& b);
// Bookcase, wardrobe, dresser with board games, and the rug.
void addBedroomFurniture(SceneBuilder& b);
// Hotspots and their photographs; `knobNeck` and `rabbit` come from the pieces that placed them.
std::vector<Hotspot> bedroomHotspots(glm::vec3 knobNeck, glm::vec3 rabbit);

} // namespace sr::demo
