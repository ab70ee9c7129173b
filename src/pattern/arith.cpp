// Operators between patterns with Strudel's structure rules: structure from the left (in, the
// default), the right (out), both (mix), squeezed (squeeze, squeezeout), or restarted (reset,
// restart). Values combine as Strudel's composers do, control maps key by key.
#include <cmath>

#include "pattern/jsmath.hpp"
#include "pattern/ops.hpp"
#include "pattern/stepwise.hpp"

namespace mr::pattern {

namespace {

// parseNumeral: numbers as they are, numeric strings parsed, note names to MIDI.
bool numeral(const Value& v, double& out) {
  if (v.is_number()) {
    out = v.number();
    return true;
  }
  if (v.is_bool()) {
    out = v.boolean() ? 1 : 0;
    return true;
  }
  if (v.is_string()) {
    if (v.to_number(out)) return true;
    if (auto m = note_to_midi(v.string())) {
      out = *m;
      return true;
    }
  }
  return false;
}

Value scalar_op(const Value& a, const Value& b, char op) {
  switch (op) {
    case '=': return b;  // set
    case 'k': return a;  // keep
    case '<': return Value(a < b);
    default: break;
  }
  double x = 0, y = 0;
  const bool nx = numeral(a, x), ny = numeral(b, y);
  if (op == '+' && (!nx || !ny) && (a.is_string() || b.is_string())) {
    // JavaScript's + concatenates when either side is not a number.
    auto str = [](const Value& v) { return v.is_string() ? v.string() : v.is_number() ? js_number(v.number()) : v.json(); };
    return Value(str(a) + str(b));
  }
  if (!nx || !ny) return Value(std::nan(""));
  switch (op) {
    case '+': return Value(x + y);
    case '-': return Value(x - y);
    case '*': return Value(x * y);
    case '/': return Value(x / y);
    case '%': return Value(std::fmod(std::fmod(x, y) + y, y));  // Strudel's _mod: always positive
    case '^': return Value(js_pow(x, y));  // Math.pow, bit for bit
    case 'g': return Value(x > y);
    case 'l': return Value(x < y);
    case 'G': return Value(x >= y);
    case 'L': return Value(x <= y);
    case 'e': return Value(x == y);
    case 'n': return Value(x != y);
    default: return Value();
  }
}

}  // namespace

Value num_op(const Value& a, const Value& b, char op) {
  if (op == '&') return a.truthy() ? b : a;
  if (op == '|') return a.truthy() ? a : b;
  if (a.is_map() || b.is_map()) {
    // Strudel's _composeOp and unionWithObj: a plain value on one side is {value: x}; common
    // keys combine, the others are kept. When the right side is only {value: x} (a plain number
    // applied to a control pattern, n("0 1"):add(10)), Strudel warns "Can't do arithmetic on
    // control pattern" and leaves the left side as it is; so does this.
    const Value am = a.is_map() ? a : Value::map({{"value", a}});
    const Value bm = b.is_map() ? b : Value::map({{"value", b}});
    if (bm.entries().size() == 1 && bm.entries()[0].first == "value" && !bm.entries()[0].second.is_nil()) return am;
    // Both sides are sorted by key: one merge gives the sorted union.
    const ValueMap& ea = am.entries();
    const ValueMap& eb = bm.entries();
    ValueMap m;
    m.reserve(ea.size() + eb.size());
    size_t i = 0, j = 0;
    while (i < ea.size() || j < eb.size()) {
      if (j == eb.size() || (i < ea.size() && ea[i].first < eb[j].first)) {
        m.push_back(ea[i++]);
      } else if (i == ea.size() || eb[j].first < ea[i].first) {
        m.push_back(eb[j++]);
      } else {
        m.push_back({ea[i].first, scalar_op(ea[i].second, eb[j].second, op)});
        ++i, ++j;
      }
    }
    return Value::map(std::move(m));
  }
  return scalar_op(a, b, op);
}

namespace {

Pattern app_left(const Pattern& left, const Pattern& right, const BinOp& op) {
  return Pattern([left, right, op](const State& st, Haps& out) {
    Haps ls;
    left.query_into(st, ls);
    Haps rs;
    // A pure value queried over the whole gives one hap per cycle of it, of which only those
    // meeting the part count: querying the part gives exactly those (and a whole a billion cycles
    // long, "a/1e9:b", costs nothing).
    const bool local = right.pure_value() != nullptr;
    if (const Pattern::Sampler* sample = right.sampler()) {
      // A signal gives one hap spanning what is asked, valued at its start: sample it.
      for (Hap& l : ls) {
        const TimeSpan w = l.whole ? *l.whole : l.part;
        std::optional<Value> v = (*sample)(w.begin, st.seed);
        if (!v) continue;
        auto part = l.part.intersection(w);
        if (!part) continue;
        Hap& h = out.emplace_back();
        h.whole = l.whole;
        h.part = *part;
        h.value = op(l.value, *v);
        h.locations = std::move(l.locations);
        h.scale = l.scale;
        h.marks = l.marks;
        h.tags = l.tags;
      }
      return;
    }
    for (const Hap& l : ls) {
      rs.clear();
      const TimeSpan w = l.whole && !local ? *l.whole : l.part;
      right.query_into(st.with_span(w), rs);
      for (const Hap& r : rs) {
        auto part = l.part.intersection(r.part);
        if (!part) continue;
        Hap h;
        h.whole = l.whole;
        h.part = *part;
        h.value = op(l.value, r.value);
        h.locations = l.locations;
        h.locations.append(r.locations.begin(), r.locations.end());
        h.scale = l.scale ? l.scale : r.scale;  // the function side's context wins
        h.marks = l.marks | r.marks;
        h.tags = l.tags ? l.tags : r.tags;
        out.push_back(std::move(h));
      }
    }
  });
}

Pattern app_right(const Pattern& left, const Pattern& right, const BinOp& op) {
  return Pattern([left, right, op](const State& st, Haps& out) {
    Haps rs;
    right.query_into(st, rs);
    Haps ls;
    const bool local = left.pure_value() != nullptr;  // as in app_left
    for (const Hap& r : rs) {
      ls.clear();
      const TimeSpan w = r.whole && !local ? *r.whole : r.part;
      left.query_into(st.with_span(w), ls);
      for (const Hap& l : ls) {
        auto part = r.part.intersection(l.part);
        if (!part) continue;
        Hap h;
        h.whole = r.whole;
        h.part = *part;
        h.value = op(l.value, r.value);
        h.locations = l.locations;
        h.locations.append(r.locations.begin(), r.locations.end());
        h.scale = l.scale ? l.scale : r.scale;  // the function side's context wins
        h.marks = l.marks | r.marks;
        h.tags = l.tags ? l.tags : r.tags;
        out.push_back(std::move(h));
      }
    }
  });
}

Pattern app_both(const Pattern& left, const Pattern& right, const BinOp& op) {
  return Pattern([left, right, op](const State& st, Haps& out) {
    Haps ls, rs;
    left.query_into(st, ls);
    right.query_into(st, rs);
    charge_count(static_cast<double>(ls.size()) * static_cast<double>(rs.size()));  // every pair is tried
    for (const Hap& l : ls) {
      for (const Hap& r : rs) {
        auto part = l.part.intersection(r.part);
        if (!part) continue;
        Hap h;
        if (l.whole && r.whole) {
          // intersection_e: wholes that do not overlap make no event.
          auto w = l.whole->intersection(*r.whole);
          if (!w) continue;
          h.whole = *w;
        }
        h.part = *part;
        h.value = op(l.value, r.value);
        h.locations = l.locations;
        h.locations.append(r.locations.begin(), r.locations.end());
        h.scale = l.scale ? l.scale : r.scale;  // the function side's context wins
        h.marks = l.marks | r.marks;
        h.tags = l.tags ? l.tags : r.tags;
        out.push_back(std::move(h));
      }
    }
  });
}

}  // namespace

Pattern apply_op(const Pattern& left, const Pattern& right, const BinOp& op, Structure how) {
  // No shortcut for a plain value on the right: Strudel's _opIn queries it over each whole, so a
  // whole that crosses a cycle boundary is split there (n("0 1"):late(0.25):add(1) fragments).
  switch (how) {
    // Steps as Strudel's appLeft, appRight and appBoth give them.
    case Structure::In: return app_left(left, right, op).with_steps(left.steps());
    case Structure::Out: return app_right(left, right, op).with_steps(right.steps());
    case Structure::Mix: {
      std::optional<Rational> steps;
      if (left.steps() && right.steps()) steps = lcm_rational(*left.steps(), *right.steps());
      else steps = left.steps() ? left.steps() : right.steps();
      return app_both(left, right, op).with_steps(steps);
    }
    case Structure::Poly: {
      // Strudel's _opPoly: the right pattern is paced to the left's steps per cycle (polyJoin:
      // extend by leftSteps/rightSteps, outer join), and the operator gets its arguments the
      // other way round (op(right, left)), as Strudel 1.2.6 does.
      const Rational ls = left.steps().value_or(Rational(1));
      const Rational rs = right.steps().value_or(Rational(1));
      return outer_join({left, [right, op, ls, rs](const Value& a) {
                           Pattern inner = right.fmap([a, op](const Value& b) { return op(b, a); });
                           return rs == Rational(0) ? silence() : fast(inner, ls / rs);
                         }});
    }
    case Structure::Squeeze:
      return squeeze_join({left, [right, op](const Value& a) {
                             return right.fmap([a, op](const Value& b) { return op(a, b); });
                           }});
    case Structure::SqueezeOut:
      return squeeze_join({right, [left, op](const Value& b) {
                             return left.fmap([b, op](const Value& a) { return op(a, b); });
                           }});
    case Structure::Reset:
    case Structure::Restart:
      return reset_join({right,
                         [left, op](const Value& b) { return left.fmap([b, op](const Value& a) { return op(a, b); }); }},
                        how == Structure::Restart);
  }
  return left;
}

}  // namespace mr::pattern
