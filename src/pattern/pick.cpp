// Strudel's pick.mjs: one pattern picks, by index or by name, among other patterns (pick, pickmod,
// pickF, pickOut, pickRestart, pickReset, inhabit, squeeze), and chooseWith/chooseInWith (a
// continuous pattern picks).
#include <cmath>

#include "pattern/registry_util.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

// A lookup: a list of patterns (by index) or a table of named patterns (by the value).
struct Lookup {
  std::vector<Pattern> list;
  std::vector<std::pair<std::string, Pattern>> named;
  bool by_name = false;
  size_t size() const { return by_name ? named.size() : list.size(); }
};

Lookup lookup_arg(const Arg& a, const char* fn) {
  Lookup out;
  if (a.kind != Arg::Kind::List) throw ArgError(std::string(fn) + ": the lookup must be a list {..} or a table {a = ..., b = ...}");
  if (!a.keyed.empty()) {
    out.by_name = true;
    for (const auto& [k, x] : a.keyed) out.named.push_back({k, list_as_sequence(x, fn)});
    // A table with both (a list part too): JavaScript's Object.keys sees the indices as keys.
    for (size_t i = 0; i < a.list.size(); ++i) out.named.push_back({std::to_string(i), list_as_sequence(a.list[i], fn)});
    return out;
  }
  for (const Arg& x : a.list) out.list.push_back(list_as_sequence(x, fn));
  return out;
}

double js_round(double x) { return std::floor(x + 0.5); }

// _pick: the pattern of patterns each index (or name) selects; nullopt where it selects none.
std::optional<Pattern> select(const Lookup& lk, const Value& v, bool modulo) {
  if (lk.by_name) {
    const std::string key = str(v);
    for (const auto& [k, p] : lk.named)
      if (k == key) return p;
    return std::nullopt;
  }
  double x = 0;
  if (!v.to_number(x) || !std::isfinite(x)) return std::nullopt;
  const double n = static_cast<double>(lk.list.size());
  double k = js_round(x);
  if (modulo) {
    k = std::fmod(k, n);  // JavaScript's %: a negative index selects nothing
    if (k < 0) return std::nullopt;
  } else {
    k = std::clamp(k, 0.0, n - 1);
  }
  return lk.list[static_cast<size_t>(k)];
}

enum class Join { Inner, Outer, Squeeze, Reset, Restart };

Pattern pick_join(const Pattern& pat, const Lookup& lk, bool modulo, Join how) {
  if (lk.size() == 0) return silence();
  // Values that select nothing are dropped first (Strudel fails on them).
  Pattern keyed = pat.filter_values([lk, modulo](const Value& v) { return select(lk, v, modulo).has_value(); });
  PatternOfPatterns pp{keyed, [lk, modulo](const Value& v) { return *select(lk, v, modulo); }};
  switch (how) {
    case Join::Inner: return inner_join(pp);
    case Join::Outer: return outer_join(pp);
    case Join::Squeeze: return squeeze_join(pp);
    case Join::Reset: return reset_join(pp, false);
    case Join::Restart: return reset_join(pp, true);
  }
  return silence();
}

}  // namespace

