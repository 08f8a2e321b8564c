#pragma once
// The command-line options of `stillroom --kiosk`.
#include <CLI/CLI.hpp>

#include "app/desktop_mode.h"
#include "app/kiosk_mode.h"

// Adds --kiosk and its options to `cli`; the values land in `options` and `kiosk`.
void addKioskOptions(CLI::App& cli, bool& kiosk, sr::app::KioskOptions& options);

// The options the kiosk shares with the desktop viewer (exhibit, monitor, validation, ...).
void copySharedOptions(const sr::app::DesktopOptions& desktop, sr::app::KioskOptions& options);
