// The window's suggestion engine: vocabulary, corpus and providers from the config.
#include "app/suggest_setup.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/paths.hpp"
#include "app/vocabulary.hpp"
#include "suggest/remote.hpp"

namespace mr::app {

namespace {

void train_folder(suggest::Engine& e, const fs::path& dir, float weight, size_t max_files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".lua" || ext == ".log")) files.push_back(it->path());
  }
  // Newest first: recent logs say most about how this performer writes.
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    std::error_code e1, e2;
    return fs::last_write_time(a, e1) > fs::last_write_time(b, e2);
  });
  if (files.size() > max_files) files.resize(max_files);
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    e.train(ss.str(), weight);
  }
}

}  // namespace

std::unique_ptr<suggest::Engine> make_suggest_engine(const runtime::Config& config) {
  if (!config.suggest.enabled) return nullptr;  // the pane is off
  auto engine = std::make_unique<suggest::Engine>();
  engine->set_vocabulary(build_vocabulary());
  for (const auto& p : config.suggest.providers) {
    suggest::RemoteConfig rc;
    rc.kind = p.kind;
    rc.url = p.url;
    rc.model = p.model;
    rc.deadline_ms = p.deadline_ms;
    engine->add_remote(std::make_unique<suggest::RemoteProvider>(rc));
  }
  train_folder(*engine, data_dir() / "patterns", 1.0f, 200);
  train_folder(*engine, data_dir() / "examples", 1.0f, 200);
  for (const auto& lib : config.runtime.library_paths) train_folder(*engine, expand_user(lib), 1.5f, 200);
  train_folder(*engine, log_dir(), 2.0f, 20);  // the performer's own recent shows
  return engine;
}

}  // namespace mr::app
