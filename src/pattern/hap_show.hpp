// Strudel's text for a hap (hap.mjs show and showWhole, util.mjs stringifyValues): what log() and
// logValues() write and what a queried hap's show() returns. Map keys come in moonrave's order
// (sorted), where Strudel keeps the order they were set in.
#pragma once

#include <string>

#include "pattern/hap.hpp"
#include "pattern/pattern.hpp"

namespace mr::pattern {

// Fraction.show: "1/4", "0/1", "-3/2".
std::string show_fraction(const Rational& r);
// TimeSpan.show: "0/1 → 1/4".
std::string show_span(const TimeSpan& span);
// stringifyValues: an object as JSON (compact: without quotes, braces and commas), else the value
// as JavaScript prints it.
std::string stringify_values(const Value& v, bool compact);
// Hap.showWhole: "0/1 → 1/4: note:c s:sawtooth" (compact), "~: ..." for a signal's fragment.
std::string show_whole(const Hap& h, bool compact);
// Hap.show: "[ 0/1 → 1/2 | c3 ]", fragments with their whole's ends ("[ 0/1 ⇜ (1/4 → 1/2) ]").
std::string show_hap(const Hap& h, bool compact);
// Strudel's drawLine(pat, chars): the pattern as text, one character per slot (a cycle's slot is
// the gcd of its events' lengths), "|" between cycles, "-" holding, "." silence, a line for each
// layer, until the first line has `chars` characters. Throws std::runtime_error for a cycle with
// no event starting in it (Strudel fails there too), a signal, or more than 4096 slots a cycle.
std::string draw_line(const Pattern& pat, int64_t chars);
// The line log() (kLogHap) or logValues() (kLogValues) writes for a triggered hap.
std::string log_line(const Hap& h, uint8_t bit);

}  // namespace mr::pattern
