// `moonrave render FILE.lua (--seconds S | --cycles N) --out OUT.wav [--rate HZ] [--seed N]`:
// the set evaluated once at cycle 0 and rendered offline on a virtual clock (runtime/render.hpp).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "app/render_common.hpp"
#include "strudel/strudel.hpp"

namespace mr::app {

int run_render(const ParsedArgs& args) {
  const std::filesystem::path file = args.positional.at(0);
  const auto out = args.get("--out");
  if (!out) throw UsageError("render needs --out OUT.wav");
  if (args.has("--seconds") == args.has("--cycles")) throw UsageError("give either --seconds S or --cycles N");
  runtime::RenderOptions options;
  if (args.has("--seconds")) options.seconds = args.number("--seconds", 0, 0, 24 * 3600);
  if (auto c = args.get("--cycles")) {
    try {
      options.cycles = pattern::Rational::parse(*c);
    } catch (const std::exception&) {
      throw UsageError("--cycles wants a number or a fraction, got '" + *c + "'");
    }
    if (*options.cycles < pattern::Rational(0) || *options.cycles > pattern::Rational(1000000))
      throw UsageError("--cycles must be between 0 and 1000000");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "moonrave render: cannot read %s\n", file.c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (!render_options_from(args, "render", options)) return 1;

  runtime::LogBlock block;
  block.buffer = file.stem().string();
  block.code = ss.str();
  if (strudel::is_strudel_file(file.string(), block.code)) block.fields["lang"] = "strudel";
  runtime::RenderReport report;
  std::string error;
  const bool ok = runtime::render_performance_to_wav({block}, options, *out, report, error);
  print_render_report("render", report);
  if (!ok) {
    std::fprintf(stderr, "moonrave render: %s\n", error.c_str());
    return 1;
  }
  if (report.eval_errors > 0) {
    std::fprintf(stderr, "moonrave render: %s did not evaluate (see above); %s holds silence\n", file.c_str(),
                 out->c_str());
    return 1;
  }
  return 0;
}

}  // namespace mr::app
