// Control maps to VoiceEvents (events.hpp).
#include "runtime/events.hpp"

#include <optional>

#include "base/controls.hpp"
#include "pattern/ops.hpp"

namespace mr::runtime {

bool value_to_event(const pattern::Value& value, const SoundResolver& resolve, audio::VoiceEvent& out,
                    std::string& warning) {
  warning.clear();
  if (!value.is_map()) {
    warning = "an event without controls (use s(...) or note(...))";
    return false;
  }
  std::string sound, bank;
  for (const auto& [key, v] : value.entries()) {
    // Strudel's names and every alias: the one control table.
    const controls::Control* c = controls::find(key);
    if (!c) {
      if (warning.empty()) {
        warning = "unknown control '" + key + "' ignored";
        const std::vector<std::string> near = controls::closest(key);
        for (size_t i = 0; i < near.size(); ++i) warning += (i ? ", " : " (did you mean ") + near[i];
        if (!near.empty()) warning += "?)";
      }
      continue;
    }
    if (c->consumer == controls::Consumer::kSound) {
      if (c->name == "s" && v.is_string()) sound = v.string();
      if (c->name == "bank" && v.is_string()) bank = v.string();
      continue;
    }
    if (c->consumer == controls::Consumer::kUnplayed) {
      if (warning.empty()) warning = "control '" + key + "' is not played by moonrave's engine (ignored)";
      continue;
    }
    if (c->consumer != controls::Consumer::kEngine) continue;  // outputs, pattern functions, visuals
    const auto param = static_cast<audio::Param>(c->param);
    double x = 0;
    if (v.is_string() && c->values == "note") {
      std::optional<double> midi = pattern::note_to_midi(v.string());
      if (!midi) {
        warning = "not a note name: '" + v.string() + "'";
        continue;
      }
      x = *midi;
    } else if (v.is_string() && !c->values.empty()) {
      if (!controls::value_number(*c, v.string(), x)) {
        warning = "unknown " + std::string(c->name) + " '" + v.string() + "' (" + std::string(c->values) + ")";
        continue;
      }
    } else if (!v.to_number(x)) {
      if (warning.empty() && v.is_string()) warning = "control '" + key + "' wants a number, not '" + v.string() + "'";
      continue;
    }
    out.set(param, static_cast<float>(x));
  }
  if (sound.empty()) sound = out.has(audio::Param::Note) || out.has(audio::Param::Freq) ? "triangle" : "";
  if (sound.empty()) {
    warning = "an event without a sound (s)";
    return false;
  }
  if (!bank.empty()) sound = bank + "_" + sound;
  out.sound = resolve(sound);
  if (out.sound == audio::kNoSound) {
    warning = "unknown sound '" + sound + "'";
    return false;
  }
  return true;
}

}  // namespace mr::runtime
