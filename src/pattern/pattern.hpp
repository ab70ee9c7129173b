// A pattern is a value wrapping a pure query: given a span of cycles, it returns the haps that
// overlap it. Combinators build new patterns from old ones; nothing is evaluated until queried.
// This header is the core: the class, pure/silence, the joins and the generic lift helpers.
// The combinators themselves are declared in ops.hpp and defined in files by theme (time.cpp,
// structure.cpp, signals.cpp, ...), each a few lines over this core.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "pattern/budget.hpp"
#include "pattern/hap.hpp"

namespace mr::pattern {

// What a query asks about: a span, plus the controls Strudel threads through (the random seed).
struct State {
  TimeSpan span;
  double seed = 0;  // added to time before hashing: .seed(n) gives another random sequence
  State with_span(TimeSpan s) const { return State{s, seed}; }
};

using Haps = std::vector<Hap>;
// A query appends the haps for state.span to `out` (appending avoids a vector per node). Every
// node's query runs through this wrapper, which charges one unit of the work budget and one level
// of nesting (budget.hpp): no combinator can query past the budget, whatever it does.
class QueryFn {
 public:
  using Fn = std::function<void(const State& state, Haps& out)>;
  QueryFn() = default;
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, QueryFn>)
  QueryFn(F&& f) : fn_(std::forward<F>(f)) {}  // NOLINT: implicit from any callable, as std::function
  void operator()(const State& state, Haps& out) const {
    charge_work();
    QueryDepth depth;
    fn_(state, out);
  }

 private:
  Fn fn_;
};

class Pattern {
 public:
  Pattern();  // silence
  explicit Pattern(QueryFn query);

  // The haps overlapping [begin, end), in the order the pattern produces them.
  Haps query_arc(const Rational& begin, const Rational& end) const;
  Haps query(const State& state) const;
  void query_into(const State& state, Haps& out) const { (*query_)(state, out); }

  // Strudel's __pure shortcut: a pattern made by pure(v) remembers v, so combinators given a
  // plain argument can skip the patterned path (and its cycle-boundary fragmentation).
  const Value* pure_value() const { return pure_ ? &*pure_ : nullptr; }
  // Strudel's _steps (tactus): steps per cycle where known (sequences), for stepwise functions.
  std::optional<Rational> steps() const { return steps_; }
  Pattern with_steps(std::optional<Rational> steps) const;

  // [SECTION] the core transformations every combinator is built from.
  Pattern with_query_span(std::function<TimeSpan(const TimeSpan&)> f) const;
  Pattern with_query_time(std::function<Rational(const Rational&)> f) const;
  Pattern with_hap_span(std::function<TimeSpan(const TimeSpan&)> f) const;
  Pattern with_hap_time(std::function<Rational(const Rational&)> f) const;
  Pattern with_haps(std::function<void(Haps&)> f) const;
  Pattern with_hap(std::function<Hap(Hap)> f) const;
  Pattern fmap(std::function<Value(const Value&)> f) const;
  Pattern filter_haps(std::function<bool(const Hap&)> keep) const;
  Pattern filter_values(std::function<bool(const Value&)> keep) const;
  Pattern onsets_only() const;  // filterOnsets: keep fragments with an onset
  Pattern split_queries() const;  // query one cycle at a time
  Pattern with_locations(std::vector<SourceSpan> spans) const;  // adds spans to every hap

  // Affine time: the query span mapped by t -> t * scale + shift, the haps mapped back (fast,
  // slow, early and late are this one node). An affine node over another folds into one
  // (fast(fast(p, 2), 8) queries p directly with the factor 16): the composed map is the same
  // exact rational function, so the events are identical, with half the arithmetic.
  static Pattern affine(const Pattern& pat, const Rational& scale, const Rational& shift);

  // A continuous signal: every query gives one hap whose part is the query span (no whole) and
  // whose value is a function of the span's start and the seed, or none where a filter dropped
  // it. fmap, filter_values and affine time keep this form; the operators sample such a pattern
  // at a time instead of querying it (the same events, without building a hap for each).
  using Sampler = std::function<std::optional<Value>(const Rational& t, double seed)>;
  static Pattern from_sampler(Sampler s);
  const Sampler* sampler() const { return sampler_.get(); }

  // [SECTION] joins: flatten a pattern of patterns (values hold patterns via PatternValue).
  // Implemented over an explicit "pattern of patterns" so the value type stays plain data.

 private:
  struct Affine;
  static Pattern pure_with(Value v, SpanList spans);

  std::shared_ptr<const QueryFn> query_;
  std::optional<Value> pure_;
  SpanList pure_spans_;  // a pure pattern's source spans (with_locations builds them in)
  std::optional<Rational> steps_;
  std::shared_ptr<const Affine> affine_;  // set on affine nodes (what they map and how)
  std::shared_ptr<const Sampler> sampler_;  // set on signals (see from_sampler)
  friend Pattern pure(Value v);
};

// A pattern of patterns, for the joins: outer structure from `outer`, each outer value mapped to
// an inner pattern by `inner_of`.
struct PatternOfPatterns {
  Pattern outer;
  std::function<Pattern(const Value&)> inner_of;
};
Pattern inner_join(const PatternOfPatterns& pp);    // structure from the inner patterns
Pattern outer_join(const PatternOfPatterns& pp);    // structure from the outer pattern
Pattern squeeze_join(const PatternOfPatterns& pp);  // inner cycles squeezed into outer haps
Pattern reset_join(const PatternOfPatterns& pp, bool restart);

// [SECTION] constructors.
Pattern pure(Value v);       // one event per cycle
Pattern silence();           // no events
Pattern steady(Value v);     // continuous (no whole), constant
Pattern signal(std::function<Value(const Rational& t)> f);  // continuous, sampled at span.begin

}  // namespace mr::pattern
