// Internal helpers for registering functions: argument access with clear errors, and the one
// generic "patternify" that turns a plain combinator into one whose arguments are patterns.
#pragma once

#include <cmath>
#include <string>

#include "pattern/ops.hpp"
#include "pattern/registry.hpp"

namespace mr::pattern::reg {

inline const Pattern& pat_arg(std::span<const Arg> a, size_t i, const char* fn) {
  if (i >= a.size() || a[i].kind != Arg::Kind::Pattern)
    throw ArgError(std::string(fn) + ": argument " + std::to_string(i + 1) + " must be a pattern, a number or a string");
  return a[i].pattern;
}

inline PatFn fn_arg(std::span<const Arg> a, size_t i, const char* fn) {
  if (i >= a.size() || a[i].kind != Arg::Kind::Function)
    throw ArgError(std::string(fn) + ": argument " + std::to_string(i + 1) + " must be a function, e.g. fast(2) or rev");
  HostFunction f = a[i].function;
  std::string name = fn;
  return [f, name](const Pattern& p) {
    Arg x = Arg::of(p);
    Arg r = f(std::span<const Arg>(&x, 1));
    if (r.kind != Arg::Kind::Pattern) throw ArgError(name + ": the function must return a pattern");
    return r.pattern;
  };
}

inline double num(const Value& v, const char* fn) {
  double x = 0;
  if (!v.to_number(x)) {
    if (v.is_string()) {
      if (auto m = note_to_midi(v.string())) return *m;
    }
    throw ArgError(std::string(fn) + ": expected a number, got " + v.json());
  }
  return x;
}
inline Rational time(const Value& v, const char* fn) {
  const double x = num(v, fn);
  if (!std::isfinite(x)) throw ArgError(std::string(fn) + ": expected a finite number, got " + v.json());
  return Rational::from_double(x);
}
inline int64_t integer(const Value& v, const char* fn) {
  const double x = num(v, fn);
  if (!std::isfinite(x) || std::fabs(x) > 1e12) throw ArgError(std::string(fn) + ": number out of range: " + v.json());
  return static_cast<int64_t>(std::floor(x));
}
inline std::string str(const Value& v) { return v.is_string() ? v.string() : v.is_number() ? js_number(v.number()) : v.json(); }

// Applies f to the values of `n` patterned arguments: directly when every argument is a plain
// value (no fragmentation, as Strudel's __pure shortcut), else through an inner join over the
// arguments combined with structure from the first.
Pattern patternify(std::span<const Pattern> args, const std::function<Pattern(const std::vector<Value>&)>& f);

}  // namespace mr::pattern::reg
