// glTF 2.0 and Collada camera animation through Assimp 5.2's exporters, and what has to be done
// around them for the files to carry the camera as Blender (and Assimp itself) reads it back.
//
// Assimp 5.2.5 quirks this works around, each checked by the round-trip tests:
// - The glTF 2 exporter writes nodes and animations but no cameras at all: the camera (yfov,
//   aspectRatio, clip planes) is added to the exporter's JSON here, and the node pointed at it.
// - Its glTF 2 importer reads a camera back with mHorizontalFOV = yfov * aspectRatio: neither the
//   half angle aiCamera documents nor the true horizontal angle. Only yfov round-trips exactly.
// - The Collada exporter writes xfov = degrees(mHorizontalFOV), where Collada's xfov is the full
//   horizontal angle, and the Collada importer reads it back unchanged: for Collada, mHorizontalFOV
//   is set to the full angle, against aiCamera's documentation, so that the file is right.
// - The Collada exporter writes key times as they are (ignoring mTicksPerSecond) while the glTF
//   exporter divides them by mTicksPerSecond: times are given in seconds with mTicksPerSecond = 1,
//   which both write as seconds.
// - The Collada exporter writes up_axis Z_UP only when the root node's transformation is exactly
//   the Z-up to Y-up turn that its importer applies for Z_UP, and then leaves the root node out:
//   so a root node holds that turn and the camera node below it keeps Stillroom's own axes.
// - The glTF 2 exporter fails, with an empty error message, when the animation has the name of a
//   node: the animation is called "<name>-move".
// - Neither format carries animated focal length or focus distance through Assimp (aiAnimation
//   animates nodes only): both files hold the first sample's field of view.
#include <algorithm>
#include <memory>

#include <assimp/Exporter.hpp>
#include <assimp/scene.h>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/log.h"
#include "previs/move_export_scene.h"

