// Strudel's functions that take functions or look at events (pattern.mjs): echoWith, plyWith,
// plyForEach, pressBy, press, revv, fastChunk, chunkInto, chunkBackInto, into, apply, arpWith,
// withValue, filterHaps, filterValues, filter, filterWhen, superimpose (several functions),
// xfade, focus, range2, ratio, toBipolar, fromBipolar; log and logValues (onTrigger's marks).
#include <cmath>

#include "pattern/registry_util.hpp"
#include "pattern/stepwise.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

Value span_value(const TimeSpan& s) {
  return Value::map({{"begin", s.begin.to_double()}, {"end", s.end.to_double()}});
}

}  // namespace

// A hap as a host function sees it: {whole = {begin, end} (absent for a continuous one), part,
// value, context = {tags = {...}} (when tag() gave it tags)}.
Value hap_value(const Hap& h) {
  ValueMap m{{"part", span_value(h.part)}, {"value", h.value}};
  if (h.whole) m.push_back({"whole", span_value(*h.whole)});
  if (h.tags) m.push_back({"context", Value::map({{"tags", Value::list(*h.tags)}})});
  return Value::map(std::move(m));
}

namespace {

bool host_truthy(const Arg& r) {
  if (r.kind == Arg::Kind::Value) return r.value.truthy();
  if (r.kind == Arg::Kind::Pattern) {
    const Value* v = r.pattern.pure_value();
    return v ? v->truthy() : true;
  }
  return true;
}

// ribbon(offset, cycles): loops `cycles` cycles of the pattern from `offset` (restarted).
Pattern ribbon(const Pattern& pat, const Rational& offset, const Rational& cycles) {
  if (cycles <= Rational(0)) return silence();
  const Pattern p = early(pat, offset);
  return reset_join({slow(pure(1.0), cycles), [p](const Value&) { return p; }}, true);
}

// into: where the pieces pattern is true, f of the pattern looped over that piece; elsewhere the
// pattern unchanged (Strudel's unjoin + innerJoin).
Pattern into(const Pattern& pat, const Pattern& pieces, const PatFn& f) {
  Pattern tagged = pieces.with_hap([](Hap h) {
    ValueList l{Value(h.value.truthy())};
    if (h.whole) {
      const Rational d = h.whole->duration();
      l.push_back(Value(static_cast<double>(h.whole->begin.num())));
      l.push_back(Value(static_cast<double>(h.whole->begin.den())));
      l.push_back(Value(static_cast<double>(d.num())));
      l.push_back(Value(static_cast<double>(d.den())));
    }
    h.value = Value::list(std::move(l));
    return h;
  });
  return inner_join({tagged, [pat, f](const Value& v) {
                       const ValueList& l = v.items();
                       if (!l[0].boolean() || l.size() < 5) return pat;
                       auto r = [&](size_t i) {
                         return Rational(static_cast<int64_t>(l[i].number()), static_cast<int64_t>(l[i + 1].number()));
                       };
                       return f(ribbon(pat, r(1), r(3)));
                     }});
}

Pattern bools_seq(int64_t n) {
  std::vector<Pattern> bin;
  for (int64_t i = 0; i < n; ++i) bin.push_back(pure(i == 0));
  return fastcat(bin);
}

Pattern press_by(const Pattern& pat, const Rational& r) {
  return squeeze_join({pat, [r](const Value& v) { return compress(pure(v), r, 1); }});
}

BinOp times_op() {
  return [](const Value& a, const Value& b) { return num_op(a, b, '*'); };
}

double fade_gain(double p) { return p < 0.5 ? 1 : 1 - (p - 0.5) / 0.5; }

}  // namespace

