// Controls: every row of the one control table (base/controls.hpp) as a constructor,
// s("bd") -> {s: "bd"}, and as a method that sets it, pat:gain(0.8). As in Strudel, an alias
// writes the main name's key (lpf(800) gives {cutoff: 800}), and a list value "a:b:c" fills the
// keys Strudel lists for the control (cutoff, resonance, lpenv), or stays a list.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "base/controls.hpp"
#include "pattern/registry_util.hpp"
#include "pattern/tonal.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

struct ControlDef {
  std::string name;
  std::vector<std::string> aliases;
  std::string doc;
  // For a list value ("bd:3:0.5"): the keys its elements fill, after the first.
  std::vector<std::string> tail;
};

std::string number_text(float x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", static_cast<double>(x));
  return buf;
}

// The reference's line for a control: its doc, then unit, range, default and who plays it.
std::string control_doc(const controls::Control& c) {
  std::string doc(c.doc);
  switch (c.consumer) {
    case controls::Consumer::kEngine:
      doc += " (" + std::string(c.unit) + ", " + number_text(c.lo) + " .. " + number_text(c.hi) + ", default " +
             number_text(c.def) + ")";
      break;
    case controls::Consumer::kUnplayed:
      doc += ". Not played by moonrave's engine: accepted so patterns match Strudel's, with one warning";
      break;
    case controls::Consumer::kOutput: doc += ". Read by the MIDI/OSC outputs only"; break;
    default: break;
  }
  return doc;
}

// One ControlDef per row of the control table (base/controls.hpp).
const std::vector<ControlDef>& control_defs() {
  static const std::vector<ControlDef> defs = [] {
    std::vector<ControlDef> out;
    for (const controls::Control& c : controls::all()) {
      ControlDef d;
      d.name = std::string(c.name);
      for (std::string_view a : controls::split(c.aliases, ' ')) d.aliases.emplace_back(a);
      for (std::string_view k : controls::split(c.tail, ':')) d.tail.emplace_back(k);
      d.doc = control_doc(c);
      out.push_back(std::move(d));
    }
    return out;
  }();
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
    // A map with an unnamed value ({color, value: "G3"} from seq("G3").color(...)): the value
    // takes this control's name, the other keys stay (Strudel's .note() on such a pattern).
    const ValueMap& in = v.entries();
    auto unnamed = std::find_if(in.begin(), in.end(), [](const auto& kv) { return kv.first == "value"; });
    // Controls without an unnamed value nest, as in Strudel: note() of {note: "A2"} is
    // {note: {note: "A2"}} (which plays nothing there either).
    if (unnamed == in.end() || unnamed->second.is_nil()) {
      m.push_back({d.name, v});
      return Value::map(std::move(m));
    }
    for (const auto& kv : in)
      if (kv.first != "value" && kv.first != d.name) m.push_back(kv);
    m.push_back({d.name, unnamed->second});
    std::sort(m.begin(), m.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
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
    for (const std::string& a : d.aliases) out.push_back(a);
  }
  return out;
}

// Math.round: halves go up (-2.5 -> -2).
double js_round(double x) { return std::floor(x + 0.5); }

// strudel.cc's piano (the website's prebake, not a package): clip 1 unless set, then s piano and
// release 0.1 set as its methods set them (so parts are cut at cycle boundaries, as Strudel's
// pure values cut them), then a pan by pitch from 0.25 (midi 0) to 0.75 (C8 and above), times the
// pan already set (0 or none counts as 1). Its pitch is core's valueToMidi: freq, else a note
// name (octave 3 by default) or number; neither is an error, as in Strudel.
Value piano_clip(const Value& v) {
  if (!v.is_map()) throw std::runtime_error("piano: expected freq or note to be set");
  if (const Value* c = v.get("clip"); c && !c->is_nil()) return v;
  ValueMap m = v.entries();
  m.push_back({"clip", Value(1.0)});
  return Value::map(std::move(m));
}

Value piano_pan(const Value& v) {
  double midi = 0;
  const Value* freq = v.get("freq");
  const Value* note = v.get("note");
  if (freq && freq->is_number()) {
    midi = 12.0 * std::log2(freq->number() / 440.0) + 69.0;
  } else if (note && note->is_string()) {
    std::optional<int> m = tonal::strudel_note_to_midi(note->string());
    if (!m) throw std::runtime_error("piano: not a note: " + note->string());
    midi = *m;
  } else if (note && note->is_number()) {
    midi = note->number();
  } else {
    throw std::runtime_error("piano: expected freq or note to be set");
  }
  constexpr double kMaxPan = 108;  // C8
  const double by_pitch = std::min(js_round(midi) / kMaxPan, 1.0) * 0.5 + 0.25;
  double pan = 1;
  if (const Value* p = v.get("pan"); p && p->truthy() && !p->to_number(pan)) pan = std::nan("");
  ValueMap m = v.entries();
  m.push_back({"pan", Value(pan * by_pitch)});
  return Value::map(std::move(m));
}

Pattern piano(const Pattern& p) {
  static const Value sound = Value::map({{"release", Value(0.1)}, {"s", Value("piano")}});
  Pattern set = apply_op(p.fmap(piano_clip), pure(sound), [](const Value& x, const Value& y) { return num_op(x, y, '='); },
                         Structure::In);
  return set.fmap(piano_pan);
}