namespace sr::previs::detail {

namespace {
using Json = nlohmann::json;

// The blob and buffer URI Assimp's glTF exporter names when it writes to memory.
constexpr std::string_view kBlobBinName = "bin";
constexpr std::string_view kBlobBinUri = "$blobfile.bin";

aiVector3D toAi(const glm::vec3& v) { return {v.x, v.y, v.z}; }
aiQuaternion toAi(const glm::quat& q) { return {q.w, q.x, q.y, q.z}; }

// Position and orientation in the exported file's world: glTF is +Y up; the Collada camera node
// sits under a root node that carries the turn, so it keeps Stillroom's +Z up.
std::pair<glm::vec3, glm::quat> exportedPose(MoveExportFormat format, const MoveSample& s) {
    if (format == MoveExportFormat::Gltf) return {zUpToYUp(s.position), zUpToYUp(s.orientation)};
    return {s.position, s.orientation};
}

aiMatrix4x4 zUpToYUpMatrix() { return aiMatrix4x4(1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1); }

aiCamera* buildCamera(MoveExportFormat format, const MoveSample& first, const MoveExportSettings& settings) {
    const FieldOfView fov = fieldOfView(settings.filmback, first.focalLengthMm);
    auto* camera = new aiCamera();
    camera->mName = aiString(settings.name);
    camera->mPosition = aiVector3D(0.0f, 0.0f, 0.0f);
    camera->mLookAt = aiVector3D(0.0f, 0.0f, -1.0f); // camera space is glTF's and Collada's
    camera->mUp = aiVector3D(0.0f, 1.0f, 0.0f);
    camera->mAspect = settings.filmback.aspect();
    camera->mClipPlaneNear = settings.nearClipM;
    camera->mClipPlaneFar = settings.farClipM;
    const float horizontal = glm::radians(fov.horizontalDeg);
    camera->mHorizontalFOV = format == MoveExportFormat::Collada ? horizontal : 0.5f * horizontal;
    return camera;
}

aiAnimation* buildAnimation(MoveExportFormat format, std::span<const MoveSample> samples,
                            const MoveExportSettings& settings) {
    const auto count = unsigned(samples.size());
    auto* channel = new aiNodeAnim();
    channel->mNodeName = aiString(settings.name);
    channel->mNumPositionKeys = channel->mNumRotationKeys = channel->mNumScalingKeys = count;
    channel->mPositionKeys = new aiVectorKey[count];
    channel->mRotationKeys = new aiQuatKey[count];
    channel->mScalingKeys = new aiVectorKey[count]; // Collada needs as many as the others
    for (unsigned i = 0; i < count; ++i) {
        const double time = double(samples[i].frame) / settings.framesPerSecond;
        const auto [position, orientation] = exportedPose(format, samples[i]);
        channel->mPositionKeys[i] = aiVectorKey(time, toAi(position));
        channel->mRotationKeys[i] = aiQuatKey(time, toAi(orientation));
        channel->mScalingKeys[i] = aiVectorKey(time, aiVector3D(1.0f, 1.0f, 1.0f));
    }
    auto* animation = new aiAnimation();
    animation->mName = aiString(settings.name + "-move"); // a node's name would fail the glTF export
    animation->mTicksPerSecond = 1.0;                     // key times are seconds
    animation->mDuration = channel->mPositionKeys[count - 1].mTime;
    animation->mNumChannels = 1;
    animation->mChannels = new aiNodeAnim* [1] { channel };
    return animation;
}

std::unique_ptr<aiScene> buildScene(MoveExportFormat format, std::span<const MoveSample> samples,
                                    const MoveExportSettings& settings) {
    auto scene = std::make_unique<aiScene>();
    auto* cameraNode = new aiNode(settings.name);
    const auto [position, orientation] = exportedPose(format, samples.front());
    cameraNode->mTransformation =
        aiMatrix4x4(aiVector3D(1.0f, 1.0f, 1.0f), toAi(orientation), toAi(position));
    if (format == MoveExportFormat::Collada) {
        scene->mRootNode = new aiNode("scene");
        scene->mRootNode->mTransformation = zUpToYUpMatrix();
        scene->mRootNode->addChildren(1, &cameraNode);
    } else {
        scene->mRootNode = cameraNode; // the glTF holds just the camera node
    }
    scene->mNumCameras = 1;
    scene->mCameras = new aiCamera* [1] { buildCamera(format, samples.front(), settings) };
    scene->mNumAnimations = 1;
    scene->mAnimations = new aiAnimation* [1] { buildAnimation(format, samples, settings) };
    return scene;
}

Json gltfCamera(const MoveSample& first, const MoveExportSettings& settings) {
    const FieldOfView fov = fieldOfView(settings.filmback, first.focalLengthMm);
    Json camera = {{"name", settings.name}, {"type", "perspective"}};
    camera["perspective"] = {{"yfov", glm::radians(double(fov.verticalDeg))},
                             {"aspectRatio", double(settings.filmback.aspect())},
                             {"znear", double(settings.nearClipM)},
                             {"zfar", double(settings.farClipM)}};
    // Blender keeps camera extras as custom properties; glTF itself has no sensor or lens.
    camera["extras"] = {{"sensor_width_mm", double(settings.filmback.widthMm)},
                        {"sensor_height_mm", double(settings.filmback.heightMm)},
                        {"focal_length_mm", double(first.focalLengthMm)}};
    return camera;
}

// Adds the camera to Assimp's glTF JSON, points the buffer at `binName`; the error names the gap.
core::Status patchGltf(Json& gltf, const std::string& binName, const MoveSample& first,
                       const MoveExportSettings& settings) {
    gltf.erase("extensionsUsed"); // Assimp lists mesh extensions even with no meshes
    bool bufferFound = false;
    for (Json& buffer : gltf["buffers"]) {
        if (buffer.value("uri", "") == kBlobBinUri) buffer["uri"] = binName, bufferFound = true;
    }
    Json* node = nullptr;
    for (Json& candidate : gltf["nodes"])
        if (candidate.value("name", "") == settings.name) node = &candidate;
    if (!bufferFound || !node)
        return core::makeError("", "Assimp's glTF lacks the buffer or the camera node");
    gltf["cameras"] = Json::array({gltfCamera(first, settings)});
    (*node)["camera"] = 0;
    return core::Status::success();
}

core::Status writeGltf(const std::filesystem::path& file, const aiExportDataBlob& blob,
                       std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    const aiExportDataBlob* bin = blob.next;
    while (bin && std::string_view(bin->name.C_Str()) != kBlobBinName) bin = bin->next;
    if (!bin) return core::makeError(file.string(), "Assimp's glTF exporter wrote no binary buffer");
    Json gltf;
    try {
        const auto* text = static_cast<const char*>(blob.data);
        gltf = Json::parse(text, text + blob.size);
    } catch (const Json::exception& e) {
        return core::makeError(file.string(), std::string("Assimp's glTF is not JSON: ") + e.what());
    }
    const std::string binName = file.stem().string() + ".bin";
    if (core::Status patched = patchGltf(gltf, binName, samples.front(), settings); !patched)
        return core::makeError(file.string(), patched.error().message);
    const auto* binBytes = static_cast<const uint8_t*>(bin->data);
    if (core::Status status = core::writeFileAtomic(file.parent_path() / binName, {binBytes, bin->size});
        !status)
        return status;
    return core::writeFileAtomic(file, gltf.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
}
} // namespace

core::Status exportMoveScene(const std::filesystem::path& file, MoveExportFormat format,
                             std::span<const MoveSample> samples, const MoveExportSettings& settings) {
    if (std::any_of(samples.begin(), samples.end(),
                    [&](const MoveSample& s) { return s.focalLengthMm != samples.front().focalLengthMm; })) {
        core::logWarning(file.string(),
                         ": the move zooms, but glTF and Collada exports carry one field of view "
                         "(the first frame's); the CSV and JSON exports have every frame's");
    }
    const std::unique_ptr<aiScene> scene = buildScene(format, samples, settings);
    Assimp::Exporter exporter;
    const aiExportDataBlob* blob =
        exporter.ExportToBlob(scene.get(), format == MoveExportFormat::Gltf ? "gltf2" : "collada");
    if (!blob)
        return core::makeError(file.string(),
                               std::string("Assimp could not export: ") + exporter.GetErrorString());
    if (format == MoveExportFormat::Gltf) return writeGltf(file, *blob, samples, settings);
    const auto* bytes = static_cast<const uint8_t*>(blob->data);
    return core::writeFileAtomic(file, std::span<const uint8_t>(bytes, blob->size));
}

} // namespace sr::previs::detail
