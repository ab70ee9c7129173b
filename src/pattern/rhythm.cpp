// Strudel's rhythm and signal helpers beyond the basic ones (pattern.mjs, signal.mjs,
// euclid.mjs): beat, morph, euclidish, binary/binaryN/binaryL/binaryNL, randL, berlin, the
// bipolar signals (sine2 ...), itri, and the span measures per, perx, cyclesPer.
#include <cmath>

#include "pattern/jsmath.hpp"
#include "pattern/registry_util.hpp"
#include "pattern/stepwise.hpp"

namespace mr::pattern {

using namespace reg;

std::vector<double> rands_at(double t, int64_t n);  // signals.cpp: Strudel's legacy rands

namespace {

constexpr double kTwoPi = 6.283185307179586;

double js_time(const Rational& t) { return static_cast<double>(t.num()) / static_cast<double>(t.den()); }

// JavaScript's ToInt32, for the bitwise operators.
int32_t to_int32(double x) {
  if (!std::isfinite(x)) return 0;
  const double m = std::fmod(std::trunc(x), 4294967296.0);
  const double u = m < 0 ? m + 4294967296.0 : m;
  return static_cast<int32_t>(static_cast<uint32_t>(u));
}

// A list value of numbers.
Value numbers(const std::vector<double>& xs) {
  ValueList l(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) l[i] = Value(xs[i]);
  return Value::list(std::move(l));
}

Pattern bipolar(const Pattern& p) {
  return p.fmap([](const Value& v) {
    double x = 0;
    return v.to_number(x) ? Value(x * 2 - 1) : v;
  });
}

// Strudel's _morph: the onsets of `from` moved towards those of `to` by `by` (0..1).
Pattern morph_lists(const ValueList& from, const ValueList& to, const Rational& by) {
  if (from.empty()) return silence();
  const Rational dur = Rational(1) / Rational(static_cast<int64_t>(from.size()));
  auto positions = [](const ValueList& l) {
    std::vector<Rational> out;
    for (size_t i = 0; i < l.size(); ++i)
      if (l[i].truthy()) out.push_back(Rational(static_cast<int64_t>(i)) / Rational(static_cast<int64_t>(l.size())));
    return out;
  };
  const std::vector<Rational> pa = positions(from), pb = positions(to);
  std::vector<TimeSpan> arcs;
  for (size_t i = 0; i < pa.size() && i < pb.size(); ++i) {
    const Rational b = by * (pb[i] - pa[i]) + pa[i];
    arcs.push_back({b, b + dur});
  }
  Pattern p([arcs](const State& st, Haps& out) {
    const Rational cycle = st.span.begin.floor();
    const TimeSpan arc{st.span.begin - cycle, st.span.end - cycle};
    for (const TimeSpan& whole : arcs) {
      auto part = whole.intersection(arc);
      if (!part) continue;
      Hap h;
      h.whole = TimeSpan{whole.begin + cycle, whole.end + cycle};
      h.part = TimeSpan{part->begin + cycle, part->end + cycle};
      h.value = Value(true);
      out.push_back(std::move(h));
    }
  });
  return p.split_queries();
}

Pattern list_or_pattern(const Arg& a, const char* fn) {
  if (a.kind == Arg::Kind::List) return pure(arg_value(a, fn));
  return pat_arg(std::span<const Arg>(&a, 1), 0, fn);
}

// A continuous pattern whose value depends on the query span (per, perx, cyclesPer).
Pattern span_measure(std::function<double(const Rational& duration)> f) {
  return Pattern([f](const State& st, Haps& out) {
    Hap h;
    h.part = st.span;
    h.value = Value(f(st.span.duration()));
    out.push_back(std::move(h));
  });
}

Pattern binary_n(const Pattern& n, const Pattern& bits) {
  return patternify(std::vector<Pattern>{n, bits}, [](const std::vector<Value>& v) {
    const double x = num(v[0], "binaryN");
    const int64_t nb = integer(v[1], "binaryN");
    if (nb <= 0) return silence();
    std::vector<Pattern> out;
    for (int64_t i = 0; i < nb; ++i) {
      const int32_t shift = to_int32(static_cast<double>(nb - 1 - i)) & 31;
      out.push_back(pure(Value(static_cast<double>((to_int32(x) >> shift) & 1))));
    }
    return fastcat(out).with_steps(Rational(nb));
  });
}

Pattern binary_nl(const Pattern& n, const Pattern& bits) {
  return patternify(std::vector<Pattern>{n, bits}, [](const std::vector<Value>& v) {
    const int32_t x = to_int32(num(v[0], "binaryNL"));
    const int64_t nb = integer(v[1], "binaryNL");
    std::vector<double> out;
    for (int64_t i = nb - 1; i >= 0; --i) out.push_back(static_cast<double>((x >> (i & 31)) & 1));
    return pure(numbers(out));
  });
}

Pattern bit_count(const Pattern& n) {
  return n.fmap([](const Value& v) { return Value(std::floor(std::log2(num(v, "binary"))) + 1); });
}

}  // namespace

void register_rhythm(Registry& r) {
  Builder b{r};
  b.values("beat", {}, "beat(t, div, pat)", "Plays the pattern at step t of div steps per cycle (t may be a stack: \"0,7,10\").",
           "s(\"bd\"):beat(\"0,7,10\", 16)", "structure", 2, [](const auto& v, const Pattern& p) {
             const Rational div = time(v[1], "beat");
             if (div == Rational(0)) return silence();
             Rational t = time(v[0], "beat");
             t = t - div * (t / div).floor();  // fraction.js mod
             const Rational b0 = t / div, e0 = (t + 1) / div;
             return inner_join({p, [b0, e0](const Value& x) { return compress(pure(x), b0, e0); }});
           });
  b.add("morph", {}, "morph(from, to, by)", "Morphs between two rhythms (lists of 1 and 0) by 0..1.",
        "s(\"hh\"):struct(morph({1, 0, 1, 0, 1, 0, 1, 0}, {1, 1, 0, 1, 0, 1, 0}, 0.25))", "structure", 3,
        [](std::span<const Arg> a) {
          if (a.size() != 3) throw ArgError("morph: expects from, to and by");
          const Pattern from = list_or_pattern(a[0], "morph"), to = list_or_pattern(a[1], "morph"),
                        by = pat_arg(a, 2, "morph");
          return inner_join({from, [to, by](const Value& f) {
                               return inner_join({to, [f, by](const Value& t) {
                                                    return inner_join({by, [f, t](const Value& x) {
                                                                         if (!f.is_list() || !t.is_list())
                                                                           throw ArgError("morph: the rhythms must be lists like {1, 0, 1}");
                                                                         return morph_lists(f.items(), t.items(), time(x, "morph"));
                                                                       }});
                                                  }});
                             }});
        },
        false);
  b.values("euclidish", {"eish"}, "euclidish(pulses, steps, groove, pat)",
           "A Euclidean rhythm morphed towards even pulses by groove (0: euclid, 1: straight).",
           "s(\"hh\"):euclidish(7, 12, sine:slow(8))", "structure", 3, [](const auto& v, const Pattern& p) {
             const int64_t pulses = integer(v[0], "euclidish"), steps = integer(v[1], "euclidish");
             std::vector<double> from, to(static_cast<size_t>(std::max<int64_t>(pulses, 0)), 1.0);
             for (bool x : bjorklund(pulses, steps)) from.push_back(x ? 1.0 : 0.0);
             return struct_(p, morph_lists(numbers(from).items(), numbers(to).items(), time(v[2], "euclidish")))
                 .with_steps(Rational(steps));
           });
  b.add("binaryN", {}, "binaryN(n, bits)", "The bits of n, most significant first, as a sequence of bits steps (16 by default).",
        "s(\"hh\"):struct(binaryN(55532, 16))", "structure", -1,
        [](std::span<const Arg> a) {
          return binary_n(pat_arg(a, 0, "binaryN"), a.size() > 1 ? pat_arg(a, 1, "binaryN") : pure(16.0));
        },
        false);
  b.add("binary", {}, "binary(n)", "The bits of n as a sequence of 1 and 0.", "s(\"hh\"):struct(binary(5))", "structure", 1,
        [](std::span<const Arg> a) {
          const Pattern& n = pat_arg(a, 0, "binary");
          return binary_n(n, bit_count(n));
        },
        false);
  b.add("binaryNL", {}, "binaryNL(n, bits)", "The bits of n as one list value (16 bits by default).", "n(binaryNL(5, 4))",
        "structure", -1,
        [](std::span<const Arg> a) {
          return binary_nl(pat_arg(a, 0, "binaryNL"), a.size() > 1 ? pat_arg(a, 1, "binaryNL") : pure(16.0));
        },
        false);
  b.add("binaryL", {}, "binaryL(n)", "The bits of n as one list value.", "n(binaryL(5))", "structure", 1,
        [](std::span<const Arg> a) {
          const Pattern& n = pat_arg(a, 0, "binaryL");
          return binary_nl(n, bit_count(n));
        },
        false);
  b.add("randL", {}, "randL(n)", "A continuous list of n random numbers from 0 to 1.", "randL(4):segment(2)",
        "random", 1,
        [](std::span<const Arg> a) {
          const Pattern& n = pat_arg(a, 0, "randL");
          Pattern sig = Pattern::from_sampler([](const Rational& t, double seed) {
            return std::optional<Value>(Value(js_time(t) + seed));
          });
          return apply_op(sig, n,
                          [](const Value& t, const Value& nv) {
                            std::vector<double> xs = rands_at(t.number(), integer(nv, "randL"));
                            for (double& x : xs) x = std::fabs(x);
                            return numbers(xs);
                          },
                          Structure::In);
        },
        false);
  b.value("berlin", "Random ridges: rises linearly to a random height each cycle, then drops.",
          "n(mini(\"0!16\"):add(berlin:fast(4):mul(14))):scale(\"d:minor\")",
          Pattern::from_sampler([](const Rational& t, double seed) {
            const double tt = js_time(t);
            const double prev = std::floor(tt);
            const double bottom = rand_at(Rational::from_double(prev), static_cast<int64_t>(seed));
            const double height = rand_at(Rational::from_double(prev + 1), static_cast<int64_t>(seed));
            return std::optional<Value>(Value((bottom + (tt - prev) * (bottom + height - bottom)) / 2));
          }));
  const Pattern sine2 = signal([](const Rational& t) { return Value(js_sin(kTwoPi * js_time(t))); });
  b.value("sine2", "A sine wave from -1 to 1.", "n(sine2:range(0, 7):segment(8))", sine2);
  b.value("cosine2", "cosine from -1 to 1.", "n(cosine2:range(0, 7):segment(8))", early(sine2, Rational(1, 4)));
  b.value("saw2", "saw from -1 to 1.", "n(saw2:range(0, 7):segment(8))", bipolar(saw()));
  b.value("isaw2", "isaw from -1 to 1.", "n(isaw2:range(0, 7):segment(8))", bipolar(isaw()));
  b.value("square2", "square from -1 to 1.", "n(square2:range(0, 7):segment(8))", bipolar(square()));
  b.value("tri2", "tri from -1 to 1.", "n(tri2:range(0, 7):segment(8))", fastcat({bipolar(saw()), bipolar(isaw())}));
  b.value("itri", "Down and up between 1 and 0 each cycle.", "n(itri:segment(8):range(0, 7)):scale(\"C:minor\")",
          fastcat({isaw(), saw()}));
  b.value("itri2", "itri from -1 to 1.", "n(itri2:range(0, 7):segment(8))", fastcat({bipolar(isaw()), bipolar(saw())}));
  b.value("rand2", "A random value from -1 to 1.", "n(rand2:range(0, 7):segment(8))", bipolar(rand_signal()));
  b.value("per", {"perCycle"}, "The number of events per cycle, as seen by each event (1 / its duration).",
          "n(\"0 0*2 0 0*2 0 [0 0 0]@2\"):sound(\"bd\"):distort(per:div(2))",
          span_measure([](const Rational& d) { return d == Rational(0) ? 0.0 : js_time(Rational(1) / d); }));
  b.value("perx", "log2 of per, plus 1.", "n(\"0 0*2 0*4\"):gain(perx:div(3))",
          span_measure([](const Rational& d) { return d == Rational(0) ? 0.0 : std::log(js_time(Rational(1) / d)) / std::log(2.0) + 1; }));
  b.value("cyclesPer", "The duration in cycles of each event that samples it.",
          "sound(\"saw saw [saw saw] saw\"):note(cyclesPer:range(50, 100))",
          span_measure([](const Rational& d) { return js_time(d); }));
}

}  // namespace mr::pattern
