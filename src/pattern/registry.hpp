// The one registry of the user-facing pattern API: every function with its name, signature,
// one-line doc and example. It feeds the Lua bindings (a generic bridge), the reference docs,
// the suggestion engine's vocabulary and a test that runs every example.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pattern/pattern.hpp"

namespace mr::pattern {

struct Arg;
struct KeyedArg;
// A function from the host language (a Lua closure), callable with arguments of any kind.
// Throws (std::runtime_error or a host-specific exception) when the host function fails.
using HostFunction = std::function<Arg(std::span<const Arg>)>;

// An argument as the host passes it. Strings and numbers arrive as patterns already (the bridge
// parses strings as mini-notation and wraps numbers with pure()), so most functions only see
// Pattern; functions and lists (tables) are kept as such. A table with string keys also keeps
// those entries in `keyed` (sorted by key), for lookups such as pick's {a = ..., b = ...}.
// Value is what C++ hands to a host function besides patterns: a plain value (a number, a
// string, a map), e.g. the index of echoWith's (pat, i) or a hap as {whole, part, value}.
struct Arg {
  enum class Kind { Pattern, Function, List, Value };
  Kind kind = Kind::Pattern;
  Pattern pattern;
  HostFunction function;
  std::vector<Arg> list;
  std::vector<KeyedArg> keyed;
  Value value;
  // A Lua table given for a text string (a plain string, not mini-notation), where a function
  // takes one: the string itself. Set by the bridge for Lua strings along with `pattern`.
  std::optional<std::string> text;
  // A Value that is a hap as a host function sees it ({whole, part, value, context}): the bridge
  // gives it Strudel's hap methods (hasTag).
  bool hap = false;

  static Arg of(Pattern p);
  static Arg of(HostFunction f);
  static Arg of(std::vector<Arg> l);
  static Arg of_value(Value v);
};

// A table entry with a string key. A struct, not std::pair: std::pair<std::string, Arg> needs Arg
// complete where Arg is declared (clang with libstdc++ refuses it).
struct KeyedArg {
  std::string first;
  Arg second;
};

inline Arg Arg::of(Pattern p) { Arg a; a.pattern = std::move(p); return a; }
inline Arg Arg::of(HostFunction f) { Arg a; a.kind = Kind::Function; a.function = std::move(f); return a; }
inline Arg Arg::of(std::vector<Arg> l) { Arg a; a.kind = Kind::List; a.list = std::move(l); return a; }
inline Arg Arg::of_value(Value v) { Arg a; a.kind = Kind::Value; a.value = std::move(v); return a; }

// Thrown by a function for a bad argument (wrong kind, out of range): the bridge turns it into a
// Lua error naming the function.
struct ArgError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FunctionInfo {
  std::string name;                  // Strudel's name, e.g. "fast"
  std::vector<std::string> aliases;  // e.g. "slowcat" for "cat"
  std::string signature;             // e.g. "fast(factor, pat)"
  std::string doc;                   // one line
  std::string example;               // a Lua expression that runs, e.g. s("bd sn"):fast(2)
  std::string category;              // "time", "structure", "signals", "random", "control", ...
  // Number of arguments before the pattern. Called with all of them plus a pattern (global form
  // `fast(2, pat)` or method form `pat:fast(2)`) it applies; with only these it is curried
  // (`fast(2)` returns a function of a pattern). -1: variadic constructor (stack, cat, ...).
  int arity = 0;
  bool is_method = true;  // false for pure constructors such as sine, run, stack
  bool is_value = false;  // a pattern itself rather than a function (sine, rand, perlin)
  // args: the `arity` arguments, then the pattern last (when is_method).
  std::function<Pattern(std::span<const Arg> args)> impl;
};

class Registry {
 public:
  static const Registry& instance();  // every built-in, registered once
  const FunctionInfo* find(std::string_view name) const;  // by name or alias
  const std::vector<FunctionInfo>& all() const { return functions_; }
  void add(FunctionInfo info);
  void preserve_steps();  // Strudel's preserveSteps functions (registry.cpp)

 private:
  std::vector<FunctionInfo> functions_;
};

}  // namespace mr::pattern
