#include "app/room_source.h"

#include <system_error>

#include "core/log.h"

namespace sr::app {
namespace fs = std::filesystem;

core::Result<RoomSource> resolveRoomSource(const fs::path& input, const std::string& roomId, const std::string& up,
                                           const std::string& units) {
    std::error_code ec;
    if (!fs::exists(input, ec)) return core::makeError(input.string(), "no such file or folder");
    RoomSource source;
    source.id = input.stem().string();
    source.title = source.id;
    source.mesh = input;
    if (!up.empty()) {
        auto axis = asset::parseUpAxis(up);
        if (!axis) return core::makeError(input.string(), axis.error().describe());
        source.import.up = *axis;
    }
    if (!units.empty()) {
        auto scale = asset::parseUnits(units);
        if (!scale) return core::makeError(input.string(), scale.error().describe());
        source.import.metresPerUnit = *scale;
    }
    (void)roomId;
    return source;
}

fs::path findBundledDemo(const char* argv0) {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) exe = fs::absolute(argv0, ec);
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir / "../../demo", dir / "../share/stillroom/demo"}) {
        if (fs::exists(candidate / "manifest.json", ec)) return candidate.lexically_normal();
    }
    return (dir / "../../demo").lexically_normal();
}

} // namespace sr::app
