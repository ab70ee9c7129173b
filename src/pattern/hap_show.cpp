// Strudel's text for a hap (hap_show.hpp).
#include "pattern/hap_show.hpp"

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

}  // namespace mr::pattern
