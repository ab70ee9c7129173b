// A hap (happening): one event of a pattern. `whole` is the event's full extent (absent for
// continuous signals), `part` the fragment inside the queried span; `locations` are the source
// spans of the mini-notation atoms that made it (for highlighting what is sounding).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pattern/rational.hpp"
#include "pattern/value.hpp"

namespace mr::pattern {

struct TimeSpan {
  Rational begin;
  Rational end;

  Rational duration() const { return end - begin; }
  Rational midpoint() const { return (begin + end) / 2; }
  // Splits at cycle boundaries ("spanCycles"); a zero-width span yields itself.
  std::vector<TimeSpan> span_cycles() const;
  // Intersection; nullopt when they do not overlap (zero-width spans follow Strudel's rules).
  std::optional<TimeSpan> intersection(const TimeSpan& other) const;
  TimeSpan with_time(Rational (*f)(const Rational&)) const { return {f(begin), f(end)}; }
  friend bool operator==(const TimeSpan&, const TimeSpan&) = default;
};

// Byte offsets [begin, end) into the source text the pattern came from. The Lua bridge shifts a
// mini-notation string's spans by the string literal's position in the evaluated buffer.
struct SourceSpan {
  int32_t begin = 0;
  int32_t end = 0;
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

struct Hap {
  std::optional<TimeSpan> whole;
  TimeSpan part;
  Value value;
  std::vector<SourceSpan> locations;

  // True when this fragment contains the event's start (the only fragment that triggers sound).
  bool has_onset() const { return whole && whole->begin == part.begin; }
  Rational whole_or_part_begin() const { return whole ? whole->begin : part.begin; }
};

}  // namespace mr::pattern
