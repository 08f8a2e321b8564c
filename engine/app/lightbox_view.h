#pragma once
// The GPU side of the lightbox: the dimmed room, the photo's overview texture, and the tiles of a
// finer pyramid level uploaded as the visitor zooms in, within a budget.
#include <cstdint>
#include <list>
#include <map>
#include <tuple>
#include <vector>

#include "app/lightbox.h"
#include "render/image_pass.h"

namespace sr::app {

class LightboxView {
public:
    // `maxTiles` bounds the zoomed tiles kept on the GPU (each at most 512 x 512 RGBA, 1 MiB plus mips).
    LightboxView(render::ImagePass& pass, size_t maxTiles = 96);
    ~LightboxView();
    LightboxView(const LightboxView&) = delete;
    LightboxView& operator=(const LightboxView&) = delete;

    // What to draw over the room this frame, uploading what is missing (at most a few tiles per
    // frame so zooming never stalls a frame). Call once per frame, before recording.
    std::vector<render::ScreenImage> prepare(const Lightbox& lightbox, uint32_t width, uint32_t height);
    uint64_t textureBytes() const;

private:
    using TileKey = std::tuple<uint32_t, uint32_t, uint32_t>; // level, x, y
    struct Tile {
        render::ScreenTexture texture;
        uint64_t lastUsed = 0;
    };
    void retire(render::ScreenTexture texture);
    void dropTiles();
    void addTiles(const Lightbox& lightbox, const PhotoLayout& layout, float opacity,
                  std::vector<render::ScreenImage>& out);

    render::ImagePass& mPass;
    size_t mMaxTiles;
    uint64_t mGeneration = ~uint64_t(0);
    uint64_t mFrame = 0;
    render::ScreenTexture mOverview;
    uint32_t mOverviewLevelWidth = 0; // overview texture width, in the photo's level-0 pixels scale
    std::map<TileKey, Tile> mTiles;
    // Textures the GPU may still be drawing: freed a few frames later.
    std::list<std::pair<uint64_t, render::ScreenTexture>> mRetired;
};

} // namespace sr::app
