// The fast paths of querying give exactly the events of the plain definitions: nested
// fast/slow/early/late fold into one affine node, pure patterns are born with their source
// spans, a hap's spans live inline until they spill, and operators sample signals instead of
// querying them. Each is checked against a reference
// built from the generic query-time and hap-time wrappers, over aligned and unaligned spans.
#include <catch2/catch.hpp>

#include <random>

#include "pattern/mini.hpp"
#include "pattern/ops.hpp"

using namespace mr::pattern;

namespace {

// The textbook definitions, one wrapper per step, none of the folding.
Pattern ref_fast(const Pattern& p, Rational f) {
  return p.with_query_time([f](const Rational& t) { return t * f; }).with_hap_time([f](const Rational& t) {
    return t / f;
  });
}
Pattern ref_early(const Pattern& p, Rational x) {
  return p.with_query_time([x](const Rational& t) { return t + x; }).with_hap_time([x](const Rational& t) {
    return t - x;
  });
}

void require_same(const Haps& a, const Haps& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].whole == b[i].whole);
    CHECK(a[i].part == b[i].part);
    CHECK(a[i].value == b[i].value);
    CHECK(a[i].locations == b[i].locations);
  }
}

}  // namespace

TEST_CASE("nested time shifts and speeds fold into one node with identical events") {
  std::mt19937 rng(7);
  const Rational factors[] = {Rational(2), Rational(3), Rational(1, 2), Rational(3, 4), Rational(5, 3), Rational(16)};
  const Rational shifts[] = {Rational(1, 4), Rational(-1, 3), Rational(1), Rational(5, 8), Rational(-7, 6)};
  const Pattern base = mini("a [b c] <d e f>(3,8) g@2");
  for (int trial = 0; trial < 200; ++trial) {
    Pattern ours = base, ref = base;
    const int depth = 1 + static_cast<int>(rng() % 5);
    for (int k = 0; k < depth; ++k) {
      if (rng() % 2) {
        const Rational f = factors[rng() % std::size(factors)];
        ours = fast(ours, f);
        ref = ref_fast(ref, f);
      } else {
        const Rational x = shifts[rng() % std::size(shifts)];
        ours = (rng() % 2) ? early(ours, x) : late(ours, -x);
        ref = ref_early(ref, x);
      }
    }
    const Rational b(static_cast<int64_t>(rng() % 40) - 10, 1 + static_cast<int64_t>(rng() % 6));
    const Rational e = b + Rational(1 + static_cast<int64_t>(rng() % 9), 1 + static_cast<int64_t>(rng() % 4));
    INFO("trial " << trial << " span " << b.str() << " .. " << e.str());
    require_same(ours.query_arc(b, e), ref.query_arc(b, e));
  }
}

TEST_CASE("slow is fast by the inverse, and folding keeps the steps of the outer call") {
  const Pattern p = mini("a b c");
  require_same(slow(fast(p, Rational(3)), Rational(3)).query_arc(Rational(0), Rational(4)),
               p.query_arc(Rational(0), Rational(4)));
  CHECK(fast(fast(p, Rational(2)), Rational(4)).steps() == Rational(3));
  CHECK(fast(p, Rational(0)).query_arc(Rational(0), Rational(1)).empty());
}

TEST_CASE("pure patterns are born with their spans, and spans spill past two") {
  const Haps one = pure(Value("x")).with_locations({{1, 2}}).with_locations({{3, 4}}).query_arc(Rational(1, 2), Rational(5, 2));
  REQUIRE(one.size() == 3);
  for (const Hap& h : one) CHECK(h.locations == SpanList{{1, 2}, {3, 4}});
  CHECK(one[0].part == TimeSpan{Rational(1, 2), Rational(1)});
  CHECK(one[2].whole == TimeSpan{Rational(2), Rational(3)});

  // Past two, spans live on the heap, and copy and move whole.
  SpanList s{{1, 2}, {3, 4}};
  const std::vector<SourceSpan> again = s.to_vector();
  s.append(again.data(), again.data() + again.size());
  REQUIRE(s.size() == 4);
  const SourceSpan front{9, 10};
  s.prepend(&front, &front + 1);
  CHECK(s[0] == SourceSpan{9, 10});
  CHECK(s[4] == SourceSpan{3, 4});
  SpanList copy = s;
  SpanList moved = std::move(copy);
  CHECK(moved == s);
  CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty
  moved = SpanList{{5, 6}};
  CHECK(moved.size() == 1);
}

TEST_CASE("operators sample signals and give the events of querying them") {
  // The same signals behind a plain query node: no sampler, so the operators take the general path.
  auto opaque = [](const Pattern& p) {
    REQUIRE(p.sampler() != nullptr);
    return Pattern([p](const State& st, Haps& out) { p.query_into(st, out); });
  };
  const Pattern pat = mini("a [b c] <d e>*2 f(3,8)").with_locations({{0, 1}});
  const Pattern signals[] = {
      rand_signal(),
      early(rand_signal(), Rational(3, 10000)),
      fast(range(sine(), 200, 2000), Rational(3, 2)),
      rand_signal().filter_values([](const Value& v) { return v.number() > 0.3; }),
      late(rand_signal().fmap([](const Value& v) { return Value(1 - v.number()); }), Rational(1, 3)),
  };
  const BinOp keep_left = [](const Value& a, const Value&) { return a; };
  const BinOp pair = [](const Value& a, const Value& b) { return Value::list({a, b}); };
  for (const Pattern& sig : signals) {
    for (const BinOp& op : {keep_left, pair}) {
      for (const auto& [b, e] : {std::pair{Rational(0), Rational(4)}, {Rational(1, 3), Rational(7, 5)}}) {
        State st{{b, e}};
        st.seed = 2;
        require_same(apply_op(pat, sig, op, Structure::In).query(st), apply_op(pat, opaque(sig), op, Structure::In).query(st));
        require_same(sig.query(st), opaque(sig).query(st));
      }
    }
  }
  // degradeBy keeps some and drops some: the sampled path is not vacuous.
  const size_t kept = degrade_by(fast(pure(Value(1)), Rational(64)), 0.5).query_arc(Rational(0), Rational(1)).size();
  CHECK(kept > 16);
  CHECK(kept < 48);
  // Anything else made from a signal is a query again (segment has a structure of its own).
  CHECK(segment(rand_signal(), Rational(4)).sampler() == nullptr);
  CHECK(rand_signal().with_locations({{1, 2}}).sampler() == nullptr);
}
