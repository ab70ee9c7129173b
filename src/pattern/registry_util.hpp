// Internal helpers for registering functions: argument access with clear errors, and the one
// generic "patternify" that turns a plain combinator into one whose arguments are patterns.
#pragma once

#include <cmath>
#include <string>

#include "pattern/ops.hpp"
#include "pattern/registry.hpp"

namespace mr::pattern::reg {

// A list or table of plain values (numbers, strings, pure patterns, nested lists, string keys) as
// one Value; false when some part is not plain (a pattern that varies, a function).
inline bool plain_value(const Arg& x, Value& out, int depth = 0) {
  if (depth > 32) return false;
  switch (x.kind) {
    case Arg::Kind::Value: out = x.value; return true;
    case Arg::Kind::Pattern:
      if (x.text && depth > 0) {  // a string inside the list stays a string (Strudel's pure(array))
        out = Value(*x.text);
        return true;
      }
      if (const Value* v = x.pattern.pure_value()) {
        out = *v;
        return true;
      }
      return false;
    case Arg::Kind::List: {
      if (!x.keyed.empty()) {
        ValueMap m;
        for (const KeyedArg& k : x.keyed) {
          Value v;
          if (!plain_value(k.second, v, depth + 1)) return false;
          m.push_back({k.first, v});
        }
        if (x.list.empty()) {
          out = Value::map(std::move(m));
          return true;
        }
        return false;
      }
      ValueList items;
      for (const Arg& y : x.list) {
        Value v;
        if (!plain_value(y, v, depth + 1)) return false;
        items.push_back(std::move(v));
      }
      out = Value::list(std::move(items));
      return true;
    }
    case Arg::Kind::Function: return false;
  }
  return false;
}

// A patterned argument. A list (a JavaScript array, a Lua table) of plain values is one value,
// pure(list), as Strudel's register reifies an array (adsr([.1, .2, .5, .3]), n([0, 2])).
inline Pattern pat_arg(std::span<const Arg> a, size_t i, const char* fn) {
  if (i < a.size() && a[i].kind == Arg::Kind::List && (!a[i].list.empty() || !a[i].keyed.empty())) {
    Value v;
    if (plain_value(a[i], v)) return pure(std::move(v));
  }
  if (i >= a.size() || a[i].kind != Arg::Kind::Pattern)
    throw ArgError(std::string(fn) + ": argument " + std::to_string(i + 1) + " must be a pattern, a number or a string");
  return a[i].pattern;
}

inline Pattern result_pattern(const Arg& r, const std::string& name);

inline PatFn fn_arg(std::span<const Arg> a, size_t i, const char* fn) {
  if (i >= a.size() || a[i].kind != Arg::Kind::Function)
    throw ArgError(std::string(fn) + ": argument " + std::to_string(i + 1) + " must be a function, e.g. fast(2) or rev");
  HostFunction f = a[i].function;
  std::string name = fn;
  return [f, name](const Pattern& p) {
    Arg x = Arg::of(p);
    Arg r = f(std::span<const Arg>(&x, 1));
    return result_pattern(r, name);
  };
}

// A pattern made from what a host function returned: a pattern as is, a plain value as pure().
inline Pattern result_pattern(const Arg& r, const std::string& name) {
  if (r.kind == Arg::Kind::Pattern) return r.pattern;
  if (r.kind == Arg::Kind::Value) return pure(r.value);
  throw ArgError(name + ": the function must return a pattern");
}

// Calls a host function with the given arguments; the result as a pattern.
inline Pattern call_pattern(const HostFunction& f, std::vector<Arg> args, const std::string& name) {
  return result_pattern(f(std::span<const Arg>(args.data(), args.size())), name);
}

// A host function argument, unwrapped (for functions called with more than a pattern).
inline HostFunction host_arg(std::span<const Arg> a, size_t i, const char* fn) {
  if (i >= a.size() || a[i].kind != Arg::Kind::Function)
    throw ArgError(std::string(fn) + ": argument " + std::to_string(i + 1) + " must be a function");
  return a[i].function;
}

// An argument's plain value: a pure pattern's value, a list's values, a table's keyed entries.
inline Value arg_value(const Arg& a, const char* fn) {
  switch (a.kind) {
    case Arg::Kind::Value: return a.value;
    case Arg::Kind::Pattern:
      if (const Value* v = a.pattern.pure_value()) return *v;
      throw ArgError(std::string(fn) + ": expected a plain value here, not a pattern");
    case Arg::Kind::List: {
      if (!a.keyed.empty()) {
        ValueMap m;
        for (const auto& [k, x] : a.keyed) m.push_back({k, arg_value(x, fn)});
        return Value::map(std::move(m));
      }
      ValueList l;
      for (const Arg& x : a.list) l.push_back(arg_value(x, fn));
      return Value::list(std::move(l));
    }
    case Arg::Kind::Function: break;
  }
  throw ArgError(std::string(fn) + ": expected a plain value here, not a function");
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

using ValuesFn = std::function<Pattern(const std::vector<Value>& v, const Pattern& pat)>;

// An argument of stack/cat/sequence: a list (a JS array, a Lua table) is a sequence of its items,
// nested lists nested sequences, as Strudel reifies arrays.
inline Pattern list_as_sequence(const Arg& x, const std::string& fn) {
  if (x.kind == Arg::Kind::Pattern) return x.pattern;
  if (x.kind != Arg::Kind::List) throw ArgError(fn + ": expected patterns, strings, numbers or lists of them");
  std::vector<Pattern> items;
  for (const Arg& y : x.list) items.push_back(list_as_sequence(y, fn));
  if (items.empty()) return silence();
  return fastcat(items);
}

// The argument of an operator (add, set, struct, mask...): a list is a sequence of its items, as
// Strudel's operators sequence what they are given (struct([1, 0, 1]) is struct("1 0 1")).
inline Pattern seq_arg(std::span<const Arg> a, size_t i, const char* fn) {
  if (i < a.size() && a[i].kind == Arg::Kind::List && a[i].keyed.empty()) return list_as_sequence(a[i], fn);
  return pat_arg(a, i, fn);
}

struct Builder {
  Registry& r;

  void add(std::string name, std::vector<std::string> aliases, std::string sig, std::string doc, std::string example,
           std::string cat, int arity, std::function<Pattern(std::span<const Arg>)> impl, bool method = true) {
    FunctionInfo f;
    f.name = std::move(name);
    f.aliases = std::move(aliases);
    f.signature = std::move(sig);
    f.doc = std::move(doc);
    f.example = std::move(example);
    f.category = std::move(cat);
    f.arity = arity;
    f.is_method = method;
    f.impl = std::move(impl);
    r.add(std::move(f));
  }

  // n patterned arguments, then the pattern.
  void values(std::string name, std::vector<std::string> aliases, std::string sig, std::string doc,
              std::string example, std::string cat, int n, ValuesFn f) {
    std::string nm = name;
    add(std::move(name), std::move(aliases), std::move(sig), std::move(doc), std::move(example), std::move(cat), n,
        [nm, n, f](std::span<const Arg> a) {
          const Pattern& pat = pat_arg(a, static_cast<size_t>(n), nm.c_str());
          std::vector<Pattern> ps;
          for (int i = 0; i < n; ++i) ps.push_back(pat_arg(a, static_cast<size_t>(i), nm.c_str()));
          if (n == 0) return f({}, pat);
          return patternify(ps, [f, pat](const std::vector<Value>& v) { return f(v, pat); });
        });
  }

  // n patterned arguments, then a function, then the pattern (every(3, fast(2))).
  void with_fn(std::string name, std::vector<std::string> aliases, std::string sig, std::string doc,
               std::string example, std::string cat, int n,
               std::function<Pattern(const std::vector<Value>&, const PatFn&, const Pattern&)> f) {
    std::string nm = name;
    add(std::move(name), std::move(aliases), std::move(sig), std::move(doc), std::move(example), std::move(cat), n + 1,
        [nm, n, f](std::span<const Arg> a) {
          PatFn fn = fn_arg(a, static_cast<size_t>(n), nm.c_str());
          const Pattern& pat = pat_arg(a, static_cast<size_t>(n + 1), nm.c_str());
          if (n == 0) return f({}, fn, pat);
          std::vector<Pattern> ps;
          for (int i = 0; i < n; ++i) ps.push_back(pat_arg(a, static_cast<size_t>(i), nm.c_str()));
          return patternify(ps, [f, fn, pat](const std::vector<Value>& v) { return f(v, fn, pat); });
        });
  }

  void value(std::string name, std::string doc, std::string example, Pattern p) {
    value(std::move(name), {}, std::move(doc), std::move(example), std::move(p));
  }
  void value(std::string name, std::vector<std::string> aliases, std::string doc, std::string example, Pattern p) {
    FunctionInfo f;
    f.aliases = std::move(aliases);
    f.name = std::move(name);
    f.signature = f.name;
    f.doc = std::move(doc);
    f.example = std::move(example);
    f.category = "signals";
    f.is_method = false;
    f.is_value = true;
    f.impl = [p](std::span<const Arg>) { return p; };
    r.add(std::move(f));
  }

  // Variadic constructors: stack("a", "b"), cat(...).
  void variadic(std::string name, std::vector<std::string> aliases, std::string sig, std::string doc,
                std::string example, std::string cat, std::function<Pattern(const std::vector<Pattern>&)> f) {
    std::string nm = name;
    add(std::move(name), std::move(aliases), std::move(sig), std::move(doc), std::move(example), std::move(cat), -1,
        [nm, f](std::span<const Arg> a) {
          std::vector<Pattern> ps;
          for (const Arg& x : a) ps.push_back(list_as_sequence(x, nm));
          return f(ps);
        },
        false);
  }
};


}  // namespace mr::pattern::reg
