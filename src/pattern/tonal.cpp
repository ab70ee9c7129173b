// Strudel's tonal functions (@strudel/tonal 1.2.6): scale, transpose, scaleTranspose, rootNotes,
// voicing and the older voicings. Note names stay strings in events, spelled as music theory
// spells them ("C:minor" degree 2 is "Eb3", not "D#3"); the theory is in tonal_theory.cpp.
#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <mutex>
#include <set>
#include <stdexcept>

#include "pattern/ops.hpp"
#include "pattern/tonal.hpp"

namespace mr::pattern {

namespace {

using tonal::Interval;
using tonal::Note;

// Scale names live for the program (a hap points at one); a performance uses a handful.
const std::string* intern_scale(const std::string& name) {
  static std::mutex mutex;
  static std::set<std::string> names;
  std::lock_guard lock(mutex);
  return &*names.insert(name).first;
}

std::string replace_colons(std::string s) {
  for (auto& c : s)
    if (c == ':') c = ' ';
  return s;
}

// Strudel's getScale: the scale of a name with ':' or spaces, or an error as Strudel words it.
tonal::Scale get_scale_or_throw(const std::string& scale_name) {
  const std::string name = replace_colons(scale_name);
  auto s = tonal::get_scale(name);
  if (!s) {
    throw std::runtime_error("Scale name " + name +
                             " is incomplete or unknown. Make sure to use \":\" instead of spaces, example: "
                             ".scale(\"C:major\")");
  }
  return *s;
}

std::vector<Interval> intervals_of(const tonal::ScaleType& t) {
  std::vector<Interval> out;
  for (const auto& iv : t.intervals) out.push_back(*tonal::parse_interval(iv));
  return out;
}

// scaleStep: degree `step` (ceil of it) of the scale, the tonic's octave 3 unless it has one.
std::string scale_step(double step_d, const std::string& scale_name) {
  const int step = static_cast<int>(std::ceil(step_d));
  const tonal::Scale s = get_scale_or_throw(scale_name);
  const std::vector<Interval> ivs = intervals_of(*s.type);
  if (ivs.empty()) throw std::runtime_error("scale " + scale_name + " has no notes");
  Note tonic = *tonal::parse_note(s.tonic.empty() ? "C" : s.tonic);
  if (!tonic.oct) tonic.oct = 3;
  const int len = static_cast<int>(ivs.size());
  const int oct = static_cast<int>(std::floor(static_cast<double>(step) / len));
  Interval iv = ivs[static_cast<size_t>(tonal::js_mod(step, len))];
  iv.steps += 7 * oct;
  iv.semis += 12 * oct;
  return tonal::name(tonal::transpose(tonic, iv));
}

// stepInNamedScale with an anchor: the degree counted from the scale note nearest the anchor
// (a MIDI number, as Strudel gives it).
double step_in_named_scale(int step, const std::string& scale_name, const Value& anchor) {
  auto [root, type] = tonal::tokenize_scale(scale_name);
  auto root_midi = tonal::strudel_note_to_midi(root);
  if (!root_midi) throw std::runtime_error("not a note: \"" + root + "\"");
  std::vector<int> steps;
  if (const tonal::ScaleType* t = tonal::find_scale_type(type))
    for (const Interval& iv : intervals_of(*t)) steps.push_back(iv.semis);
  if (steps.empty()) throw std::runtime_error("unknown scale " + scale_name);
  double a = 0;
  if (anchor.is_number()) a = anchor.number();
  else if (anchor.is_string()) {
    auto m = tonal::strudel_note_to_midi(anchor.string(), 3);
    if (!m) throw std::runtime_error("not a note: \"" + anchor.string() + "\"");
    a = *m;
  } else {
    throw std::runtime_error("anchor: not a note");
  }
  const double anchor_chroma = std::fmod(a, 12.0);
  const double root_chroma = *root_midi % 12;
  double diff = std::fmod(anchor_chroma - root_chroma, 12.0);
  if (diff < 0) diff += 12;
  size_t zero = 0;
  double best = INFINITY;
  for (size_t i = 0; i < steps.size(); ++i) {
    const double d = std::fabs(steps[i] - diff);
    if (d < best) best = d, zero = i;
  }
  step += static_cast<int>(zero);
  const int len = static_cast<int>(steps.size());
  const double oct = std::floor(static_cast<double>(step) / len) * 12;
  return steps[static_cast<size_t>(tonal::js_mod(step, len))] + (a - diff) + oct;
}

// _getNearestScaleNote: a note moved to the nearest note of the scale (the higher one on a tie).
std::string nearest_scale_note(const std::string& scale_name, const std::string& note) {
  auto note_midi = tonal::strudel_note_to_midi(note);
  if (!note_midi) throw std::runtime_error("not a note: \"" + note + "\"");
  const tonal::Scale s = get_scale_or_throw(scale_name);
  auto tonic = tonal::parse_note(s.tonic);
  if (!tonic) throw std::runtime_error("scale " + scale_name + " has no tonic to quantise " + note + " to");
  Note pc0{tonic->step, tonic->alt, 0};
  std::vector<Interval> ivs = intervals_of(*s.type);
  ivs.push_back({7, 12});
  std::vector<Note> notes;
  std::vector<int> midis;
  for (const Interval& iv : ivs) {
    notes.push_back(tonal::transpose(pc0, iv));
    midis.push_back(tonal::midi(notes.back()));
  }
  const int octave_diff = static_cast<int>(std::floor((*note_midi - midis[0]) / 12.0));
  size_t best_i = 0;
  int best = INT32_MAX;
  for (size_t i = 0; i < midis.size(); ++i) {
    const int d = std::abs(midis[i] + 12 * octave_diff - *note_midi);
    if (d <= best) best = d, best_i = i;
  }
  return tonal::name(tonal::transpose(notes[best_i], tonal::from_semitones(12 * octave_diff)));
}

// A scale step: a number, or an integer with accidentals ("7b", "-4#", "2##"; s and f count too).
bool step_and_offset(const Value& v, double& number, int& offset) {
  offset = 0;
  if (v.to_number(number)) return true;
  if (!v.is_string()) return false;
  const std::string& t = v.string();
  size_t p = !t.empty() && t[0] == '-' ? 1 : 0, d = p;
  while (d < t.size() && std::isdigit(static_cast<unsigned char>(t[d]))) ++d;
  if (d == p || d - p > 9) return false;
  for (size_t k = d; k < t.size(); ++k) {
    if (t[k] == '#' || t[k] == 's') ++offset;
    else if (t[k] == 'b' || t[k] == 'f') --offset;
    else return false;
  }
  number = std::stod(t.substr(0, d));
  return true;
}

Value with_note(const Value& v, const Value& note, std::initializer_list<std::string_view> drop) {
  ValueMap m;
  for (const auto& e : v.entries())
    if (std::find(drop.begin(), drop.end(), e.first) == drop.end()) m.push_back(e);
  m.push_back({"note", note});
  return Value::map(std::move(m));
}

}  // namespace

std::optional<double> note_to_midi(std::string_view name) {
  auto m = tonal::strudel_note_to_midi(name);
  if (!m) return std::nullopt;
  return *m;
}

std::vector<std::string> scale_names() {
  std::vector<std::string> out;
  for (const auto& t : tonal::scale_types()) {
    out.push_back(t.name);
    for (const auto& a : t.aliases) out.push_back(a);
  }
  return out;
}

Pattern scale(const Pattern& pat, const std::string& name) {
  const std::string* scale_ctx = intern_scale(name);
  Pattern result_pat([pat, name, scale_ctx](const State& st, Haps& out) {
    const size_t first = out.size();
    pat.query_into(st, out);
    size_t keep = first;
    for (size_t i = first; i < out.size(); ++i) {
      Hap& h = out[i];
      const bool is_map = h.value.is_map();
      const Value* note = is_map ? h.value.get("note") : nullptr;
      const Value* n = is_map ? h.value.get("n") : nullptr;
      const Value* value = is_map ? h.value.get("value") : nullptr;
      const Value* step = !is_map ? &h.value : note && !note->is_nil() ? note : n && !n->is_nil() ? n : value;
      if (!step || step->is_nil()) {
        // Strudel logs "Invalid value format for 'scale'" and passes the value through.
        if (keep != i) out[keep] = std::move(h);
        ++keep;
        continue;
      }
      Value result;
      if (step->is_string() && tonal::strudel_is_note(step->string())) {
        result = Value(nearest_scale_note(name, step->string()));  // quantise to the scale
      } else {
        double number = 0;
        int offset = 0;
        if (!step_and_offset(*step, number, offset)) continue;  // "invalid scale step": removed
        const Value* anchor = is_map ? h.value.get("anchor") : nullptr;
        try {
          if (anchor && !anchor->is_nil() && !(anchor->is_number() && anchor->number() == 0) &&
              !(anchor->is_string() && anchor->string().empty())) {
            result = Value(step_in_named_scale(static_cast<int>(number), name, *anchor));
            if (offset != 0) result = Value("");  // Note.transpose of a number
          } else {
            std::string s = scale_step(number, name);
            if (offset != 0) s = tonal::name(tonal::transpose(*tonal::parse_note(s), tonal::from_semitones(offset)));
            result = Value(s);
          }
        } catch (const std::exception&) {
          continue;  // Strudel logs the error and removes the event
        }
      }
      h.value = is_map ? with_note(h.value, result, {"note", "n", "value"}) : result;
      h.scale = scale_ctx;
      if (keep != i) out[keep] = std::move(h);
      ++keep;
    }
    out.resize(keep);
  });
  return pat.steps() ? result_pat.with_steps(*pat.steps()) : result_pat;
}

Value transpose_value(const Value& v, const Value& amount) {
  const Value& note = v.is_map() ? (v.get("note") ? *v.get("note") : v) : v;
  auto wrap = [&](Value x) { return v.is_map() ? with_note(v, x, {"note"}) : x; };
  if (note.is_number()) {
    double by = 0;
    if (amount.is_number()) by = amount.number();
    else if (amount.is_string()) {
      if (auto iv = tonal::parse_interval(amount.string())) by = iv->semis;
    } else {
      by = NAN;
    }
    return wrap(Value(note.number() + by));
  }
  if (!note.is_string() || !tonal::strudel_is_note(note.string())) return v;  // "not a note": unchanged
  double x = 0;
  std::string target;
  auto n = tonal::parse_note(note.string());
  if (amount.to_number(x)) {
    if (n && std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e6)
      target = tonal::name(tonal::transpose(*n, tonal::from_semitones(static_cast<int>(x))));
  } else if (amount.is_string()) {
    auto iv = tonal::parse_interval(amount.string());
    if (n && iv) target = tonal::name(tonal::transpose(*n, *iv));
  }
  return wrap(Value(target));
}

Pattern transpose(const Pattern& pat, double semitones) { return transpose_by(pat, Value(semitones)); }

Pattern transpose_by(const Pattern& pat, const Value& amount) {
  return pat.fmap([amount](const Value& v) { return transpose_value(v, amount); });
}

namespace {

// scaleOffset: the note moved by `offset` steps of the scale's pitch classes.
std::string scale_offset(const std::string& scale_name, double offset, const Value& note_v) {
  const tonal::Scale s = get_scale_or_throw(scale_name);
  std::vector<std::string> notes;
  if (auto tonic = tonal::parse_note(s.tonic)) {
    Note pc{tonic->step, tonic->alt, std::nullopt};
    for (const Interval& iv : intervals_of(*s.type)) notes.push_back(tonal::pc_name(tonal::transpose(pc, iv)));
  }
  if (!std::isfinite(offset)) throw std::runtime_error("scale offset \"" + note_v.json() + "\" not a number");
  std::optional<Note> from = note_v.is_string() ? tonal::parse_note(note_v.string()) : std::nullopt;
  const std::string from_pc = from ? tonal::pc_name(*from) : "";
  int o = from && from->oct ? *from->oct : 3;
  auto it = std::find(notes.begin(), notes.end(), from_pc);
  if (!from || it == notes.end())
    throw std::runtime_error("scaleTranspose: note \"" + (note_v.is_string() ? note_v.string() : note_v.json()) +
                             "\" is not in scale \"" + scale_name + "\"");
  const int note_index = static_cast<int>(it - notes.begin());
  int i = note_index;
  std::string n = from_pc;
  const int dir = offset > 0 ? 1 : offset < 0 ? -1 : 0;
  const int len = static_cast<int>(notes.size());
  while (std::fabs(static_cast<double>(i - note_index)) < std::fabs(offset)) {
    i += dir;
    if (dir < 0 && n[0] == 'C') o += dir;
    n = notes[static_cast<size_t>(tonal::js_mod(i, len))];
    if (dir > 0 && n[0] == 'C') o += dir;
  }
  return n + std::to_string(o);
}

}  // namespace

Pattern scale_transpose(const Pattern& pat, const Value& offset_v) {
  double offset = NAN;
  offset_v.to_number(offset);
  return Pattern([pat, offset](const State& st, Haps& out) {
    const size_t first = out.size();
    pat.query_into(st, out);
    for (size_t i = first; i < out.size(); ++i) {
      Hap& h = out[i];
      if (!h.scale) throw std::runtime_error("scaleTranspose: can only use scaleTranspose after .scale");
      if (h.value.is_map()) {
        const Value* note = h.value.get("note");
        h.value = with_note(h.value, Value(scale_offset(*h.scale, offset, note ? *note : Value())), {"note"});
      } else if (h.value.is_string()) {
        h.value = Value(scale_offset(*h.scale, offset, h.value));
      } else {
        throw std::runtime_error("scaleTranspose: can only use scaleTranspose with notes");
      }
    }
  });
}

Pattern root_notes(const Pattern& pat, const Value& octave) {
  const std::string oct = octave.is_number() ? js_number(octave.number()) : octave.is_string() ? octave.string() : octave.json();
  return pat.fmap([oct](const Value& v) -> Value {
    const Value* chord = v.is_map() ? v.get("chord") : &v;
    const bool has_chord = v.is_map() && chord && chord->is_string() && !chord->string().empty();
    if (!chord || !chord->is_string())
      throw std::runtime_error("rootNotes: expected chord symbols, got " + v.json());
    // /^([a-gA-G][b#]?).*$/
    const std::string& c = chord->string();
    const char l = c.empty() ? 0 : static_cast<char>(std::tolower(static_cast<unsigned char>(c[0])));
    if (l < 'a' || l > 'g') throw std::runtime_error("rootNotes: not a chord: \"" + c + "\"");
    std::string root = c.substr(0, c.size() > 1 && (c[1] == 'b' || c[1] == '#') ? 2 : 1);
    Value note(root + oct);
    if (has_chord) return Value::map({{"note", note}});
    return note;
  });
}

}  // namespace mr::pattern
