// Registrations of the combinators, signals and operators (controls: registry_controls.cpp).
#include "pattern/mini.hpp"
#include "pattern/registry_util.hpp"

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

// fraction.js lcm: lcm(a/b, c/d) = lcm(a, c) / gcd(b, d); 0 when either is 0.
Rational lcm(const Rational& x, const Rational& y) {
  if (x == Rational(0) || y == Rational(0)) return Rational(0);
  const int64_t g = gcd64(x.num(), y.num());
  return Rational(x.num() / g) * Rational(y.num() < 0 ? -y.num() : y.num()) / Rational(gcd64(x.den(), y.den()));
}

// Strudel's polymeter(...pats): every pattern with a step count is paced to the least common
// multiple of the step counts, so their steps line up.
Pattern polymeter_lcm(const std::vector<Pattern>& pats) {
  std::vector<Pattern> with_steps;
  for (const Pattern& p : pats)
    if (p.steps()) with_steps.push_back(p);
  if (with_steps.empty()) return silence();
  Rational steps = *with_steps[0].steps();
  for (size_t i = 1; i < with_steps.size(); ++i) steps = lcm(steps, *with_steps[i].steps());
  if (steps == Rational(0)) return silence();
  std::vector<Pattern> layers;
  for (const Pattern& p : with_steps) {
    const Rational own = *p.steps();
    if (own == Rational(0)) continue;  // pace: a pattern of no steps is silence
    layers.push_back(own == steps ? p : fast(p, steps / own));
  }
  return stack(layers).with_steps(steps);
}

// [weight, pattern] pairs from Lua tables {{3, "a"}, {1, "b"}}.
std::vector<std::pair<Rational, Pattern>> weighted(std::span<const Arg> a, const char* fn) {
  std::vector<std::pair<Rational, Pattern>> out;
  for (const Arg& x : a) {
    if (x.kind != Arg::Kind::List || x.list.size() != 2) throw ArgError(std::string(fn) + ": expects pairs like {2, \"bd sn\"}");
    const Value* w = x.list[0].pattern.pure_value();
    if (!w) throw ArgError(std::string(fn) + ": a weight must be a number");
    out.push_back({time(*w, fn), pat_arg(std::span<const Arg>(&x.list[1], 1), 0, fn)});
  }
  return out;
}

BinOp op_fn(char c) {
  return [c](const Value& a, const Value& b) { return num_op(a, b, c); };
}

}  // namespace

