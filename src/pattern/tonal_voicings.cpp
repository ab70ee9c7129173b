// Chord voicings as @strudel/tonal 1.2.6 plays them: voicing() (renderVoicing: a dictionary's
// voicing aligned to an anchor note by a mode, shifted by an offset, or stepped through with n)
// and the older voicings(dict) (chord-voicings: every voicing in the dictionary's range, the one
// whose top note is nearest the last one's).
#include <algorithm>
#include <cmath>
#include <mutex>

#include "pattern/ops.hpp"
#include "pattern/tonal.hpp"

namespace mr::pattern {

namespace {

// /^([A-G][b#]*)([^/]*)[/]?([A-G][b#]*)?$/: root and symbol, or false.
bool tokenize_chord(const std::string& chord, std::string& root, std::string& symbol) {
  if (chord.empty() || chord[0] < 'A' || chord[0] > 'G') return false;
  size_t p = 1;
  while (p < chord.size() && (chord[p] == 'b' || chord[p] == '#')) ++p;
  const size_t slash = chord.find('/', p);
  if (slash != std::string::npos) {
    // What follows one '/' must be a bass note, or nothing.
    const std::string bass = chord.substr(slash + 1);
    if (!bass.empty()) {
      if (bass[0] < 'A' || bass[0] > 'G') return false;
      for (size_t k = 1; k < bass.size(); ++k)
        if (bass[k] != 'b' && bass[k] != '#') return false;
    }
  }
  root = chord.substr(0, p);
  symbol = chord.substr(p, slash == std::string::npos ? std::string::npos : slash - p);
  return true;
}

// pc2chroma of tonleiter.mjs: the letter's chroma plus the accidentals, not wrapped.
int pc2chroma(const std::string& pc) {
  static const int kSemi[7] = {9, 11, 0, 2, 4, 5, 7};  // a b c d e f g
  int c = kSemi[std::tolower(static_cast<unsigned char>(pc[0])) - 'a'];
  for (size_t i = 1; i < pc.size(); ++i) c += pc[i] == '#' ? 1 : -1;
  return c;
}

// midi2note: flats, capital letter, octave (60 -> "C4").
std::string midi2note(int m) {
  static const char* kNames[12] = {"C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"};
  return std::string(kNames[tonal::js_mod(m, 12)]) + std::to_string(static_cast<int>(std::floor(m / 12.0)) - 1);
}

// step2semitones: a number as it is, else the interval's semitones.
std::optional<double> step2semitones(const std::string& x) {
  double d = 0;
  if (Value(x).to_number(d)) return d;
  if (auto iv = tonal::parse_interval(x)) return iv->semis;
  return std::nullopt;
}

struct VoicingError {};

double number_of(const Value& v) {
  double x = 0;
  if (!v.to_number(x)) throw VoicingError{};
  return x;
}

// renderVoicing: the notes of the chord's voicing, as names (or one MIDI number with n).
std::vector<Value> render_voicing(const Value& v) {
  const Value* chord_v = v.is_map() ? v.get("chord") : &v;
  if (!chord_v || !chord_v->is_string()) throw VoicingError{};
  std::string root, symbol;
  if (!tokenize_chord(chord_v->string(), root, symbol)) throw VoicingError{};
  std::string dict_name = tonal::default_voicings();
  std::shared_ptr<const tonal::VoicingDictionary> inline_dict;  // dict({...}): the program's own
  std::string mode = "below";
  double anchor = 72, offset = 0, octaves = 1;
  std::optional<double> n;
  if (v.is_map()) {
    if (const Value* d = v.get("dictionary")) {
      if (d->is_map()) {
        // A dictionary given as an object: chord symbol -> voicings, each a string of
        // intervals ("0 7 12 16", split on spaces) or a list of them, as Strudel reads one.
        auto dict = std::make_shared<tonal::VoicingDictionary>();
        for (const auto& [symbol_key, voicings] : d->entries()) {
          if (!voicings.is_list()) throw VoicingError{};
          auto& out = (*dict)[symbol_key];
          for (const Value& voicing : voicings.items()) {
            std::vector<std::string> words;
            if (voicing.is_string()) {
              std::string_view rest = voicing.string();
              for (size_t at = rest.find(' '); at != std::string_view::npos; at = rest.find(' ')) {
                words.emplace_back(rest.substr(0, at));
                rest.remove_prefix(at + 1);
              }
              words.emplace_back(rest);
            } else if (voicing.is_list()) {
              for (const Value& w : voicing.items()) words.push_back(w.is_string() ? w.string() : w.json());
            } else {
              throw VoicingError{};
            }
            out.push_back(std::move(words));
          }
        }
        inline_dict = std::move(dict);
      } else if (d->is_string()) {
        dict_name = d->string();
      } else {
        throw VoicingError{};
      }
    }
    if (const Value* m = v.get("mode")) {
      if (!m->is_string()) throw VoicingError{};
      mode = m->string();
    }
    if (const Value* a = v.get("anchor")) {
      if (a->is_number()) anchor = a->number();
      else if (a->is_string()) {
        auto m = tonal::strudel_note_to_midi(a->string(), 4);
        if (!m) throw VoicingError{};
        anchor = *m;
      } else {
        throw VoicingError{};
      }
    }
    if (const Value* o = v.get("offset")) offset = number_of(*o);
    if (const Value* k = v.get("n")) n = number_of(*k);
    if (const Value* o = v.get("octaves")) octaves = number_of(*o);
  }
  if (mode != "below" && mode != "duck" && mode != "above" && mode != "root") throw VoicingError{};
  std::shared_ptr<const tonal::VoicingDictionary> dictionary = inline_dict;
  if (!dictionary) {
    auto set = tonal::find_voicings(dict_name);
    if (!set) throw VoicingError{};
    dictionary = set->dictionary;
  }
  auto it = dictionary->find(symbol);
  if (it == dictionary->end() || it->second.empty()) throw VoicingError{};
  std::vector<std::vector<double>> voicings;
  for (const auto& words : it->second) {
    std::vector<double> semis;
    for (const auto& w : words) {
      auto s = step2semitones(w);
      if (!s) throw VoicingError{};
      semis.push_back(*s);
    }
    if (semis.empty()) throw VoicingError{};
    voicings.push_back(std::move(semis));
  }
  const bool top = mode == "below" || mode == "duck";
  auto target = [&](const std::vector<double>& x) { return top ? x.back() : x.front(); };
  const int root_chroma = pc2chroma(root);
  const double anchor_chroma = std::fmod(anchor, 12.0);
  auto mod12 = [](double x) { return std::fmod(std::fmod(x, 12.0) + 12.0, 12.0); };
  std::vector<double> diffs;
  size_t best = 0;
  for (size_t i = 0; i < voicings.size(); ++i) {
    diffs.push_back(mod12(anchor_chroma - target(voicings[i]) - root_chroma));
    if (diffs[i] < diffs[best]) best = i;
  }
  if (mode == "root") best = 0;
  const double count = static_cast<double>(voicings.size());
  const double oct_diff = std::ceil(offset / count) * 12;
  const double index_d = std::fmod(std::fmod(static_cast<double>(best) + offset, count) + count, count);
  if (index_d != std::floor(index_d)) throw VoicingError{};
  const size_t index = static_cast<size_t>(index_d);
  const std::vector<double>& chosen = voicings[index];
  const double base = anchor - diffs[index] + oct_diff - target(chosen);
  std::vector<double> midis;
  for (double x : chosen) {
    const double m = base + x;
    if (m != std::floor(m) || std::fabs(m) > 1e6) throw VoicingError{};
    if (mode == "duck" && m == anchor) continue;
    midis.push_back(m);
  }
  std::vector<Value> out;
  if (n) {
    // scaleStep over the notes: n wraps into further octaves (octaves of them each time).
    const double len = static_cast<double>(midis.size());
    if (len == 0 || *n != std::floor(*n)) throw VoicingError{};
    const double k = std::fmod(std::fmod(*n, len) + len, len);
    out.push_back(Value(midis[static_cast<size_t>(k)] + std::floor(*n / len) * octaves * 12));
  } else {
    for (double m : midis) out.push_back(Value(midi2note(static_cast<int>(m))));
  }
  return out;
}

}  // namespace

Pattern voicing(const Pattern& pat) {
  // outerJoin over a stack of the notes, each with the value's other keys set on it.
  return outer_join({pat, [](const Value& v) {
                       std::vector<Value> notes;
                       try {
                         notes = render_voicing(v);
                       } catch (const VoicingError&) {
                         return silence();  // Strudel: "[voicing]: unknown chord", silence
                       }
                       ValueMap rest;
                       if (v.is_map()) {
                         static const char* kUsed[] = {"dictionary", "chord", "anchor", "offset", "mode", "n", "octaves"};
                         for (const auto& [k, x] : v.entries())
                           if (std::find(std::begin(kUsed), std::end(kUsed), k) == std::end(kUsed)) rest.push_back({k, x});
                       }
                       std::vector<Pattern> layers;
                       for (const Value& note : notes) {
                         // .note().set(rest): rest's keys win over note.
                         ValueMap merged{{"note", note}};
                         for (const auto& kv : rest) merged.push_back(kv);
                         layers.push_back(pure(Value::map(std::move(merged))));
                       }
                       return stack(layers);
                     }});
}

namespace {

using tonal::Note;

// voicingsInRange of chord-voicings: every voicing of the chord that fits the range, spelled from
// the chord's root.
std::vector<std::vector<Note>> voicings_in_range(const std::string& chord, const tonal::VoicingSet& set) {
  std::string root, symbol;
  if (!tokenize_chord(chord, root, symbol)) return {};
  auto it = set.dictionary->find(symbol);
  if (it == set.dictionary->end()) return {};
  const std::vector<std::string> range = set.range.size() >= 2 ? set.range : std::vector<std::string>{"D3", "A4"};
  auto lo = tonal::parse_note(range[0]), hi = tonal::parse_note(range[1]);
  if (!lo || !hi || !lo->oct || !hi->oct) throw std::runtime_error("voicings: the range needs two notes with octaves");
  const int lo_m = tonal::midi(*lo), hi_m = tonal::midi(*hi);
  auto tonic = tonal::parse_note(root);
  std::vector<std::vector<Note>> out;
  for (const auto& words : it->second) {
    std::vector<tonal::Interval> ivs;
    for (const auto& w : words) {
      auto iv = tonal::parse_interval(w);
      if (!iv) throw std::runtime_error("voicings: not an interval: \"" + w + "\"");
      ivs.push_back(*iv);
    }
    if (ivs.empty()) continue;
    std::vector<tonal::Interval> rel;
    for (const auto& iv : ivs) rel.push_back({iv.steps - ivs[0].steps, iv.semis - ivs[0].semis});
    const Note bottom_pc = tonal::transpose(*tonic, ivs[0]);
    const int bottom_chroma = tonal::chroma(bottom_pc);
    const int step_dir = lo_m <= hi_m ? 1 : -1;
    for (int m = lo_m;; m += step_dir) {
      if (tonal::js_mod(m, 12) == bottom_chroma && m + rel.back().semis <= hi_m) {
        // Note.enharmonic(start, bottom): the same key, spelled as the bottom note.
        Note start{bottom_pc.step, bottom_pc.alt, 0};
        start.oct = static_cast<int>(std::floor((m - (tonal::midi(start) - 12)) / 12.0)) - 1;
        std::vector<Note> notes;
        for (const auto& r : rel) notes.push_back(tonal::transpose(start, r));
        out.push_back(std::move(notes));
      }
      if (m == hi_m) break;
    }
  }
  return out;
}

}  // namespace

Pattern voicings(const Pattern& pat, const std::string& dict) {
  // The last voicing carries over from one chord to the next in the order they are asked for,
  // as in Strudel (there it is one global; here each voicings() keeps its own).
  struct LastVoicing {
    std::mutex mutex;
    std::optional<std::vector<Note>> notes;
  };
  auto last = std::make_shared<LastVoicing>();
  return outer_join({pat, [dict, last](const Value& v) {
                       if (!v.is_string()) throw std::runtime_error("voicings: expected chord symbols, got " + v.json());
                       auto set = tonal::find_voicings(dict);
                       if (!set) throw std::runtime_error("voicings: no voicing dictionary \"" + dict + "\"");
                       auto all = voicings_in_range(v.string(), *set);
                       std::lock_guard lock(last->mutex);
                       std::vector<Note> chosen;
                       if (!all.empty()) {
                         chosen = all[0];
                         if (last->notes) {
                           // minTopNoteDiff (an empty last voicing counts as MIDI 0).
                           const int ref = last->notes->empty() ? 0 : tonal::midi(last->notes->back());
                           auto diff = [&](const std::vector<Note>& x) { return std::abs(ref - tonal::midi(x.back())); };
                           for (const auto& c : all)
                             if (diff(c) < diff(chosen)) chosen = c;
                         }
                       }
                       last->notes = chosen;
                       std::vector<Pattern> layers;
                       for (const Note& n : chosen) layers.push_back(pure(Value(tonal::name(n))));
                       return stack(layers);
                     }});
}

}  // namespace mr::pattern
