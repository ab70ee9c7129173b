// Where moonrave finds its own files (examples, patterns, shaders, assets) and the user's
// (config, logs, autosaves), following the XDG base directory conventions.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mr::app {

namespace fs = std::filesystem;

// The folder holding examples/, patterns/, shaders/ and assets/: $MOONRAVE_HOME, else the source
// tree the binary was built from, else <prefix>/share/moonrave next to the executable.
fs::path data_dir();
fs::path config_dir();  // $XDG_CONFIG_HOME/moonrave or ~/.config/moonrave
fs::path config_file();  // config_dir()/config.lua
fs::path state_dir();   // $XDG_STATE_HOME/moonrave or ~/.local/state/moonrave (logs, autosave)
fs::path log_dir();     // state_dir()/logs: performance logs
fs::path autosave_dir();  // state_dir()/autosave
// Folders searched for sample banks, in order: the config's paths, then SuperDirt's default.
std::vector<fs::path> default_sample_paths();
// "~/x" -> "$HOME/x"
fs::path expand_user(const std::string& p);

}  // namespace mr::app
