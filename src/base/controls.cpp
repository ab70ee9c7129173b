// The control table (controls.hpp) as data, its lookups and the nearest-name suggestion.
#include "base/controls.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <string>
#include <unordered_map>

namespace mr::controls {

namespace {

std::vector<Control> BuildTable() {
  std::vector<Control> t;
#define MR_X(id, name, aliases, tail, unit, lo, hi, def, values, doc, probe)                                      \
  t.push_back(Control{name, aliases, tail, unit, static_cast<float>(lo), static_cast<float>(hi),                   \
                      static_cast<float>(def), Consumer::kEngine, values, doc, probe,                              \
                      static_cast<int>(EngineParam::id)});
  MR_ENGINE_CONTROLS(MR_X)
#undef MR_X
#define MR_Y(consumer, name, aliases, tail, doc) \
  t.push_back(Control{name, aliases, tail, "", 0, 0, 0, Consumer::consumer, "", doc, "", -1});
  MR_OTHER_CONTROLS(MR_Y)
#undef MR_Y
  // Strudel's FM operators 2..8 (registerMultiControl) and its FM matrix: generated names, kept
  // alive by a deque of strings (views into it stay valid).
  static std::deque<std::string> names;
  auto keep = [](std::string s) -> std::string_view { return names.emplace_back(std::move(s)); };
  struct Family {
    const char* name;
    const char* alias;
    const char* tail;
    const char* doc;
  };
  static constexpr Family kFamilies[] = {
      {"fmh", "", "fmi", "harmonicity"},          {"fmi", "fm", "fmh", "modulation index"},
      {"fmenv", "", "", "envelope curve"},        {"fmattack", "fmatt", "", "envelope attack"},
      {"fmwave", "", "", "waveform"},             {"fmdecay", "fmdec", "", "envelope decay"},
      {"fmsustain", "fmsus", "", "envelope sustain"}, {"fmrelease", "fmrel", "", "envelope release"},
  };
  for (const Family& f : kFamilies) {
    for (int i = 2; i <= 8; ++i) {
      const std::string n = std::to_string(i);
      Control c;
      c.name = keep(f.name + n);
      c.aliases = *f.alias ? keep(f.alias + n) : std::string_view{};
      c.tail = *f.tail ? keep(f.tail + n) : std::string_view{};
      c.consumer = Consumer::kUnplayed;
      c.doc = keep("FM operator " + n + " " + f.doc + " (Strudel's multi-operator FM; moonrave's FM has one operator)");
      t.push_back(c);
    }
  }
  for (int i = 0; i <= 8; ++i) {
    for (int j = 0; j <= 8; ++j) {
      const std::string ij = std::to_string(i) + std::to_string(j);
      Control c;
      c.name = keep("fmi" + ij);
      c.aliases = keep("fm" + ij);
      c.consumer = Consumer::kUnplayed;
      c.doc = keep("FM matrix: operator " + ij.substr(0, 1) + " modulated by " + ij.substr(1) +
                   " (Strudel's FM matrix; moonrave's FM has one operator)");
      t.push_back(c);
    }
  }
  return t;
}

const std::vector<Control>& Table() {
  static const std::vector<Control> table = BuildTable();
  return table;
}

const std::unordered_map<std::string_view, const Control*>& Index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, const Control*> m;
    for (const Control& c : Table()) {
      m.emplace(c.name, &c);
      for (std::string_view a : split(c.aliases, ' ')) m.emplace(a, &c);  // the first row wins
    }
    return m;
  }();
  return index;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::span<const Control> all() { return Table(); }

const Control* find(std::string_view name) {
  const auto& index = Index();
  const auto it = index.find(name);
  return it == index.end() ? nullptr : it->second;
}

const Control& engine(EngineParam p) { return Table()[static_cast<size_t>(p)]; }

std::vector<std::string> closest(std::string_view name, size_t n) {
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  std::vector<std::pair<size_t, std::string_view>> scored;
  for (const Control& c : Table()) {
    auto consider = [&](std::string_view k) {
      const size_t d = EditDistance(name, k);
      if (d <= limit) scored.emplace_back(d, k);
    };
    consider(c.name);
    for (std::string_view a : split(c.aliases, ' ')) consider(a);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (const auto& [d, k] : scored) {
    if (out.size() >= n) break;
    if (std::find(out.begin(), out.end(), k) == out.end()) out.emplace_back(k);
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool value_number(const Control& c, std::string_view v, double& out) {
  for (std::string_view pair : split(c.values, ' ')) {
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != v) continue;
    out = std::stod(std::string(pair.substr(eq + 1)));
    return true;
  }
  return false;
}

std::string_view consumer_name(Consumer c) {
  switch (c) {
    case Consumer::kEngine: return "engine";
    case Consumer::kSound: return "sound";
    case Consumer::kOutput: return "outputs";
    case Consumer::kPattern: return "pattern";
    case Consumer::kVisual: return "visuals";
    case Consumer::kUnplayed: return "not played";
  }
  return "";
}

}  // namespace mr::controls
