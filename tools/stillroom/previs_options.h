#pragma once
// The command-line options of `stillroom --previs` and of `stillroom render --shot/--move`.
#include <CLI/CLI.hpp>

#include "app/desktop_mode.h"
#include "app/previs_mode.h"
#include "app/render_mode.h"

// Adds --previs and its options to `cli` (the values land in `previs` and `options`), and the
// previs project's shots and moves to the `render` subcommand (into `renderOptions`).
void addPrevisOptions(CLI::App& cli, CLI::App& render, bool& previs, sr::app::PrevisOptions& options,
                      sr::app::RenderOptions& renderOptions);

// The options the workspace shares with the desktop viewer (exhibit, room, window, validation, ...).
void copySharedOptions(const sr::app::DesktopOptions& desktop, sr::app::PrevisOptions& options);
