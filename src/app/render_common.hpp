// What `render` and `replay` share: options from the config and the command line, a progress bar
// on a terminal, and the report printed after a render.
#pragma once

#include <string>

#include "app/cli.hpp"
#include "runtime/render.hpp"

namespace mr::app {

// Fills rate, seed, sample paths, Lua options (trust, budgets) from the config and the command
// line; returns false (message printed, prefixed by `command`) when the config is bad.
bool render_options_from(const ParsedArgs& args, const char* command, runtime::RenderOptions& out);
// Prints the messages and counts of a finished render to stderr.
void print_render_report(const char* command, const runtime::RenderReport& report);

}  // namespace mr::app
