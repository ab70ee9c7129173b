// Notes, scales, chords and arpeggios. Note names stay strings in events (as Strudel leaves
// them); scale() turns scale degrees into note names spelled the way music theory spells them
// ("C:minor" degree 2 is "Eb3", not "D#3").
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "pattern/ops.hpp"

namespace mr::pattern {

namespace {

constexpr int kLetterSemis[7] = {0, 2, 4, 5, 7, 9, 11};  // c d e f g a b
int letter_index(char c) {
  switch (std::tolower(static_cast<unsigned char>(c))) {
    case 'c': return 0;
    case 'd': return 1;
    case 'e': return 2;
    case 'f': return 3;
    case 'g': return 4;
    case 'a': return 5;
    case 'b': return 6;
    default: return -1;
  }
}

struct NoteName {
  int letter = 0;  // 0..6
  int acc = 0;     // sharps positive
  int octave = 3;
  bool has_octave = false;
};

std::optional<NoteName> parse_note(std::string_view s) {
  if (s.empty()) return std::nullopt;
  NoteName n;
  n.letter = letter_index(s[0]);
  if (n.letter < 0) return std::nullopt;
  size_t p = 1;
  while (p < s.size() && (s[p] == '#' || s[p] == 's' || s[p] == 'b' || s[p] == 'f')) {
    n.acc += (s[p] == '#' || s[p] == 's') ? 1 : -1;
    ++p;
  }
  if (p < s.size()) {
    size_t q = p;
    if (s[q] == '-') ++q;
    if (q >= s.size()) return std::nullopt;
    for (size_t k = q; k < s.size(); ++k)
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return std::nullopt;
    n.octave = std::stoi(std::string(s.substr(p)));
    n.has_octave = true;
  }
  return n;
}

std::string spell(int letter, int acc, int octave) {
  std::string s(1, "CDEFGAB"[letter]);
  for (int i = 0; i < acc; ++i) s += '#';
  for (int i = 0; i > acc; --i) s += 'b';
  return s + std::to_string(octave);
}

// Scales as intervals: (degree number 1..7 counted in letters, semitones).
struct Scale {
  std::vector<std::pair<int, int>> steps;
};

const std::map<std::string, Scale>& scales() {
  static const std::map<std::string, Scale> table = [] {
    std::map<std::string, Scale> t;
    auto diatonic = [](std::initializer_list<int> semis) {
      Scale s;
      int i = 0;
      for (int x : semis) s.steps.push_back({i++, x});
      return s;
    };
    t["major"] = t["ionian"] = diatonic({0, 2, 4, 5, 7, 9, 11});
    t["minor"] = t["aeolian"] = diatonic({0, 2, 3, 5, 7, 8, 10});
    t["dorian"] = diatonic({0, 2, 3, 5, 7, 9, 10});
    t["phrygian"] = diatonic({0, 1, 3, 5, 7, 8, 10});
    t["lydian"] = diatonic({0, 2, 4, 6, 7, 9, 11});
    t["mixolydian"] = diatonic({0, 2, 4, 5, 7, 9, 10});
    t["locrian"] = diatonic({0, 1, 3, 5, 6, 8, 10});
    t["harmonic minor"] = diatonic({0, 2, 3, 5, 7, 8, 11});
    t["melodic minor"] = diatonic({0, 2, 3, 5, 7, 9, 11});
    t["major pentatonic"] = t["pentatonic"] = Scale{{{0, 0}, {1, 2}, {2, 4}, {4, 7}, {5, 9}}};
    t["minor pentatonic"] = Scale{{{0, 0}, {2, 3}, {3, 5}, {4, 7}, {6, 10}}};
    t["blues"] = Scale{{{0, 0}, {2, 3}, {3, 5}, {4, 6}, {4, 7}, {6, 10}}};
    t["major blues"] = Scale{{{0, 0}, {1, 2}, {2, 3}, {2, 4}, {4, 7}, {5, 9}}};
    t["whole tone"] = Scale{{{0, 0}, {1, 2}, {2, 4}, {3, 6}, {4, 8}, {6, 10}}};
    t["chromatic"] = Scale{{{0, 0}, {0, 1}, {1, 2}, {1, 3}, {2, 4}, {3, 5}, {3, 6}, {4, 7}, {4, 8}, {5, 9}, {5, 10}, {6, 11}}};
    t["hirajoshi"] = Scale{{{0, 0}, {1, 2}, {2, 3}, {4, 7}, {5, 8}}};
    t["egyptian"] = Scale{{{0, 0}, {1, 2}, {3, 5}, {4, 7}, {6, 10}}};
    return t;
  }();
  return table;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::optional<double> note_to_midi(std::string_view name) {
  auto n = parse_note(name);
  if (!n) return std::nullopt;
  return kLetterSemis[n->letter] + n->acc + (n->octave + 1) * 12;
}

std::vector<std::string> scale_names() {
  std::vector<std::string> out;
  for (const auto& [k, v] : scales()) out.push_back(k);
  return out;
}

// "C:minor", "C4:minor:pentatonic", "c minor", "minor" (root C3).
bool scale_steps(std::string_view full, std::vector<int>& semis, int& root_midi) {
  std::string s(full);
  for (auto& c : s)
    if (c == ':') c = ' ';
  size_t sp = s.find(' ');
  std::string tonic = sp == std::string::npos ? s : s.substr(0, sp);
  std::string name = sp == std::string::npos ? "" : s.substr(sp + 1);
  auto n = parse_note(tonic);
  if (!n) {
    n = NoteName{};
    name = s;
  }
  auto it = scales().find(lower(name));
  if (it == scales().end()) return false;
  root_midi = kLetterSemis[n->letter] + n->acc + (n->octave + 1) * 12;
  semis.clear();
  for (auto [d, x] : it->second.steps) semis.push_back(x);
  return true;
}

namespace {

// A tonal interval: letter steps and semitones, signed ("3M" = 2 steps, 4 semitones).
struct Interval {
  int steps = 0;
  int semis = 0;
};
Interval interval_from_semitones(int s);
std::string tonal_transpose(const NoteName& n, const Interval& iv);

// The note name of scale degree `step` (any integer) in `full`, or "" if not a scale.
std::string scale_note(std::string_view full, double step_d) {
  std::string s(full);
  for (auto& c : s)
    if (c == ':') c = ' ';
  size_t sp = s.find(' ');
  std::string tonic = sp == std::string::npos ? s : s.substr(0, sp);
  std::string name = sp == std::string::npos ? "" : s.substr(sp + 1);
  auto root = parse_note(tonic);
  if (!root) {
    root = NoteName{};
    name = s;
  }
  auto it = scales().find(lower(name));
  if (it == scales().end()) return "";
  const auto& steps = it->second.steps;
  const int len = static_cast<int>(steps.size());
  const int step = static_cast<int>(std::floor(step_d));
  const int oct = static_cast<int>(std::floor(static_cast<double>(step) / len));
  const int idx = step - oct * len;
  const auto [deg, semi] = steps[static_cast<size_t>(idx)];
  const int root_semi = kLetterSemis[root->letter] + root->acc;
  int letter = root->letter + deg;
  int octave = root->octave + oct + letter / 7;
  letter %= 7;
  const int target = root_semi + semi + (root->octave + oct + 1) * 12;
  const int natural = kLetterSemis[letter] + (octave + 1) * 12;
  return spell(letter, target - natural, octave);
}

}  // namespace

Pattern scale(const Pattern& pat, const std::string& name) {
  return pat.fmap([name](const Value& v) -> Value {
    const Value* stepv = v.is_map() ? v.get("n") : &v;
    if (!stepv) return v;
    if (stepv->is_string() && note_to_midi(stepv->string())) {
      // Already a note: kept as it is (Strudel's legacy path).
      if (!v.is_map()) return *stepv;
      ValueMap m;
      for (const auto& e : v.entries())
        if (e.first != "n") m.push_back(e);
      m.push_back({"note", *stepv});
      return Value::map(std::move(m));
    }
    double step = 0;
    int accidentals = 0;
    if (!stepv->to_number(step)) {
      // Strudel: a step with accidentals, "7b", "-4#", "2##" (s and f count as # and b).
      if (!stepv->is_string()) return Value();
      const std::string& t = stepv->string();
      size_t p = t[0] == '-' ? 1 : 0, digits = p;
      while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
      if (digits == p || digits - p > 9) return Value();
      for (size_t k = digits; k < t.size(); ++k) {
        if (t[k] == '#' || t[k] == 's') ++accidentals;
        else if (t[k] == 'b' || t[k] == 'f') --accidentals;
        else return Value();
      }
      step = std::stod(t.substr(0, digits));
    }
    std::string note = scale_note(name, step);
    if (note.empty()) return Value();
    if (accidentals != 0) {
      auto parsed = parse_note(note);
      if (parsed) note = tonal_transpose(*parsed, interval_from_semitones(accidentals));
    }
    if (!v.is_map()) return Value(note);
    ValueMap m;
    for (const auto& e : v.entries())
      if (e.first != "n") m.push_back(e);
    m.push_back({"note", Value(note)});
    return Value::map(std::move(m));
  }).filter_values([](const Value& v) { return !v.is_nil(); });
}

namespace {
// Interval.fromSemitones spelled as tonal does, then Note.transpose and Note.simplify.
std::string transpose_name(const std::string& note, double semis) {
  auto n = parse_note(note);
  if (!n) return note;
  static const int kLetters[12] = {0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6};  // 1P 2m 2M 3m 3M 4P 5d 5P 6m 6M 7m 7M
  const int s = static_cast<int>(std::lround(semis));
  const int oct = static_cast<int>(std::floor(s / 12.0));
  const int within = s - oct * 12;
  int letter = n->letter + kLetters[within];
  int octave = n->octave + oct + letter / 7;
  letter %= 7;
  const int target = kLetterSemis[n->letter] + n->acc + (n->octave + 1) * 12 + s;
  int acc = target - (kLetterSemis[letter] + (octave + 1) * 12);
  // simplify: more than one accidental becomes the enharmonic neighbour.
  while (acc > 1) {
    acc -= kLetterSemis[(letter + 1) % 7] - kLetterSemis[letter] + (letter == 6 ? 12 : 0);
    if (letter == 6) ++octave;
    letter = (letter + 1) % 7;
  }
  while (acc < -1) {
    const int prev = (letter + 6) % 7;
    acc += kLetterSemis[letter] - kLetterSemis[prev] + (letter == 0 ? 12 : 0);
    if (letter == 0) --octave;
    letter = prev;
  }
  std::string out = spell(letter, acc, octave);
  if (!n->has_octave) out = out.substr(0, out.size() - std::to_string(octave).size());
  // Keep the user's letter case.
  if (std::islower(static_cast<unsigned char>(note[0]))) out[0] = static_cast<char>(std::tolower(out[0]));
  return out;
}


// tonal's Interval.fromSemitones: 1P 2m 2M 3m 3M 4P 5d 5P 6m 6M 7m 7M, plus octaves, signed.
Interval interval_from_semitones(int s) {
  static const int kNumber[12] = {1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 7};
  const int d = s < 0 ? -1 : 1, n = s < 0 ? -s : s;
  return {d * (kNumber[n % 12] - 1 + 7 * (n / 12)), s};
}

// tonal's interval names: "3M", "-2m", "5P", "4A", "5d", "9M" (number then quality).
std::optional<Interval> parse_interval(std::string_view t) {
  int d = 1;
  size_t p = 0;
  if (p < t.size() && (t[p] == '-' || t[p] == '+')) d = t[p++] == '-' ? -1 : 1;
  int num = 0;
  size_t digits = 0;
  while (p < t.size() && std::isdigit(static_cast<unsigned char>(t[p])) && digits < 4) num = num * 10 + (t[p++] - '0'), ++digits;
  if (digits == 0 || num == 0 || p >= t.size()) return std::nullopt;
  const std::string_view q = t.substr(p);
  const int simple = (num - 1) % 7, oct = (num - 1) / 7;
  static const int kBase[7] = {0, 2, 4, 5, 7, 9, 11};
  const bool perfectable = simple == 0 || simple == 3 || simple == 4;
  int alt = 0;
  if (q == "P" && perfectable) alt = 0;
  else if (q == "M" && !perfectable) alt = 0;
  else if (q == "m" && !perfectable) alt = -1;
  else if (!q.empty() && q.find_first_not_of('A') == std::string_view::npos) alt = static_cast<int>(q.size());
  else if (!q.empty() && q.find_first_not_of('d') == std::string_view::npos) alt = -static_cast<int>(q.size()) - (perfectable ? 0 : 1);
  else return std::nullopt;
  return Interval{d * (num - 1), d * (kBase[simple] + 12 * oct + alt)};
}

// tonal's Note.transpose: the letter moves by the interval's steps, the accidentals make up the
// semitones (no simplification: "e3" + "2m" is "F3", "fb3" stays spelled with flats); the result
// is written with a capital letter, without an octave when the note had none.
std::string tonal_transpose(const NoteName& n, const Interval& iv) {
  const int pos = n.letter + iv.steps;
  const int letter = ((pos % 7) + 7) % 7;
  const int octave = n.octave + (pos - letter) / 7;
  const int target = kLetterSemis[n.letter] + n.acc + (n.octave + 1) * 12 + iv.semis;
  const int acc = target - (kLetterSemis[letter] + (octave + 1) * 12);
  std::string out = spell(letter, acc, octave);
  if (!n.has_octave) out = out.substr(0, out.size() - std::to_string(octave).size());
  return out;
}

// Strudel's transpose of one value: numbers (MIDI) move by semitones (an interval name counts
// its semitones); note names move by the interval (a number is read with fromSemitones).
Value transpose_value(const Value& v, const Value& amount) {
  if (v.is_number()) {
    double by = 0;
    if (amount.is_number()) by = amount.number();
    else if (amount.is_string()) {
      if (auto iv = parse_interval(amount.string())) by = iv->semis;
    }
    return Value(v.number() + by);
  }
  if (!v.is_string()) return v;
  auto n = parse_note(v.string());
  if (!n) return v;  // Strudel warns "not a note" and leaves it
  double x = 0;
  std::optional<Interval> iv;
  if (amount.to_number(x)) iv = interval_from_semitones(static_cast<int>(std::lround(x)));
  else if (amount.is_string()) iv = parse_interval(amount.string());
  if (!iv) return v;
  return Value(tonal_transpose(*n, *iv));
}
}  // namespace

Pattern transpose(const Pattern& pat, double semitones) { return transpose_by(pat, Value(semitones)); }

Pattern transpose_by(const Pattern& pat, const Value& amount) {
  return pat.fmap([amount](const Value& v) -> Value {
    if (!v.is_map()) return transpose_value(v, amount);
    const Value* note = v.get("note");
    ValueMap m = v.entries();
    if (!note) {
      // Strudel reads value.note ?? value: a map without a note is "not a note".
      return v;
    }
    for (auto& [k, x] : m)
      if (k == "note") x = transpose_value(x, amount);
    return Value::map(std::move(m));
  });
}

Pattern scale_transpose(const Pattern& pat, int64_t steps) {
  // Without a scale attached to the event, moves by steps of the major scale of the note.
  return pat.fmap([steps](const Value& v) -> Value {
    auto shift = [steps](const Value& x) -> Value {
      double m = 0;
      if (x.is_number()) {
        m = x.number();
      } else if (x.is_string() && note_to_midi(x.string())) {
        m = *note_to_midi(x.string());
      } else {
        return x;
      }
      static const int kMajor[7] = {0, 2, 4, 5, 7, 9, 11};
      const int pc = static_cast<int>(std::lround(m)) % 12;
      int deg = 0;
      while (deg < 6 && kMajor[deg + 1] <= pc) ++deg;
      const int64_t total = deg + steps;
      const int64_t oct = static_cast<int64_t>(std::floor(static_cast<double>(total) / 7));
      const int64_t idx = total - oct * 7;
      const double out = m - kMajor[deg] + kMajor[idx] + static_cast<double>(oct) * 12;
      return x.is_number() ? Value(out) : Value(transpose_name(x.string(), out - m));
    };
    if (!v.is_map()) return shift(v);
    ValueMap m = v.entries();
    for (auto& [k, x] : m)
      if (k == "note" || k == "n") x = shift(x);
    return Value::map(std::move(m));
  });
}

std::vector<double> chord_notes(const std::string& symbol, double root_midi) {
  static const std::map<std::string, std::vector<int>> kChords = {
      {"", {0, 4, 7}},          {"M", {0, 4, 7}},          {"major", {0, 4, 7}},   {"m", {0, 3, 7}},
      {"minor", {0, 3, 7}},     {"-", {0, 3, 7}},          {"7", {0, 4, 7, 10}},   {"^7", {0, 4, 7, 11}},
      {"maj7", {0, 4, 7, 11}},  {"M7", {0, 4, 7, 11}},     {"m7", {0, 3, 7, 10}},  {"-7", {0, 3, 7, 10}},
      {"m7b5", {0, 3, 6, 10}},  {"h7", {0, 3, 6, 10}},     {"o", {0, 3, 6}},       {"dim", {0, 3, 6}},
      {"o7", {0, 3, 6, 9}},     {"dim7", {0, 3, 6, 9}},    {"aug", {0, 4, 8}},     {"+", {0, 4, 8}},
      {"sus2", {0, 2, 7}},      {"sus4", {0, 5, 7}},       {"sus", {0, 5, 7}},     {"6", {0, 4, 7, 9}},
      {"m6", {0, 3, 7, 9}},     {"9", {0, 4, 7, 10, 14}},  {"m9", {0, 3, 7, 10, 14}}, {"^9", {0, 4, 7, 11, 14}},
      {"add9", {0, 4, 7, 14}},  {"11", {0, 4, 7, 10, 14, 17}}, {"m11", {0, 3, 7, 10, 14, 17}},
      {"13", {0, 4, 7, 10, 14, 21}}, {"5", {0, 7}},
  };
  auto it = kChords.find(symbol);
  if (it == kChords.end()) return {};
  std::vector<double> out;
  for (int x : it->second) out.push_back(root_midi + x);
  return out;
}

// "C^7", "Dm7", "G7", "Ab" -> notes around middle C (root in octave 3, as Strudel's default).
std::vector<double> parse_chord(const std::string& chord) {
  if (chord.empty() || letter_index(chord[0]) < 0) return {};
  size_t p = 1;
  int acc = 0;
  while (p < chord.size() && (chord[p] == '#' || chord[p] == 'b')) {
    // "Bb" is B flat; a 'b' followed by nothing else chord-like is still the flat.
    acc += chord[p] == '#' ? 1 : -1;
    ++p;
  }
  const double root = kLetterSemis[letter_index(chord[0])] + acc + 48;
  return chord_notes(chord.substr(p), root);
}

Pattern arp(const Pattern& pat, const std::string& mode) {
  // Groups the events that share a whole (a chord) and plays them one after another, in the
  // order the mode gives: up, down, updown, downup, converge, diverge, or indices "0 2 1".
  return Pattern([pat, mode](const State& st, Haps& out) {
    Haps hs;
    pat.query_into(st, hs);
    std::vector<std::vector<Hap>> groups;
    for (Hap& h : hs) {
      if (!h.whole) continue;
      bool placed = false;
      for (auto& g : groups) {
        if (g[0].whole == h.whole && g[0].part == h.part) {
          g.push_back(h);
          placed = true;
          break;
        }
      }
      if (!placed) groups.push_back({h});
    }
    for (auto& g : groups) {
      std::vector<size_t> order;
      const size_t n = g.size();
      std::vector<size_t> up(n);
      for (size_t i = 0; i < n; ++i) up[i] = i;
      if (mode == "up") {
        order = up;
      } else if (mode == "down") {
        order.assign(up.rbegin(), up.rend());
      } else if (mode == "updown") {
        order = up;
        for (size_t i = n > 1 ? n - 2 : 0; i > 0; --i) order.push_back(i);
      } else if (mode == "downup") {
        order.assign(up.rbegin(), up.rend());
        for (size_t i = 1; i + 1 < n; ++i) order.push_back(i);
      } else if (mode == "converge" || mode == "diverge") {
        size_t lo = 0, hi = n - 1;
        while (lo <= hi && hi < n) {
          order.push_back(lo++);
          if (lo <= hi) order.push_back(hi--);
          if (hi == static_cast<size_t>(-1)) break;
        }
        if (mode == "diverge") std::reverse(order.begin(), order.end());
      } else {
        for (size_t i = 0, j = 0; i <= mode.size(); ++i) {
          if (i == mode.size() || mode[i] == ' ') {
            if (i > j) order.push_back(static_cast<size_t>(std::stoll(mode.substr(j, i - j))) % n);
            j = i + 1;
          }
        }
      }
      if (order.empty()) continue;
      const TimeSpan w = *g[0].whole;
      const Rational step = w.duration() / static_cast<int64_t>(order.size());
      for (size_t k = 0; k < order.size(); ++k) {
        TimeSpan sw{w.begin + step * static_cast<int64_t>(k), w.begin + step * static_cast<int64_t>(k + 1)};
        auto part = sw.intersection(g[0].part);
        if (!part || (part->begin == part->end && sw.begin != sw.end)) continue;
        Hap h = g[order[k]];
        h.whole = sw;
        h.part = *part;
        out.push_back(std::move(h));
      }
    }
  });
}

}  // namespace mr::pattern

namespace mr::pattern {

Pattern arp_indices(const Pattern& pat, const Pattern& indices) {
  // Strudel: pat.collect() groups the haps with equal whole and part (in order of appearance),
  // each group's index pattern is queried over the group's part (an inner join: the index
  // events give the structure), and index i plays the group's note i % size.
  return Pattern([pat, indices](const State& st, Haps& out) {
    Haps hs;
    pat.query_into(st, hs);
    std::vector<std::vector<const Hap*>> groups;
    for (const Hap& h : hs) {
      bool placed = false;
      for (auto& g : groups) {
        if (g[0]->whole == h.whole && g[0]->part == h.part) {
          g.push_back(&h);
          placed = true;
          break;
        }
      }
      if (!placed) groups.push_back({&h});
    }
    Haps ih;
    for (const auto& g : groups) {
      ih.clear();
      indices.query_into(st.with_span(g[0]->part), ih);
      const auto n = static_cast<double>(g.size());
      for (Hap& i : ih) {
        double x = 0;
        if (!i.value.to_number(x)) continue;
        const double k = std::fmod(x, n);  // JavaScript %: a negative index finds no note
        if (!(k >= 0) || k != std::floor(k)) continue;
        const Hap& note = *g[static_cast<size_t>(k)];
        Hap h;
        h.whole = i.whole;
        h.part = i.part;
        h.value = note.value;
        h.locations = note.locations;
        h.locations.append(i.locations.begin(), i.locations.end());
        out.push_back(std::move(h));
      }
    }
  });
}

}  // namespace mr::pattern

namespace mr::pattern {

namespace {

struct VoicingEntry {
  const char* symbol;
  std::vector<const char*> voicings;
};

const std::vector<VoicingEntry>& ireal_voicings() {
  static const std::vector<VoicingEntry> table = {
#include "pattern/voicings_ireal.inc"
  };
  return table;
}

// Strudel's midi-to-name for voicings: flats, capital letter, octave (60 -> "C4").
std::string voicing_note_name(int m) {
  static const char* kNames[12] = {"C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"};
  const int oct = static_cast<int>(std::floor(m / 12.0)) - 1;
  return std::string(kNames[((m % 12) + 12) % 12]) + std::to_string(oct);
}

int js_mod(int a, int n) { return ((a % n) + n) % n; }

}  // namespace

// Strudel's voicing() with its default "ireal" dictionary (voicingAlong with mode "below" and
// anchor "c5" unless the value says otherwise): the voicing whose top note lies closest below the
// anchor, spelled as note names; with n, the n-th note of it (a number).
std::optional<std::vector<Value>> voicing_notes(const Value& v) {
  const Value* chord_v = v.is_map() ? v.get("chord") : &v;
  if (!chord_v || !chord_v->is_string()) return std::nullopt;
  const std::string& chord = chord_v->string();
  // /^([A-G][b#]*)([^/]*)[/]?([A-G][b#]*)?$/
  if (chord.empty() || chord[0] < 'A' || chord[0] > 'G') return std::nullopt;
  size_t p = 1;
  int root = kLetterSemis[letter_index(chord[0])];
  while (p < chord.size() && (chord[p] == 'b' || chord[p] == '#')) root += chord[p++] == '#' ? 1 : -1;
  const size_t slash = chord.find('/', p);
  const std::string symbol = chord.substr(p, slash == std::string::npos ? std::string::npos : slash - p);
  const VoicingEntry* entry = nullptr;
  for (const auto& e : ireal_voicings())
    if (symbol == e.symbol) entry = &e;
  if (!entry) return std::nullopt;
  std::string mode = "below";
  int anchor = 72, offset = 0;
  std::optional<int> n;
  int octaves = 1;
  if (v.is_map()) {
    if (const Value* m = v.get("mode"); m && m->is_string()) mode = m->string();
    if (const Value* a = v.get("anchor")) {
      double x = 0;
      if (a->is_number()) anchor = static_cast<int>(a->number());
      else if (a->is_string()) {
        auto nn = parse_note(a->string());
        if (!nn) return std::nullopt;
        if (!nn->has_octave) nn->octave = 4;
        anchor = kLetterSemis[nn->letter] + nn->acc + (nn->octave + 1) * 12;
      } else if (a->to_number(x)) anchor = static_cast<int>(x);
    }
    double x = 0;
    if (const Value* o = v.get("offset"); o && o->to_number(x)) offset = static_cast<int>(x);
    if (const Value* k = v.get("n"); k && k->to_number(x)) n = static_cast<int>(std::floor(x));
    if (const Value* o = v.get("octaves"); o && o->to_number(x)) octaves = static_cast<int>(x);
  }
  std::vector<std::vector<int>> voicings;
  for (const char* text : entry->voicings) {
    std::vector<int> semis;
    std::string_view t(text);
    while (!t.empty()) {
      const size_t sp = t.find(' ');
      const std::string_view word = t.substr(0, sp);
      auto iv = parse_interval(word);
      if (!iv) return std::nullopt;
      semis.push_back(iv->semis);
      t = sp == std::string_view::npos ? std::string_view() : t.substr(sp + 1);
    }
    voicings.push_back(std::move(semis));
  }
  if (voicings.empty()) return std::nullopt;
  auto top_of = [&](const std::vector<int>& x) { return (mode == "below" || mode == "duck") ? x.back() : x.front(); };
  const int anchor_pc = js_mod(anchor, 12);
  std::vector<int> dist;
  int best = -1, best_index = 0;
  for (size_t i = 0; i < voicings.size(); ++i) {
    const int d = js_mod(anchor_pc - top_of(voicings[i]) - root, 12);
    if (best < 0 || d < best) best = d, best_index = static_cast<int>(i);
    dist.push_back(d);
  }
  if (mode == "root") best_index = 0;
  const int count = static_cast<int>(voicings.size());
  const int oct_offset = static_cast<int>(std::ceil(static_cast<double>(offset) / count)) * 12;
  const int index = js_mod(best_index + offset, count);
  const std::vector<int>& chosen = voicings[static_cast<size_t>(index)];
  const int top = top_of(chosen);
  const int base = anchor - dist[static_cast<size_t>(index)] + oct_offset;
  std::vector<int> notes;
  for (int x : chosen) {
    const int m = base - top + x;
    if (mode == "duck" && m == anchor) continue;
    notes.push_back(m);
  }
  std::vector<Value> out;
  if (n) {
    const int len = static_cast<int>(notes.size());
    if (len == 0) return std::nullopt;
    const int t = static_cast<int>(std::floor(static_cast<double>(*n) / len)) * octaves * 12;
    out.push_back(Value(static_cast<double>(notes[static_cast<size_t>(js_mod(*n, len))] + t)));
  } else {
    for (int m : notes) out.push_back(Value(voicing_note_name(m)));
  }
  return out;
}

Pattern voicing(const Pattern& pat) {
  // outerJoin over a stack of the notes, each with the value's other keys set on it.
  return outer_join({pat, [](const Value& v) {
                       auto notes = voicing_notes(v);
                       if (!notes) return silence();  // Strudel: "[voicing]: unknown chord"
                       ValueMap rest;
                       if (v.is_map()) {
                         static const char* kUsed[] = {"dictionary", "chord", "anchor", "offset", "mode", "n", "octaves"};
                         for (const auto& [k, x] : v.entries())
                           if (std::find(std::begin(kUsed), std::end(kUsed), k) == std::end(kUsed)) rest.push_back({k, x});
                       }
                       std::vector<Pattern> layers;
                       for (const Value& note : *notes) {
                         // .note().set(rest): rest's keys win over note.
                         ValueMap merged{{"note", note}};
                         for (const auto& kv : rest) merged.push_back(kv);
                         layers.push_back(pure(Value::map(std::move(merged))));
                       }
                       return stack(layers);
                     }});
}

}  // namespace mr::pattern
