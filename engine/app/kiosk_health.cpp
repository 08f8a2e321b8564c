#include "app/kiosk_health.h"

#include <cstdio>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app/window_loop.h"
#include "core/files.h"
#include "core/log.h"
#include "core/user_dirs.h"

namespace sr::app {
namespace {
int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string utcNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

const char* levelName(core::LogLevel level) {
    switch (level) {
    case core::LogLevel::Debug: return "debug";
    case core::LogLevel::Info: return "info";
    case core::LogLevel::Warning: return "warning";
    case core::LogLevel::Error: return "error";
    }
    return "";
}
} // namespace

void notifyServiceManager(const char* message) {
    const char* path = std::getenv("NOTIFY_SOCKET");
    if (!path || !*path) return;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const size_t length = std::min(std::strlen(path), sizeof address.sun_path - 1);
    std::memcpy(address.sun_path, path, length);
    if (address.sun_path[0] == '@') address.sun_path[0] = '\0'; // an abstract socket
    const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    sendto(fd, message, std::strlen(message), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address),
           socklen_t(offsetof(sockaddr_un, sun_path) + length));
    close(fd);
}

KioskHealth::KioskHealth(const KioskSettings& settings)
    : mSettings(settings), mDir(settings.stateDir.empty() ? core::userStateDir() : settings.stateDir),
      mStart(std::chrono::steady_clock::now()), mHeartbeat(steadyMs()) {
    std::error_code ec;
    std::filesystem::create_directories(mDir, ec);
    mLog.open(logFile(), std::ios::app);
    if (!mLog)
        std::fprintf(stderr, "stillroom: cannot write the log in %s; logging to stderr only\n", mDir.c_str());
    mLogBytes = std::filesystem::file_size(logFile(), ec);
    if (ec) mLogBytes = 0;
    core::setLogSink([this](core::LogLevel level, std::string_view message) {
        std::lock_guard lock(mMutex);
        if (level == core::LogLevel::Error) {
            ++mErrors;
            mLastError = std::string(message.substr(0, 300));
        }
        writeLog(core::concat(utcNow(), " ", levelName(level), ": ", message, "\n"));
    });
    mWatchdog = std::thread([this] { watch(); });
}

KioskHealth::~KioskHealth() {
    mStop = true;
    mWatchdog.join();
    core::setLogSink({});
}

void KioskHealth::writeLog(std::string_view line) {
    if (!mLog) return;
    if (mLogBytes + line.size() > mSettings.logMaxBytes) rotateLog();
    mLog << line;
    mLog.flush();
    mLogBytes += line.size();
}

void KioskHealth::rotateLog() {
    mLog.close();
    std::error_code ec;
    const std::filesystem::path log = logFile();
    for (int i = mSettings.logKeep - 1; i >= 1; --i) {
        std::filesystem::rename(log.string() + "." + std::to_string(i),
                                log.string() + "." + std::to_string(i + 1), ec);
    }
    std::filesystem::remove(log.string() + "." + std::to_string(mSettings.logKeep + 1), ec);
    std::filesystem::rename(log, log.string() + ".1", ec);
    mLog.open(log, std::ios::trunc);
    mLogBytes = 0;
}

void KioskHealth::frame(double now, const render::FrameStats& stats, const std::string& location) {
    mHeartbeat = steadyMs();
    if (!mNotifiedReady) {
        notifyServiceManager("READY=1");
        mNotifiedReady = true;
    }
    if (now - mLastStatus < mSettings.statusSeconds) return;
    mLastStatus = now;
    {
        std::lock_guard lock(mMutex);
        mStatus.uptimeSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - mStart).count();
        const double mean = stats.meanMs();
        mStatus.fps = mean > 0.0 ? 1000.0 / mean : 0.0;
        mStatus.frameMsP50 = stats.percentileMs(50);
        mStatus.frameMsP95 = stats.percentileMs(95);
        mStatus.errors = mErrors;
        mStatus.lastError = mLastError;
    }
    writeStatus(location);
    notifyServiceManager("WATCHDOG=1");
}

KioskStatus KioskHealth::status() const {
    std::lock_guard lock(mMutex);
    return mStatus;
}

void KioskHealth::writeStatus(const std::string& location) {
    const KioskStatus s = status();
    nlohmann::json json = {{"format", "stillroom-status/1"},
                           {"pid", int(getpid())},
                           {"uptime_s", s.uptimeSeconds},
                           {"room", location},
                           {"fps", s.fps},
                           {"frame_ms_p50", s.frameMsP50},
                           {"frame_ms_p95", s.frameMsP95},
                           {"errors", s.errors},
                           {"last_error", s.lastError},
                           {"heartbeat", utcNow()},
                           {"heartbeat_unix", int64_t(std::time(nullptr))}};
    // Written past the log sink: a failing disk must not turn into an error per frame.
    if (auto written = core::writeFileAtomic(statusFile(), json.dump(2) + "\n"); !written)
        std::fprintf(stderr, "stillroom: %s\n", written.error().describe().c_str());
}

void KioskHealth::watch() {
    const int64_t limit = int64_t(mSettings.watchdogSeconds * 1000.0);
    while (!mStop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        if (steadyMs() - mHeartbeat.load() > limit) {
            core::logError("kiosk: no frame for ", mSettings.watchdogSeconds,
                           " s; ending so that the supervisor starts it again");
            std::_Exit(kExitHang);
        }
    }
}

} // namespace sr::app
