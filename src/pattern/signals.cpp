// Continuous signals and seeded randomness, exactly as Strudel computes them (its "legacy" RNG:
// Tidal's xorshift in 32-bit JavaScript integers over float time), so that degradeBy, sometimes,
// rand, ? and | give the same events as Strudel for the same time and seed.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "pattern/jsmath.hpp"
#include "pattern/ops.hpp"

namespace mr::pattern {

namespace {

constexpr double kTwoPi = 6.283185307179586;

int32_t xorwise(int32_t x) {
  const int32_t a = static_cast<int32_t>(static_cast<uint32_t>(x) << 13) ^ x;
  const int32_t b = (a >> 17) ^ a;
  return static_cast<int32_t>(static_cast<uint32_t>(b) << 5) ^ b;
}

// JavaScript's Number(fraction): numerator and denominator each rounded to double, divided.
double js_time(const Rational& t) { return static_cast<double>(t.num()) / static_cast<double>(t.den()); }

int32_t time_to_int_seed(double t) {
  const double x = t / 300.0;
  const double frac = x - std::trunc(x);
  return xorwise(static_cast<int32_t>(std::trunc(frac * 536870912.0)));
}

double int_seed_to_rand(int32_t x) { return static_cast<double>(x % 536870912) / 536870912.0; }

std::vector<double> time_to_rands(double t, int64_t n) {
  charge_count(static_cast<double>(n));
  int32_t seed = time_to_int_seed(t);
  std::vector<double> out;
  for (int64_t i = 0; i < n; ++i) {
    out.push_back(int_seed_to_rand(seed));
    seed = xorwise(seed);
  }
  return out;
}

// A signal whose value depends on the query's seed too (rand and its relatives).
Pattern seeded_signal(std::function<Value(double t)> f) {
  return Pattern::from_sampler(
      [f = std::move(f)](const Rational& t, double seed) { return std::optional<Value>(f(js_time(t) + seed)); });
}

Value num(double x) { return Value(x); }

}  // namespace

std::vector<double> rands_at(double t, int64_t n) { return time_to_rands(t, n); }

double rand_at(const Rational& t, int64_t seed) {
  return std::fabs(int_seed_to_rand(time_to_int_seed(js_time(t) + static_cast<double>(seed))));
}

Pattern sine() {
  return signal([](const Rational& t) { return num((js_sin(kTwoPi * js_time(t)) + 1) / 2); });
}
Pattern cosine() { return early(sine(), Rational(1, 4)); }
Pattern saw() { return signal([](const Rational& t) { return num(js_time(t.frac())); }); }
Pattern isaw() { return signal([](const Rational& t) { return num(1 - js_time(t.frac())); }); }
Pattern tri() { return fastcat({saw(), isaw()}); }
Pattern square() {
  return signal([](const Rational& t) { return num(std::floor(std::fmod(js_time(t) * 2, 2))); });
}
Pattern time_signal() { return signal([](const Rational& t) { return num(js_time(t)); }); }

Pattern rand_signal() {
  return seeded_signal([](double t) { return num(std::fabs(int_seed_to_rand(time_to_int_seed(t)))); });
}

Pattern irand(int64_t n) {
  return rand_signal().fmap([n](const Value& v) { return num(std::trunc(v.number() * static_cast<double>(n))); });
}

Pattern brand_by(double p) {
  return rand_signal().fmap([p](const Value& v) { return Value(v.number() < p); });
}

Pattern perlin() {
  // Smootherstep between the random values at the surrounding integers of time.
  return seeded_signal([](double t) {
    const double a = std::floor(t), b = a + 1;
    const double ra = std::fabs(int_seed_to_rand(time_to_int_seed(a)));
    const double rb = std::fabs(int_seed_to_rand(time_to_int_seed(b)));
    const double x = t - a;
    const double s = 6.0 * js_pow(x, 5) - 15.0 * js_pow(x, 4) + 10.0 * js_pow(x, 3);
    return num(ra + s * (rb - ra));
  });
}

Pattern range(const Pattern& pat, double lo, double hi) {
  return pat.fmap([lo, hi](const Value& v) { return num_op(num_op(v, hi - lo, '*'), lo, '+'); });
}

Pattern rangex(const Pattern& pat, double lo, double hi) {
  return range(pat, std::log(lo), std::log(hi)).fmap([](const Value& v) {
    double x = 0;
    return v.to_number(x) ? num(std::exp(x)) : v;
  });
}

Pattern degrade_by_with(const Pattern& pat, const Pattern& rnd, double amount) {
  Pattern keep = rnd.filter_values([amount](const Value& v) { return v.number() > amount; });
  return apply_op(pat, keep, [](const Value& a, const Value&) { return a; }, Structure::In);
}

Pattern degrade_by(const Pattern& pat, double amount, int64_t seed) {
  return degrade_by_with(pat, seed ? early(rand_signal(), Rational(seed)) : rand_signal(), amount);
}

Pattern undegrade_by(const Pattern& pat, double amount, int64_t seed) {
  Pattern r = (seed ? early(rand_signal(), Rational(seed)) : rand_signal()).fmap([](const Value& v) {
    return num(1 - v.number());
  });
  return degrade_by_with(pat, r, amount);
}

Pattern sometimes_by(const Pattern& pat, double p, const PatFn& f, int64_t seed) {
  return stack({degrade_by(pat, p, seed), f(undegrade_by(pat, 1 - p, seed))});
}

Pattern some_cycles_by(const Pattern& pat, double p, const PatFn& f, int64_t seed) {
  Pattern r = seed ? early(rand_signal(), Rational(seed)) : rand_signal();
  Pattern ir = r.fmap([](const Value& v) { return num(1 - v.number()); });
  return stack({degrade_by_with(pat, segment(r, 1), p), f(degrade_by_with(pat, segment(ir, 1), 1 - p))});
}

Pattern choose_in_with(const Pattern& rnd, const std::vector<Pattern>& xs) {
  if (xs.empty()) return silence();
  const double n = static_cast<double>(xs.size());
  return inner_join({range(rnd, 0, n), [xs](const Value& v) {
                       const auto i = std::clamp<int64_t>(static_cast<int64_t>(std::floor(v.number())), 0,
                                                          static_cast<int64_t>(xs.size()) - 1);
                       return xs[static_cast<size_t>(i)];
                     }});
}

Pattern choose(const std::vector<Value>& xs) {
  if (xs.empty()) return silence();
  const double n = static_cast<double>(xs.size());
  return outer_join({range(rand_signal(), 0, n), [xs](const Value& v) {
                       const auto i = std::clamp<int64_t>(static_cast<int64_t>(std::floor(v.number())), 0,
                                                          static_cast<int64_t>(xs.size()) - 1);
                       return pure(xs[static_cast<size_t>(i)]);
                     }});
}

namespace {
size_t weighted_index(const std::vector<double>& cumulative, double r) {
  const double find = r * cumulative.back();
  for (size_t i = 0; i < cumulative.size(); ++i)
    if (cumulative[i] > find) return i;
  return cumulative.size() - 1;
}
}  // namespace

Pattern wchoose(const std::vector<std::pair<Value, double>>& xs) {
  if (xs.empty()) return silence();
  std::vector<double> cum;
  double total = 0;
  for (const auto& [v, w] : xs) cum.push_back(total += w);
  return outer_join({rand_signal(), [xs, cum](const Value& r) { return pure(xs[weighted_index(cum, r.number())].first); }});
}

Pattern randcat(const std::vector<Pattern>& pats) { return choose_in_with(segment(rand_signal(), 1), pats); }

Pattern wrandcat(const std::vector<std::pair<Pattern, double>>& pats) {
  if (pats.empty()) return silence();
  std::vector<double> cum;
  double total = 0;
  for (const auto& [p, w] : pats) cum.push_back(total += w);
  return inner_join({segment(rand_signal(), 1), [pats, cum](const Value& r) { return pats[weighted_index(cum, r.number())].first; }});
}

namespace {

Pattern repeat_cycles(const Pattern& pat, int64_t n) {
  return Pattern([pat, n](const State& st, Haps& out) {
           const Rational cycle = st.span.begin.floor();
           const Rational source = (cycle / n).floor();
           const Rational delta = cycle - source;
           const size_t first = out.size();
           pat.query_into(st.with_span({st.span.begin - delta, st.span.end - delta}), out);
           for (size_t i = first; i < out.size(); ++i) {
             Hap& h = out[i];
             if (h.whole) h.whole = TimeSpan{h.whole->begin + delta, h.whole->end + delta};
             h.part = TimeSpan{h.part.begin + delta, h.part.end + delta};
           }
         })
      .split_queries();
}

Pattern rearrange_with(const Pattern& ipat, int64_t n, const Pattern& pat) {
  std::vector<Pattern> parts;
  for (int64_t i = 0; i < n; ++i) parts.push_back(zoom(pat, Rational(i, n), Rational(i + 1, n)));
  return inner_join({ipat, [parts, n](const Value& v) {
                       const auto i = std::clamp<int64_t>(static_cast<int64_t>(v.number()), 0, n - 1);
                       return fast(repeat_cycles(parts[static_cast<size_t>(i)], n), Rational(n));
                     }});
}

}  // namespace

Pattern shuffle(const Pattern& pat, int64_t n) {
  if (n <= 0) return silence();
  Pattern randrun = Pattern([n](const State& st, Haps& out) {
    const Rational& t = st.span.begin;
    std::vector<double> r = time_to_rands(js_time(t.floor() + Rational(1, 2)) + st.seed, n);
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      return r[static_cast<size_t>(a)] < r[static_cast<size_t>(b)];
    });
    const int64_t i = (t.frac() * n).floor_int() % n;
    Hap h;
    h.part = st.span;
    h.value = Value(static_cast<double>(order[static_cast<size_t>(i)]));
    out.push_back(std::move(h));
  });
  return rearrange_with(segment(randrun, Rational(n)), n, pat);
}

Pattern scramble(const Pattern& pat, int64_t n) {
  if (n <= 0) return silence();
  return rearrange_with(segment(irand(n), Rational(n)), n, pat);
}

Pattern seed_pattern(const Pattern& pat, int64_t seed) {
  return Pattern([pat, seed](const State& st, Haps& out) {
    State s = st;
    s.seed = static_cast<double>(seed);
    pat.query_into(s, out);
  });
}

}  // namespace mr::pattern
