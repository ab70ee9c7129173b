// The combinators' plain versions: each takes ordinary values (a Rational, an int) and a
// pattern. The patterned versions (arguments that are themselves patterns, "fast('<1 2>')")
// are made from these by one generic helper in the registry. Defined in files by theme
// (time.cpp, structure.cpp, signals.cpp, arith.cpp, tonal.cpp, ...); the controls' constructors
// are in registry_controls.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "pattern/pattern.hpp"

namespace mr::pattern {

using PatFn = std::function<Pattern(const Pattern&)>;

// [SECTION] time (time.cpp)
Pattern fast(const Pattern& pat, const Rational& factor);
Pattern slow(const Pattern& pat, const Rational& factor);
Pattern early(const Pattern& pat, const Rational& offset);
Pattern late(const Pattern& pat, const Rational& offset);
Pattern rev(const Pattern& pat);
Pattern ply(const Pattern& pat, const Rational& factor);
Pattern segment(const Pattern& pat, const Rational& n);
Pattern zoom(const Pattern& pat, const Rational& b, const Rational& e);
Pattern compress(const Pattern& pat, const Rational& b, const Rational& e);
Pattern focus(const Pattern& pat, const Rational& b, const Rational& e);
Pattern fast_gap(const Pattern& pat, const Rational& factor);
Pattern linger(const Pattern& pat, const Rational& fraction);
Pattern iter(const Pattern& pat, int64_t n, bool back);
Pattern inside(const Pattern& pat, const Rational& factor, const PatFn& f);
Pattern outside(const Pattern& pat, const Rational& factor, const PatFn& f);
Pattern swing_by(const Pattern& pat, const Rational& x, const Rational& n);
Pattern off(const Pattern& pat, const Rational& t, const PatFn& f);
Pattern echo(const Pattern& pat, int64_t count, const Rational& time, double feedback);
Pattern chop(const Pattern& pat, int64_t n);
Pattern striate(const Pattern& pat, int64_t n);
Pattern slice(const Pattern& pat, int64_t n, const Pattern& index);
Pattern splice(const Pattern& pat, int64_t n, const Pattern& index);
Pattern brak(const Pattern& pat);
Pattern hurry(const Pattern& pat, const Rational& factor);
// speed = cps / cycles (unit "c"), slowed by cycles; cps 0.5 is Strudel's default when the
// query carries no tempo (loopAt), loopAtCps names it.
Pattern loop_at(const Pattern& pat, const Rational& cycles, double cps = 0.5);
Pattern range_time(const Pattern& pat);

// [SECTION] structure (structure.cpp)
Pattern fastcat(const std::vector<Pattern>& pats);
Pattern slowcat(const std::vector<Pattern>& pats);
Pattern slowcat_prime(const std::vector<Pattern>& pats);  // every/firstOf's variant
Pattern stack(const std::vector<Pattern>& pats);
Pattern timecat(const std::vector<std::pair<Rational, Pattern>>& parts);
Pattern arrange(const std::vector<std::pair<Rational, Pattern>>& sections);
Pattern polymeter(const std::vector<Pattern>& layers, std::optional<Rational> steps);
Pattern struct_(const Pattern& pat, const Pattern& bools);  // structure from bools
Pattern mask(const Pattern& pat, const Pattern& bools);
std::vector<bool> bjorklund(int64_t pulses, int64_t steps);
Pattern euclid(const Pattern& pat, int64_t pulses, int64_t steps, int64_t rotation);
Pattern euclid_legato(const Pattern& pat, int64_t pulses, int64_t steps, int64_t rotation);
Pattern first_of(const Pattern& pat, int64_t n, const PatFn& f);
Pattern last_of(const Pattern& pat, int64_t n, const PatFn& f);
Pattern when(const Pattern& pat, const Pattern& bools, const PatFn& f);
Pattern within(const Pattern& pat, const Rational& b, const Rational& e, const PatFn& f);
Pattern chunk(const Pattern& pat, int64_t n, const PatFn& f, bool back);
Pattern superimpose(const Pattern& pat, const PatFn& f);
Pattern jux_by(const Pattern& pat, double amount, const PatFn& f);
Pattern run(int64_t n);
Pattern palindrome(const Pattern& pat);

// [SECTION] signals and randomness (signals.cpp)
double rand_at(const Rational& t, int64_t seed = 0);  // Strudel's legacy RNG at time t
Pattern sine();
Pattern cosine();
Pattern saw();
Pattern isaw();
Pattern tri();
Pattern square();
Pattern time_signal();
Pattern rand_signal();
Pattern irand(int64_t n);
Pattern brand_by(double p);
Pattern perlin();
Pattern range(const Pattern& pat, double lo, double hi);
Pattern rangex(const Pattern& pat, double lo, double hi);
Pattern degrade_by_with(const Pattern& pat, const Pattern& rand, double amount);
Pattern degrade_by(const Pattern& pat, double amount, int64_t seed = 0);
Pattern undegrade_by(const Pattern& pat, double amount, int64_t seed = 0);
Pattern sometimes_by(const Pattern& pat, double p, const PatFn& f, int64_t seed = 0);
Pattern some_cycles_by(const Pattern& pat, double p, const PatFn& f, int64_t seed = 0);
Pattern choose_in_with(const Pattern& rand, const std::vector<Pattern>& xs);
Pattern choose(const std::vector<Value>& xs);
Pattern wchoose(const std::vector<std::pair<Value, double>>& xs);
Pattern randcat(const std::vector<Pattern>& pats);
Pattern wrandcat(const std::vector<std::pair<Pattern, double>>& pats);
Pattern shuffle(const Pattern& pat, int64_t n);
Pattern scramble(const Pattern& pat, int64_t n);
Pattern seed_pattern(const Pattern& pat, int64_t seed);

// [SECTION] values (arith.cpp)
enum class Structure : uint8_t { In, Out, Mix, Squeeze, SqueezeOut, Reset, Restart, Poly };
using BinOp = std::function<Value(const Value&, const Value&)>;
Pattern apply_op(const Pattern& left, const Pattern& right, const BinOp& op, Structure how);
Value num_op(const Value& a, const Value& b, char op);  // + - * / % on numbers, strings, maps
// log(), logValues() and the draw functions: the same events, each marked (Hap::marks bits) to
// write its line or be drawn when triggered (transform.cpp).
Pattern mark_triggers(const Pattern& pat, uint8_t bits);

// [SECTION] tonal (tonal*.cpp; the theory in tonal.hpp)
// "c4" -> 60, "a4" -> 69, "eb" -> 51 (octave 3 by default, as Strudel). nullopt if not a note.
std::optional<double> note_to_midi(std::string_view name);
// Strudel's scale: degrees (n, or plain numbers, "7b" with accidentals) become note names of the
// scale ("C:minor", "C4 bebop major"), notes are moved to the nearest scale note; sets the
// events' scale for scaleTranspose.
Pattern scale(const Pattern& pat, const std::string& name);
Pattern transpose(const Pattern& pat, double semitones);
Pattern transpose_by(const Pattern& pat, const Value& amount);  // semitones or an interval ("3M")
Pattern scale_transpose(const Pattern& pat, const Value& steps);  // steps within the events' scale
Pattern root_notes(const Pattern& pat, const Value& octave);      // "C^7" -> "C2"
// Strudel's arp: each chord (events sharing whole and part) played by an index pattern.
Pattern arp_indices(const Pattern& pat, const Pattern& indices);
Pattern arp(const Pattern& pat, const std::string& mode);
// Strudel's voicing(): chord symbols (or {chord=..., dictionary=..., anchor=..., mode=...,
// offset=..., n=..., octaves=...}) to stacked notes.
Pattern voicing(const Pattern& pat);
// The older voicings(dictionary): voice leading by the nearest top note within the range.
Pattern voicings(const Pattern& pat, const std::string& dictionary);
std::vector<std::string> scale_names();
// Every control name and alias (s, n, note, gain, lpf, cutoff, ...).
std::vector<std::string> control_names();

}  // namespace mr::pattern
