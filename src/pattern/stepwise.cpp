// Strudel's stepwise functions (pattern.mjs "Stepwise functions"): patterns that know their steps
// per cycle (the `_steps` "tactus" of sequences) are concatenated, cut and paced by steps rather
// than by cycles: stepcat (timeCat), stepalt, pace, take, drop, extend, replicate, expand,
// contract, shrink, grow, tour, zip, and stepJoin, the join their patterned arguments use.
#include "pattern/registry_util.hpp"
#include "pattern/stepwise.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

int64_t gcd64(int64_t a, int64_t b) {
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b != 0) {
    const int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

Rational lcm_rational(const Rational& x, const Rational& y) {
  if (x == Rational(0) || y == Rational(0)) return Rational(0);
  const int64_t g = gcd64(x.num(), y.num());
  return Rational(x.num() / g) * Rational(y.num() < 0 ? -y.num() : y.num()) / Rational(gcd64(x.den(), y.den()));
}

std::optional<Rational> lcm_steps(const std::vector<Pattern>& pats) {
  std::optional<Rational> out;
  for (const Pattern& p : pats) {
    if (!p.steps()) continue;
    out = out ? lcm_rational(*out, *p.steps()) : *p.steps();
  }
  return out;
}

Pattern gap(const Rational& steps) { return Pattern().with_steps(steps); }
Pattern nothing() { return gap(Rational(0)); }

Pattern stepcat(std::vector<TimedPattern> parts) {
  if (parts.empty()) return nothing();
  bool missing = false;
  Rational sum = 0;
  int64_t known = 0;
  for (const auto& [t, p] : parts) {
    if (t) {
      sum += *t;
      ++known;
    } else {
      missing = true;
    }
  }
  if (missing) {
    if (known == 0) {
      std::vector<Pattern> ps;
      for (const auto& part : parts) ps.push_back(part.pat);
      return fastcat(ps);
    }
    const Rational avg = sum / Rational(known);
    for (auto& part : parts)
      if (!part.steps) part.steps = avg;
  }
  if (parts.size() == 1) {
    const Pattern& p = parts[0].pat;
    return p.steps() ? p.with_steps(parts[0].steps) : p;
  }
  Rational total = 0;
  std::vector<std::pair<Rational, Pattern>> weighted;
  for (const auto& [t, p] : parts) {
    total += *t;
    if (*t != Rational(0)) weighted.push_back({*t, p});
  }
  if (weighted.empty() || total == Rational(0)) return gap(total);
  return timecat(weighted).with_steps(total);
}

Pattern stepcat_patterns(const std::vector<Pattern>& pats) {
  std::vector<TimedPattern> parts;
  for (const Pattern& p : pats) parts.push_back({p.steps().value_or(Rational(1)), p});
  return stepcat(std::move(parts));
}

Pattern stepalt(const std::vector<std::vector<Pattern>>& groups) {
  Rational cycles = 1;
  bool first = true;
  for (const auto& g : groups) {
    const Rational n(static_cast<int64_t>(g.size()));
    cycles = first ? n : lcm_rational(cycles, n);
    first = false;
  }
  std::vector<Pattern> seq;
  const int64_t n = groups.empty() ? 0 : cycles.floor_int();
  for (int64_t c = 0; c < n; ++c)
    for (const auto& g : groups) seq.push_back(g.empty() ? silence() : g[static_cast<size_t>(c % static_cast<int64_t>(g.size()))]);
  std::vector<Pattern> kept;
  Rational steps = 0;
  for (const Pattern& p : seq)
    if (p.steps() && *p.steps() > Rational(0)) {
      kept.push_back(p);
      steps += *p.steps();
    }
  return stepcat_patterns(kept).with_steps(steps);
}

Pattern pace(const Pattern& pat, const Rational& target) {
  if (!pat.steps()) return pat;
  if (*pat.steps() == Rational(0)) return nothing();
  if (target == Rational(0)) return silence();  // fast(0)
  return fast(pat, target / *pat.steps()).with_steps(target);
}

Pattern take(const Pattern& pat, Rational i) {
  if (!pat.steps() || *pat.steps() <= Rational(0) || i == Rational(0)) return nothing();
  const bool flip = i < Rational(0);
  if (flip) i = -i;
  const Rational frac = i / *pat.steps();
  if (frac <= Rational(0)) return nothing();
  if (frac >= Rational(1)) return pat;
  return flip ? zoom(pat, Rational(1) - frac, 1) : zoom(pat, 0, frac);
}

Pattern drop(const Pattern& pat, const Rational& i) {
  if (!pat.steps()) return nothing();
  if (i < Rational(0)) return take(pat, *pat.steps() + i);
  return take(pat, Rational(0) - (*pat.steps() - i));
}

Pattern expand(const Pattern& pat, const Rational& factor) {
  return pat.steps() ? pat.with_steps(*pat.steps() * factor) : pat;
}

Pattern contract(const Pattern& pat, const Rational& factor) {
  return pat.steps() ? pat.with_steps(*pat.steps() / factor) : pat;
}

Pattern repeat_cycles(const Pattern& pat, const Rational& n) {
  if (n == Rational(0)) throw ArgError("repeatCycles: the number of repeats must not be 0");
  Pattern p([pat, n](const State& st, Haps& out) {
    const Rational cycle = st.span.begin.floor();
    const Rational delta = cycle - (cycle / n).floor();
    const size_t first = out.size();
    pat.query_into(st.with_span({st.span.begin - delta, st.span.end - delta}), out);
    for (size_t k = first; k < out.size(); ++k) {
      Hap& h = out[k];
      if (h.whole) h.whole = TimeSpan{h.whole->begin + delta, h.whole->end + delta};
      h.part = TimeSpan{h.part.begin + delta, h.part.end + delta};
    }
  });
  return p.split_queries().with_steps(pat.steps());
}

namespace {

// shrinklist: the pattern zoomed to ever smaller ranges, `amount` steps at a time (from the end
// when negative), `times` times (default: its step count).
std::vector<Pattern> shrink_list(const Pattern& pat, const Value& amount) {
  if (!pat.steps()) return {pat};
  const Rational steps = *pat.steps();
  Rational amountv = 0;
  std::optional<double> times;
  if (amount.is_list() && !amount.items().empty()) {
    amountv = time(amount.items()[0], "shrink");
    if (amount.items().size() > 1) times = num(amount.items()[1], "shrink");
  } else {
    amountv = time(amount, "shrink");
  }
  if (times && *times == 0) return {pat};
  const double count = times ? *times : steps.to_double();
  std::vector<Pattern> out;
  if (amountv > Rational(0)) {
    const Rational seg = Rational(1) / steps * amountv;
    for (int64_t i = 0; static_cast<double>(i) < count && i < 4096; ++i) {
      const Rational s = seg * Rational(i);
      if (s > Rational(1)) break;
      out.push_back(s >= Rational(1) ? nothing() : zoom(pat, s, 1));
    }
  } else {
    const Rational seg = Rational(1) / steps * (Rational(0) - amountv);
    for (int64_t i = 0; static_cast<double>(i) < count && i < 4096; ++i) {
      const Rational e = Rational(1) - seg * Rational(i);
      if (e < Rational(0)) break;
      out.push_back(e <= Rational(0) ? nothing() : zoom(pat, 0, e));
    }
  }
  return out;
}

Pattern shrink_or_grow(const Pattern& pat, const Value& amount, bool grow) {
  if (!pat.steps()) return nothing();
  Value a = amount;
  if (grow) {
    // Strudel negates with Fraction(0).sub(amount): a list [n, d] reads as the fraction n/d.
    if (amount.is_list() && amount.items().size() >= 2)
      a = Value(-(num(amount.items()[0], "grow") / num(amount.items()[1], "grow")));
    else
      a = Value(-num(amount, "grow"));
  }
  std::vector<Pattern> list = shrink_list(pat, a);
  if (grow) std::reverse(list.begin(), list.end());
  Rational steps = 0;
  for (const Pattern& p : list) steps += p.steps().value_or(Rational(0));
  return stepcat_patterns(list).with_steps(steps);
}

}  // namespace

Pattern shrink(const Pattern& pat, const Value& amount) { return shrink_or_grow(pat, amount, false); }
Pattern grow(const Pattern& pat, const Value& amount) { return shrink_or_grow(pat, amount, true); }

Pattern tour(const Pattern& pat, const std::vector<Pattern>& many) {
  std::vector<Pattern> seq;
  const size_t n = many.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < n - i; ++k) seq.push_back(many[k]);
    seq.push_back(pat);
    for (size_t k = n - i; k < n; ++k) seq.push_back(many[k]);
  }
  seq.push_back(pat);
  for (const Pattern& p : many) seq.push_back(p);
  return stepcat_patterns(seq);
}

