// From a hap's value (a control map) to the engine's VoiceEvent: `s` (with `bank` prefixing it,
// bank_s) resolved to a sound, note names to MIDI (c4 = 60, a plain "c" = c3 = 48 as Strudel),
// vowel names to numbers, every other control by its engine parameter name.
#pragma once

#include <functional>
#include <string>

#include "audio/event.hpp"
#include "pattern/value.hpp"

namespace mr::runtime {

using SoundResolver = std::function<audio::SoundId(const std::string& name)>;

// Fills `out` (frame and duration are the caller's). Returns false with `warning` set when the
// value has no sound or an unknown one; unknown controls are ignored (named in `warning`).
bool value_to_event(const pattern::Value& value, const SoundResolver& resolve, audio::VoiceEvent& out,
                    std::string& warning);

}  // namespace mr::runtime
