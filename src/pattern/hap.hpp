// A hap (happening): one event of a pattern. `whole` is the event's full extent (absent for
// continuous signals), `part` the fragment inside the queried span; `locations` are the source
// spans of the mini-notation atoms that made it (for highlighting what is sounding).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pattern/budget.hpp"
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
  // Calls f(piece) for each piece span_cycles() would return, without building the list.
  template <class F>
  void for_each_cycle(F&& f) const {
    if (begin == end) {
      f(*this);
      return;
    }
    Rational b = begin;
    const int64_t end_sam = end.floor_int();
    while (end > b) {
      charge_work();  // a span of 1e12 cycles is 1e12 pieces: the budget stops it
      if (b.floor_int() == end_sam) {
        f(TimeSpan{b, end});
        break;
      }
      const Rational next = b.next_sam();
      f(TimeSpan{b, next});
      b = next;
    }
  }
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

// The source spans of one hap: almost always one or two, so they live inside the hap (no
// allocation per event); more spill to the heap.
class SpanList {
 public:
  SpanList() = default;
  SpanList(std::initializer_list<SourceSpan> spans) { append(spans.begin(), spans.end()); }
  SpanList(const SpanList& o) { append(o.begin(), o.end()); }
  SpanList(SpanList&& o) noexcept { take(o); }
  SpanList& operator=(const SpanList& o) {
    if (this != &o) {
      size_ = 0;
      append(o.begin(), o.end());
    }
    return *this;
  }
  SpanList& operator=(SpanList&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  ~SpanList() { release(); }

  const SourceSpan* begin() const { return data(); }
  const SourceSpan* end() const { return data() + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const SourceSpan& operator[](size_t i) const { return data()[i]; }
  void clear() { size_ = 0; }
  void push_back(const SourceSpan& s) { append(&s, &s + 1); }
  // Appends [first, last) (which must not point into this list).
  void append(const SourceSpan* first, const SourceSpan* last) {
    const uint32_t n = static_cast<uint32_t>(last - first);
    if (n == 0) return;
    reserve(size_ + n);
    std::memcpy(data() + size_, first, n * sizeof(SourceSpan));
    size_ += n;
  }
  // Puts [first, last) in front of what is there.
  void prepend(const SourceSpan* first, const SourceSpan* last) {
    const uint32_t n = static_cast<uint32_t>(last - first);
    if (n == 0) return;
    reserve(size_ + n);
    std::memmove(data() + n, data(), size_ * sizeof(SourceSpan));
    std::memcpy(data(), first, n * sizeof(SourceSpan));
    size_ += n;
  }
  std::vector<SourceSpan> to_vector() const { return {begin(), end()}; }
  friend bool operator==(const SpanList& a, const SpanList& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  static constexpr uint32_t kInline = 2;
  SourceSpan* data() { return cap_ > kInline ? heap_ : inline_; }
  const SourceSpan* data() const { return cap_ > kInline ? heap_ : inline_; }
  void reserve(uint32_t n) {
    if (n <= cap_) return;
    uint32_t cap = std::max(n, cap_ * 2);
    auto* mem = new SourceSpan[cap];
    std::memcpy(mem, data(), size_ * sizeof(SourceSpan));
    release_heap();
    heap_ = mem;
    cap_ = cap;
  }
  void release_heap() {
    if (cap_ > kInline) delete[] heap_;
  }
  void release() {
    release_heap();
    cap_ = kInline;
    size_ = 0;
  }
  void take(SpanList& o) {
    size_ = o.size_;
    cap_ = o.cap_;
    if (o.cap_ > kInline) {
      heap_ = o.heap_;
    } else {
      std::memcpy(inline_, o.inline_, size_ * sizeof(SourceSpan));
    }
    o.cap_ = kInline;
    o.size_ = 0;
  }

  uint32_t size_ = 0;
  uint32_t cap_ = kInline;
  SourceSpan* heap_ = nullptr;  // when cap_ > kInline
  SourceSpan inline_[kInline];
};

// Hap::marks bits: what happens when the event is triggered besides its sound. log() writes
// "[hap] 0/1 → 1/2: s:bd", logValues() "[hap] s:bd"; pianoroll()/punchcard() draw the event on
// the stage's roll, scope() asks for the stage's oscilloscope; the `_` forms draw them inline,
// right of the line of code the events come from.
inline constexpr uint8_t kLogHap = 1;
inline constexpr uint8_t kLogValues = 2;
inline constexpr uint8_t kLogBits = kLogHap | kLogValues;
inline constexpr uint8_t kDrawRoll = 4;
inline constexpr uint8_t kDrawScope = 8;
inline constexpr uint8_t kDrawInline = 16;
inline constexpr uint8_t kDrawBits = kDrawRoll | kDrawScope | kDrawInline;

struct Hap {
  std::optional<TimeSpan> whole;
  TimeSpan part;
  Value value;
  SpanList locations;
  // The scale that scale() gave the value (Strudel's context.scale), read by scaleTranspose; an
  // interned name (tonal.cpp), null when none.
  const std::string* scale = nullptr;
  // What log(), logValues() and the draw functions asked for when the event is triggered (the
  // bits above); where two haps' contexts merge, the bits are OR-ed.
  uint8_t marks = 0;
  // The tags tag() gave it (Strudel's context.tags), in the order given; null when none. Where
  // two haps' contexts merge, the tags go as the scale does.
  std::shared_ptr<const ValueList> tags = nullptr;

  // True when this fragment contains the event's start (the only fragment that triggers sound).
  bool has_onset() const { return whole && whole->begin == part.begin; }
  Rational whole_or_part_begin() const { return whole ? whole->begin : part.begin; }
};

}  // namespace mr::pattern
