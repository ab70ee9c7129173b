// Controls: every parameter of the SuperDirt vocabulary (with Strudel's names and aliases) as a
// constructor, s("bd") -> {s: "bd"}, and as a method that sets it, pat:gain(0.8). As in Strudel,
// an alias writes the main name's key (lpf(800) gives {cutoff: 800}), and a list value "a:b:c"
// fills the keys Strudel lists for the control (cutoff, resonance, lpenv), or stays a list.
#include <array>
#include <cstring>
#include <functional>
#include <string_view>

#include "pattern/registry_util.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

struct ControlDef {
  const char* name;
  std::vector<const char*> aliases;
  const char* doc;
  // For a list value ("bd:3:0.5"): the keys its elements fill, after the first.
  std::vector<const char*> tail;
};

const std::vector<ControlDef>& control_defs() {
  static const std::vector<ControlDef> defs = {
      {"s", {"sound"}, "the sound: a synth, a drum, or a sample bank (\"bd:3\" is file 3 of bd)", {"n", "gain"}},
      {"n", {}, "sample number, or scale degree with scale()", {}},
      {"note", {}, "a note: MIDI number (60 = c4) or name (\"c4\", \"eb3\")", {"n"}},
      {"freq", {}, "frequency in Hz (instead of a note)", {}},
      {"bank", {}, "a drum kit prefix: s(\"bd\"):bank(\"tr808\") plays tr808_bd", {}},
      {"gain", {}, "loudness, 1 = unity (curved as SuperDirt)", {}},
      {"velocity", {}, "0..1 multiplier of gain", {}},
      {"postgain", {}, "gain after the effects", {}},
      {"amp", {}, "linear amplitude", {}},
      {"pan", {}, "0 = left, 0.5 = centre, 1 = right", {}},
      {"speed", {}, "playback speed of samples; negative plays backwards", {}},
      {"unit", {}, "\"c\": speed in cycles per sample length", {}},
      {"begin", {}, "0..1 start position in the sample", {}},
      {"end", {"end_"}, "0..1 end position in the sample (`end` is a keyword in Lua: write `end_`)", {}},
      {"loop", {}, "number of loops of the sample", {}},
      {"cut", {}, "cut group: a new sound stops the others in its group", {}},
      {"legato", {}, "sound length as a multiple of the event's length", {}},
      {"clip", {}, "like legato: cuts the sound at the event's end times clip", {}},
      {"duration", {"dur"}, "sound length in seconds", {}},
      {"attack", {"att"}, "envelope attack, seconds", {}},
      {"decay", {"dec"}, "envelope decay, seconds", {}},
      {"sustain", {"sus"}, "envelope sustain level 0..1", {}},
      {"release", {"rel"}, "envelope release, seconds", {}},
      {"hold", {}, "seconds held at full level", {}},
      {"cutoff", {"ctf", "lpf", "lp"}, "low-pass cutoff, Hz", {"resonance", "lpenv"}},
      {"resonance", {"lpq"}, "low-pass resonance 0..1", {}},
      {"hcutoff", {"hpf", "hp"}, "high-pass cutoff, Hz", {"hresonance", "hpenv"}},
      {"hresonance", {"hpq"}, "high-pass resonance 0..1", {}},
      {"bandf", {"bpf", "bp"}, "band-pass centre, Hz", {"bandq", "bpenv"}},
      {"bandq", {"bpq"}, "band-pass Q", {}},
      {"lpenv", {"lpe"}, "low-pass envelope depth, octaves", {}},
      {"lpattack", {"lpa"}, "low-pass envelope attack, seconds", {}},
      {"lpdecay", {"lpd"}, "low-pass envelope decay, seconds", {}},
      {"lpsustain", {"lps"}, "low-pass envelope sustain 0..1", {}},
      {"lprelease", {"lpr"}, "low-pass envelope release, seconds", {}},
      {"ftype", {}, "filter type: \"12db\" (state variable) or \"ladder\"", {}},
      {"vowel", {}, "formant filter: a e i o u", {}},
      {"room", {}, "reverb send 0..1", {"size"}},
      {"size", {"roomsize", "sz", "rsize"}, "reverb size 0..1", {}},
      {"dry", {}, "dry level with reverb", {}},
      {"delay", {}, "delay send 0..1", {"delaytime", "delayfeedback"}},
      {"delaytime", {"delayt", "dt"}, "delay time, seconds", {}},
      {"delayfeedback", {"delayfb", "dfb"}, "delay feedback 0..<1", {}},
      {"crush", {}, "bit depth 1..16", {}},
      {"coarse", {}, "sample-rate reduction factor", {}},
      {"shape", {}, "waveshaping distortion 0..1", {}},
      {"distort", {"dist"}, "distortion 0..1", {}},
      {"squiz", {}, "pitch squish, 1 = off", {}},
      {"accelerate", {}, "pitch glide, octaves per second", {}},
      {"orbit", {"o"}, "effect bus 0..7", {}},
      {"channel", {}, "output channel pair", {}},
      {"octave", {}, "octave for numeric notes", {}},
      {"detune", {}, "detune in semitones (supersaw spread)", {}},
      {"unison", {"voices"}, "number of supersaw voices", {}},
      {"fmh", {}, "FM harmonicity ratio", {}},
      {"fmi", {"fm"}, "FM modulation index", {}},
      {"pw", {}, "pulse width 0..1", {}},
      {"tremolo", {"trem"}, "tremolo rate, Hz", {}},
      {"tremolodepth", {"tremdepth"}, "tremolo depth 0..1", {}},
      {"phaser", {"phaserrate", "ph"}, "phaser rate, Hz", {}},
      {"phaserdepth", {"phd"}, "phaser depth 0..1", {}},
      {"chord", {}, "a chord symbol for voicing(): \"C^7\", \"Dm7\"", {}},
      {"midichan", {}, "MIDI channel for MIDI output", {}},
      {"ccn", {}, "MIDI control number", {}},
      {"ccv", {}, "MIDI control value", {}},
      {"cps", {}, "tempo in cycles per second (for this event)", {}},
      {"color", {}, "a colour for the visuals", {}},
  };
  return defs;
}

