// `moonrave suggest-eval DIR`: replays held-out pattern files keystroke by keystroke against the
// embedded suggestion model (trained on patterns/ and examples/, never on DIR) and prints
// top-1/top-3 next-token accuracy, keystrokes saved, and latency.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "app/paths.hpp"
#include "app/vocabulary.hpp"
#include "suggest/evaluate.hpp"

namespace mr::app {

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> lua_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && it->path().extension() == ".lua") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool inside(const fs::path& file, const fs::path& dir) {
  std::error_code ec;
  const fs::path f = fs::weakly_canonical(file, ec), d = fs::weakly_canonical(dir, ec);
  auto [a, b] = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
  return a == d.end();
}

}  // namespace

int run_suggest_eval(const ParsedArgs& args) {
  const fs::path held_out = args.positional.at(0);
  std::vector<fs::path> tests = lua_files(held_out);
  if (tests.empty()) throw UsageError("no .lua files in '" + held_out.string() + "'");

  suggest::Predictor model;
  model.set_vocabulary(build_vocabulary());
  std::vector<fs::path> train_dirs = {data_dir() / "patterns", data_dir() / "examples"};
  if (auto extra = args.get("--train")) train_dirs.emplace_back(expand_user(*extra));
  size_t train_files = 0;
  for (const auto& dir : train_dirs) {
    for (const auto& f : lua_files(dir)) {
      if (inside(f, held_out)) continue;  // never train on what is tested
      model.train(read_file(f));
      ++train_files;
    }
  }
  std::fprintf(stderr, "suggest-eval: trained on %zu files (%zu tokens); testing %zu held-out files\n", train_files,
               model.corpus_tokens(), tests.size());

  suggest::EvalStats all;
  const bool verbose = args.has("--verbose");
  for (const auto& f : tests) {
    suggest::EvalStats s = suggest::evaluate_file(model, read_file(f));
    if (verbose) std::printf("%s\t%s\n", f.filename().c_str(), suggest::summary_line(s).c_str());
    all.merge(s);
  }
  // CPU time shows the model's own cost when the machine is busy with other work.
  std::printf("suggest-eval: cpu_p50_ms=%.3f cpu_p99_ms=%.3f requests=%zu\n", all.cpu_percentile_ms(0.5),
              all.cpu_percentile_ms(0.99), all.cpu_ms.size());
  std::printf("%s\n", suggest::summary_line(all).c_str());
  return 0;
}

}  // namespace mr::app
