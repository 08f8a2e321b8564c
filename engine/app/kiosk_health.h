#pragma once
// A kiosk's health, for the technician and the supervisor: a status file (JSON, rewritten
// atomically every few seconds), the log in a file rotated by size, an internal watchdog that ends
// the program with kExitHang when no frame is presented for too long, and systemd's notify
// protocol (READY and WATCHDOG pings) when the service manager asks for it.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "app/kiosk.h"
#include "app/kiosk_settings.h"
#include "render/frame_stats.h"

namespace sr::app {

class KioskHealth {
public:
    // Creates the state folder, starts logging into it and starts the watchdog. Folders that
    // cannot be written leave the kiosk running without those files (and say so on stderr).
    explicit KioskHealth(const KioskSettings& settings);
    ~KioskHealth();
    KioskHealth(const KioskHealth&) = delete;
    KioskHealth& operator=(const KioskHealth&) = delete;

    // After each presented frame: feeds the watchdog and, every few seconds, rewrites the status
    // file and pings the service manager. `now` is the frame loop's clock.
    void frame(double now, const render::FrameStats& stats, const std::string& location);
    // What the admin panel shows.
    KioskStatus status() const;
    std::filesystem::path statusFile() const { return mDir / "status.json"; }
    std::filesystem::path logFile() const { return mDir / "stillroom.log"; }

private:
    void writeLog(std::string_view line);
    void rotateLog();
    void writeStatus(const std::string& location);
    void watch();

    KioskSettings mSettings;
    std::filesystem::path mDir;
    std::chrono::steady_clock::time_point mStart;
    mutable std::mutex mMutex; // guards the log file and the error fields
    std::ofstream mLog;
    uint64_t mLogBytes = 0;
    size_t mErrors = 0;
    std::string mLastError;
    KioskStatus mStatus;
    double mLastStatus = -1e9;
    bool mNotifiedReady = false;
    std::atomic<int64_t> mHeartbeat; // steady-clock milliseconds of the last frame
    std::atomic<bool> mStop{false};
    std::thread mWatchdog;
};

// Sends `message` ("READY=1", "WATCHDOG=1") to systemd when $NOTIFY_SOCKET names its socket.
void notifyServiceManager(const char* message);

} // namespace sr::app
