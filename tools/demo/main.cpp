// stillroom-demo: writes the bundled demo exhibit (two imagined rooms) into a folder.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "asset/import.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "exhibit.h"

namespace {

// Renders the detail photographs with the engine's own renderer, headless. The Vulkan device is
// created on the first photo and each room's mesh is imported and uploaded once.
class PhotoStudio {
public:
    sr::core::Result<sr::core::Image8> render(const std::filesystem::path& meshFile,
                                              const sr::view::Camera& camera, uint32_t width,
                                              uint32_t height) {
        if (!mContext) {
            auto context = sr::gpu::Context::create({});
            if (!context) return context.error();
            mContext = std::move(context).value();
            mRenderer = std::make_unique<sr::render::Renderer>(*mContext);
        }
        if (meshFile != mMeshFile) {
            sr::asset::ImportOptions import;
            import.up = sr::asset::UpAxis::PosZ; // the generator writes +Z up, metres
            auto mesh = sr::asset::importRoomMesh(meshFile, import);
            if (!mesh) return mesh.error();
            mRoom = mRenderer->uploadRoom(*mesh);
            mMeshFile = meshFile;
        }
        return mRenderer->renderToImage(*mRoom, camera, width, height);
    }

private:
    std::unique_ptr<sr::gpu::Context> mContext;
    std::unique_ptr<sr::render::Renderer> mRenderer;
    std::filesystem::path mMeshFile;
    std::unique_ptr<sr::render::GpuRoom> mRoom;
};

} // namespace

int main(int argc, char** argv) {
    try {
        CLI::App app{"Writes Stillroom's demo exhibit (manifest, two room scans, texture atlases and detail "
                     "photographs) into a folder. The output is the same, byte for byte, on every run."};
        std::string out;
        std::string quality = "full";
        sr::demo::DemoOptions options;
        app.add_option("--out", out, "Exhibit folder to write (created if missing)")->required();
        app.add_option("--quality", quality,
                       "draft: 1024-texel atlases, 1200x800 photos; full: 2048, 3000x2000")
            ->check(CLI::IsMember({"draft", "full"}))
            ->capture_default_str();
        app.add_flag("--skip-photos", options.skipPhotos,
                     "Write everything but the detail photographs (for builds without a renderer)");
        CLI11_PARSE(app, argc, argv);
        options.quality = quality == "draft" ? sr::demo::Quality::Draft : sr::demo::Quality::Full;

        PhotoStudio studio;
        sr::core::Status status = sr::demo::writeDemoExhibit(
            out, options,
            [&](const std::filesystem::path& mesh, const sr::view::Camera& camera, uint32_t w, uint32_t h) {
                return studio.render(mesh, camera, w, h);
            });
        if (!status) {
            sr::core::logError("stillroom-demo: ", status.error().describe());
            return 1;
        }
        sr::core::logInfo("stillroom-demo: exhibit written to ", out);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stillroom-demo: unexpected error: %s\n", e.what());
        return 2;
    }
}
