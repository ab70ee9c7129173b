// The syntax tree of a mini-notation string, as Strudel's grammar (krill) shapes it: sequences of
// elements (a slice plus its operators), atoms with their exact source spans, and the random seed
// index each `?`, `|` and `.` takes in parse order. mini.cpp turns it into a Pattern.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pattern/hap.hpp"

namespace mr::pattern::mini_ast {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

// How a bracketed group combines its sequences (krill's "alignment").
enum class Align : uint8_t {
  Sequence,          // a b c: one cycle, divided by weight
  Stack,             // a, b: all at once
  Choose,            // a | b: one at random per cycle
  Feet,              // a b . c d: each dotted group is one step
  Polymeter,         // {a b, c d e}%n
  PolymeterSlowcat,  // <a b c>: one step per cycle
};

// A slice together with the operators written after it ("bd*2?", "[a b]@3").
struct Element;

// An operator attached to a slice, in the order Strudel applies them.
struct Op {
  enum class Kind : uint8_t { Fast, Slow, Replicate, Euclid, Degrade, Tail, Range };
  Kind kind = Kind::Fast;
  NodePtr arg;                         // Fast/Slow amount, Tail/Range friend, Euclid pulses
  NodePtr arg2;                        // Euclid steps
  NodePtr arg3;                        // Euclid rotation (absent: plain euclid)
  double amount = 0;                   // Replicate count
  std::optional<double> degrade_by;    // Degrade amount; absent means 0.5
  int seed = 0;                        // Degrade seed index
  SourceSpan span;                     // the operator's text, for errors
};

struct Element {
  NodePtr slice;
  std::vector<Op> ops;
  double weight = 1;  // '@' and '_' and '!' change it
  double reps = 1;
  double events_per_cycle = 1;  // estimate after the operators
  int32_t begin = 0;            // where the element starts (shifted), for errors
};

struct Node {
  enum class Kind : uint8_t { Atom, Group };
  Kind kind = Kind::Atom;
  // Atom: the step's text and where it is (exact bytes, shifted by the source offset).
  std::string text;
  SourceSpan span;
  // Group.
  Align align = Align::Sequence;
  std::vector<Element> children;
  int seed = 0;                // Choose/Feet seed index
  bool steps_marker = false;   // a leading '^'
  NodePtr steps_per_cycle;     // Polymeter '%' argument
  // Filled by the parser for the density limit: estimated events per cycle, and the largest and
  // smallest non-zero magnitude of the numbers in this subtree (bounds for patterned factors).
  double events_per_cycle = 1;
  double max_abs = 1;
  double min_abs = 1;
};

// Bounds that keep an absurd string from costing unbounded memory or time at query time.
struct Limits {
  size_t max_length_bytes = 1 << 16;
  int max_depth = 64;
  // Upper estimate of events per cycle (fast factors, replications, euclid steps, ranges).
  double max_events_per_cycle = 2e4;  // the scheduler plays at most a few thousand
};

// Parses `text` into its tree; spans are shifted by `source_offset`. Throws MiniParseError.
NodePtr parse(std::string_view text, int32_t source_offset, const Limits& limits = {});

// JavaScript's Number(text) for a step: "3", "-1.5", "1e3", "0x1f", "Infinity". nullopt where
// JavaScript gives NaN (the step is then a string, e.g. a note name or sample name).
std::optional<double> number_of_step(std::string_view text);


}  // namespace mr::pattern::mini_ast
