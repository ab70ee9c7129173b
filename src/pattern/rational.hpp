// Exact rational time, always reduced, 64-bit numerator and denominator. Arithmetic is checked:
// a result that does not fit throws RationalOverflow (a clear error, never a silent wrap).
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mr::pattern {

struct RationalOverflow : std::overflow_error {
  using std::overflow_error::overflow_error;
};

class Rational {
 public:
  constexpr Rational() = default;
  constexpr Rational(int64_t n) : num_(n), den_(1) {}  // NOLINT: implicit from integers on purpose
  Rational(int64_t n, int64_t d);                      // reduces; d == 0 throws std::domain_error

  // fraction.js-compatible conversion of a double (Strudel turns JS numbers into Fractions so):
  // the closest fraction with a bounded denominator, so 0.1 -> 1/10 and 1/3.0 -> 1/3.
  static Rational from_double(double x);
  // Exact parse of "3", "-1/4", "0.125", "1e-3". Throws std::invalid_argument.
  static Rational parse(std::string_view text);

  constexpr int64_t num() const { return num_; }
  constexpr int64_t den() const { return den_; }
  double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }
  // "0", "1/3", "-5/2": the form used by `moonrave query` and the conformance fixtures.
  std::string str() const;

  Rational floor() const;  // sam: start of the cycle
  Rational ceil() const;
  Rational frac() const { return *this - floor(); }  // cyclePos
  Rational next_sam() const { return floor() + 1; }
  int64_t floor_int() const;

  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  friend Rational operator/(const Rational& a, const Rational& b);  // b == 0 throws std::domain_error
  Rational operator-() const;
  Rational& operator+=(const Rational& b) { return *this = *this + b; }
  Rational& operator-=(const Rational& b) { return *this = *this - b; }
  Rational& operator*=(const Rational& b) { return *this = *this * b; }
  Rational& operator/=(const Rational& b) { return *this = *this / b; }

  friend bool operator==(const Rational& a, const Rational& b) { return a.num_ == b.num_ && a.den_ == b.den_; }
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

  static Rational min(const Rational& a, const Rational& b) { return a < b ? a : b; }
  // n/d already reduced with d > 1 (for the arithmetic's own fast path; no checks).
  static Rational unchecked(int64_t n, int64_t d) {
    Rational r;
    r.num_ = n;
    r.den_ = d;
    return r;
  }
  static Rational max(const Rational& a, const Rational& b) { return a < b ? b : a; }

 private:
  int64_t num_ = 0;
  int64_t den_ = 1;
};

}  // namespace mr::pattern

template <>
struct std::hash<mr::pattern::Rational> {
  size_t operator()(const mr::pattern::Rational& r) const noexcept {
    return std::hash<int64_t>()(r.num()) * 31u + std::hash<int64_t>()(r.den());
  }
};
