// The numeric controls the engine plays: the engine rows of the one control table
// (base/controls.hpp), which holds their names, aliases, units, ranges, defaults and docs.
#pragma once

#include <optional>
#include <string_view>

#include "base/controls.hpp"

namespace mr::audio {

using Param = controls::EngineParam;
constexpr int kParamCount = controls::kEngineParamCount;

// The table's default of an engine control.
constexpr float param_default(Param p) { return controls::kEngineDefault[static_cast<int>(p)]; }

// A control name (Strudel's, or any alias) to the engine param; nullopt for names the engine
// does not play.
inline std::optional<Param> param_by_name(std::string_view name) {
  const controls::Control* c = controls::find(name);
  if (!c || c->param < 0) return std::nullopt;
  return static_cast<Param>(c->param);
}

}  // namespace mr::audio