void register_core(Registry& r) {
  Builder b{r};

  // [SECTION] constructors
  b.variadic("sequence", {"seq", "fastcat"}, "sequence(...pats)", "Plays the patterns one after another in one cycle.",
             "sequence(\"bd\", \"sn\")", "structure", [](const auto& ps) { return fastcat(ps); });
  b.variadic("cat", {"slowcat"}, "cat(...pats)", "Plays one pattern per cycle, in turn.", "cat(\"bd*2\", \"sn\")",
             "structure", [](const auto& ps) { return slowcat(ps); });
  b.variadic("stack", {"polyrhythm", "pr"}, "stack(...pats)", "Plays the patterns at the same time.", "stack(\"bd\", \"hh*4\")",
             "structure", [](const auto& ps) { return stack(ps); });
  b.variadic("polymeter", {"pm", "s_polymeter"}, "polymeter(...pats)", "Stacks sequences aligned by step, at the least common multiple of their step counts.",
             "polymeter(\"a b c\", \"d e\")", "structure", [](const auto& ps) { return polymeter_lcm(ps); });
  b.variadic("randcat", {"chooseCycles"}, "randcat(...pats)", "Picks one of the patterns at random each cycle.",
             "randcat(\"bd*2\", \"sn\", \"hh*3\")", "random", [](const auto& ps) { return randcat(ps); });
  b.add("arrange", {}, "arrange({cycles, pat}, ...)", "Plays each pattern for the given number of cycles, in turn.",
        "arrange({4, \"<c a f e>(3,8)\"}, {2, \"g a\"})", "structure", -1,
        [](std::span<const Arg> a) { return arrange(weighted(a, "arrange")); }, false);
  b.add("wrandcat", {"wchooseCycles"}, "wchooseCycles({pat, weight}, ...)", "Picks a pattern per cycle, weighted.",
        "wchooseCycles({\"bd*2\", 3}, {\"sn\", 1})", "random", -1,
        [](std::span<const Arg> a) {
          std::vector<std::pair<Pattern, double>> xs;
          for (const Arg& x : a) {
            if (x.kind != Arg::Kind::List || x.list.size() != 2) throw ArgError("wchooseCycles: expects pairs like {\"bd\", 2}");
            const Value* w = x.list[1].pattern.pure_value();
            if (!w) throw ArgError("wchooseCycles: a weight must be a number");
            xs.push_back({x.list[0].pattern, num(*w, "wchooseCycles")});
          }
          return wrandcat(xs);
        },
        false);
  b.add("pure", {}, "pure(value)", "One event per cycle with the value.", "pure(\"bd\")", "structure", 1,
        [](std::span<const Arg> a) { return pat_arg(a, 0, "pure"); }, false);
  b.value("silence", "No events.", "silence", silence());
  b.add("mini", {"m"}, "mini(str)", "Parses mini-notation explicitly.", "mini(\"bd [sn cp]\")", "structure", 1,
        [](std::span<const Arg> a) { return pat_arg(a, 0, "mini"); }, false);
  b.add("run", {}, "run(n)", "0 to n-1, one per step.", "n(run(4))", "structure", 1,
        [](std::span<const Arg> a) {
          const Pattern& p = pat_arg(a, 0, "run");
          return patternify(std::span<const Pattern>(&p, 1), [](const auto& v) { return run(integer(v[0], "run")); });
        },
        false);

  // [SECTION] signals
  b.value("sine", "A sine wave from 0 to 1, one period a cycle.", "n(sine:segment(8):range(0, 7))", sine());
  b.value("cosine", "sine shifted by a quarter cycle.", "cosine:segment(4)", cosine());
  b.value("saw", "Rises from 0 to 1 each cycle.", "saw:segment(4)", saw());
  b.value("isaw", "Falls from 1 to 0 each cycle.", "isaw:segment(4)", isaw());
  b.value("tri", "Up and down between 0 and 1 each cycle.", "tri:segment(4)", tri());
  b.value("square", "0 for the first half cycle, 1 for the second.", "square:segment(4)", square());
  b.value("time", "The cycle position itself.", "time:segment(4)", time_signal());
  b.value("rand", "A random value from 0 to 1 (the same for the same time).", "s(\"hh*8\"):gain(rand)", rand_signal());
  b.value("perlin", "Smooth random values from 0 to 1.", "s(\"hh*8\"):gain(perlin)", perlin());
  b.value("brand", "Random true/false.", "s(\"hh*8\"):struct(brand:segment(8))", brand_by(0.5));
  b.add("irand", {}, "irand(n)", "Random integers from 0 to n-1.", "n(irand(8):segment(4))", "signals", 1,
        [](std::span<const Arg> a) {
          const Pattern& p = pat_arg(a, 0, "irand");
          return patternify(std::span<const Pattern>(&p, 1), [](const auto& v) { return irand(integer(v[0], "irand")); });
        },
        false);
  b.add("brandBy", {}, "brandBy(p)", "Random true with probability p.", "s(\"hh*8\"):struct(brandBy(0.3):segment(8))",
        "signals", 1,
        [](std::span<const Arg> a) {
          const Pattern& p = pat_arg(a, 0, "brandBy");
          return patternify(std::span<const Pattern>(&p, 1), [](const auto& v) { return brand_by(num(v[0], "brandBy")); });
        },
        false);
  b.add("choose", {}, "choose(...values)", "A random choice among the values (structure from where it is used).",
        "s(\"hh*4\"):n(choose(0, 2, 5))", "random", -1,
        [](std::span<const Arg> a) {
          std::vector<Value> xs;
          for (const Arg& x : a) {
            const Value* v = x.kind == Arg::Kind::Pattern ? x.pattern.pure_value() : nullptr;
            if (!v) throw ArgError("choose: values must be plain numbers or strings");
            xs.push_back(*v);
          }
          return choose(xs);
        },
        false);
  b.add("wchoose", {}, "wchoose({value, weight}, ...)", "A weighted random choice.", "n(wchoose({0, 0.25}, {2, 0.5}, {7, 0.25}):segment(4))",
        "random", -1,
        [](std::span<const Arg> a) {
          std::vector<std::pair<Value, double>> xs;
          for (const Arg& x : a) {
            if (x.kind != Arg::Kind::List || x.list.size() != 2) throw ArgError("wchoose: expects pairs like {\"bd\", 2}");
            const Value* v = x.list[0].pattern.pure_value();
            const Value* w = x.list[1].pattern.pure_value();
            if (!v || !w) throw ArgError("wchoose: values and weights must be plain");
            xs.push_back({*v, num(*w, "wchoose")});
          }
          return wchoose(xs);
        },
        false);

  // [SECTION] time
  b.values("fast", {"density"}, "fast(factor, pat)", "Speeds up by factor.", "s(\"bd sn\"):fast(2)", "time", 1,
           [](const auto& v, const Pattern& p) { return fast(p, time(v[0], "fast")); });
  b.values("slow", {"sparsity"}, "slow(factor, pat)", "Slows down by factor.", "s(\"bd sn\"):slow(2)", "time", 1,
           [](const auto& v, const Pattern& p) { return slow(p, time(v[0], "slow")); });
  b.values("hurry", {}, "hurry(factor, pat)", "fast, and speeds samples up by the same factor.", "s(\"bd sn\"):hurry(2)",
           "time", 1, [](const auto& v, const Pattern& p) { return hurry(p, time(v[0], "hurry")); });
  b.values("early", {}, "early(cycles, pat)", "Shifts earlier in time.", "s(\"bd sn\"):early(0.25)", "time", 1,
           [](const auto& v, const Pattern& p) { return early(p, time(v[0], "early")); });
  b.values("late", {}, "late(cycles, pat)", "Shifts later in time.", "s(\"bd sn\"):late(0.25)", "time", 1,
           [](const auto& v, const Pattern& p) { return late(p, time(v[0], "late")); });
  b.values("rev", {}, "rev(pat)", "Reverses each cycle.", "n(\"0 1 2 3\"):rev()", "time", 0,
           [](const auto&, const Pattern& p) { return rev(p); });
  b.values("palindrome", {}, "palindrome(pat)", "Plays forwards, then backwards, alternating cycles.",
           "n(\"0 1 2 3\"):palindrome()", "time", 0, [](const auto&, const Pattern& p) { return palindrome(p); });
  b.values("iter", {}, "iter(n, pat)", "Starts each cycle 1/n later in the pattern.", "n(\"0 1 2 3\"):iter(4)", "time", 1,
           [](const auto& v, const Pattern& p) { return iter(p, integer(v[0], "iter"), false); });
  b.values("iterBack", {"iterback"}, "iterBack(n, pat)", "iter, backwards.", "n(\"0 1 2 3\"):iterBack(4)", "time", 1,
           [](const auto& v, const Pattern& p) { return iter(p, integer(v[0], "iterBack"), true); });
  b.values("ply", {}, "ply(factor, pat)", "Repeats each event factor times.", "s(\"bd sn\"):ply(2)", "time", 1,
           [](const auto& v, const Pattern& p) { return ply(p, time(v[0], "ply")); });
  b.values("segment", {"seg"}, "segment(n, pat)", "Samples the pattern n times a cycle.", "n(saw:range(0, 7):segment(8))",
           "time", 1, [](const auto& v, const Pattern& p) { return segment(p, time(v[0], "segment")); });
  b.values("range", {}, "range(min, max, pat)", "Scales 0..1 to min..max.", "n(sine:range(0, 7):segment(8))", "signals",
           2, [](const auto& v, const Pattern& p) { return range(p, num(v[0], "range"), num(v[1], "range")); });
  b.values("rangex", {}, "rangex(min, max, pat)", "Scales 0..1 to min..max exponentially.",
           "s(\"saw*8\"):lpf(sine:rangex(200, 4000))", "signals", 2,
           [](const auto& v, const Pattern& p) { return rangex(p, num(v[0], "rangex"), num(v[1], "rangex")); });
  b.values("zoom", {}, "zoom(begin, end, pat)", "Plays only the part of each cycle between begin and end, stretched.",
           "s(\"bd sn hh cp\"):zoom(0.25, 0.75)", "time", 2,
           [](const auto& v, const Pattern& p) { return zoom(p, time(v[0], "zoom"), time(v[1], "zoom")); });
  b.values("compress", {}, "compress(begin, end, pat)", "Squeezes each cycle into the span begin..end.",
           "s(\"bd sn\"):compress(0.25, 0.75)", "time", 2,
           [](const auto& v, const Pattern& p) { return compress(p, time(v[0], "compress"), time(v[1], "compress")); });
  b.values("fastGap", {"fastgap"}, "fastGap(factor, pat)", "Speeds up, leaving a gap at the end of each cycle.",
           "s(\"bd sn\"):fastGap(2)", "time", 1,
           [](const auto& v, const Pattern& p) { return fast_gap(p, time(v[0], "fastGap")); });
  b.values("linger", {}, "linger(fraction, pat)", "Repeats the first fraction of each cycle.",
           "s(\"bd sn hh cp\"):linger(0.25)", "time", 1,
           [](const auto& v, const Pattern& p) { return linger(p, time(v[0], "linger")); });
  b.values("swingBy", {}, "swingBy(amount, n, pat)", "Delays every other 1/n step by amount/2 of it.",
           "s(\"hh*8\"):swingBy(1/3, 4)", "time", 2,
           [](const auto& v, const Pattern& p) { return swing_by(p, time(v[0], "swingBy"), time(v[1], "swingBy")); });
  b.values("swing", {}, "swing(n, pat)", "swingBy(1/3, n).", "s(\"hh*8\"):swing(4)", "time", 1,
           [](const auto& v, const Pattern& p) { return swing_by(p, Rational(1, 3), time(v[0], "swing")); });
  b.values("chop", {}, "chop(n, pat)", "Cuts each event (sample) into n parts.", "s(\"bd sn\"):chop(4)", "time", 1,
           [](const auto& v, const Pattern& p) { return chop(p, integer(v[0], "chop")); });
  b.values("striate", {}, "striate(n, pat)", "Interleaves n slices of each sample.", "s(\"bd sn\"):striate(4)", "time", 1,
           [](const auto& v, const Pattern& p) { return striate(p, integer(v[0], "striate")); });
  b.add("slice", {}, "slice(n, indices, pat)", "Plays slices of the sample, chosen by an index pattern.",
        "s(\"breaks\"):slice(4, \"0 1 <2 3>\")", "time", 2, [](std::span<const Arg> a) {
          const Pattern& np = pat_arg(a, 0, "slice");
          const Pattern& ip = pat_arg(a, 1, "slice");
          const Pattern& pat = pat_arg(a, 2, "slice");
          return patternify(std::span<const Pattern>(&np, 1), [ip, pat](const auto& v) { return slice(pat, integer(v[0], "slice"), ip); });
        });
  b.add("splice", {}, "splice(n, indices, pat)", "slice, with speed set so each slice fills its event.",
        "s(\"breaks\"):splice(4, \"0 1 <2 3>\")", "time", 2, [](std::span<const Arg> a) {
          const Pattern& np = pat_arg(a, 0, "splice");
          const Pattern& ip = pat_arg(a, 1, "splice");
          const Pattern& pat = pat_arg(a, 2, "splice");
          return patternify(std::span<const Pattern>(&np, 1), [ip, pat](const auto& v) { return splice(pat, integer(v[0], "splice"), ip); });
        });
  b.values("loopAt", {"loopat"}, "loopAt(cycles, pat)", "Fits the sample to the given number of cycles.",
           "s(\"breaks\"):loopAt(2)", "time", 1, [](const auto& v, const Pattern& p) { return loop_at(p, time(v[0], "loopAt")); });
  b.values("loopAtCps", {"loopatcps"}, "loopAtCps(cycles, cps, pat)",
           "loopAt at the given tempo: speed = cps / cycles (unit \"c\"), the pattern slowed by cycles.",
           "s(\"rhodes\"):loopAtCps(4, 1.5):cps(1.5)", "time", 2, [](const auto& v, const Pattern& p) {
             return loop_at(p, time(v[0], "loopAtCps"), num(v[1], "loopAtCps"));
           });
  // Strudel's scrub: each event of the position pattern plays the pattern from that begin (a
  // list "0.8:1.5" also multiplies the speed), clip 1; the structure is the position pattern's.
  b.add("scrub", {}, "scrub(positions, pat)",
        "Plays the sample from each position (0..1) like a tape loop, each for its event; \"pos:speed\" also "
        "multiplies the speed. Sets begin, speed and clip 1.",
        "s(\"swpad:0\"):scrub(\"{0.1!2 .25@3 0.7!2 <0.8:1.5>}%8\")", "time", 1, [](std::span<const Arg> a) {
          const Pattern& positions = pat_arg(a, 0, "scrub");
          const Pattern& pat = pat_arg(a, 1, "scrub");
          return outer_join({positions, [pat](const Value& v) {
                               Value begin = v, speed = Value(1.0);
                               if (v.is_list()) {
                                 const ValueList& l = v.items();
                                 if (l.empty()) throw ArgError("scrub: an empty list has no position");
                                 begin = l[0];
                                 if (l.size() > 1) speed = l[1];
                               }
                               BinOp set = [](const Value& x, const Value& y) { return num_op(x, y, '='); };
                               BinOp mul = [](const Value& x, const Value& y) { return num_op(x, y, '*'); };
                               Pattern p = apply_op(pat, pure(Value::map({{"begin", begin}})), set, Structure::In);
                               p = apply_op(p, pure(Value::map({{"speed", speed}})), mul, Structure::In);
                               return apply_op(p, pure(Value::map({{"clip", Value(1.0)}})), set, Structure::In);
                             }});
        });
  b.values("fit", {}, "fit(pat)", "Fits each sample to its event's length.", "s(\"breaks\"):fit()", "time", 0,
           [](const auto&, const Pattern& p) {
             return p.with_hap([](Hap h) {
               ValueMap m = h.value.is_map() ? h.value.entries() : ValueMap{{"s", h.value}};
               m.push_back({"unit", "c"});
               m.push_back({"speed", h.whole ? 1.0 / h.whole->duration().to_double() : 1.0});
               h.value = Value::map(std::move(m));
               return h;
             });
           });
  b.values("ribbon", {"rib"}, "ribbon(offset, cycles, pat)", "Loops the piece of the pattern that starts at offset and lasts cycles.",
           "n(irand(8):segment(4)):scale(\"C:minor\"):ribbon(1337, 2)", "time", 2, [](const auto& v, const Pattern& p) {
             const Rational cycles = time(v[1], "ribbon");
             if (cycles <= Rational(0)) return silence();
             const Pattern pat = early(p, time(v[0], "ribbon"));
             return reset_join({slow(pure(1.0), cycles), [pat](const Value&) { return pat; }}, true);
           });
  b.values("brak", {}, "brak(pat)", "Squashes every other cycle into its first half, shifted by a quarter.",
           "s(\"bd sn\"):brak()", "time", 0, [](const auto&, const Pattern& p) { return brak(p); });

  // [SECTION] structure
  auto pat2 = [&](std::string name, std::vector<std::string> al, std::string sig, std::string doc, std::string ex,
                  std::string cat, std::function<Pattern(const Pattern&, const Pattern&)> f) {
    std::string nm = name;
    b.add(std::move(name), std::move(al), std::move(sig), std::move(doc), std::move(ex), std::move(cat), 1,
          [nm, f](std::span<const Arg> a) { return f(pat_arg(a, 1, nm.c_str()), seq_arg(a, 0, nm.c_str())); });
  };
  pat2("struct", {}, "struct(bools, pat)", "Takes the rhythm from a pattern of true/false (1/0, x/~).",
       "note(\"c3\"):struct(\"x ~ x x\")", "structure", [](const Pattern& p, const Pattern& x) { return struct_(p, x); });
  pat2("mask", {}, "mask(bools, pat)", "Keeps only the parts where the boolean pattern is true.",
       "s(\"hh*8\"):mask(\"1 0 1 1\")", "structure", [](const Pattern& p, const Pattern& x) { return mask(p, x); });
  pat2("reset", {}, "reset(triggers, pat)", "Restarts the cycle of the pattern at each trigger event.",
       "s(\"bd sn hh cp\"):reset(\"<x@3 x(3,8)>\")", "structure", [](const Pattern& p, const Pattern& x) {
         return reset_join({x, [p](const Value&) { return p; }}, false);
       });
  pat2("restart", {}, "restart(triggers, pat)", "Restarts the pattern from zero at each trigger event.",
       "s(\"bd sn hh cp\"):restart(\"<x@3 x(3,8)>\")", "structure", [](const Pattern& p, const Pattern& x) {
         return reset_join({x, [p](const Value&) { return p; }}, true);
       });
  b.values("euclid", {}, "euclid(pulses, steps, pat)", "A Euclidean rhythm: pulses spread evenly over steps.",
           "s(\"bd\"):euclid(3, 8)", "structure", 2,
           [](const auto& v, const Pattern& p) { return euclid(p, integer(v[0], "euclid"), integer(v[1], "euclid"), 0); });
  b.values("euclidRot", {"euclidrot"}, "euclidRot(pulses, steps, rotation, pat)", "A Euclidean rhythm, rotated.",
           "s(\"bd\"):euclidRot(3, 8, 2)", "structure", 3, [](const auto& v, const Pattern& p) {
             return euclid(p, integer(v[0], "euclidRot"), integer(v[1], "euclidRot"), integer(v[2], "euclidRot"));
           });
  b.values("euclidLegato", {}, "euclidLegato(pulses, steps, pat)", "A Euclidean rhythm, each pulse held to the next.",
           "note(\"c3\"):euclidLegato(3, 8)", "structure", 2, [](const auto& v, const Pattern& p) {
             return euclid_legato(p, integer(v[0], "euclidLegato"), integer(v[1], "euclidLegato"), 0);
           });
  b.values("euclidLegatoRot", {}, "euclidLegatoRot(pulses, steps, rotation, pat)", "euclidLegato, rotated.",
           "note(\"c3\"):euclidLegatoRot(3, 8, 1)", "structure", 3, [](const auto& v, const Pattern& p) {
             return euclid_legato(p, integer(v[0], "euclidLegatoRot"), integer(v[1], "euclidLegatoRot"),
                                  integer(v[2], "euclidLegatoRot"));
           });
  b.with_fn("firstOf", {"every"}, "every(n, f, pat)", "Applies f on the first of every n cycles.",
            "s(\"bd sn\"):every(3, fast(2))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return first_of(p, integer(v[0], "every"), f); });
  b.with_fn("lastOf", {}, "lastOf(n, f, pat)", "Applies f on the last of every n cycles.",
            "s(\"bd sn\"):lastOf(3, fast(2))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return last_of(p, integer(v[0], "lastOf"), f); });
  b.add("when", {}, "when(bools, f, pat)", "Applies f where the boolean pattern is true.",
        "s(\"hh*4\"):when(\"<1 0>\", fast(2))", "conditional", 2, [](std::span<const Arg> a) {
          // Strudel's register: on ? func(pat) : pat, patterned by an inner join over the booleans
          // (a signal is sampled once per query span, as Strudel's innerJoin does).
          const Pattern& bools = pat_arg(a, 0, "when");
          const Pattern pat = pat_arg(a, 2, "when");
          const Pattern applied = fn_arg(a, 1, "when")(pat);
          return patternify(std::span<const Pattern>(&bools, 1),
                            [pat, applied](const std::vector<Value>& v) { return v[0].truthy() ? applied : pat; });
        });
  b.with_fn("within", {}, "within(begin, end, f, pat)", "Applies f to the part of each cycle between begin and end.",
            "n(\"0 1 2 3\"):within(0, 0.5, fast(2))", "conditional", 2, [](const auto& v, const PatFn& f, const Pattern& p) {
              return within(p, time(v[0], "within"), time(v[1], "within"), f);
            });
  b.with_fn("chunk", {"slowchunk", "slowChunk"}, "chunk(n, f, pat)", "Applies f to one of n parts of the cycle, moving on each cycle.",
            "n(\"0 1 2 3\"):chunk(4, add(7))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return chunk(p, integer(v[0], "chunk"), f, false); });
  b.with_fn("chunkBack", {"chunkback"}, "chunkBack(n, f, pat)", "chunk, moving backwards.",
            "n(\"0 1 2 3\"):chunkBack(4, add(7))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return chunk(p, integer(v[0], "chunkBack"), f, true); });
  b.with_fn("inside", {}, "inside(factor, f, pat)", "Applies f to the pattern slowed by factor, then speeds it back.",
            "n(\"0 1 2 3\"):inside(2, rev)", "time", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return inside(p, time(v[0], "inside"), f); });
  b.with_fn("outside", {}, "outside(factor, f, pat)", "Applies f to the pattern sped up by factor, then slows it back.",
            "n(\"<0 1 2 3>\"):outside(2, rev)", "time", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return outside(p, time(v[0], "outside"), f); });
  b.with_fn("off", {}, "off(time, f, pat)", "Layers a copy shifted later by time, changed by f.",
            "n(\"0 2 4\"):off(1/8, add(7))", "structure", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return off(p, time(v[0], "off"), f); });
  b.add("superimpose", {}, "superimpose(...fs, pat)", "Layers the pattern with a copy changed by each function.",
        "n(\"0 2\"):superimpose(add(12), add(7))", "structure", -1, [](std::span<const Arg> a) {
          if (a.empty()) throw ArgError("superimpose: needs functions and a pattern");
          // Method form pat:superimpose(f, g) passes the pattern first; superimpose(f, pat) last.
          const bool first = a[0].kind == Arg::Kind::Pattern;
          const Pattern& p = pat_arg(a, first ? 0 : a.size() - 1, "superimpose");
          std::vector<Pattern> out{p};
          for (size_t i = first ? 1 : 0; i < (first ? a.size() : a.size() - 1); ++i) out.push_back(fn_arg(a, i, "superimpose")(p));
          return stack(out);
        });
  b.with_fn("jux", {}, "jux(f, pat)", "The original on the left, a copy changed by f on the right.",
            "s(\"bd sn hh\"):jux(rev)", "structure", 0,
            [](const auto&, const PatFn& f, const Pattern& p) { return jux_by(p, 1, f); });
  b.with_fn("juxBy", {"juxby"}, "juxBy(amount, f, pat)", "jux with a narrower stereo width (0..1).",
            "s(\"bd sn hh\"):juxBy(0.5, rev)", "structure", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return jux_by(p, num(v[0], "juxBy"), f); });
  b.add("layer", {}, "layer(...fs, pat)", "Stacks the results of applying each function.",
        "n(\"0 2\"):layer(rev, add(7))", "structure", -1, [](std::span<const Arg> a) {
          if (a.empty()) throw ArgError("layer: needs functions and a pattern");
          // Method form pat:layer(f, g) passes the pattern first; layer(f, g, pat) last.
          const bool first = a[0].kind == Arg::Kind::Pattern;
          const Pattern& p = pat_arg(a, first ? 0 : a.size() - 1, "layer");
          std::vector<Pattern> out;
          for (size_t i = first ? 1 : 0; i < (first ? a.size() : a.size() - 1); ++i) out.push_back(fn_arg(a, i, "layer")(p));
          return stack(out);
        });
  b.values("echo", {}, "echo(count, time, feedback, pat)", "Repeats each event count times, time apart, fading by feedback.",
           "s(\"bd sn\"):echo(3, 1/8, 0.6)", "time", 3, [](const auto& v, const Pattern& p) {
             return echo(p, integer(v[0], "echo"), time(v[1], "echo"), num(v[2], "echo"));
           });
  b.values("stut", {}, "stut(count, feedback, time, pat)", "echo with Tidal's argument order.",
           "s(\"bd sn\"):stut(3, 0.6, 1/8)", "time", 3, [](const auto& v, const Pattern& p) {
             return echo(p, integer(v[0], "stut"), time(v[2], "stut"), num(v[1], "stut"));
           });
  b.add("bite", {}, "bite(n, indices, pat)", "Cuts each cycle into n parts and re-sequences them by index.",
        "n(\"0 1 2 3 4 5 6 7\"):bite(4, \"0 2 1 3\")", "structure", 2, [](std::span<const Arg> a) {
          const Pattern& np = pat_arg(a, 0, "bite");
          const Pattern& ip = pat_arg(a, 1, "bite");
          const Pattern& pat = pat_arg(a, 2, "bite");
          return patternify(std::span<const Pattern>(&np, 1), [ip, pat](const auto& v) {
            const int64_t n = integer(v[0], "bite");
            if (n <= 0) return silence();
            return squeeze_join({ip, [pat, n](const Value& iv) {
                                   const Rational start = (Rational(integer(iv, "bite")) / n).frac();
                                   return zoom(pat, start, start + Rational(1, n));
                                 }});
          });
        });

  // [SECTION] randomness
  b.values("degradeBy", {}, "degradeBy(amount, pat)", "Randomly drops events with probability amount.",
           "s(\"hh*8\"):degradeBy(0.3)", "random", 1,
           [](const auto& v, const Pattern& p) { return degrade_by(p, num(v[0], "degradeBy")); });
  b.values("degrade", {}, "degrade(pat)", "degradeBy(0.5).", "s(\"hh*8\"):degrade()", "random", 0,
           [](const auto&, const Pattern& p) { return degrade_by(p, 0.5); });
  b.values("undegradeBy", {}, "undegradeBy(amount, pat)", "Keeps exactly the events degradeBy(amount) would drop... inverted.",
           "s(\"hh*8\"):undegradeBy(0.3)", "random", 1,
           [](const auto& v, const Pattern& p) { return undegrade_by(p, num(v[0], "undegradeBy")); });
  b.values("undegrade", {}, "undegrade(pat)", "undegradeBy(0.5).", "s(\"hh*8\"):undegrade()", "random", 0,
           [](const auto&, const Pattern& p) { return undegrade_by(p, 0.5); });
  b.with_fn("sometimesBy", {}, "sometimesBy(p, f, pat)", "Applies f to each event with probability p.",
            "s(\"hh*8\"):sometimesBy(0.4, fast(2))", "random", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return sometimes_by(p, num(v[0], "sometimesBy"), f); });
  const std::pair<const char*, double> kSometimes[] = {{"sometimes", 0.5},   {"often", 0.75},       {"rarely", 0.25},
                                                      {"almostNever", 0.1}, {"almostAlways", 0.9}, {"always", 1.0},
                                                      {"never", 0.0}};
  for (const auto& [name, prob] : kSometimes) {
    const double pr = prob;
    b.with_fn(name, {}, std::string(name) + "(f, pat)", "Applies f to each event with probability " + js_number(prob) + ".",
              std::string("s(\"hh*8\"):") + name + "(fast(2))", "random", 0,
              [pr](const auto&, const PatFn& f, const Pattern& p) {
                if (pr >= 1) return f(p);
                if (pr <= 0) return p;
                return sometimes_by(p, pr, f);
              });
  }
  b.with_fn("someCyclesBy", {"somecyclesBy"}, "someCyclesBy(p, f, pat)", "Applies f to whole cycles with probability p.",
            "s(\"bd*4\"):someCyclesBy(0.3, fast(2))", "random", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) { return some_cycles_by(p, num(v[0], "someCyclesBy"), f); });
  b.with_fn("someCycles", {"somecycles"}, "someCycles(f, pat)", "someCyclesBy(0.5, f).", "s(\"bd*4\"):someCycles(fast(2))",
            "random", 0, [](const auto&, const PatFn& f, const Pattern& p) { return some_cycles_by(p, 0.5, f); });
  b.values("shuffle", {}, "shuffle(n, pat)", "Plays the n parts of each cycle in a random order, each once.",
           "n(\"0 1 2 3\"):shuffle(4)", "random", 1, [](const auto& v, const Pattern& p) { return shuffle(p, integer(v[0], "shuffle")); });
  b.values("scramble", {}, "scramble(n, pat)", "Plays n random parts of each cycle (repeats allowed).",
           "n(\"0 1 2 3\"):scramble(4)", "random", 1, [](const auto& v, const Pattern& p) { return scramble(p, integer(v[0], "scramble")); });
  b.values("seed", {}, "seed(n, pat)", "Another random sequence for the same pattern.", "s(\"hh*8\"):degradeBy(0.5):seed(3)",
           "random", 1, [](const auto& v, const Pattern& p) { return seed_pattern(p, integer(v[0], "seed")); });

  // [SECTION] values: operators with every structure variant
  struct OpDef {
    const char* name;
    char op;
    const char* doc;
  };
  const OpDef kOps[] = {
      {"add", '+', "Adds (numbers, notes, or each key of control maps)."},
      {"sub", '-', "Subtracts."},
      {"mul", '*', "Multiplies."},
      {"div", '/', "Divides."},
      {"mod", '%', "Remainder (always positive)."},
      {"pow", '^', "Raises to a power."},
      {"set", '=', "Replaces values (for maps: sets the keys given)."},
      {"keep", 'k', "Keeps the values (for maps: adds only missing keys)."},
      {"gt", 'g', "Greater than."},
      {"lt", 'l', "Less than."},
      {"gte", 'G', "Greater or equal."},
      {"lte", 'L', "Less or equal."},
      {"eq", 'e', "Equal."},
      {"ne", 'n', "Not equal."},
      {"and", '&', "Logical and. (`and` is a keyword in Lua: write `and_`.)"},
      {"or", '|', "Logical or. (`or` is a keyword in Lua: write `or_`.)"},
  };
  const std::pair<const char*, Structure> kModes[] = {
      {"", Structure::In},           {"In", Structure::In},
      {"Out", Structure::Out},       {"Mix", Structure::Mix},
      {"Squeeze", Structure::Squeeze}, {"Squeezeout", Structure::SqueezeOut},
      {"Reset", Structure::Reset},   {"Restart", Structure::Restart},
      {"Poly", Structure::Poly},
  };
  for (const OpDef& o : kOps) {
    for (const auto& [suffix, how] : kModes) {
      std::string name = std::string(o.name) + suffix;
      const char c = o.op;
      const Structure h = how;
      std::string nm = name;
      // A Lua keyword (and, or) cannot follow ':' or '.': its alias with a trailing underscore can.
      const bool keyword = !suffix[0] && (name == "and" || name == "or");
      std::vector<std::string> aliases;
      if (keyword) aliases.push_back(name + "_");
      b.add(name, aliases, name + "(other, pat)",
            std::string(o.doc) + (suffix[0] ? std::string(" Structure: ") + suffix + "." : " Structure from the left."),
            std::string("n(\"0 2 4\"):") + (keyword ? name + "_" : name) + "(\"<0 3>\")", "values", 1,
            [nm, c, h](std::span<const Arg> a) {
              return apply_op(pat_arg(a, 1, nm.c_str()), seq_arg(a, 0, nm.c_str()), op_fn(c), h);
            });
    }
  }
  b.values("invert", {"inv"}, "inv(pat)", "Inverts booleans.", "s(\"bd*4\"):struct(mini(\"1 0 1 1\"):inv())", "values", 0,
           [](const auto&, const Pattern& p) { return p.fmap([](const Value& v) { return Value(!v.truthy()); }); });
  const std::pair<const char*, double (*)(double)> kRound[] = {
      {"floor", [](double x) { return std::floor(x); }},
      {"ceil", [](double x) { return std::ceil(x); }},
      {"round", [](double x) { return std::floor(x + 0.5); }},
  };
  for (const auto& [name, fn] : kRound) {
    auto f = fn;
    b.values(name, {}, std::string(name) + "(pat)", "Rounds numbers.", std::string("n(saw:range(0, 8):segment(4):") + name + "())",
             "values", 0, [f](const auto&, const Pattern& p) {
               return p.fmap([f](const Value& v) {
                 double x = 0;
                 return v.to_number(x) ? Value(f(x)) : v;
               });
             });
  }
}

}  // namespace mr::pattern
