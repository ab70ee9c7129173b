// Structure: concatenation, stacking, weighted sequences, polymeter, struct/mask, euclid,
// conditional application (every, when, within, chunk), layering.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "pattern/ops.hpp"
#include "pattern/stepwise.hpp"

namespace mr::pattern {

Pattern slowcat(const std::vector<Pattern>& pats) {
  if (pats.empty()) return silence();
  if (pats.size() == 1) return pats[0];
  const int64_t n = static_cast<int64_t>(pats.size());
  Pattern p([pats, n](const State& st, Haps& out) {
    const Rational& b = st.span.begin;
    int64_t i = b.floor_int() % n;
    if (i < 0) i += n;
    // Shift so that each pattern sees its own consecutive cycles (none skipped).
    const Rational offset = b.floor() - (b / n).floor();
    const size_t first = out.size();
    pats[static_cast<size_t>(i)].query_into(st.with_span({st.span.begin - offset, st.span.end - offset}), out);
    for (size_t k = first; k < out.size(); ++k) {
      Hap& h = out[k];
      if (h.whole) h.whole = TimeSpan{h.whole->begin + offset, h.whole->end + offset};
      h.part = TimeSpan{h.part.begin + offset, h.part.end + offset};
    }
  });
  return p.split_queries();
}

Pattern slowcat_prime(const std::vector<Pattern>& pats) {
  if (pats.empty()) return silence();
  const int64_t n = static_cast<int64_t>(pats.size());
  Pattern p([pats, n](const State& st, Haps& out) {
    // JavaScript's % keeps the sign: negative cycles pick no pattern (Strudel's quirk).
    const int64_t i = st.span.begin.floor_int() % n;
    if (i < 0) return;
    pats[static_cast<size_t>(i)].query_into(st, out);
  });
  return p.split_queries();
}

Pattern fastcat(const std::vector<Pattern>& pats) {
  if (pats.empty()) return silence();
  if (pats.size() == 1) return pats[0];
  const Rational n(static_cast<int64_t>(pats.size()));
  return fast(slowcat(pats), n).with_steps(n);
}

Pattern stack(const std::vector<Pattern>& pats) {
  if (pats.size() == 1) return pats[0];
  // Steps: the least common multiple of the layers' (Strudel's stack), unknown if none knows.
  return Pattern([pats](const State& st, Haps& out) {
    for (const Pattern& p : pats) p.query_into(st, out);
  }).with_steps(lcm_steps(pats));
}

Pattern timecat(const std::vector<std::pair<Rational, Pattern>>& parts) {
  // A stack of compressed parts, as Strudel's timeCat; but a query visits only the parts its
  // span overlaps (found by binary search), so "a!30000" costs per event, not per step.
  Rational total = 0;
  for (const auto& [w, p] : parts) total += w;
  if (total == Rational(0)) return silence();
  struct Part {
    Rational begin, end;  // within the cycle, 0..1
    Pattern pat;
  };
  auto list = std::make_shared<std::vector<Part>>();
  Rational begin = 0;
  for (const auto& [w, p] : parts) {
    if (w == Rational(0)) continue;
    const Rational end = begin + w;
    list->push_back({begin / total, end / total, compress(p, begin / total, end / total)});
    begin = end;
  }
  if (list->size() == 1) return list->front().pat.with_steps(total);
  return Pattern([list](const State& st, Haps& out) {
           // Queried one cycle at a time (split_queries below). A part can only give events
           // inside [cycle + begin, cycle + end]; zero-width queries meet the parts that touch.
           const Rational cycle = st.span.begin.floor();
           const Rational lo = st.span.begin - cycle, hi = st.span.end - cycle;
           auto first = std::lower_bound(list->begin(), list->end(), lo,
                                         [](const Part& p, const Rational& t) { return p.end < t; });
           for (auto it = first; it != list->end() && it->begin <= hi; ++it) it->pat.query_into(st, out);
         })
      .split_queries()
      .with_steps(total);
}

Pattern arrange(const std::vector<std::pair<Rational, Pattern>>& sections) {
  Rational total = 0;
  std::vector<std::pair<Rational, Pattern>> parts;
  for (const auto& [cycles, p] : sections) {
    total += cycles;
    parts.push_back({cycles, fast(p, cycles)});
  }
  return slow(timecat(parts), total);
}

Pattern polymeter(const std::vector<Pattern>& layers, std::optional<Rational> steps) {
  std::vector<Pattern> out;
  if (layers.empty()) return silence();
  if (!steps) steps = layers[0].steps().value_or(Rational(1));
  for (const Pattern& l : layers) {
    const Rational ls = l.steps().value_or(Rational(1));
    if (ls == Rational(0)) continue;
    out.push_back(fast(l, *steps / ls));
  }
  return stack(out).with_steps(*steps);
}

Pattern struct_(const Pattern& pat, const Pattern& bools) {
  return apply_op(pat, bools, [](const Value& a, const Value& b) { return b.truthy() ? a : Value(); }, Structure::Out)
      .filter_haps([](const Hap& h) { return !h.value.is_nil(); });
}

Pattern mask(const Pattern& pat, const Pattern& bools) {
  return apply_op(pat, bools, [](const Value& a, const Value& b) { return b.truthy() ? a : Value(); }, Structure::In)
      .filter_haps([](const Hap& h) { return !h.value.is_nil(); });
}

namespace {

std::vector<bool> bjorklund_uncached(int64_t pulses, int64_t steps) {
  // Bjorklund's algorithm as Tidal (and Strudel) write it: repeatedly pair the two groups.
  charge_count(static_cast<double>(steps));  // euclid(3, 1e12): stopped before the rhythm is made
  const bool invert = pulses < 0;
  int64_t ons = std::min(std::abs(pulses), steps);
  using Seq = std::vector<std::vector<bool>>;
  // The groups are x[xs..xs+i) and y[ys..ys+j): the group left over after a pairing is a suffix of
  // one of them, kept in place by moving its start, so few pulses over many steps (a(5,9292))
  // cost a pass over the steps, not one per step.
  Seq x(static_cast<size_t>(ons), std::vector<bool>{true});
  Seq y(static_cast<size_t>(steps - ons), std::vector<bool>{false});
  size_t xs = 0, ys = 0;
  int64_t i = ons, j = steps - ons;
  while (std::min(i, j) > 1) {
    // Pair the first min(i, j) of x with as many of y; the rest of the longer group remains.
    const int64_t pairs = std::min(i, j);
    Seq nx;
    nx.reserve(static_cast<size_t>(pairs));
    for (int64_t k = 0; k < pairs; ++k) {
      std::vector<bool> v = std::move(x[xs + static_cast<size_t>(k)]);
      const auto& w = y[ys + static_cast<size_t>(k)];
      v.insert(v.end(), w.begin(), w.end());
      nx.push_back(std::move(v));
    }
    if (i > j) {
      y = std::move(x);  // the rest of x, from xs + j
      ys = xs + static_cast<size_t>(j);
      const int64_t ni = j, nj = i - j;
      i = ni, j = nj;
    } else {
      ys += static_cast<size_t>(i);  // the rest of y
      j = j - i;
    }
    x = std::move(nx);
    xs = 0;
  }
  std::vector<bool> out;
  out.reserve(static_cast<size_t>(steps));
  for (size_t k = xs; k < xs + static_cast<size_t>(i); ++k) out.insert(out.end(), x[k].begin(), x[k].end());
  for (size_t k = ys; k < ys + static_cast<size_t>(j); ++k) out.insert(out.end(), y[k].begin(), y[k].end());
  if (invert)
    for (size_t k = 0; k < out.size(); ++k) out[k] = !out[k];
  return out;
}

}  // namespace

std::vector<bool> bjorklund(int64_t pulses, int64_t steps) {
  if (steps <= 0) return {};
  // Rhythms with patterned arguments are rebuilt for every event of the argument: remember the
  // recent ones (per thread, as queries may run on several).
  thread_local std::map<std::pair<int64_t, int64_t>, std::vector<bool>> cache;
  const auto key = std::make_pair(pulses, steps);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::vector<bool> out = bjorklund_uncached(pulses, steps);
  if (cache.size() >= 256) cache.clear();
  cache.emplace(key, out);
  return out;
}

namespace {
std::vector<bool> rotated(int64_t pulses, int64_t steps, int64_t rotation) {
  std::vector<bool> b = bjorklund(pulses, steps);
  if (b.empty() || rotation == 0) return b;
  // JavaScript rotate(arr, -r): arr.slice(-r).concat(arr.slice(0, -r)), i.e. to the right.
  const int64_t n = static_cast<int64_t>(b.size());
  int64_t r = ((-rotation) % n + n) % n;
  std::rotate(b.begin(), b.begin() + r, b.end());
  return b;
}
}  // namespace

// fastcat(pure(b0), pure(b1), ...) computed directly: a query makes only the steps it
// overlaps, so a rhythm of thousands of steps (built again for every patterned argument's
// event) costs no more than its events.
Pattern bool_steps(std::vector<bool> bits) {
  if (bits.empty()) return silence();
  const int64_t n = static_cast<int64_t>(bits.size());
  auto shared = std::make_shared<const std::vector<bool>>(std::move(bits));
  return Pattern([shared, n](const State& st, Haps& out) {
           const Rational b = st.span.begin * n, e = st.span.end * n;
           const auto emit = [&](int64_t k, const TimeSpan& part) {
             charge_work();
             Hap h;
             h.whole = TimeSpan{Rational(k, n), Rational(k + 1, n)};
             h.part = part;
             h.value = Value(static_cast<bool>((*shared)[static_cast<size_t>(((k % n) + n) % n)]));
             out.push_back(std::move(h));
           };
           if (b == e) {
             emit(b.floor_int(), st.span);
             return;
           }
           for (int64_t k = b.floor_int(); Rational(k) < e; ++k) {
             const Rational pb = Rational::max(Rational(k), b), pe = Rational::min(Rational(k + 1), e);
             emit(k, TimeSpan{pb / n, pe / n});
           }
         })
      .with_steps(Rational(n));
}

Pattern euclid(const Pattern& pat, int64_t pulses, int64_t steps, int64_t rotation) {
  return struct_(pat, bool_steps(rotated(pulses, steps, rotation)));
}

Pattern euclid_legato(const Pattern& pat, int64_t pulses, int64_t steps, int64_t rotation) {
  // Strudel's _euclidLegato: each pulse of the unrotated rhythm is held until the next one, then
  // the whole is shifted later by rotation/steps (so it wraps around the cycle).
  if (pulses < 1 || steps <= 0) return silence();
  std::vector<bool> b = bjorklund(pulses, steps);
  std::vector<std::pair<Rational, Pattern>> parts;
  size_t k = 0;
  while (k < b.size() && !b[k]) ++k;
  while (k < b.size()) {
    size_t len = 1;
    while (k + len < b.size() && !b[k + len]) ++len;
    parts.push_back({Rational(static_cast<int64_t>(len)), pure(true)});
    k += len;
  }
  if (parts.empty()) return silence();
  Pattern p = struct_(pat, timecat(parts));
  return rotation == 0 ? p : late(p, Rational(rotation, steps));
}

Pattern first_of(const Pattern& pat, int64_t n, const PatFn& f) {
  if (n <= 0) return pat;
  charge_count(static_cast<double>(n));
  std::vector<Pattern> pats(static_cast<size_t>(n), pat);
  pats[0] = f(pat);
  return slowcat_prime(pats);
}

Pattern last_of(const Pattern& pat, int64_t n, const PatFn& f) {
  if (n <= 0) return pat;
  charge_count(static_cast<double>(n));
  std::vector<Pattern> pats(static_cast<size_t>(n), pat);
  pats.back() = f(pat);
  return slowcat_prime(pats);
}

Pattern when(const Pattern& pat, const Pattern& bools, const PatFn& f) {
  BinOp right = [](const Value&, const Value& b) { return b; };
  Pattern t = bools.filter_values([](const Value& v) { return v.truthy(); });
  Pattern fl = bools.filter_values([](const Value& v) { return !v.truthy(); });
  return stack({apply_op(t, f(pat), right, Structure::Out), apply_op(fl, pat, right, Structure::Out)});
}

Pattern within(const Pattern& pat, const Rational& b, const Rational& e, const PatFn& f) {
  // Strudel: f applies to the events whose onset's cycle position is in [b, e] (both ends).
  auto inside_span = [b, e](const Hap& h) {
    const Rational pos = h.whole_or_part_begin().frac();
    return pos >= b && pos <= e;
  };
  return stack({f(pat.filter_haps(inside_span)), pat.filter_haps([inside_span](const Hap& h) { return !inside_span(h); })});
}

Pattern chunk(const Pattern& pat, int64_t n, const PatFn& f, bool back) {
  if (n <= 0) return pat;
  std::vector<Pattern> bin;
  for (int64_t i = 0; i < n; ++i) bin.push_back(pure(i == 0));
  return when(pat, iter(fastcat(bin), n, !back), f);
}

Pattern superimpose(const Pattern& pat, const PatFn& f) { return stack({pat, f(pat)}); }

Pattern jux_by(const Pattern& pat, double amount, const PatFn& f) {
  const double by = amount / 2;
  auto pan = [](double d) {
    return [d](const Value& v) {
      ValueMap m = v.is_map() ? v.entries() : ValueMap{{"value", v}};
      // Sorted by key: set "pan" in its place.
      auto at = std::lower_bound(m.begin(), m.end(), std::string_view("pan"),
                                 [](const auto& e, std::string_view k) { return e.first < k; });
      double p = 0.5;
      if (at != m.end() && at->first == "pan") {
        at->second.to_number(p);
        at->second = p + d;
      } else {
        m.insert(at, {"pan", p + d});
      }
      return Value::map(std::move(m));
    };
  };
  return stack({pat.fmap(pan(-by)), f(pat.fmap(pan(by)))});
}

Pattern run(int64_t n) {
  return segment(range(saw(), 0, static_cast<double>(n)).fmap([](const Value& v) { return Value(std::floor(v.number())); }),
                 Rational(n));
}

Pattern palindrome(const Pattern& pat) { return last_of(pat, 2, [](const Pattern& p) { return rev(p); }); }

}  // namespace mr::pattern
