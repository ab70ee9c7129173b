// Values: construction, JavaScript truthiness and number views, the total order used to sort
// output, and canonical JSON with numbers printed as JavaScript prints them.
#include "pattern/value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace mr::pattern {

Value Value::list(ValueList items) {
  Value v;
  v.v_ = std::make_shared<const ValueList>(std::move(items));
  return v;
}

Value Value::map(ValueMap entries) {
  // Already sorted with distinct keys (one key, or built from a sorted map): as it is.
  bool sorted = true;
  for (size_t i = 1; i < entries.size() && sorted; ++i) sorted = entries[i - 1].first < entries[i].first;
  if (sorted) {
    Value v;
    v.v_ = std::make_shared<const ValueMap>(std::move(entries));
    return v;
  }
  // Stable sort (insertion sort for the usual handful of controls: no buffer), then keep the
  // last of equal keys, in place.
  const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (entries.size() <= 16) {
    for (size_t i = 1; i < entries.size(); ++i) {
      for (size_t j = i; j > 0 && by_key(entries[j], entries[j - 1]); --j) std::swap(entries[j], entries[j - 1]);
    }
  } else {
    std::stable_sort(entries.begin(), entries.end(), by_key);
  }
  size_t w = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (w > 0 && entries[w - 1].first == entries[i].first) {
      entries[w - 1].second = std::move(entries[i].second);
    } else {
      if (w != i) entries[w] = std::move(entries[i]);
      ++w;
    }
  }
  entries.resize(w);
  Value v;
  v.v_ = std::make_shared<const ValueMap>(std::move(entries));
  return v;
}

const Value* Value::get(std::string_view key) const {
  if (!is_map()) return nullptr;
  for (const auto& [k, v] : entries()) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool Value::truthy() const {
  switch (kind()) {
    case Kind::Nil: return false;
    case Kind::Number: return number() != 0 && !std::isnan(number());
    case Kind::String: return !string().empty();
    case Kind::Bool: return boolean();
    case Kind::List:
    case Kind::Map: return true;
  }
  return false;
}

bool Value::to_number(double& out) const {
  switch (kind()) {
    case Kind::Number: out = number(); return true;
    case Kind::Bool: out = boolean() ? 1 : 0; return true;
    case Kind::String: {
      const std::string& s = string();
      if (s.empty()) return false;
      const char* b = s.data();
      const char* e = b + s.size();
      if (*b == '+') ++b;
      double x = 0;
      auto r = std::from_chars(b, e, x);
      if (r.ec != std::errc() || r.ptr != e) return false;
      out = x;
      return true;
    }
    default: return false;
  }
}

namespace {

void json_string(const std::string& s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void json_into(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::Nil: out += "null"; break;
    case Value::Kind::Number:
      if (std::isfinite(v.number())) {
        out += js_number(v.number());
      } else {
        out += "null";  // JSON.stringify(NaN or Infinity)
      }
      break;
    case Value::Kind::String: json_string(v.string(), out); break;
    case Value::Kind::Bool: out += v.boolean() ? "true" : "false"; break;
    case Value::Kind::List: {
      out += '[';
      bool first = true;
      for (const Value& x : v.items()) {
        if (!first) out += ',';
        first = false;
        json_into(x, out);
      }
      out += ']';
      break;
    }
    case Value::Kind::Map: {
      out += '{';
      bool first = true;
      for (const auto& [k, x] : v.entries()) {
        if (!first) out += ',';
        first = false;
        json_string(k, out);
        out += ':';
        json_into(x, out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string Value::json() const {
  std::string out;
  json_into(*this, out);
  return out;
}

std::string js_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x == 0) return "0";
  std::string sign = x < 0 ? "-" : "";
  // Shortest round-trip digits and exponent, then JavaScript's Number::toString layout.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::stoi(sci.substr(epos + 1));
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  int k = static_cast<int>(digits.size());
  int n = exp + 1;
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out = digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += "e";
    out += n - 1 >= 0 ? "+" : "-";
    out += std::to_string(std::abs(n - 1));
  }
  return sign + out;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::Nil: return true;
    case Value::Kind::Number: return a.number() == b.number();
    case Value::Kind::String: return a.string() == b.string();
    case Value::Kind::Bool: return a.boolean() == b.boolean();
    case Value::Kind::List: return a.items() == b.items();
    case Value::Kind::Map: return a.entries() == b.entries();
  }
  return false;
}

bool operator<(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  switch (a.kind()) {
    case Value::Kind::Nil: return false;
    case Value::Kind::Number: return a.number() < b.number();
    case Value::Kind::String: return a.string() < b.string();
    case Value::Kind::Bool: return a.boolean() < b.boolean();
    case Value::Kind::List: return a.items() < b.items();
    case Value::Kind::Map: return a.entries() < b.entries();
  }
  return false;
}

}  // namespace mr::pattern
