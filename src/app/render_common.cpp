// Shared by render and replay (render_common.hpp).
#include "app/render_common.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/paths.hpp"
#include "runtime/config.hpp"
#include "runtime/performance.hpp"

namespace mr::app {

bool render_options_from(const ParsedArgs& args, const char* command, runtime::RenderOptions& out) {
  runtime::Config config;
  std::string error;
  const fs::path cfg = args.has("--config") ? fs::path(*args.get("--config")) : config_file();
  if (!runtime::load_config(cfg.string(), config, error)) {
    std::fprintf(stderr, "moonrave %s: %s\n", command, error.c_str());
    return false;
  }
  out.rate_hz = static_cast<int>(args.integer("--rate", config.audio.rate_hz, 8000, 384000));
  out.seed = static_cast<double>(args.integer("--seed", 0, -1000000000LL, 1000000000LL));
  out.cps = config.runtime.cps;
  out.lua.trusted = config.runtime.trust || args.has("--trust");
  out.lua.memory_limit_bytes = static_cast<size_t>(config.runtime.lua_memory_mb) << 20;
  // Offline there is no audience to keep waiting: a slower machine still renders the same set.
  out.lua.eval_budget_ms = std::max(config.runtime.eval_budget_ms, 2000.0);
  const std::string patterns = (data_dir() / "patterns").string();
  out.prelude_paths = {patterns + "/prelude.lua", patterns + "/strudel.lua"};
  out.lua.require_paths = {patterns};
  for (const std::string& p : config.runtime.library_paths) out.lua.require_paths.push_back(expand_user(p).string());
  for (const std::string& p : config.sample_paths) out.sample_paths.push_back(expand_user(p).string());
  for (const fs::path& p : default_sample_paths()) out.sample_paths.push_back(p.string());
  // log() lines as they come, so an hour's log is written, not kept.
  out.log = [command](const std::string& line) { std::fprintf(stderr, "moonrave %s: %s\n", command, line.c_str()); };
  if (isatty(STDERR_FILENO)) {
    out.progress = [](double f) {
      const int width = 40, done = static_cast<int>(f * width + 0.5);
      std::fprintf(stderr, "\r[%.*s%*s] %3d%%", done, "########################################", width - done, "",
                   static_cast<int>(f * 100 + 0.5));
      if (f >= 1.0) std::fputc('\n', stderr);
      std::fflush(stderr);
    };
  }
  return true;
}

void print_render_report(const char* command, const runtime::RenderReport& report) {
  for (const std::string& m : report.messages) std::fprintf(stderr, "moonrave %s: %s\n", command, m.c_str());
  if (report.late_events > 0 || report.dropped_events > 0)
    std::fprintf(stderr, "moonrave %s: %lld late and %lld dropped events\n", command,
                 static_cast<long long>(report.late_events), static_cast<long long>(report.dropped_events));
}

}  // namespace mr::app
