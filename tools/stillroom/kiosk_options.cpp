#include "kiosk_options.h"

namespace {
// A CLI11 option that fills a std::optional.
template <class T>
CLI::Option* addOptional(CLI::App& cli, const char* name, std::optional<T>& out, const char* help) {
    return cli.add_option_function<T>(
        name, [&out](const T& value) { out = value; }, help);
}
} // namespace

void addKioskOptions(CLI::App& cli, bool& kiosk, sr::app::KioskOptions& options) {
    cli.add_flag(
        "--kiosk", kiosk,
        "Run EXHIBIT as an unattended, touch-only kiosk: fullscreen, locked down, idle reset, attract "
        "loop, admin panel behind a corner chord and PIN (see docs/kiosk.md)");
    cli.add_option("--config", options.config,
                   "--kiosk: settings file (JSON), read after /etc/stillroom/kiosk.json");
    addOptional(cli, "--idle", options.idleSeconds, "--kiosk: seconds without input before the prompt")
        ->check(CLI::Range(1.0, 86400.0));
    addOptional(cli, "--prompt", options.promptSeconds, "--kiosk: seconds the prompt shows before the reset")
        ->check(CLI::Range(1.0, 600.0));
    addOptional(cli, "--admin-pin", options.adminPin, "--kiosk: the admin panel's PIN (4 to 12 digits)");
    addOptional(cli, "--state-dir", options.stateDir, "--kiosk: folder for the status file and logs");
    cli.add_flag("--windowed", options.windowed,
                 "--kiosk: in a window instead of fullscreen (trying it out)");
    cli.add_flag("--no-system-config", options.ignoreSystemConfig,
                 "--kiosk: do not read /etc/stillroom/kiosk.json");
    cli.add_option("--simulate-device-loss", options.simulateDeviceLossAfter,
                   "--kiosk, testing a supervisor: act as if the GPU were lost after this many seconds");
    cli.add_option("--simulate-hang", options.simulateHangAfter,
                   "--kiosk, testing the watchdog: stop drawing after this many seconds");
}

void copySharedOptions(const sr::app::DesktopOptions& desktop, sr::app::KioskOptions& options) {
    options.exhibit = desktop.input;
    options.validation = desktop.validation;
    options.maxSamples = desktop.maxSamples;
    options.exitAfterSeconds = desktop.exitAfterSeconds;
    options.recordTo = desktop.recordTo;
    if (desktop.monitor != 0) options.monitor = desktop.monitor;
}
