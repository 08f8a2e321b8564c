// Tells a window test where to touch: the centre of each room's card on the home screen of EXHIBIT
// at WIDTHxHEIGHT, and a hotspot a visitor could touch from the first room's first station.
// Prints "card N X Y" lines and one "hotspot X Y" line. Renders nothing on screen.
#include <cstdio>
#include <cstdlib>

#include "app/exhibit_session.h"
#include "gpu/context.h"
#include "hotspot_probe.h"
#include "render/renderer.h"
#include "ui/imgui_layer.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s EXHIBIT WIDTH HEIGHT\n", argv[0]);
        return 2;
    }
    const uint32_t width = uint32_t(std::atoi(argv[2])), height = uint32_t(std::atoi(argv[3]));
    auto exhibit = sr::app::loadViewerExhibit(argv[1]);
    auto context = sr::gpu::Context::create({});
    if (!exhibit || !context) return 1;
    {
        sr::render::Renderer renderer(**context);
        sr::ui::ImGuiLayer ui(**context);
        sr::app::ExhibitSettings settings;
        settings.thumbnailCache = std::filesystem::temp_directory_path() / "stillroom-probe-thumbnails";
        sr::app::ExhibitSession session(renderer, ui, std::move(exhibit).value(), settings, 0.0);
        session.setViewport(width, height);
        const auto& cards = session.home()->layout().cardImages;
        for (size_t i = 0; i < cards.size(); ++i)
            std::printf("card %zu %d %d\n", i, int((cards[i].x + cards[i].z) / 2),
                        int((cards[i].y + cards[i].w) / 2));
        session.enterRoom(0);
        for (double t = 0.0; t < 3.0; t += 0.1) {
            session.settle();
            session.update(t);
        }
        if (!session.room()) return 1;
        auto hotspot = sr::test::firstTouchableHotspot(session.room()->viewer());
        if (!hotspot) return 1;
        std::printf("hotspot %d %d\n", int(hotspot->second.x), int(hotspot->second.y));
    }
    return 0;
}
