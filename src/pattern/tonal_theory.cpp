// Notes, intervals, scale types and voicing dictionaries with the rules of @strudel/tonal 1.2.6
// and the @tonaljs functions it calls (tonal.hpp). Spelling is kept as music theory spells it:
// transposing needs letter steps as well as semitones ("E3" up a minor second is "F3", "Fb3"
// stays "Fb3"), so an interval is both.
#include "pattern/tonal.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>

namespace mr::pattern::tonal {

namespace {

constexpr int kSemi[7] = {0, 2, 4, 5, 7, 9, 11};

int floor_div(int a, int n) {
  int q = a / n;
  if ((a % n != 0) && ((a < 0) != (n < 0))) --q;
  return q;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int letter_step(char c) {
  switch (std::toupper(static_cast<unsigned char>(c))) {
    case 'C': return 0;
    case 'D': return 1;
    case 'E': return 2;
    case 'F': return 3;
    case 'G': return 4;
    case 'A': return 5;
    case 'B': return 6;
    default: return -1;
  }
}

}  // namespace

int js_mod(int a, int n) { return ((a % n) + n) % n; }

std::optional<Note> parse_note(std::string_view s) {
  // /^([a-gA-G]?)(#{1,}|b{1,}|x{1,}|)(-?\d*)\s*(.*)$/ with a letter and nothing after.
  if (s.empty()) return std::nullopt;
  Note n;
  n.step = letter_step(s[0]);
  if (n.step < 0) return std::nullopt;
  size_t p = 1;
  if (p < s.size() && (s[p] == '#' || s[p] == 'b' || s[p] == 'x')) {
    const char c = s[p];
    while (p < s.size() && s[p] == c) {
      n.alt += c == '#' ? 1 : c == 'x' ? 2 : -1;
      ++p;
    }
  }
  size_t q = p;
  if (q < s.size() && s[q] == '-') ++q;
  size_t d = q;
  while (d < s.size() && is_digit(s[d])) ++d;
  if (d > q) {
    if (d - q > 6) return std::nullopt;
    n.oct = std::stoi(std::string(s.substr(q, d - q))) * (q > p ? -1 : 1);
  } else if (q > p) {
    return std::nullopt;  // "-" without digits
  }
  while (d < s.size() && std::isspace(static_cast<unsigned char>(s[d]))) ++d;
  if (d != s.size()) return std::nullopt;
  return n;
}

std::string pc_name(const Note& n) {
  std::string s(1, "CDEFGAB"[n.step]);
  for (int i = 0; i < n.alt; ++i) s += '#';
  for (int i = 0; i > n.alt; --i) s += 'b';
  return s;
}

std::string name(const Note& n) { return n.oct ? pc_name(n) + std::to_string(*n.oct) : pc_name(n); }

int chroma(const Note& n) { return js_mod(kSemi[n.step] + n.alt, 12); }

int midi(const Note& n) { return kSemi[n.step] + n.alt + 12 * (n.oct.value_or(0) + 1); }

std::optional<Interval> parse_interval(std::string_view t) {
  // /^([-+]?\d+)(d{1,4}|m|M|P|A{1,4})|(AA|A|P|M|m|d|dd)([-+]?\d+)$/ (the first form anchored at
  // the start only, the second at the end only, as tonal's expression is written).
  std::string num_s, q;
  {
    size_t p = 0;
    if (p < t.size() && (t[p] == '-' || t[p] == '+')) ++p;
    size_t d = p;
    while (d < t.size() && is_digit(t[d])) ++d;
    if (d > p && d < t.size()) {
      const char c = t[d];
      size_t e = d;
      if (c == 'd' || c == 'A') {
        while (e < t.size() && t[e] == c && e - d < 4) ++e;
      } else if (c == 'm' || c == 'M' || c == 'P') {
        e = d + 1;
      }
      if (e > d) {
        num_s = std::string(t.substr(0, d));
        q = std::string(t.substr(d, e - d));
      }
    }
  }
  if (q.empty()) {
    for (size_t p = 0; p < t.size() && q.empty(); ++p) {
      static const char* kQualities[] = {"AA", "A", "P", "M", "m", "d", "dd"};
      for (const char* qual : kQualities) {
        const std::string_view qv(qual);
        if (t.substr(p, qv.size()) != qv) continue;
        size_t r = p + qv.size();
        size_t s0 = r;
        if (r < t.size() && (t[r] == '-' || t[r] == '+')) ++r;
        size_t d = r;
        while (d < t.size() && is_digit(t[d])) ++d;
        if (d > r && d == t.size()) {
          num_s = std::string(t.substr(s0));
          q = std::string(qv);
          break;
        }
      }
    }
  }
  if (q.empty() || num_s.empty()) return std::nullopt;
  if (num_s[0] == '+') num_s.erase(0, 1);
  if (num_s.size() > 7) return std::nullopt;
  const int num = std::stoi(num_s);
  if (num == 0) return std::nullopt;
  const int absn = num < 0 ? -num : num;
  const int step = (absn - 1) % 7;
  static const char kTypes[] = "PMMPPMM";
  const bool majorable = kTypes[step] == 'M';
  if (majorable && q == "P") return std::nullopt;
  int alt = 0;
  if ((q == "M" && majorable) || (q == "P" && !majorable)) alt = 0;
  else if (q == "m" && majorable) alt = -1;
  else if (q[0] == 'A') alt = static_cast<int>(q.size());
  else if (q[0] == 'd') alt = -(majorable ? static_cast<int>(q.size()) + 1 : static_cast<int>(q.size()));
  const int oct = (absn - 1) / 7;
  const int dir = num < 0 ? -1 : 1;
  return Interval{dir * (step + 7 * oct), dir * (kSemi[step] + alt + 12 * oct)};
}

Interval from_semitones(int s) {
  static const int kNumber[12] = {1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 7};
  const int d = s < 0 ? -1 : 1, n = s < 0 ? -s : s;
  return {d * (kNumber[n % 12] - 1 + 7 * (n / 12)), s};
}

Note transpose(const Note& n, const Interval& iv) {
  const int pos = n.step + iv.steps;
  Note out;
  out.step = js_mod(pos, 7);
  const int octs = floor_div(pos, 7);
  out.alt = kSemi[n.step] + n.alt + iv.semis - kSemi[out.step] - 12 * octs;
  if (n.oct) out.oct = *n.oct + octs;
  return out;
}

std::string transpose(std::string_view note, std::string_view interval) {
  auto n = parse_note(note);
  auto iv = parse_interval(interval);
  if (!n || !iv) return "";
  return name(transpose(*n, *iv));
}

bool strudel_is_note(std::string_view s) {
  // /^[a-gA-G][#bsf]*-?[0-9]*$/
  if (s.empty() || letter_step(s[0]) < 0 || std::tolower(static_cast<unsigned char>(s[0])) > 'g') return false;
  size_t p = 1;
  while (p < s.size() && (s[p] == '#' || s[p] == 'b' || s[p] == 's' || s[p] == 'f')) ++p;
  if (p < s.size() && s[p] == '-') ++p;
  while (p < s.size() && is_digit(s[p])) ++p;
  return p == s.size();
}

std::optional<int> strudel_note_to_midi(std::string_view s, int default_octave) {
  // /^([a-gA-G])([#bsf]*)(-?[0-9]*)$/, octave as a number when there are digits.
  if (s.empty() || letter_step(s[0]) < 0) return std::nullopt;
  const int step = letter_step(s[0]);
  size_t p = 1;
  int acc = 0;
  while (p < s.size() && (s[p] == '#' || s[p] == 'b' || s[p] == 's' || s[p] == 'f')) {
    acc += (s[p] == '#' || s[p] == 's') ? 1 : -1;
    ++p;
  }
  const size_t o = p;
  if (p < s.size() && s[p] == '-') ++p;
  const size_t d = p;
  while (p < s.size() && is_digit(s[p])) ++p;
  if (p != s.size()) return std::nullopt;
  int oct = default_octave;
  // "-" alone is Number("-") = NaN in Strudel; read as no note here.
  if (p > d) {
    if (p - d > 6) return std::nullopt;
    oct = std::stoi(std::string(s.substr(o)));
  } else if (d > o) {
    return std::nullopt;
  }
  return (oct + 1) * 12 + kSemi[step] + acc;
}

// [SECTION] scale types

const std::vector<ScaleType>& scale_types() {
  static const std::vector<ScaleType> types = [] {
    std::vector<ScaleType> t;
    auto split = [](std::string_view s) {
      std::vector<std::string> out;
      while (!s.empty()) {
        const size_t sp = s.find(' ');
        out.emplace_back(s.substr(0, sp));
        s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
      }
      return out;
    };
#define TONAL_SCALE(nm, ivs, chroma, setnum, ...) \
  t.push_back(ScaleType{nm, std::vector<std::string>{__VA_ARGS__}, split(ivs), chroma, setnum});
#define TONAL_VOICING(dict, symbol, ...)
#include "pattern/tonal_data.inc"
#undef TONAL_SCALE
#undef TONAL_VOICING
    return t;
  }();
  return types;
}

const ScaleType* find_scale_type(std::string_view key) {
  static const std::map<std::string, const ScaleType*, std::less<>> index = [] {
    std::map<std::string, const ScaleType*, std::less<>> m;
    // tonal's index: name, set number, chroma, then the aliases (later entries win).
    for (const ScaleType& s : scale_types()) {
      m[s.name] = &s;
      m[std::to_string(s.set_num)] = &s;
      m[s.chroma] = &s;
      for (const auto& a : s.aliases) m[a] = &s;
    }
    return m;
  }();
  auto it = index.find(key);
  return it == index.end() ? nullptr : it->second;
}

std::pair<std::string, std::string> tokenize_scale(std::string_view nm) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const size_t i = nm.find(' ');
  auto tonic = i == std::string_view::npos ? std::nullopt : parse_note(nm.substr(0, i));
  if (!tonic) {
    auto n = parse_note(nm);
    if (n) return {name(*n), ""};
    return {"", lower(nm)};
  }
  // tonal skips as many characters as the tonic's (normalised) name has, plus the space.
  const std::string tn = name(*tonic);
  const size_t from = tn.size() + 1;
  return {tn, from >= nm.size() ? "" : lower(nm.substr(from))};
}

std::optional<Scale> get_scale(std::string_view nm) {
  auto [tonic, type] = tokenize_scale(nm);
  const ScaleType* st = find_scale_type(type);
  if (!st) return std::nullopt;
  return Scale{tonic, st};
}

// [SECTION] voicing dictionaries

namespace {

struct VoicingRegistry {
  std::mutex mutex;
  std::map<std::string, VoicingSet> sets;
  std::string default_name = "ireal";
};

std::map<std::string, VoicingSet> builtin_voicings() {
  std::map<std::string, VoicingDictionary> dicts;
  auto split = [](std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
      const size_t sp = s.find(' ');
      out.emplace_back(s.substr(0, sp));
      s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
    }
    return out;
  };
#define TONAL_SCALE(nm, ivs, chroma, setnum, ...)
#define TONAL_VOICING(dict, symbol, ...) \
  for (const char* v : {__VA_ARGS__}) dicts[dict][symbol].push_back(split(v));
#include "pattern/tonal_data.inc"
#undef TONAL_SCALE
#undef TONAL_VOICING
  std::map<std::string, VoicingSet> out;
  for (auto& [k, d] : dicts) {
    VoicingSet s;
    s.dictionary = std::make_shared<const VoicingDictionary>(std::move(d));
    // Strudel's registry: lefthand has a range; the others none (voicings() then finds nothing).
    if (k == "lefthand") s.range = {"F3", "A4"};
    out[k] = std::move(s);
  }
  return out;
}

VoicingRegistry& registry() {
  static VoicingRegistry r{{}, builtin_voicings(), "ireal"};
  return r;
}

}  // namespace

std::optional<VoicingSet> find_voicings(const std::string& nm) {
  VoicingRegistry& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.sets.find(nm);
  if (it == r.sets.end()) return std::nullopt;
  return it->second;
}

void add_voicings(const std::string& nm, VoicingDictionary dict, std::vector<std::string> range) {
  VoicingRegistry& r = registry();
  VoicingSet s{std::make_shared<const VoicingDictionary>(std::move(dict)), std::move(range)};
  std::lock_guard lock(r.mutex);
  r.sets[nm] = std::move(s);
}

std::string default_voicings() {
  VoicingRegistry& r = registry();
  std::lock_guard lock(r.mutex);
  return r.default_name;
}

void set_default_voicings(const std::string& nm) {
  VoicingRegistry& r = registry();
  std::lock_guard lock(r.mutex);
  r.default_name = nm;
}

void reset_voicings() {
  auto fresh = builtin_voicings();
  VoicingRegistry& r = registry();
  std::lock_guard lock(r.mutex);
  r.sets = std::move(fresh);
  r.default_name = "ireal";
}

std::vector<std::string> voicing_names() {
  VoicingRegistry& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> out;
  for (const auto& [k, v] : r.sets) out.push_back(k);
  return out;
}

}  // namespace mr::pattern::tonal
