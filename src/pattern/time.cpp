// Time combinators: speed, shift, reverse, zoom, compress, repeat, iterate, chop.
#include <algorithm>
#include <cmath>

#include "pattern/jsmath.hpp"
#include "pattern/ops.hpp"
#include "pattern/stepwise.hpp"

namespace mr::pattern {

Pattern fast(const Pattern& pat, const Rational& factor) {
  if (factor == Rational(0)) return silence();
  return Pattern::affine(pat, factor, Rational(0));
}

Pattern slow(const Pattern& pat, const Rational& factor) {
  if (factor == Rational(0)) return silence();
  return fast(pat, Rational(1) / factor);
}

Pattern early(const Pattern& pat, const Rational& offset) { return Pattern::affine(pat, Rational(1), offset); }

Pattern late(const Pattern& pat, const Rational& offset) { return early(pat, -offset); }

Pattern rev(const Pattern& pat) {
  Pattern p([pat](const State& st, Haps& out) {
    const Rational cycle = st.span.begin.floor();
    const Rational next = st.span.begin.next_sam();
    auto reflect = [&](const TimeSpan& s) { return TimeSpan{cycle + (next - s.end), cycle + (next - s.begin)}; };
    const size_t first = out.size();
    pat.query_into(st.with_span(reflect(st.span)), out);
    for (size_t i = first; i < out.size(); ++i) {
      Hap& h = out[i];
      if (h.whole) h.whole = reflect(*h.whole);
      h.part = reflect(h.part);
    }
  });
  return p.split_queries().with_steps(pat.steps());
}

Pattern ply(const Pattern& pat, const Rational& factor) {
  return squeeze_join({pat, [factor](const Value& v) { return fast(pure(v), factor); }}).with_steps(
      pat.steps() ? std::optional<Rational>(*pat.steps() * factor) : std::nullopt);
}

Pattern segment(const Pattern& pat, const Rational& n) {
  return struct_(pat, fast(pure(true), n)).with_steps(n);
}

namespace {
// Strudel's TimeSpan.withCycle: applies f to the positions within the span's cycle.
TimeSpan with_cycle(const TimeSpan& s, const std::function<Rational(const Rational&)>& f) {
  const Rational sam = s.begin.floor();
  return {sam + f(s.begin - sam), sam + f(s.end - sam)};
}
}  // namespace

Pattern zoom(const Pattern& pat, const Rational& b, const Rational& e) {
  if (b >= e) return nothing();  // Strudel: nothing (no steps)
  const Rational d = e - b;
  // The steps shrink with the zoomed range (Strudel's zoom: steps * (e - b)).
  std::optional<Rational> steps;
  if (pat.steps()) steps = *pat.steps() * d;
  return pat.with_query_span([b, d](const TimeSpan& s) { return with_cycle(s, [&](const Rational& t) { return t * d + b; }); })
      .with_hap_span([b, d](const TimeSpan& s) { return with_cycle(s, [&](const Rational& t) { return (t - b) / d; }); })
      .split_queries()
      .with_steps(steps);
}

Pattern fast_gap(const Pattern& pat, const Rational& factor) {
  if (factor <= Rational(0)) return silence();
  Pattern p([pat, factor](const State& st, Haps& out) {
    const Rational cycle = st.span.begin.floor();
    const Rational bpos = Rational::min((st.span.begin - cycle) * factor, 1);
    const Rational epos = Rational::min((st.span.end - cycle) * factor, 1);
    if (bpos >= Rational(1)) return;
    Haps inner;
    pat.query_into(st.with_span({cycle + bpos, cycle + epos}), inner);
    for (Hap& h : inner) {
      const Rational begin = h.part.begin, end = h.part.end;
      const Rational hc = begin.floor();
      const Rational bp = Rational::min((begin - hc) / factor, 1);
      const Rational ep = Rational::min((end - hc) / factor, 1);
      TimeSpan part{hc + bp, hc + ep};
      if (h.whole) h.whole = TimeSpan{part.begin - (begin - h.whole->begin) / factor, part.end + (h.whole->end - end) / factor};
      h.part = part;
      out.push_back(std::move(h));
    }
  });
  return p.split_queries();
}

Pattern compress(const Pattern& pat, const Rational& b, const Rational& e) {
  if (b > e || b > Rational(1) || e > Rational(1) || b < Rational(0) || e < Rational(0) || b == e) return silence();
  return late(fast_gap(pat, Rational(1) / (e - b)), b);
}

Pattern focus(const Pattern& pat, const Rational& b, const Rational& e) {
  if (b >= e) return silence();
  return late(fast(early(pat, b.floor()), Rational(1) / (e - b)), b);
}

Pattern linger(const Pattern& pat, const Rational& t) {
  if (t == Rational(0)) return silence();
  if (t < Rational(0)) return slow(zoom(pat, t + 1, 1), -t);
  return slow(zoom(pat, 0, t), t);
}

Pattern iter(const Pattern& pat, int64_t n, bool back) {
  if (n == 0) return pat;
  std::vector<Pattern> pats;
  for (int64_t i = 0; i < std::abs(n); ++i) {
    const Rational off(i, std::abs(n));
    pats.push_back((back != (n < 0)) ? late(pat, off) : early(pat, off));
  }
  return slowcat(pats).with_steps(pat.steps());
}

Pattern inside(const Pattern& pat, const Rational& factor, const PatFn& f) {
  return fast(f(slow(pat, factor)), factor);
}

Pattern outside(const Pattern& pat, const Rational& factor, const PatFn& f) {
  return inside(pat, Rational(1) / factor, f);
}

Pattern swing_by(const Pattern& pat, const Rational& x, const Rational& n) {
  // inside(n, late(seq(0, x/2))): the second half of each 1/n step is delayed by x/2 of it.
  return inside(pat, n, [x](const Pattern& p) {
    PatternOfPatterns pp{fastcat({pure(0.0), pure((x / 2).to_double())}),
                         [p, x](const Value& v) { return late(p, v.number() == 0 ? Rational(0) : x / 2); }};
    return inner_join(pp);
  });
}

Pattern off(const Pattern& pat, const Rational& t, const PatFn& f) { return stack({pat, f(late(pat, t))}); }

namespace {
Value with_key(const Value& v, const std::string& key, const Value& x) {
  ValueMap m;
  if (v.is_map()) {
    m = v.entries();
  } else if (!v.is_nil()) {
    m.push_back({"value", v});
  }
  m.push_back({key, x});
  return Value::map(std::move(m));
}
double number_or(const Value* v, double d) {
  double x = d;
  return v && v->to_number(x) ? x : d;
}
}  // namespace

Pattern echo(const Pattern& pat, int64_t count, const Rational& time, double feedback) {
  std::vector<Pattern> layers;
  for (int64_t i = 0; i < count; ++i) {
    const double gain = js_pow(feedback, static_cast<double>(i));  // Math.pow
    // .gain(x) as Strudel applies it: a set with structure from the left (split at cycles).
    layers.push_back(apply_op(late(pat, time * i), pure(Value::map({{"gain", gain}})),
                              [](const Value& a, const Value& b) { return num_op(a, b, '='); }, Structure::In));
  }
  return stack(layers);
}

Pattern chop(const Pattern& pat, int64_t n) {
  if (n <= 0) return silence();
  return squeeze_join({pat, [n](const Value& v) {
                         const double b = number_or(v.get("begin"), 0), e = number_or(v.get("end"), 1), d = e - b;
                         std::vector<Pattern> parts;
                         for (int64_t i = 0; i < n; ++i) {
                           Value x = with_key(v, "begin", b + d * static_cast<double>(i) / static_cast<double>(n));
                           x = with_key(x, "end", b + d * static_cast<double>(i + 1) / static_cast<double>(n));
                           parts.push_back(pure(x));
                         }
                         return fastcat(parts);
                       }});
}

Pattern striate(const Pattern& pat, int64_t n) {
  if (n <= 0) return silence();
  std::vector<Pattern> slices;
  for (int64_t i = 0; i < n; ++i) {
    ValueMap m{{"begin", static_cast<double>(i) / static_cast<double>(n)},
               {"end", static_cast<double>(i + 1) / static_cast<double>(n)}};
    slices.push_back(pure(Value::map(std::move(m))));
  }
  BinOp set = [](const Value& a, const Value& b) { return num_op(a, b, '='); };
  return fast(apply_op(pat, slowcat(slices), set, Structure::In), Rational(n));
}

Pattern slice(const Pattern& pat, int64_t n, const Pattern& index) {
  if (n <= 0) return silence();
  return outer_join({index, [pat, n](const Value& iv) {
                       double i = 0;
                       iv.to_number(i);
                       return outer_join({pat, [i, n](const Value& o) {
                                            Value v = o.is_map() ? o : Value::map({{"s", o}});
                                            v = with_key(v, "begin", i / static_cast<double>(n));
                                            v = with_key(v, "end", (i + 1) / static_cast<double>(n));
                                            v = with_key(v, "_slices", static_cast<double>(n));
                                            return pure(v);
                                          }});
                     }});
}

Pattern splice(const Pattern& pat, int64_t n, const Pattern& index) {
  const double cps = 1;  // queries carry no tempo; the live scheduler applies its own
  return slice(pat, n, index).with_hap([cps](Hap h) {
    const double dur = h.whole ? h.whole->duration().to_double() : 1;
    const double slices = number_or(h.value.get("_slices"), 1);
    const double speed = cps / slices / dur * number_or(h.value.get("speed"), 1);
    ValueMap m{{"speed", speed}, {"unit", "c"}};
    for (const auto& e : h.value.entries())
      if (e.first != "speed") m.push_back(e);
    h.value = Value::map(std::move(m));
    return h;
  });
}

Pattern brak(const Pattern& pat) {
  return when(pat, slowcat({pure(false), pure(true)}),
              [](const Pattern& x) { return late(fastcat({x, silence()}), Rational(1, 4)); });
}

Pattern hurry(const Pattern& pat, const Rational& factor) {
  BinOp mul = [](const Value& a, const Value& b) { return num_op(a, b, '*'); };
  return apply_op(fast(pat, factor), pure(Value::map({{"speed", factor.to_double()}})), mul, Structure::In);
}

Pattern loop_at(const Pattern& pat, const Rational& cycles, double cps) {
  BinOp set = [](const Value& a, const Value& b) { return num_op(a, b, '='); };
  Pattern p = apply_op(pat, pure(Value::map({{"speed", 1.0 / cycles.to_double() * cps}, {"unit", "c"}})), set,
                       Structure::In);
  return slow(p, cycles);
}

}  // namespace mr::pattern