Pattern zip(const std::vector<Pattern>& pats) {
  std::vector<Pattern> with;
  for (const Pattern& p : pats)
    if (p.steps()) with.push_back(p);
  std::vector<Pattern> slowed;
  for (const Pattern& p : with) slowed.push_back(*p.steps() == Rational(0) ? silence() : slow(p, *p.steps()));
  const std::optional<Rational> steps = lcm_steps(with);
  if (!steps || *steps == Rational(0)) return slowcat(slowed).with_steps(steps);
  return fast(slowcat(slowed), *steps).with_steps(steps);
}

// Strudel's stepJoin: each cycle, the outer pattern's haps cut the cycle into slices; each slice
// is the stack of the inner patterns there, and the slices are concatenated stepwise.
Pattern step_join(const Pattern& outer, std::function<Pattern(const Value&)> inner_of) {
  auto build = [inner_of](const Haps& haps) {
    std::vector<Rational> points{Rational(0), Rational(1)};
    for (const Hap& h : haps) {
      points.push_back(h.part.begin);
      points.push_back(h.part.end);
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::vector<TimedPattern> parts;
    for (size_t i = 0; i + 1 < points.size(); ++i) {
      const TimeSpan span{points[i], points[i + 1]};
      std::vector<Pattern> layers;
      for (const Hap& h : haps)
        if (span.intersection(h.part)) layers.push_back(inner_of(h.value));
      Pattern slice = stack(layers).with_steps(lcm_steps(layers));
      // Strudel's _retime keeps a slice's own steps and leaves the others unknown (to be averaged).
      parts.push_back({slice.steps(), slice});
    }
    return stepcat(std::move(parts));
  };
  const std::optional<Rational> first_steps = build(outer.query_arc(0, 1)).steps();
  Pattern p([outer, build](const State& st, Haps& out) {
    const Pattern shifted = early(outer, st.span.begin.floor());
    const Haps haps = shifted.query(st.with_span({Rational(0), Rational(1)}));
    build(haps).query_into(st, out);
  });
  return p.with_steps(first_steps);
}

namespace {

// A stepwise function of one patterned argument: applied directly to a plain value, through
// stepJoin otherwise (Strudel's stepRegister).
Pattern step_patterned(const Pattern& arg, const Pattern& pat, std::function<Pattern(const Value&, const Pattern&)> f) {
  if (const Value* v = arg.pure_value()) return f(*v, pat);
  return step_join(arg, [f, pat](const Value& v) { return f(v, pat); });
}

// A list argument of stepcat/stepalt/tour: {weight, pattern} pairs or patterns.
TimedPattern timed(const Arg& a, const char* fn) {
  if (a.kind == Arg::Kind::List && a.list.size() == 2 && a.keyed.empty()) {
    const Value* w = a.list[0].kind == Arg::Kind::Pattern ? a.list[0].pattern.pure_value() : nullptr;
    double x = 0;
    if (w && w->to_number(x)) return {time(*w, fn), list_as_sequence(a.list[1], fn)};
  }
  const Pattern p = list_as_sequence(a, fn);
  return {p.steps().value_or(Rational(1)), p};
}

}  // namespace

void register_stepwise(Registry& r) {
  Builder b{r};
  b.add("stepcat", {"timeCat", "timecat", "s_cat"}, "stepcat(...pats)",
        "Concatenates patterns by their steps per cycle (or {steps, pat} pairs): stepcat(\"bd sd cp\", \"hh hh\") is \"bd sd cp hh hh\".",
        "s(stepcat({3, \"bd*4\"}, {1, \"hh*8\"}))", "structure", -1,
        [](std::span<const Arg> a) {
          std::vector<TimedPattern> parts;
          for (const Arg& x : a) parts.push_back(timed(x, "stepcat"));
          return stepcat(std::move(parts));
        },
        false);
  b.add("stepalt", {"s_alt"}, "stepalt(...pats)",
        "stepcat, where a list argument gives one of its patterns per repetition, in turn.",
        "s(stepalt({\"bd cp\", \"mt\"}, \"bd\"))", "structure", -1,
        [](std::span<const Arg> a) {
          std::vector<std::vector<Pattern>> groups;
          for (const Arg& x : a) {
            if (x.kind == Arg::Kind::List) {
              std::vector<Pattern> g;
              for (const Arg& y : x.list) g.push_back(list_as_sequence(y, "stepalt"));
              groups.push_back(std::move(g));
            } else {
              groups.push_back({list_as_sequence(x, "stepalt")});
            }
          }
          return stepalt(groups);
        },
        false);
  b.values("pace", {}, "pace(steps, pat)", "Speeds the pattern up or down to the given steps per cycle.",
           "s(\"bd sd cp\"):pace(4)", "structure", 1,
           [](const auto& v, const Pattern& p) { return pace(p, time(v[0], "pace")); });
  auto stepwise = [&](const char* name, const char* sig, const char* doc, const char* ex,
                      std::function<Pattern(const Value&, const Pattern&)> f) {
    b.add(name, {}, sig, doc, ex, "structure", 1, [f, name](std::span<const Arg> a) {
      return step_patterned(pat_arg(a, 0, name), pat_arg(a, 1, name), f);
    });
  };
  stepwise("take", "take(steps, pat)", "Keeps the first steps (the last when negative), dropping the rest.",
           "s(\"bd cp ht mt\"):take(\"1 2 3\")", [](const Value& v, const Pattern& p) { return take(p, time(v, "take")); });
  stepwise("drop", "drop(steps, pat)", "Drops the first steps (the last when negative).", "s(\"bd cp ht mt\"):drop(1)",
           [](const Value& v, const Pattern& p) { return drop(p, time(v, "drop")); });
  stepwise("extend", "extend(factor, pat)", "fast, multiplying the step count as well.",
           "s(stepcat(s(\"bd bd - cp\"):extend(2), s(\"bd - sd -\")))",
           [](const Value& v, const Pattern& p) { return expand(fast(p, time(v, "extend")), time(v, "extend")); });
  stepwise("replicate", "replicate(factor, pat)", "Repeats each cycle factor times within one, multiplying the step count.",
           "s(stepcat(s(\"bd bd - cp\"):replicate(2), s(\"bd - sd -\")))", [](const Value& v, const Pattern& p) {
             const Rational f = time(v, "replicate");
             return expand(fast(repeat_cycles(p, f), f), f);
           });
  stepwise("expand", "expand(factor, pat)", "Multiplies the step count (each step lasts longer in stepwise functions).",
           "s(\"tha dhi thom nam\"):expand(\"3 2 1 1 2 3\"):pace(8)",
           [](const Value& v, const Pattern& p) { return expand(p, time(v, "expand")); });
  stepwise("contract", "contract(factor, pat)", "Divides the step count.", "s(\"tha dhi thom nam\"):contract(\"3 2 1 1 2 3\"):pace(8)",
           [](const Value& v, const Pattern& p) { return contract(p, time(v, "contract")); });
  stepwise("shrink", "shrink(amount, pat)",
           "Plays the pattern, then shrinks it by amount steps (from the end when negative) until nothing is left; \"n:times\" for a number of times.",
           "s(\"tha dhi thom nam\"):shrink(1)", [](const Value& v, const Pattern& p) { return shrink(p, v); });
  stepwise("grow", "grow(amount, pat)", "The reverse of shrink: grows the pattern by amount steps until it is whole.",
           "s(\"tha dhi thom nam\"):grow(1)", [](const Value& v, const Pattern& p) { return grow(p, v); });
  b.add("tour", {}, "tour(pat, ...pats)",
        "Inserts the pattern into the list of patterns, moving it from the end to the front, stepwise.",
        "note((\"[c g]\"):tour(\"e f\", \"e f g\", \"g f e c\")):pace(8)", "structure", -1, [](std::span<const Arg> a) {
          if (a.empty()) throw ArgError("tour: needs a pattern and the patterns to tour");
          std::vector<Pattern> many;
          for (size_t i = 1; i < a.size(); ++i) many.push_back(list_as_sequence(a[i], "tour"));
          return tour(list_as_sequence(a[0], "tour"), many);
        });
  b.variadic("zip", {}, "zip(...pats)", "Zips the steps of the patterns together, one step of each in turn.",
             "note(zip(\"e f\", \"e f g\", \"g [f e] a f4 c\")):pace(8)", "structure", [](const auto& ps) { return zip(ps); });
  b.values("repeatCycles", {}, "repeatCycles(n, pat)", "Repeats each cycle n times.",
           "note(irand(12):add(34)):segment(4):repeatCycles(2)", "time", 1,
           [](const auto& v, const Pattern& p) { return repeat_cycles(p, time(v[0], "repeatCycles")); });
  b.add("gap", {}, "gap(steps)", "Silence that counts as the given number of steps (in stepcat and polymeter).",
        "s(stepcat(\"bd sd\", gap(2)))", "structure", 1,
        [](std::span<const Arg> a) {
          const Pattern steps = pat_arg(a, 0, "gap");
          const Value* v = steps.pure_value();
          if (!v) throw ArgError("gap: the number of steps must be a plain number");
          return gap(time(*v, "gap"));
        },
        false);
  b.value("nothing", "Silence of no steps (stepcat skips it).", "s(stepcat(\"bd sd\", nothing))", nothing());
}

}  // namespace mr::pattern
