// Mini-notation to patterns: walks the parser's tree and builds the pattern with the public
// pattern API only, as Strudel's mini.mjs does; every atom's event carries its source span.
#include "pattern/mini.hpp"

#include <cmath>

#include "pattern/mini_ast.hpp"
#include "pattern/ops.hpp"

namespace mr::pattern {

namespace {

using namespace mini_ast;

Pattern build(const NodePtr& node);

Value atom_value(const Node& n) {
  if (auto x = number_of_step(n.text)) return Value(*x);
  return Value(n.text);
}

Rational to_time(const Value& v) {
  double x = 0;
  if (!v.to_number(x)) throw std::invalid_argument("expected a number, got " + v.json());
  return Rational::from_double(x);
}

int64_t to_int(const Value& v) {
  double x = 0;
  if (!v.to_number(x)) throw std::invalid_argument("expected a number, got " + v.json());
  // Beyond this, no count or rotation means anything (and the cast would be undefined).
  if (!(std::fabs(x) < 1e15)) throw std::invalid_argument("number out of range: " + v.json());
  return static_cast<int64_t>(std::floor(x));
}

// A patterned argument: plain when the argument is a single value, else an inner join over it.
Pattern patterned(const Pattern& arg, const std::function<Pattern(const Value&)>& f) {
  if (const Value* v = arg.pure_value()) return f(*v);
  return inner_join({arg, f});
}

Pattern apply_op_node(Pattern pat, const Element& e, const Op& op) {
  switch (op.kind) {
    case Op::Kind::Fast: {
      Pattern arg = build(op.arg);
      return patterned(arg, [pat](const Value& v) { return fast(pat, to_time(v)); });
    }
    case Op::Kind::Slow: {
      Pattern arg = build(op.arg);
      return patterned(arg, [pat](const Value& v) { return slow(pat, to_time(v)); });
    }
    case Op::Kind::Replicate:
      return pat;  // handled by the sequence (the element appears `amount` times)
    case Op::Kind::Euclid: {
      Pattern k = build(op.arg), n = build(op.arg2);
      Pattern r = op.arg3 ? build(op.arg3) : pure(0.0);
      return patterned(k, [=](const Value& kv) {
        return patterned(n, [=](const Value& nv) {
          return patterned(r, [=](const Value& rv) { return euclid(pat, to_int(kv), to_int(nv), to_int(rv)); });
        });
      });
    }
    case Op::Kind::Degrade: {
      const double amount = op.degrade_by.value_or(0.5);
      // Strudel: rand.early(0.0003 * seed), exactly 3*seed/10000.
      Pattern r = early(rand_signal(), Rational(3 * op.seed, 10000));
      return degrade_by_with(pat, r, amount);
    }
    case Op::Kind::Tail: {
      Pattern friend_ = build(op.arg);
      return apply_op(pat, friend_,
                      [](const Value& a, const Value& b) {
                        ValueList l = a.is_list() ? a.items() : ValueList{a};
                        l.push_back(b);
                        return Value::list(std::move(l));
                      },
                      Structure::In);
    }
    case Op::Kind::Range: {
      Pattern friend_ = build(op.arg);
      auto range_of = [](const Value& a, const Value& b) {
        const int64_t x = to_int(a), y = to_int(b);
        std::vector<Pattern> steps;
        if (std::abs(y - x) > 100000) throw std::invalid_argument("range too large");
        if (x <= y) {
          for (int64_t i = x; i <= y; ++i) steps.push_back(pure(static_cast<double>(i)));
        } else {
          for (int64_t i = x; i >= y; --i) steps.push_back(pure(static_cast<double>(i)));
        }
        return fastcat(steps);
      };
      if (pat.pure_value() && friend_.pure_value()) return range_of(*pat.pure_value(), *friend_.pure_value());
      return squeeze_join({apply_op(pat, friend_, [](const Value& a, const Value& b) { return Value::list({a, b}); },
                                    Structure::In),
                           [range_of](const Value& v) { return range_of(v.items()[0], v.items()[1]); }});
    }
  }
  (void)e;
  return pat;
}

Pattern build_element(const Element& e) {
  Pattern p = build(e.slice);
  for (const Op& op : e.ops) p = apply_op_node(p, e, op);
  return p;
}

Pattern build_sequence(const Node& n) {
  std::vector<std::pair<Rational, Pattern>> parts;
  bool weighted = false;
  for (const Element& e : n.children) {
    Pattern p = build_element(e);
    int64_t reps = 1;
    for (const Op& op : e.ops)
      if (op.kind == Op::Kind::Replicate) reps = static_cast<int64_t>(op.amount);
    const Rational w = Rational::from_double(e.weight) / reps;
    if (w != Rational(1)) weighted = true;
    charge_count(static_cast<double>(reps));
    for (int64_t i = 0; i < reps; ++i) parts.push_back({w, p});
  }
  if (!weighted) {
    std::vector<Pattern> pats;
    for (auto& [w, p] : parts) pats.push_back(p);
    return fastcat(pats).with_steps(Rational(static_cast<int64_t>(pats.size())));
  }
  return timecat(parts);
}

Pattern build(const NodePtr& node) {
  const Node& n = *node;
  if (n.kind == Node::Kind::Atom) {
    if (n.text == "~" || n.text == "-") return silence();
    return pure(atom_value(n)).with_locations({n.span});
  }
  switch (n.align) {
    case Align::Sequence: return build_sequence(n);
    case Align::Stack: {
      std::vector<Pattern> layers;
      for (const Element& e : n.children) layers.push_back(build_element(e));
      return stack(layers);
    }
    case Align::Choose: {
      std::vector<Pattern> xs;
      for (const Element& e : n.children) xs.push_back(build_element(e));
      return choose_in_with(segment(early(rand_signal(), Rational(3 * n.seed, 10000)), 1), xs);
    }
    case Align::Feet: {
      std::vector<Pattern> steps;
      for (const Element& e : n.children) steps.push_back(build_element(e));
      return fastcat(steps);
    }
    case Align::Polymeter:
    case Align::PolymeterSlowcat: {
      std::vector<Pattern> layers;
      for (const Element& e : n.children) layers.push_back(build_element(e));
      if (n.align == Align::PolymeterSlowcat) return polymeter(layers, Rational(1));
      if (n.steps_per_cycle) {
        Pattern steps = build(n.steps_per_cycle);
        return patterned(steps, [layers](const Value& v) { return polymeter(layers, to_time(v)); });
      }
      return polymeter(layers, std::nullopt);
    }
  }
  return silence();
}

}  // namespace

Pattern mini(std::string_view text, int32_t source_offset) {
  NodePtr root = mini_ast::parse(text, source_offset);
  // The parser checks what it can see; a value that only fails when the pattern is built (a
  // euclid count past 1e15, a factor whose exact time overflows) is a parse error too, so that
  // mini() throws nothing else.
  try {
    return build(root);
  } catch (const MiniParseError&) {
    throw;
  } catch (const std::exception& e) {
    throw MiniParseError(source_offset, std::string("cannot build this pattern: ") + e.what());
  }
}

}  // namespace mr::pattern
