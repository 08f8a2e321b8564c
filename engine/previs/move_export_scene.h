#pragma once
// glTF and Collada export through Assimp. Internal to the previs module: Assimp types stay in
// move_export_scene.cpp.
#include <filesystem>
#include <span>

#include "core/result.h"
#include "previs/move_export.h"

namespace sr::previs::detail {

// exportMove for MoveExportFormat::Gltf and ::Collada; `samples` is not empty.
core::Status exportMoveScene(const std::filesystem::path& file, MoveExportFormat format,
                             std::span<const MoveSample> samples, const MoveExportSettings& settings);

// Shortest decimal text that reads back as the same value.
std::string shortestText(float value);
std::string shortestText(double value);

} // namespace sr::previs::detail
