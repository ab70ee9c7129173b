// XDG-style locations for moonrave's own and the user's files.
#include "app/paths.hpp"

#include <unistd.h>

#include <cstdlib>

#include "mr_version.hpp"

namespace mr::app {

namespace {

fs::path env_path(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? fs::path(v) : fs::path();
}

fs::path home() {
  fs::path h = env_path("HOME");
  return h.empty() ? fs::path("/tmp") : h;
}

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

bool looks_like_data_dir(const fs::path& p) {
  std::error_code ec;
  return !p.empty() && fs::is_directory(p / "examples", ec) && fs::is_directory(p / "shaders", ec);
}

}  // namespace

fs::path data_dir() {
  if (fs::path p = env_path("MOONRAVE_HOME"); looks_like_data_dir(p)) return p;
  if (fs::path p = MR_SOURCE_ROOT; looks_like_data_dir(p)) return p;
  if (fs::path p = executable_dir() / ".." / "share" / "moonrave"; looks_like_data_dir(p)) return p;
  return fs::path(MR_SOURCE_ROOT);
}

fs::path config_dir() {
  fs::path base = env_path("XDG_CONFIG_HOME");
  return (base.empty() ? home() / ".config" : base) / "moonrave";
}

fs::path config_file() { return config_dir() / "config.lua"; }

fs::path state_dir() {
  fs::path base = env_path("XDG_STATE_HOME");
  return (base.empty() ? home() / ".local" / "state" : base) / "moonrave";
}

fs::path log_dir() { return state_dir() / "logs"; }
fs::path autosave_dir() { return state_dir() / "autosave"; }

std::vector<fs::path> default_sample_paths() {
  return {home() / ".local/share/SuperCollider/downloaded-quarks/Dirt-Samples",
          home() / ".local/share/moonrave/samples"};
}

fs::path expand_user(const std::string& p) {
  if (p == "~") return home();
  if (p.rfind("~/", 0) == 0) return home() / p.substr(2);
  return fs::path(p);
}

}  // namespace mr::app
