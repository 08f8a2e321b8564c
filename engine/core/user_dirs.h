#pragma once
// Where Stillroom may write on this machine: never into an exhibit folder (kiosk disks are often
// read-only), only into the user's cache and state directories.
#include <filesystem>

namespace sr::core {

// The folder for caches that can be rebuilt at any time (thumbnails, baked rooms):
// $STILLROOM_CACHE_DIR if set, else $XDG_CACHE_HOME/stillroom, else $HOME/.cache/stillroom, else
// a per-user folder under the system's temporary directory. Not created here.
std::filesystem::path userCacheDir();

// The folder for state worth keeping (logs, a kiosk's status file): $STILLROOM_STATE_DIR, else
// $XDG_STATE_HOME/stillroom, else $HOME/.local/state/stillroom, else under the temporary directory.
std::filesystem::path userStateDir();

} // namespace sr::core
