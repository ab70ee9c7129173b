// The suggestion vocabulary from the engine's own tables.
#include "app/vocabulary.hpp"

#include "app/paths.hpp"
#include "audio/engine.hpp"
#include "pattern/ops.hpp"
#include "pattern/registry.hpp"

namespace mr::app {

suggest::Vocabulary build_vocabulary() {
  suggest::Vocabulary v;
  for (const auto& f : pattern::Registry::instance().all()) {
    if (f.category == "control") continue;  // controls come from control_names(), aliases included
    v.functions.push_back({f.name, f.arity, f.signature});
    for (const auto& a : f.aliases) v.functions.push_back({a, f.arity, f.signature});
  }
  for (const auto& c : pattern::control_names()) v.controls.push_back(c);
  v.sounds = audio::builtin_sound_names();
  if (!audio::find_soundfont().empty())
    for (const auto& gm : audio::gm_sound_names()) v.sounds.push_back(gm);
  // Sample banks on this machine: each folder of a sample path is a bank name.
  for (const auto& dir : default_sample_paths()) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      if (it->is_directory(ec)) v.sounds.push_back(it->path().filename().string());
  }
  for (const char* s : {"sound", "bank"}) v.controls.emplace_back(s);
  v.scales = pattern::scale_names();
  return v;
}

}  // namespace mr::app
