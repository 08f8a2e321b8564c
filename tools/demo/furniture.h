#pragma once
// Pieces both rooms use: skirting, door casings and knobs, ceiling lights, shelves of books.
#include <span>

#include "builder.h"

namespace sr::demo {

// Skirting boards along all four walls, interrupted where doors reach the floor.
void addSkirting(SceneBuilder& b, glm::vec3 roomSize, std::span<const Opening> openings);
// Architrave around a door opening, proud of the wall.
void addDoorCasing(SceneBuilder& b, glm::vec3 roomSize, const Opening& door);
// A round knob on a door leaf: `at` is the point on the leaf, `out` the leaf's normal (unit,
// horizontal). Returns the centre of the knob's neck, where things get hung.
glm::vec3 addDoorKnob(SceneBuilder& b, glm::vec3 at, glm::vec3 out);
// A flush round ceiling light centred at (x, y) on a ceiling of height `h`.
void addCeilingLight(SceneBuilder& b, glm::vec2 xy, float h);
// Books standing on a shelf from `start` along +x (object-local), spines facing -y, on a shelf
// surface at height `z`; fills `length` metres. Adds one distance-field box for the row.
void addBookRow(SceneBuilder& b, glm::vec3 start, float length, float depth, float maxHeight, uint32_t seed);

} // namespace sr::demo
