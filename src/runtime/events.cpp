// Control maps to VoiceEvents (events.hpp).
#include "runtime/events.hpp"

#include <optional>

#include "pattern/ops.hpp"

namespace mr::runtime {

namespace {

double vowel_number(const std::string& v) {
  static const char* kVowels[] = {"a", "e", "i", "o", "u"};
  for (int i = 0; i < 5; ++i)
    if (v == kVowels[i]) return i + 1;
  return 0;
}

// Strudel's filter type names: "12db" is the state-variable filter; "ladder" (and "24db", its
// 24 dB/oct slope) the ladder. -1 when the name is none of them.
double ftype_number(const std::string& v) {
  if (v == "12db" || v == "svf" || v == "0") return 0;
  if (v == "ladder" || v == "24db" || v == "1") return 1;
  return -1;
}

}  // namespace

bool value_to_event(const pattern::Value& value, const SoundResolver& resolve, audio::VoiceEvent& out,
                    std::string& warning) {
  warning.clear();
  if (!value.is_map()) {
    warning = "an event without controls (use s(...) or note(...))";
    return false;
  }
  std::string sound, bank;
  for (const auto& [key, v] : value.entries()) {
    if (key == "s") {
      if (v.is_string()) sound = v.string();
      continue;
    }
    if (key == "bank") {
      if (v.is_string()) bank = v.string();
      continue;
    }
    // Canonical names and the SuperDirt/Strudel aliases: the engine's one table.
    std::optional<audio::Param> param = audio::param_by_name(key);
    if (!param) {
      if (warning.empty()) warning = "unknown control '" + key + "' ignored";
      continue;
    }
    double x = 0;
    if (*param == audio::Param::Note && v.is_string()) {
      std::optional<double> midi = pattern::note_to_midi(v.string());
      if (!midi) {
        warning = "not a note name: '" + v.string() + "'";
        continue;
      }
      x = *midi;
    } else if (*param == audio::Param::Vowel && v.is_string()) {
      x = vowel_number(v.string());
    } else if (*param == audio::Param::FType && v.is_string()) {
      x = ftype_number(v.string());
      if (x < 0) {
        warning = "unknown filter type '" + v.string() + "' (12db or ladder)";
        continue;
      }
    } else if (!v.to_number(x)) {
      if (warning.empty() && v.is_string()) warning = "control '" + key + "' wants a number, not '" + v.string() + "'";
      continue;
    }
    out.set(*param, static_cast<float>(x));
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
