// `moonrave replay LOG --out OUT.wav`: a performance log re-rendered offline, each block
// evaluated at its cycle exactly as live (runtime/render.hpp describes the log).
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "app/render_common.hpp"

namespace mr::app {

int run_replay(const ParsedArgs& args) {
  const std::string path = args.positional.at(0);
  const auto out = args.get("--out");
  if (!out) throw UsageError("replay needs --out OUT.wav");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "moonrave replay: cannot read %s\n", path.c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<runtime::LogBlock> blocks;
  std::string error;
  if (!runtime::parse_performance_log(ss.str(), blocks, error)) {
    std::fprintf(stderr, "moonrave replay: %s: %s\n", path.c_str(), error.c_str());
    return 1;
  }
  if (blocks.empty()) {
    std::fprintf(stderr, "moonrave replay: %s has no evaluations ('--@ cycle=... buffer=...' headers)\n", path.c_str());
    return 1;
  }
  runtime::RenderOptions options;
  if (!render_options_from(args, "replay", options)) return 1;
  // The log says how it was played: its rate, seed, starting tempo and latency offset.
  const auto& f = blocks.front().fields;
  try {
    if (f.count("rate") && !args.has("--rate")) options.rate_hz = std::stoi(f.at("rate"));
    if (f.count("seed") && !args.has("--seed")) options.seed = std::stod(f.at("seed"));
    if (f.count("cps")) options.cps = pattern::Rational::parse(f.at("cps")).to_double();
    if (f.count("latency_frames")) options.latency_frames = std::stoll(f.at("latency_frames"));
  } catch (const std::exception&) {
    std::fprintf(stderr, "moonrave replay: %s: a bad rate, seed, cps or latency_frames in the first header\n", path.c_str());
    return 1;
  }
  options.tail_seconds = args.number("--tail", 8.0, 0.0, 3600.0);
  runtime::RenderReport report;
  const bool ok = runtime::render_performance_to_wav(blocks, options, *out, report, error);
  print_render_report("replay", report);
  if (!ok) {
    std::fprintf(stderr, "moonrave replay: %s\n", error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace mr::app
