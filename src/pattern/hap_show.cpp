// Strudel's text for a hap (hap_show.hpp).
#include "pattern/hap_show.hpp"

#include <numeric>
#include <stdexcept>
#include <vector>

namespace mr::pattern {

namespace {

// JSON.stringify(value).slice(1, -1), quotes dropped, commas as spaces.
std::string compact_json(const std::string& json) {
  std::string out;
  if (json.size() < 2) return out;
  for (size_t i = 1; i + 1 < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') continue;
    out += c == ',' ? ' ' : c;
  }
  return out;
}

// `${value}` for what JavaScript calls a primitive.
std::string js_string(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Nil: return "undefined";
    case Value::Kind::Number: return js_number(v.number());
    case Value::Kind::String: return v.string();
    case Value::Kind::Bool: return v.boolean() ? "true" : "false";
    default: return v.json();
  }
}

bool is_object(const Value& v) { return v.is_map() || v.is_list(); }

}  // namespace

std::string show_fraction(const Rational& r) { return std::to_string(r.num()) + "/" + std::to_string(r.den()); }

std::string show_span(const TimeSpan& span) { return show_fraction(span.begin) + " → " + show_fraction(span.end); }

std::string stringify_values(const Value& v, bool compact) {
  if (!is_object(v)) return js_string(v);
  return compact ? compact_json(v.json()) : v.json();
}

std::string show_whole(const Hap& h, bool compact) {
  return (h.whole ? show_span(*h.whole) : std::string("~")) + ": " + stringify_values(h.value, compact);
}

std::string show_hap(const Hap& h, bool compact) {
  std::string spans;
  if (!h.whole) {
    spans = "~" + show_span(h.part);
  } else {
    const TimeSpan& w = *h.whole;
    const bool is_whole = w == h.part;
    if (w.begin != h.part.begin) spans = show_fraction(w.begin) + " ⇜ ";
    if (!is_whole) spans += "(";
    spans += show_span(h.part);
    if (!is_whole) spans += ")";
    if (w.end != h.part.end) spans += " ⇝ " + show_fraction(w.end);
  }
  return "[ " + spans + " | " + stringify_values(h.value, compact) + " ]";
}

std::string log_line(const Hap& h, uint8_t bit) {
  return "[hap] " + (bit == kLogValues ? stringify_values(h.value, true) : show_whole(h, true));
}

namespace {

// String(value) as JavaScript writes it ('' + hap.value).
std::string js_text(const Value& v) {
  if (v.is_string()) return v.string();
  if (v.is_number()) return js_number(v.number());
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_list()) {
    std::string out;
    for (size_t i = 0; i < v.items().size(); ++i) out += (i ? "," : "") + js_text(v.items()[i]);
    return out;
  }
  if (v.is_map()) return "[object Object]";
  return "undefined";
}

}  // namespace

std::string draw_line(const Pattern& pat, int64_t chars) {
  constexpr int64_t kMaxSlots = 4096;
  std::vector<std::string> lines{""};
  std::string empty_line;
  Rational pos(0);
  for (int64_t cycle = 0; static_cast<int64_t>(lines[0].size()) < chars; ++cycle) {
    Haps haps;
    pat.query_into(State{TimeSpan{Rational(cycle), Rational(cycle + 1)}}, haps);
    // gcd(1, durations...) of the events starting here: 1/n, n slots this cycle.
    int64_t slots = 0;
    for (const Hap& h : haps) {
      if (!h.whole) throw std::runtime_error("drawLine: a signal has no events to draw (segment it first)");
      if (!h.has_onset()) continue;
      const int64_t den = h.whole->duration().den();
      slots = slots == 0 ? den : std::lcm(slots, den);
      if (slots > kMaxSlots) throw std::runtime_error("drawLine: more than 4096 slots in a cycle");
    }
    if (slots == 0)
      throw std::runtime_error("drawLine: cycle " + std::to_string(cycle) + " has no event starting in it");
    for (std::string& l : lines) l += '|';
    empty_line += '|';
    const Rational step(1, slots);
    for (int64_t i = 0; i < slots; ++i) {
      const Rational begin = pos, end = pos + step;
      std::vector<const Hap*> matches;
      for (const Hap& h : haps)
        if (h.whole->begin <= begin && h.whole->end >= end) matches.push_back(&h);
      while (lines.size() < matches.size()) lines.push_back(empty_line);
      for (size_t k = 0; k < lines.size(); ++k) {
        if (k < matches.size()) lines[k] += matches[k]->whole->begin == begin ? js_text(matches[k]->value) : "-";
        else lines[k] += '.';
      }
      empty_line += '.';
      pos = end;
    }
  }
  std::string out;
  for (size_t k = 0; k < lines.size(); ++k) out += (k ? "\n" : "") + lines[k];
  return out;
}

}  // namespace mr::pattern