// The same scalar under the same control always gives the same map, and maps are immutable and
// shared: s("bd*16") makes one {s: "bd"}, not sixteen. A small direct-mapped cache per thread
// (patterns are queried from several threads) keyed by the control and the value's exact bits.
bool same_scalar(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::Nil: return true;
    case Value::Kind::Number: {
      const double x = a.number(), y = b.number();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case Value::Kind::String: return a.string() == b.string();
    case Value::Kind::Bool: return a.boolean() == b.boolean();
    default: return false;
  }
}

size_t scalar_hash(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Number: {
      const double x = v.number();
      uint64_t bits;
      std::memcpy(&bits, &x, sizeof bits);
      return static_cast<size_t>(bits ^ (bits >> 29));
    }
    case Value::Kind::String: return std::hash<std::string_view>()(v.string());
    case Value::Kind::Bool: return v.boolean() ? 1 : 2;
    default: return 0;
  }
}

Value make_control_value(const ControlDef& d, const Value& v);

Value control_value(const ControlDef& d, const Value& v) {
  if (v.is_list() || v.is_map()) return make_control_value(d, v);
  struct Slot {
    const ControlDef* def = nullptr;
    Value in, out;
  };
  constexpr size_t kSlots = 64;
  thread_local std::array<Slot, kSlots> cache;
  Slot& slot = cache[(scalar_hash(v) ^ (reinterpret_cast<uintptr_t>(&d) >> 4)) % kSlots];
  if (slot.def == &d && same_scalar(slot.in, v)) return slot.out;
  slot.def = &d;
  slot.in = v;
  slot.out = make_control_value(d, v);
  return slot.out;
}

Value make_control_value(const ControlDef& d, const Value& v) {
  ValueMap m;
  if (v.is_list() && !v.items().empty() && !d.tail.empty()) {
    const ValueList& items = v.items();
    m.push_back({d.name, items[0]});
    for (size_t i = 1; i < items.size() && i - 1 < d.tail.size(); ++i) m.push_back({d.tail[i - 1], items[i]});
  } else if (v.is_map()) {
    return v;  // already controls (s(sound("bd")))
  } else {
    m.push_back({d.name, v});
  }
  return Value::map(std::move(m));
}

}  // namespace

std::vector<std::string> control_names() {
  std::vector<std::string> out;
  for (const auto& d : control_defs()) {
    out.emplace_back(d.name);
    for (const char* a : d.aliases) out.emplace_back(a);
  }
  return out;
}

void register_controls(Registry& r) {
  for (const ControlDef& d : control_defs()) {
    FunctionInfo f;
    f.name = d.name;
    for (const char* a : d.aliases) f.aliases.emplace_back(a);
    f.signature = std::string(d.name) + "(value)";
    f.doc = d.doc;
    // A Lua keyword (end) cannot follow ':': the example uses its alias.
    const std::string callable = std::string(d.name) == "end" ? "end_" : d.name;
    f.example = std::string(d.name) == "s" ? "s(\"bd*2 [sn cp]\")" : "s(\"saw\"):" + callable + "(\"0.5 1\")";
    f.category = "control";
    f.arity = 1;
    const ControlDef* def = &d;
    f.impl = [def](std::span<const Arg> a) {
      // Global form: a constructor. Method form: sets the control on the pattern.
      Pattern ctl = pat_arg(a, 0, def->name).fmap([def](const Value& v) { return control_value(*def, v); });
      if (a.size() == 1) return ctl;
      const Pattern& pat = pat_arg(a, 1, def->name);
      return apply_op(pat, ctl, [](const Value& x, const Value& y) { return num_op(x, y, '='); }, Structure::In);
    };
    r.add(std::move(f));
  }
}

}  // namespace mr::pattern
