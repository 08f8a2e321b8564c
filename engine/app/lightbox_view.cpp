#include "app/lightbox_view.h"

#include <algorithm>
#include <cmath>

namespace sr::app {
namespace {
constexpr uint64_t kFramesInFlight = 3; // a retired texture waits this many frames
constexpr int kUploadsPerFrame = 4;
constexpr float kDim = 0.96f; // how dark the room goes behind a photo (blended in linear light)
} // namespace

LightboxView::LightboxView(render::ImagePass& pass, size_t maxTiles) : mPass(pass), mMaxTiles(maxTiles) {}

LightboxView::~LightboxView() {
    // The owner waits for the GPU before destroying the view.
    mPass.destroyTexture(mOverview);
    for (auto& [key, tile] : mTiles) mPass.destroyTexture(tile.texture);
    for (auto& [frame, texture] : mRetired) mPass.destroyTexture(texture);
}

void LightboxView::retire(render::ScreenTexture texture) {
    if (texture) mRetired.emplace_back(mFrame, std::move(texture));
}

void LightboxView::dropTiles() {
    for (auto& [key, tile] : mTiles) retire(std::move(tile.texture));
    mTiles.clear();
}

uint64_t LightboxView::textureBytes() const {
    auto bytes = [](const render::ScreenTexture& t) {
        return t ? uint64_t(t.width()) * t.height() * 4 * 4 / 3 : 0;
    };
    uint64_t total = bytes(mOverview);
    for (const auto& [key, tile] : mTiles) total += bytes(tile.texture);
    return total;
}

std::vector<render::ScreenImage> LightboxView::prepare(const Lightbox& lightbox, uint32_t width,
                                                       uint32_t height) {
    ++mFrame;
    while (!mRetired.empty() && mRetired.front().first + kFramesInFlight < mFrame) {
        mPass.destroyTexture(mRetired.front().second);
        mRetired.pop_front();
    }
    std::vector<render::ScreenImage> images;
    const float opacity = lightbox.opacity();
    images.push_back(
        {nullptr, {0.0f, 0.0f, float(width), float(height)}, {0, 0, 1, 1}, {0, 0, 0, kDim * opacity}});
    if (lightbox.photoGeneration() != mGeneration) {
        mGeneration = lightbox.photoGeneration();
        retire(std::move(mOverview));
        mOverview = {};
        dropTiles();
        if (const asset::PhotoPyramid* photo = lightbox.photo()) {
            mOverview = mPass.createTexture(photo->overview(std::max(width, height)), "photoOverview");
            mOverviewLevelWidth = mOverview.width();
        }
    }
    const asset::PhotoPyramid* photo = lightbox.photo();
    if (!photo || !mOverview) return images;
    const PhotoLayout layout = lightbox.layout();
    images.push_back({&mOverview, layout.rect, {0, 0, 1, 1}, {1, 1, 1, opacity}});
    // Finer than the overview on screen: draw the visible tiles of a finer level over it.
    const float overviewScale = float(mOverviewLevelWidth) / float(photo->width(0));
    if (layout.scale > overviewScale * 1.05f) addTiles(lightbox, layout, opacity, images);
    return images;
}

void LightboxView::addTiles(const Lightbox& lightbox, const PhotoLayout& layout, float opacity,
                            std::vector<render::ScreenImage>& out) {
    const asset::PhotoPyramid& photo = *lightbox.photo();
    const uint32_t level = photo.levelForScale(layout.scale);
    const float levelScale = float(photo.width(level)) / float(photo.width(0)); // level px per photo px
    const float tile = float(asset::kPhotoTileSize) / levelScale;               // tile side in photo px
    const uint32_t x0 = uint32_t(std::max(0.0f, std::floor(layout.visible.x / tile)));
    const uint32_t y0 = uint32_t(std::max(0.0f, std::floor(layout.visible.y / tile)));
    const uint32_t x1 = std::min(photo.tilesX(level), uint32_t(std::ceil(layout.visible.z / tile)));
    const uint32_t y1 = std::min(photo.tilesY(level), uint32_t(std::ceil(layout.visible.w / tile)));
    int uploads = 0;
    for (uint32_t ty = y0; ty < y1; ++ty) {
        for (uint32_t tx = x0; tx < x1; ++tx) {
            auto it = mTiles.find({level, tx, ty});
            if (it == mTiles.end()) {
                if (uploads >= kUploadsPerFrame) continue; // next frame; the overview shows meanwhile
                ++uploads;
                it = mTiles
                         .emplace(TileKey{level, tx, ty},
                                  Tile{mPass.createTexture(photo.tile(level, tx, ty), "photoTile"), 0})
                         .first;
            }
            it->second.lastUsed = mFrame;
            const render::ScreenTexture& texture = it->second.texture;
            const float px0 = float(tx) * tile, py0 = float(ty) * tile;
            const float px1 = px0 + float(texture.width()) / levelScale,
                        py1 = py0 + float(texture.height()) / levelScale;
            const glm::vec4 rect(layout.rect.x + px0 * layout.scale, layout.rect.y + py0 * layout.scale,
                                 layout.rect.x + px1 * layout.scale, layout.rect.y + py1 * layout.scale);
            out.push_back({&texture, rect, {0, 0, 1, 1}, {1, 1, 1, opacity}});
        }
    }
    // Over budget: let the least recently drawn tiles go.
    while (mTiles.size() > mMaxTiles) {
        auto oldest = std::min_element(mTiles.begin(), mTiles.end(), [](const auto& a, const auto& b) {
            return a.second.lastUsed < b.second.lastUsed;
        });
        if (oldest->second.lastUsed == mFrame) break;
        retire(std::move(oldest->second.texture));
        mTiles.erase(oldest);
    }
}

} // namespace sr::app