void register_pick(Registry& r) {
  Builder b{r};
  struct Def {
    const char* name;
    std::vector<std::string> aliases;
    bool modulo;
    Join how;
    const char* doc;
  };
  const Def defs[] = {
      {"pick", {}, false, Join::Inner, "Picks patterns from a list by index (clamped) or from a table by name; structure from the picked patterns."},
      {"pickmod", {}, true, Join::Inner, "pick, with indices wrapping around the list."},
      {"pickOut", {}, false, Join::Outer, "pick, with the structure of the index pattern."},
      {"pickmodOut", {}, true, Join::Outer, "pickOut, with indices wrapping around."},
      {"pickRestart", {}, false, Join::Restart, "pick, each picked pattern restarted from its cycle zero at each index event."},
      {"pickmodRestart", {}, true, Join::Restart, "pickRestart, with indices wrapping around."},
      {"pickReset", {}, false, Join::Reset, "pick, each picked pattern reset to its cycle start at each index event."},
      {"pickmodReset", {}, true, Join::Reset, "pickReset, with indices wrapping around."},
      {"inhabit", {"pickSqueeze"}, false, Join::Squeeze, "pick, a cycle of the picked pattern squeezed into each index event."},
      {"inhabitmod", {"pickmodSqueeze"}, true, Join::Squeeze, "inhabit, with indices wrapping around."},
  };
  for (const Def& d : defs) {
    const char* nm = d.name;
    const bool modulo = d.modulo;
    const Join how = d.how;
    b.add(d.name, d.aliases, std::string(d.name) + "(lookup, pat)", d.doc,
          std::string("note(mini(\"<0 1 2!2 3>\"):") + d.name + "({\"g a\", \"e f\", \"f g f g\", \"g c d\"}))", "structure", 1,
          [nm, modulo, how](std::span<const Arg> a) {
            if (a.size() != 2) throw ArgError(std::string(nm) + ": expects a lookup and a pattern");
            // Strudel's pick(lookup, pat) also takes the old order pick(pat, lookup).
            const bool flipped = a[1].kind == Arg::Kind::List && a[0].kind != Arg::Kind::List;
            const Arg& lk = flipped ? a[1] : a[0];
            const Arg& pat = flipped ? a[0] : a[1];
            return pick_join(pat_arg(std::span<const Arg>(&pat, 1), 0, nm), lookup_arg(lk, nm), modulo, how);
          });
  }
  for (const bool modulo : {false, true}) {
    const char* nm = modulo ? "pickmodF" : "pickF";
    b.add(nm, {}, std::string(nm) + "(indices, functions, pat)",
          modulo ? "pickF, with indices wrapping around." : "Applies one of a list of functions, chosen by the index pattern (clamped).",
          std::string("s(\"bd [rim hh]\"):") + nm + "(\"<0 1 2>\", {rev, jux(rev), fast(2)})", "structure", 2,
          [nm, modulo](std::span<const Arg> a) {
            const Pattern& idx = pat_arg(a, 0, nm);
            if (a.size() < 3 || a[1].kind != Arg::Kind::List) throw ArgError(std::string(nm) + ": the functions must be a list {f, g}");
            std::vector<PatFn> fs;
            for (size_t i = 0; i < a[1].list.size(); ++i) fs.push_back(fn_arg(a[1].list, i, nm));
            const Pattern& pat = pat_arg(a, 2, nm);
            if (fs.empty()) return silence();
            const double n = static_cast<double>(fs.size());
            auto which = [n, modulo](const Value& v) -> std::optional<size_t> {
              double x = 0;
              if (!v.to_number(x) || !std::isfinite(x)) return std::nullopt;
              double k = js_round(x);
              if (modulo) {
                k = std::fmod(k, n);
                if (k < 0) return std::nullopt;
              } else {
                k = std::clamp(k, 0.0, n - 1);
              }
              return static_cast<size_t>(k);
            };
            Pattern keyed = idx.filter_values([which](const Value& v) { return which(v).has_value(); });
            return inner_join({keyed, [fs, pat, which](const Value& v) { return fs[*which(v)](pat); }});
          });
  }
  b.add("squeeze", {}, "squeeze(indices, pats)", "Squeezes a cycle of the pattern chosen by index (wrapping) into each index event.",
        "note(squeeze(\"<0@2 [1!2] 2>\", {\"g a\", \"f g f g\", \"g a c d\"}))", "structure", 1,
        [](std::span<const Arg> a) {
          if (a.size() != 2 || a[1].kind != Arg::Kind::List) throw ArgError("squeeze: expects an index pattern and a list of patterns");
          const Pattern& pat = pat_arg(a, 0, "squeeze");
          std::vector<Pattern> xs;
          for (const Arg& x : a[1].list) xs.push_back(list_as_sequence(x, "squeeze"));
          if (xs.empty()) return silence();
          const double n = static_cast<double>(xs.size());
          Pattern keyed = pat.filter_values([](const Value& v) {
            double x = 0;
            return v.to_number(x) && std::isfinite(x);
          });
          return squeeze_join({keyed, [xs, n](const Value& v) {
                                 double x = 0;
                                 v.to_number(x);
                                 double k = std::fmod(js_round(x), n);
                                 if (k < 0) k += n;
                                 return xs[static_cast<size_t>(k)];
                               }});
        },
        false);
  for (const bool inner : {false, true}) {
    const char* nm = inner ? "chooseInWith" : "chooseWith";
    b.add(nm, {}, std::string(nm) + "(pat, xs)",
          inner ? "chooseWith, with the structure of the chosen patterns."
                : "Chooses among the values (or patterns) by a pattern from 0 to 1, e.g. a signal.",
          std::string("note(\"c2 g2!2 d2 f1\"):s(") + nm + "(sine:fast(2), {\"sawtooth\", \"triangle\", \"bd:6\"}))", "random", 1,
          [nm, inner](std::span<const Arg> a) {
            if (a.size() != 2 || a[1].kind != Arg::Kind::List) throw ArgError(std::string(nm) + ": expects a pattern and a list");
            const Pattern& pat = pat_arg(a, 0, nm);
            std::vector<Pattern> xs;
            for (const Arg& x : a[1].list) xs.push_back(list_as_sequence(x, nm));
            if (xs.empty()) return silence();
            const double n = static_cast<double>(xs.size());
            Pattern ranged = range(pat, 0, n).filter_values([n](const Value& v) {
              double x = 0;
              return v.to_number(x) && x >= 0 && x < n;
            });
            PatternOfPatterns pp{ranged, [xs](const Value& v) {
                                   double x = 0;
                                   v.to_number(x);
                                   return xs[static_cast<size_t>(std::floor(x))];
                                 }};
            return inner ? inner_join(pp) : outer_join(pp);
          },
          false);
  }
}

}  // namespace mr::pattern
