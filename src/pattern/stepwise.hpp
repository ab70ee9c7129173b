// Strudel's stepwise functions (stepwise.cpp): patterns that know their steps per cycle.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "pattern/ops.hpp"

namespace mr::pattern {

struct TimedPattern {
  std::optional<Rational> steps;  // unknown: the average of the known ones (Strudel's stepcat)
  Pattern pat;
};

Rational lcm_rational(const Rational& x, const Rational& y);  // fraction.js lcm
std::optional<Rational> lcm_steps(const std::vector<Pattern>& pats);  // of the known step counts
Pattern gap(const Rational& steps);  // silence of the given steps
Pattern nothing();                   // gap(0)
Pattern stepcat(std::vector<TimedPattern> parts);
Pattern stepcat_patterns(const std::vector<Pattern>& pats);
Pattern stepalt(const std::vector<std::vector<Pattern>>& groups);
Pattern pace(const Pattern& pat, const Rational& target);
Pattern take(const Pattern& pat, Rational steps);
Pattern drop(const Pattern& pat, const Rational& steps);
Pattern expand(const Pattern& pat, const Rational& factor);
Pattern contract(const Pattern& pat, const Rational& factor);
Pattern repeat_cycles(const Pattern& pat, const Rational& n);
Pattern shrink(const Pattern& pat, const Value& amount);
Pattern grow(const Pattern& pat, const Value& amount);
Pattern tour(const Pattern& pat, const std::vector<Pattern>& many);
Pattern zip(const std::vector<Pattern>& pats);
Pattern step_join(const Pattern& outer, std::function<Pattern(const Value&)> inner_of);

}  // namespace mr::pattern
