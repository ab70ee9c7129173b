// The pattern core: spans, the query wrapper, the generic transformations, the joins and the
// constructors every combinator is built from (Strudel's pattern.mjs, core part).
#include "pattern/pattern.hpp"

#include <algorithm>

namespace mr::pattern {

// [SECTION] spans

std::vector<TimeSpan> TimeSpan::span_cycles() const {
  std::vector<TimeSpan> spans;
  for_each_cycle([&](const TimeSpan& s) { spans.push_back(s); });
  return spans;
}

std::optional<TimeSpan> TimeSpan::intersection(const TimeSpan& other) const {
  const Rational b = Rational::max(begin, other.begin);
  const Rational e = Rational::min(end, other.end);
  if (b > e) return std::nullopt;
  if (b == e) {
    // A zero-width meeting point at the end of a non-zero span is not inside it.
    if (b == end && begin < end) return std::nullopt;
    if (b == other.end && other.begin < other.end) return std::nullopt;
  }
  return TimeSpan{b, e};
}

// [SECTION] the pattern object

// Building a node is one unit of work too: a loop that builds patterns from a Lua argument
// (run(1e12), iter(1e9)) is stopped by the budget of the evaluation that asked for it.
Pattern::Pattern() : query_(std::make_shared<const QueryFn>([](const State&, Haps&) {})) { charge_work(kBuildWork); }
Pattern::Pattern(QueryFn query) : query_(std::make_shared<const QueryFn>(std::move(query))) { charge_work(kBuildWork); }

namespace detail {
void work_budget_exceeded(const WorkBudget& b) {
  throw WorkBudgetExceeded(std::string(b.what) + " did more than " + std::to_string(b.limit) +
                           " steps of work (the budget; something like fast(1e12), a stack doubled thousands of "
                           "times or a huge count made it explode)");
}
void query_too_deep() {
  throw WorkBudgetExceeded("the pattern is nested more than " + std::to_string(kMaxQueryDepth) +
                           " combinators deep (the limit)");
}
}  // namespace detail

Haps Pattern::query_arc(const Rational& begin, const Rational& end) const { return query(State{{begin, end}}); }

Haps Pattern::query(const State& state) const {
  // No budget in force (a query from a test or a tool): this query gets the default one.
  if (!work_budget_active()) {
    WorkScope scope(kDefaultQueryWork, "the query");
    return query(state);
  }
  // Room for as many haps as this thread's last query gave: the list is not regrown (and every
  // hap moved) several times per query of a dense pattern.
  thread_local size_t last_size = 16;
  Haps out;
  out.reserve(last_size);
  (*query_)(state, out);
  last_size = std::clamp<size_t>(out.size(), 16, 4096);
  return out;
}

Pattern Pattern::with_steps(std::optional<Rational> steps) const {
  Pattern p = *this;
  p.steps_ = steps;
  return p;
}

Pattern Pattern::with_query_span(std::function<TimeSpan(const TimeSpan&)> f) const {
  auto q = query_;
  return Pattern([q, f = std::move(f)](const State& st, Haps& out) { (*q)(st.with_span(f(st.span)), out); });
}

Pattern Pattern::with_query_time(std::function<Rational(const Rational&)> f) const {
  auto q = query_;
  return Pattern([q, f = std::move(f)](const State& st, Haps& out) {
    (*q)(st.with_span({f(st.span.begin), f(st.span.end)}), out);
  });
}

Pattern Pattern::with_hap_span(std::function<TimeSpan(const TimeSpan&)> f) const {
  auto q = query_;
  return Pattern([q, f = std::move(f)](const State& st, Haps& out) {
    const size_t first = out.size();
    (*q)(st, out);
    for (size_t i = first; i < out.size(); ++i) {
      Hap& h = out[i];
      if (h.whole) h.whole = f(*h.whole);
      h.part = f(h.part);
    }
  });
}

Pattern Pattern::with_hap_time(std::function<Rational(const Rational&)> f) const {
  return with_hap_span([f = std::move(f)](const TimeSpan& s) { return TimeSpan{f(s.begin), f(s.end)}; });
}

Pattern Pattern::with_haps(std::function<void(Haps&)> f) const {
  auto q = query_;
  return Pattern([q, f = std::move(f)](const State& st, Haps& out) {
    Haps mine;
    (*q)(st, mine);
    f(mine);
    for (auto& h : mine) out.push_back(std::move(h));
  });
}

Pattern Pattern::with_hap(std::function<Hap(Hap)> f) const {
  auto q = query_;
  return Pattern([q, f = std::move(f)](const State& st, Haps& out) {
    const size_t first = out.size();
    (*q)(st, out);
    for (size_t i = first; i < out.size(); ++i) out[i] = f(std::move(out[i]));
  });
}

Pattern Pattern::fmap(std::function<Value(const Value&)> f) const {
  if (sampler_) {
    Pattern p = from_sampler([s = sampler_, f = std::move(f)](const Rational& t, double seed) {
      std::optional<Value> v = (*s)(t, seed);
      if (v) v = f(*v);
      return v;
    });
    p.steps_ = steps_;
    return p;
  }
  auto q = query_;
  Pattern p([q, f = std::move(f)](const State& st, Haps& out) {
    const size_t first = out.size();
    (*q)(st, out);
    for (size_t i = first; i < out.size(); ++i) out[i].value = f(out[i].value);
  });
  p.steps_ = steps_;
  return p;
}

Pattern Pattern::filter_haps(std::function<bool(const Hap&)> keep) const {
  auto q = query_;
  Pattern p([q, keep = std::move(keep)](const State& st, Haps& out) {
    const size_t first = out.size();
    (*q)(st, out);
    size_t w = first;
    for (size_t i = first; i < out.size(); ++i) {
      if (keep(out[i])) {
        if (w != i) out[w] = std::move(out[i]);
        ++w;
      }
    }
    out.resize(w);
  });
  p.steps_ = steps_;
  return p;
}

Pattern Pattern::filter_values(std::function<bool(const Value&)> keep) const {
  if (sampler_) {
    Pattern p = from_sampler([s = sampler_, keep = std::move(keep)](const Rational& t, double seed) {
      std::optional<Value> v = (*s)(t, seed);
      if (v && !keep(*v)) v.reset();
      return v;
    });
    p.steps_ = steps_;
    return p;
  }
  return filter_haps([keep = std::move(keep)](const Hap& h) { return keep(h.value); });
}

Pattern Pattern::onsets_only() const {
  return filter_haps([](const Hap& h) { return h.has_onset(); });
}

Pattern Pattern::split_queries() const {
  auto q = query_;
  Pattern p([q](const State& st, Haps& out) {
    // Within one cycle (the usual query): as it is, without building the list of pieces.
    if (st.span.end <= st.span.begin.next_sam()) {
      (*q)(st, out);
      return;
    }
    st.span.for_each_cycle([&](const TimeSpan& s) { (*q)(st.with_span(s), out); });
  });
  p.steps_ = steps_;
  return p;
}

Pattern Pattern::with_locations(std::vector<SourceSpan> spans) const {
  if (spans.empty()) return *this;
  if (pure_) {
    // Born with its spans: no pass over the haps to add them.
    SpanList all = pure_spans_;
    all.append(spans.data(), spans.data() + spans.size());
    return pure_with(*pure_, std::move(all)).with_steps(steps_);
  }
  auto q = query_;
  Pattern p([q, spans = std::move(spans)](const State& st, Haps& out) {
    const size_t first = out.size();
    (*q)(st, out);
    for (size_t i = first; i < out.size(); ++i) {
      auto& l = out[i].locations;
      l.append(spans.data(), spans.data() + spans.size());
    }
  });
  p.steps_ = steps_;
  p.pure_ = pure_;
  return p;
}

// [SECTION] joins (Strudel's bindWhole family)

namespace {

// The outer hap's context goes with the inner one's: its locations first, its scale when the
// inner hap has none (Strudel: Object.assign({}, outer.context, inner.context)), its log bits.
void append_locations(Hap& h, const Hap& from) {
  if (!from.locations.empty()) h.locations.prepend(from.locations.begin(), from.locations.end());
  if (!h.scale) h.scale = from.scale;
  h.marks |= from.marks;
  if (!h.tags) h.tags = from.tags;
}

}  // namespace

Pattern inner_join(const PatternOfPatterns& pp) {
  return Pattern([pp](const State& st, Haps& out) {
    Haps outer;
    pp.outer.query_into(st, outer);
    for (const Hap& o : outer) {
      Pattern inner = pp.inner_of(o.value);
      const size_t first = out.size();
      inner.query_into(st.with_span(o.part), out);
      for (size_t i = first; i < out.size(); ++i) append_locations(out[i], o);
    }
  });
}

Pattern outer_join(const PatternOfPatterns& pp) {
  return Pattern([pp](const State& st, Haps& out) {
    Haps outer;
    pp.outer.query_into(st, outer);
    for (const Hap& o : outer) {
      Pattern inner = pp.inner_of(o.value);
      const size_t first = out.size();
      inner.query_into(st.with_span(o.part), out);
      for (size_t i = first; i < out.size(); ++i) {
        out[i].whole = o.whole;
        append_locations(out[i], o);
      }
    }
  });
}

Pattern squeeze_join(const PatternOfPatterns& pp) {
  return Pattern([pp](const State& st, Haps& out) {
    Haps outer;
    pp.outer.query_into(st, outer);
    for (const Hap& o : outer) {
      if (!o.whole) continue;  // discreteOnly
      // Focus the inner pattern's cycle 0 onto the outer event's whole.
      const TimeSpan w = *o.whole;
      const Rational dur = w.duration();
      if (dur == Rational(0)) continue;
      Pattern inner = pp.inner_of(o.value);
      const Rational b = w.begin;
      const Rational sam = b.floor();
      // focus(b, e): early(sam(b)) . fast(1/(e-b)) . late(b)
      auto to_inner = [&](const Rational& t) { return (t - b) / dur + sam; };
      auto to_outer = [&](const Rational& t) { return (t - sam) * dur + b; };
      Haps ih;
      inner.query_into(st.with_span({to_inner(o.part.begin), to_inner(o.part.end)}), ih);
      for (Hap& h : ih) {
        Hap n;
        if (h.whole) {
          TimeSpan iw{to_outer(h.whole->begin), to_outer(h.whole->end)};
          auto x = iw.intersection(w);
          if (!x) continue;
          n.whole = *x;
        }
        auto part = TimeSpan{to_outer(h.part.begin), to_outer(h.part.end)}.intersection(o.part);
        if (!part) continue;
        n.part = *part;
        n.value = std::move(h.value);
        n.locations = o.locations;
        n.locations.append(h.locations.begin(), h.locations.end());
        n.scale = o.scale ? o.scale : h.scale;  // squeezeJoin: the outer context wins
        n.marks = o.marks | h.marks;
        n.tags = o.tags ? o.tags : h.tags;
        out.push_back(std::move(n));
      }
    }
  });
}

Pattern reset_join(const PatternOfPatterns& pp, bool restart) {
  // Each outer event starts the inner pattern over: from its cycle position (reset) or from
  // zero (restart), by shifting the inner pattern so its start lines up with the event.
  return Pattern([pp, restart](const State& st, Haps& out) {
    Haps outer;
    pp.outer.query_into(st, outer);
    for (const Hap& o : outer) {
      if (!o.whole) continue;
      Pattern inner = pp.inner_of(o.value);
      // reset: late(cyclePos(whole.begin)); restart: late(whole.begin).
      const Rational by = restart ? o.whole->begin : o.whole->begin.frac();
      Haps ih;
      inner.query_into(st.with_span({o.part.begin - by, o.part.end - by}), ih);
      for (Hap& h : ih) {
        Hap n;
        if (h.whole) n.whole = TimeSpan{h.whole->begin + by, h.whole->end + by};
        auto part = TimeSpan{h.part.begin + by, h.part.end + by}.intersection(o.part);
        if (!part) continue;
        n.part = *part;
        if (n.whole) {
          auto w = n.whole->intersection(*o.whole);
          if (!w) continue;
          n.whole = *w;
        }
        n.value = std::move(h.value);
        n.locations = o.locations;
        n.locations.append(h.locations.begin(), h.locations.end());
        n.scale = h.scale ? h.scale : o.scale;
        n.marks = o.marks | h.marks;
        n.tags = h.tags ? h.tags : o.tags;
        out.push_back(std::move(n));
      }
    }
  });
}

// [SECTION] constructors

Pattern Pattern::pure_with(Value v, SpanList spans) {
  Pattern p([v, spans](const State& st, Haps& out) {
    auto emit = [&](const TimeSpan& part) {
      Hap& h = out.emplace_back();
      const Rational sam = part.begin.floor();
      h.whole = TimeSpan{sam, sam + Rational(1)};
      h.part = part;
      h.value = v;
      h.locations = spans;
    };
    if (st.span.end <= st.span.begin.next_sam()) {
      emit(st.span);
      return;
    }
    st.span.for_each_cycle(emit);
  });
  p.pure_ = std::move(v);
  p.pure_spans_ = std::move(spans);
  p.steps_ = Rational(1);
  return p;
}

Pattern pure(Value v) { return Pattern::pure_with(std::move(v), {}); }

// [SECTION] affine time

struct Pattern::Affine {
  Pattern inner;
  Rational scale, shift;
};

Pattern Pattern::affine(const Pattern& pat, const Rational& scale, const Rational& shift) {
  const Pattern* base = &pat;
  Rational s = scale, o = shift;
  if (pat.affine_) {
    // (t * s2 + o2) * s1 + o1 = t * (s2 * s1) + (o2 * s1 + o1)
    base = &pat.affine_->inner;
    o = shift * pat.affine_->scale + pat.affine_->shift;
    s = scale * pat.affine_->scale;
  }
  const Pattern inner = *base;
  const Rational inv = Rational(1) / s;
  const Rational back = o * inv;  // haps: t -> t * inv - back
  // Maps a hap's times back; part's ends equal to whole's (a whole event, or its onset) reuse them.
  auto map_haps = [](Haps& out, size_t first, auto&& f) {
    for (size_t i = first; i < out.size(); ++i) {
      Hap& h = out[i];
      if (!h.whole) {
        h.part = TimeSpan{f(h.part.begin), f(h.part.end)};
        continue;
      }
      const TimeSpan w{f(h.whole->begin), f(h.whole->end)};
      const Rational pb = h.part.begin == h.whole->begin ? w.begin : f(h.part.begin);
      const Rational pe = h.part.end == h.whole->end ? w.end : f(h.part.end);
      h.whole = w;
      h.part = TimeSpan{pb, pe};
    }
  };
  Pattern p;
  if (o == Rational(0)) {
    p = Pattern([inner, s, inv, map_haps](const State& st, Haps& out) {
      const size_t first = out.size();
      inner.query_into(st.with_span({st.span.begin * s, st.span.end * s}), out);
      map_haps(out, first, [&](const Rational& t) { return t * inv; });
    });
  } else if (s == Rational(1)) {
    p = Pattern([inner, o, map_haps](const State& st, Haps& out) {
      const size_t first = out.size();
      inner.query_into(st.with_span({st.span.begin + o, st.span.end + o}), out);
      map_haps(out, first, [&](const Rational& t) { return t - o; });
    });
  } else {
    p = Pattern([inner, s, o, inv, back, map_haps](const State& st, Haps& out) {
      const size_t first = out.size();
      inner.query_into(st.with_span({st.span.begin * s + o, st.span.end * s + o}), out);
      map_haps(out, first, [&](const Rational& t) { return t * inv - back; });
    });
  }
  p.affine_ = std::make_shared<const Affine>(Affine{inner, s, o});
  p.steps_ = pat.steps_;
  if (pat.sampler_) {
    // The hap comes back with exactly the query span (exact arithmetic), sampled at the mapped start.
    p.sampler_ = std::make_shared<const Sampler>([ps = pat.sampler_, scale, shift](const Rational& t, double seed) {
      return (*ps)(t * scale + shift, seed);
    });
  }
  return p;
}

Pattern Pattern::from_sampler(Sampler sample) {
  auto sp = std::make_shared<const Sampler>(std::move(sample));
  Pattern p([sp](const State& st, Haps& out) {
    std::optional<Value> v = (*sp)(st.span.begin, st.seed);
    if (!v) return;
    Hap& h = out.emplace_back();
    h.part = st.span;
    h.value = std::move(*v);
  });
  p.sampler_ = std::move(sp);
  return p;
}

Pattern silence() { return Pattern().with_steps(Rational(1)); }

Pattern steady(Value v) {
  return Pattern([v](const State& st, Haps& out) {
    Hap h;
    h.part = st.span;
    h.value = v;
    out.push_back(std::move(h));
  });
}

Pattern signal(std::function<Value(const Rational& t)> f) {
  return Pattern::from_sampler([f = std::move(f)](const Rational& t, double) { return std::optional<Value>(f(t)); });
}

}  // namespace mr::pattern