void register_transform(Registry& reg_) {
  Builder b{reg_};
  b.add("echoWith", {"echowith", "stutWith", "stutwith"}, "echoWith(times, time, f, pat)",
        "Stacks times copies, each time later, the i-th changed by f(pat, i).",
        "n(\"<0 [2 4]>\"):echoWith(4, 1/8, function(p, n) return p:add(n * 2) end):scale(\"C:minor\"):note()", "time", 3,
        [](std::span<const Arg> a) {
          const HostFunction f = host_arg(a, 2, "echoWith");
          const Pattern& pat = pat_arg(a, 3, "echoWith");
          const Pattern ps[] = {pat_arg(a, 0, "echoWith"), pat_arg(a, 1, "echoWith")};
          return patternify(ps, [f, pat](const std::vector<Value>& v) {
            const int64_t times = integer(v[0], "echoWith");
            const Rational t = time(v[1], "echoWith");
            std::vector<Pattern> layers;
            for (int64_t i = 0; i < times; ++i)
              layers.push_back(call_pattern(f, {Arg::of(late(pat, t * Rational(i))), Arg::of_value(Value(static_cast<double>(i)))}, "echoWith"));
            return stack(layers);
          });
        });
  for (const bool each : {false, true}) {
    const char* nm = each ? "plyForEach" : "plyWith";
    b.add(nm, {each ? "plyforeach" : "plywith"}, std::string(nm) + "(factor, f, pat)",
          each ? "Repeats each event factor times, the i-th repeat changed by f(pat, i)."
               : "Repeats each event factor times, applying f once more to each repeat.",
          std::string("n(\"<0 [2 4]>\"):") + nm + (each ? "(4, function(p, n) return p:add(n * 2) end)" : "(4, add(2))") +
              ":scale(\"C:minor\"):note()",
          "time", 2, [nm, each](std::span<const Arg> a) {
            const HostFunction f = host_arg(a, 1, nm);
            const Pattern& pat = pat_arg(a, 2, nm);
            const Pattern& fp = pat_arg(a, 0, nm);
            Pattern out = patternify(std::span<const Pattern>(&fp, 1), [f, pat, each, nm](const std::vector<Value>& v) {
              const Rational factor = time(v[0], nm);
              const int64_t n = factor.floor_int();
              return squeeze_join({pat, [f, factor, n, each, nm](const Value& x) {
                                     std::vector<Pattern> reps;
                                     Pattern cur = pure(x);
                                     for (int64_t i = 0; i < n; ++i) {
                                       if (each) {
                                         reps.push_back(i == 0 ? pure(x)
                                                               : call_pattern(f, {Arg::of(pure(x)), Arg::of_value(Value(static_cast<double>(i)))}, nm));
                                       } else {
                                         reps.push_back(cur);
                                         cur = call_pattern(f, {Arg::of(cur)}, nm);
                                       }
                                     }
                                     if (reps.empty()) return silence();
                                     return fast(slowcat(reps), factor);
                                   }});
            });
            if (const Value* fv = fp.pure_value(); fv && pat.steps()) return out.with_steps(*pat.steps() * time(*fv, nm));
            return out.with_steps(std::nullopt);
          });
  }
  b.values("pressBy", {"pressby"}, "pressBy(r, pat)", "Squeezes each event into its last part, from r (0..1) of it.",
           "s(\"bd mt sd ht\"):pressBy(\"<0 0.5 0.25>\")", "time", 1,
           [](const auto& v, const Pattern& p) { return press_by(p, time(v[0], "pressBy")); });
  b.values("press", {}, "press(pat)", "pressBy(0.5): each event moved to the second half of its span.", "s(\"bd mt sd ht\"):press()",
           "time", 0, [](const auto&, const Pattern& p) { return press_by(p, Rational(1, 2)); });
  b.values("revv", {}, "revv(pat)", "Reverses the whole pattern in time (cycles too), not cycle by cycle.",
           "note(\"<[c d] [e g]>\"):revv()", "time", 0, [](const auto&, const Pattern& p) {
             auto neg = [](const TimeSpan& s) { return TimeSpan{Rational(0) - s.end, Rational(0) - s.begin}; };
             return p.with_query_span(neg).with_hap_span(neg);
           });
  b.with_fn("fastChunk", {"fastchunk"}, "fastChunk(n, f, pat)",
            "chunk, without repeating cycles: f moves over the n parts of the pattern as it plays on.",
            "n(\"<0 8> 1 2 3 4 5 6 7\"):scale(\"C2:major\"):note():fastChunk(4, add(7))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) {
              const int64_t n = integer(v[0], "fastChunk");
              if (n <= 0) return p;
              return when(p, iter(bools_seq(n), n, true), f);
            });
  b.with_fn("chunkInto", {"chunkinto"}, "chunkInto(n, f, pat)", "Applies f to one of n parts of each cycle, looped, moving on each cycle.",
            "s(\"bd sd ht lt bd - cp lt\"):chunkInto(4, hurry(2))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) {
              const int64_t n = integer(v[0], "chunkInto");
              if (n <= 0) return p;
              return into(p, iter(bools_seq(n), n, true), f);
            });
  b.with_fn("chunkBackInto", {"chunkbackinto"}, "chunkBackInto(n, f, pat)", "chunkInto, moving backwards.",
            "s(\"bd sd ht lt bd - cp lt\"):chunkBackInto(4, hurry(2))", "conditional", 1,
            [](const auto& v, const PatFn& f, const Pattern& p) {
              const int64_t n = integer(v[0], "chunkBackInto");
              if (n <= 0) return p;
              return into(p, early(iter(bools_seq(n), n, false), 1), f);
            });
  b.add("into", {}, "into(pieces, f, pat)",
        "Where pieces is true, f is applied to the pattern looped over that piece; elsewhere it plays unchanged.",
        "s(\"bd sd ht lt\"):into(\"1 0\", hurry(2))", "conditional", 2, [](std::span<const Arg> a) {
          return into(pat_arg(a, 2, "into"), pat_arg(a, 0, "into"), fn_arg(a, 1, "into"));
        });
  b.with_fn("apply", {}, "apply(f, pat)", "Applies the function: pat:apply(f) is f(pat).", "n(\"0 2\"):apply(add(7))", "structure",
            0, [](const auto&, const PatFn& f, const Pattern& p) { return f(p); });
  b.add("arpWith", {"arpwith"}, "arpWith(f, pat)",
        "f gets the list of the events that sound together (each {whole, part, value}) and returns the one to play.",
        "note(\"<[c,eb,g]!2 [c,f,ab] [d,f,ab]>\"):arpWith(function(haps) return haps[3] end)", "tonal", 1,
        [](std::span<const Arg> a) {
          const HostFunction f = host_arg(a, 0, "arpWith");
          const Pattern& pat = pat_arg(a, 1, "arpWith");
          Pattern collected = pat.with_haps([](Haps& haps) {
            Haps groups;
            std::vector<ValueList> members;
            for (const Hap& h : haps) {
              size_t g = 0;
              for (; g < groups.size(); ++g)
                if (groups[g].whole == h.whole) break;
              if (g == groups.size()) {
                groups.push_back(h);
                members.emplace_back();
              }
              members[g].push_back(hap_value(h));
            }
            for (size_t g = 0; g < groups.size(); ++g) {
              groups[g].value = Value::list(std::move(members[g]));
              groups[g].locations.clear();
            }
            haps = std::move(groups);
          });
          return inner_join({collected, [f](const Value& v) {
                               Arg list = Arg::of_value(v);
                               Arg r = f(std::span<const Arg>(&list, 1));
                               if (r.kind != Arg::Kind::Value || !r.value.is_map() || !r.value.get("value")) return silence();
                               return pure(*r.value.get("value"));
                             }});
        });
  // Strudel's binds: fmap to patterns, then a join. The Strudel dialect writes
  // pat.fmap(f).innerJoin() as pat:innerBind(f) (a value here cannot hold a pattern).
  struct BindDef {
    const char* name;
    const char* doc;
    Pattern (*join)(const PatternOfPatterns&);
  };
  static const BindDef kBinds[] = {
      {"innerBind", "Maps each value to a pattern by the function and plays those, their structure kept (Strudel's fmap(f).innerJoin()).", inner_join},
      {"outerBind", "Maps each value to a pattern by the function, the structure the outer pattern's (fmap(f).outerJoin()).", outer_join},
      {"squeezeBind", "Maps each value to a pattern by the function, a cycle of it squeezed into each event (fmap(f).squeezeJoin()).", squeeze_join},
      {"resetBind", "Maps each value to a pattern by the function, restarted from its cycle position at each event (fmap(f).resetJoin()).",
       [](const PatternOfPatterns& pp) { return reset_join(pp, false); }},
      {"restartBind", "Maps each value to a pattern by the function, restarted from zero at each event (fmap(f).restartJoin()).",
       [](const PatternOfPatterns& pp) { return reset_join(pp, true); }},
  };
  for (const BindDef& d : kBinds) {
    const std::string name = d.name;
    b.add(name, {}, name + "(f, pat)", d.doc,
          "n(mini(\"0 [1 2]\"):" + name + "(function(v) return mini(\"0 3\"):add(v) end))", "structure", 1,
          [name, join = d.join](std::span<const Arg> a) {
            const HostFunction f = host_arg(a, 0, name.c_str());
            const Pattern& pat = pat_arg(a, 1, name.c_str());
            return join({pat, [f, name](const Value& v) { return call_pattern(f, {Arg::of_value(v)}, name); }});
          });
  }
  b.add("withValue", {"fmap"}, "withValue(f, pat)", "Changes each event's value by the function (a Lua function of a value).",
        "n(mini(\"0 1 2\"):withValue(function(v) return v + 10 end))", "values", 1, [](std::span<const Arg> a) {
          const HostFunction f = host_arg(a, 0, "withValue");
          const Pattern& pat = pat_arg(a, 1, "withValue");
          return pat.fmap([f](const Value& v) {
            Arg x = Arg::of_value(v);
            Arg r = f(std::span<const Arg>(&x, 1));
            if (r.kind == Arg::Kind::Value) return r.value;
            if (r.kind == Arg::Kind::Pattern)
              if (const Value* pv = r.pattern.pure_value()) return *pv;
            throw ArgError("withValue: the function must return a plain value");
          });
        });
  auto hap_filter = [&](const char* name, std::vector<std::string> aliases, const char* doc, const char* ex, bool values,
                        bool steps) {
    b.add(name, std::move(aliases), std::string(name) + "(test, pat)", doc, ex, "structure", 1,
          [name, values, steps](std::span<const Arg> a) {
            const HostFunction f = host_arg(a, 0, name);
            const Pattern& pat = pat_arg(a, 1, name);
            Pattern out = pat.filter_haps([f, values](const Hap& h) {
              Arg x = Arg::of_value(values ? h.value : hap_value(h));
              x.hap = !values;
              return host_truthy(f(std::span<const Arg>(&x, 1)));
            });
            return out.with_steps(steps ? pat.steps() : std::nullopt);
          });
  };
  // Strudel's tag(t): adds t to the hap's context.tags, which filter's hap:hasTag(t) reads. The
  // tag is a plain value (a string or a number), not patterned, as in Strudel.
  b.add("tag", {}, "tag(t, pat)",
        "Adds the tag t (a string or a number) to each event, for filtering: filter(function(hap) return "
        "hap:hasTag(t) end). The sound is unchanged.",
        "s(\"bd sd\"):tag(\"drums\"):filter(function(hap) return hap:hasTag(\"drums\") end)", "structure", 1,
        [](std::span<const Arg> a) {
          if (a.empty() || a[0].kind == Arg::Kind::Function || a[0].kind == Arg::Kind::List)
            throw ArgError("tag: the tag must be a string or a number, e.g. tag(\"altered\")");
          Value t;
          if (a[0].text) t = Value(*a[0].text);
          else t = arg_value(a[0], "tag");
          if (!t.is_string() && !t.is_number()) throw ArgError("tag: the tag must be a string or a number, got " + t.json());
          const Pattern& pat = pat_arg(a, 1, "tag");
          const auto only = std::make_shared<const ValueList>(ValueList{t});
          return pat.with_hap([t, only](Hap h) {
            if (!h.tags) {
              h.tags = only;
            } else {
              ValueList l = *h.tags;
              l.push_back(t);
              h.tags = std::make_shared<const ValueList>(std::move(l));
            }
            return h;
          }).with_steps(pat.steps());
        });
  hap_filter("filterHaps", {}, "Keeps the events for which the test (a function of {whole, part, value}) is true.",
             "s(\"bd*8\"):velocity(rand):filterHaps(function(h) return h.whole.begin % 1 < h.value.velocity end)", false, false);
  hap_filter("filter", {}, "Keeps the events for which the test (a function of {whole, part, value}) is true.",
             "s(\"hh!7 oh\"):filter(function(hap) return hap.value.s == \"hh\" end)", false, false);
  hap_filter("filterValues", {}, "Keeps the events whose value passes the test.",
             "s(\"bd sd bd sd\"):filterValues(function(v) return v.s == \"bd\" end)", true, true);
  b.add("filterWhen", {}, "filterWhen(test, pat)", "Keeps the events whose start (whole begin) passes the test.",
        "s(\"bd*4\"):filterWhen(function(t) return t < 1 end)", "structure", 1, [](std::span<const Arg> a) {
          const HostFunction f = host_arg(a, 0, "filterWhen");
          return pat_arg(a, 1, "filterWhen").filter_haps([f](const Hap& h) {
            if (!h.whole) return false;
            Arg x = Arg::of_value(Value(h.whole->begin.to_double()));
            return host_truthy(f(std::span<const Arg>(&x, 1)));
          }).with_steps(std::nullopt);
        });
  b.add("xfade", {}, "xfade(a, pos, b)", "Cross-fades from a (pos 0) to b (pos 1) by their gain; both equal at 0.5.",
        "xfade(s(\"bd*2\"), \"<0 .25 .5 .75 1>\", s(\"hh*8\"))", "structure", -1, [](std::span<const Arg> a) {
          if (a.size() != 3) throw ArgError("xfade: expects (a, pos, b), or a:xfade(pos, b)");
          const Pattern& pa = pat_arg(a, 0, "xfade");
          const Pattern& pos = pat_arg(a, 1, "xfade");
          const Pattern& pb = pat_arg(a, 2, "xfade");
          auto gain = [&pos](bool right) {
            return pos.fmap([right](const Value& v) {
              const double p = num(v, "xfade");
              return Value::map({{"gain", fade_gain(right ? 1 - p : p)}});
            });
          };
          return stack({apply_op(pa, gain(false), times_op(), Structure::In), apply_op(pb, gain(true), times_op(), Structure::In)});
        },
        false);
  b.values("focus", {}, "focus(begin, end, pat)", "Like zoom, but without the cycle wrap: plays the span begin..end stretched to a cycle.",
           "s(\"bd hh sd hh\"):focus(1/4, 3/4)", "time", 2,
           [](const auto& v, const Pattern& p) { return focus(p, time(v[0], "focus"), time(v[1], "focus")); });
  b.values("toBipolar", {}, "toBipolar(pat)", "Maps 0..1 to -1..1.", "n(sine:toBipolar():range(0, 7):segment(4))", "signals", 0,
           [](const auto&, const Pattern& p) { return p.fmap([](const Value& v) { return Value(num(v, "toBipolar") * 2 - 1); }); });
  b.values("fromBipolar", {}, "fromBipolar(pat)", "Maps -1..1 to 0..1.", "n(sine2:fromBipolar():segment(4))", "signals", 0,
           [](const auto&, const Pattern& p) { return p.fmap([](const Value& v) { return Value((num(v, "fromBipolar") + 1) / 2); }); });
  b.values("range2", {}, "range2(min, max, pat)", "Scales a bipolar signal (-1..1) to min..max.",
           "s(\"[bd sd]*2,hh*8\"):cutoff(sine2:range2(500, 4000))", "signals", 2, [](const auto& v, const Pattern& p) {
             return range(p.fmap([](const Value& x) { return Value((num(x, "range2") + 1) / 2); }), num(v[0], "range2"),
                          num(v[1], "range2"));
           });
  b.values("ratio", {}, "ratio(pat)", "Turns \"5:4\" lists into the number 5/4.", "ratio(\"1, 5:4, 3:2\"):mul(110):freq()", "values", 0,
           [](const auto&, const Pattern& p) {
             return p.fmap([](const Value& v) {
               if (!v.is_list() || v.items().empty()) return v;
               double acc = num(v.items()[0], "ratio");
               for (size_t i = 1; i < v.items().size(); ++i) acc /= num(v.items()[i], "ratio");
               return Value(acc);
             });
           });
}

Pattern mark_triggers(const Pattern& pat, uint8_t bits) {
  return pat
      .with_hap([bits](Hap h) {
        h.marks |= bits;
        return h;
      })
      .with_steps(pat.steps());
}

}  // namespace mr::pattern