void register_controls(Registry& r) {
  for (const ControlDef& d : control_defs()) {
    // A name a pattern function already has (harmony's, say) stays that function; the control
    // is still a key events carry.
    if (r.find(d.name)) continue;
    FunctionInfo f;
    f.name = d.name;
    for (const std::string& a : d.aliases)
      if (!r.find(a)) f.aliases.push_back(a);
    f.signature = d.name + "(value)";
    f.doc = d.doc;
    // A Lua keyword (end) cannot follow ':': the example uses its alias.
    const std::string callable = d.name == "end" ? "end_" : d.name;
    f.example = d.name == "s" ? "s(\"bd*2 [sn cp]\")" : "s(\"saw\"):" + callable + "(\"0.5 1\")";
    f.category = "control";
    f.arity = 1;
    const ControlDef* def = &d;
    f.impl = [def](std::span<const Arg> a) {
      // Global form: a constructor. Method form: sets the control on the pattern.
      Pattern ctl = pat_arg(a, 0, def->name.c_str()).fmap([def](const Value& v) { return control_value(*def, v); });
      if (a.size() == 1) return ctl;
      const Pattern& pat = pat_arg(a, 1, def->name.c_str());
      return apply_op(pat, ctl, [](const Value& x, const Value& y) { return num_op(x, y, '='); }, Structure::In);
    };
    r.add(std::move(f));
  }
  // The envelope shorthands: one value or a list "a:d:s:r" sets several controls at once, as
  // Strudel's adsr, ad, ds and ar (a missing one is left unset; ad's decay and ar's release
  // default to the attack, ds's sustain to 0).
  struct Shorthand {
    const char* name;
    std::vector<std::string> keys;
    const char* example;
    std::function<void(std::vector<Value>&)> defaults;
  };
  const std::vector<Shorthand> shorthands = {
      {"adsr", {"attack", "decay", "sustain", "release"}, "note(\"c3 eb3\"):s(\"sawtooth\"):adsr(\".1:.1:.5:.2\")", {}},
      {"ad", {"attack", "decay"}, "note(\"c3 eb3\"):s(\"sawtooth\"):ad(\".1:.3\")",
       [](std::vector<Value>& v) { if (v.size() < 2) v.resize(2, v[0]); }},
      {"ds", {"decay", "sustain"}, "note(\"c3 eb3\"):s(\"sawtooth\"):ds(\".2:.4\")",
       [](std::vector<Value>& v) { if (v.size() < 2) v.resize(2, Value(0.0)); }},
      {"ar", {"attack", "release"}, "note(\"c3 eb3\"):s(\"sawtooth\"):ar(\".1:.5\")",
       [](std::vector<Value>& v) { if (v.size() < 2) v.resize(2, v[0]); }},
  };
  Builder b{r};
  for (const Shorthand& sh : shorthands) {
    std::string keys;
    for (const std::string& k : sh.keys) keys += (keys.empty() ? "" : ", ") + k;
    b.values(sh.name, {}, std::string(sh.name) + "(\"a:b...\", pat)", "Sets " + keys + " from one value or a list.",
             sh.example, "envelope", 1, [sh](const std::vector<Value>& a, const Pattern& p) {
               std::vector<Value> v = a[0].is_list() ? a[0].items() : std::vector<Value>{a[0]};
               if (v.empty()) return p;
               if (sh.defaults) sh.defaults(v);
               ValueMap m;
               for (size_t i = 0; i < v.size() && i < sh.keys.size(); ++i)
                 if (!v[i].is_nil()) m.push_back({sh.keys[i], v[i]});
               std::sort(m.begin(), m.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
               return apply_op(p, pure(Value::map(std::move(m))),
                               [](const Value& x, const Value& y) { return num_op(x, y, '='); }, Structure::In);
             });
  }
  // Strudel's as: the value (a list "a:b", or one value) names its controls by the mapping's
  // names, aliases read as their controls (as("lpf") sets cutoff); a missing element sets none.
  b.values("as", {}, "as(mapping, pat)",
           "Names the values' parts: \"0:0.5\" with as(\"n:gain\") is {n: 0, gain: 0.5}; a plain value takes the first name.",
           "mini(\"0:0.5 2:0.2\"):as(\"n:gain\"):s(\"piano\")", "control", 1,
           [](const std::vector<Value>& a, const Pattern& p) {
             std::vector<std::string> names;
             for (const Value& m : a[0].is_list() ? a[0].items() : std::vector<Value>{a[0]}) {
               std::string name = m.is_string() ? m.string() : m.json();
               if (const controls::Control* c = controls::find(name)) name = std::string(c->name);
               names.push_back(std::move(name));
             }
             return p.fmap([names](const Value& v) {
               const std::vector<Value> items = v.is_list() ? v.items() : std::vector<Value>{v};
               ValueMap m;
               for (size_t i = 0; i < names.size() && i < items.size(); ++i)
                 if (!items[i].is_nil()) m.push_back({names[i], items[i]});
               return Value::map(std::move(m));
             });
           });
  b.values("piano", {}, "piano(pat)",
           "strudel.cc's piano: the piano samples with clip 1 (unless set) and release 0.1, panned by pitch "
           "(0.25 at midi 0 to 0.75 at C8, times the pan set); needs note or freq.",
           "note(\"c2 e3 g4 c6\"):piano()", "sound", 0,
           [](const std::vector<Value>&, const Pattern& p) { return piano(p); });
}

}  // namespace mr::pattern
