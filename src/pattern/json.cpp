// Haps as JSON lines, in a stable order.
#include "pattern/json.hpp"

#include <algorithm>

namespace mr::pattern {

std::string hap_json(const Hap& h) {
  std::string s = "{\"whole\":";
  if (h.whole) {
    s += "[\"" + h.whole->begin.str() + "\",\"" + h.whole->end.str() + "\"]";
  } else {
    s += "null";
  }
  s += ",\"part\":[\"" + h.part.begin.str() + "\",\"" + h.part.end.str() + "\"],\"value\":" + h.value.json() + "}";
  return s;
}

std::vector<std::string> query_json_lines(const Pattern& pat, const Rational& from, const Rational& to) {
  Haps haps = pat.query_arc(from, to);
  struct Row {
    Rational part_begin, whole_begin;
    bool has_whole;
    std::string value, line;
  };
  std::vector<Row> rows;
  rows.reserve(haps.size());
  for (const Hap& h : haps) {
    rows.push_back({h.part.begin, h.whole ? h.whole->begin : h.part.begin, h.whole.has_value(), h.value.json(), hap_json(h)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.part_begin != b.part_begin) return a.part_begin < b.part_begin;
    if (a.has_whole != b.has_whole) return !a.has_whole;  // continuous haps first
    if (a.whole_begin != b.whole_begin) return a.whole_begin < b.whole_begin;
    if (a.value != b.value) return a.value < b.value;
    return a.line < b.line;
  });
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(std::move(r.line));
  return out;
}

}  // namespace mr::pattern
