// Exact rational arithmetic: products go through 128 bits, results are reduced and must fit in
// 64 bits, else RationalOverflow. Conversion from doubles follows fraction.js, as Strudel does.
#include "pattern/rational.hpp"

#include <charconv>
#include <cmath>
#include <numeric>
#include <utility>

namespace mr::pattern {
namespace {

// 128-bit intermediates (a GCC/Clang extension) keep products of two 64-bit parts exact.
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

[[noreturn]] void overflow() {
  throw RationalOverflow("rational time overflow: a number in the pattern's time is too large or too fine");
}

// Binary GCD (no divisions): the reduction after every operation is the hot path of querying.
inline uint64_t gcd64(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    // Coprime odd parts (a power-of-two denominator, a whole number): done, without walking
    // the subtraction down from b to 1.
    if (a == 1 || b == 1) return uint64_t{1} << shift;
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

u128 gcd128(u128 a, u128 b) {
  while (b != 0) {
    if ((a >> 64) == 0 && (b >> 64) == 0) return gcd64(static_cast<uint64_t>(a), static_cast<uint64_t>(b));
    u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

constexpr i128 kMax = INT64_MAX;
constexpr i128 kMin = INT64_MIN;

}  // namespace

// Builds a reduced rational from 128-bit parts.
static Rational make128(i128 n, i128 d) {
  if (d == 0) throw std::domain_error("division by zero in rational time");
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (n >= kMin && n <= kMax && d <= kMax) {
    // Both fit in 64 bits (the usual case): reduce there.
    int64_t n64 = static_cast<int64_t>(n), d64 = static_cast<int64_t>(d);
    if (d64 == 1) return Rational(n64);
    const uint64_t an64 = n64 < 0 ? 0 - static_cast<uint64_t>(n64) : static_cast<uint64_t>(n64);
    const uint64_t g64 = gcd64(an64, static_cast<uint64_t>(d64));
    if (g64 > 1) {
      if (n64 == INT64_MIN) return make128(n / static_cast<i128>(g64), d / static_cast<i128>(g64));
      n64 /= static_cast<int64_t>(g64);
      d64 /= static_cast<int64_t>(g64);
    }
    Rational r(n64);
    return d64 == 1 ? r : Rational::unchecked(n64, d64);
  }
  u128 an = n < 0 ? static_cast<u128>(-n) : static_cast<u128>(n);
  u128 g = gcd128(an, static_cast<u128>(d));
  if (g > 1) {
    n /= static_cast<i128>(g);
    d /= static_cast<i128>(g);
  }
  if (n > kMax || n < kMin || d > kMax) overflow();
  return Rational(static_cast<int64_t>(n), static_cast<int64_t>(d));
}

Rational::Rational(int64_t n, int64_t d) {
  if (d == 0) throw std::domain_error("division by zero in rational time");
  if (d == 1) {
    num_ = n;
    den_ = 1;
    return;
  }
  if (d < 0) {
    if (n == INT64_MIN || d == INT64_MIN) {
      *this = make128(-static_cast<i128>(n), -static_cast<i128>(d));
      return;
    }
    n = -n;
    d = -d;
  }
  uint64_t an = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  uint64_t g = gcd64(an, static_cast<uint64_t>(d));
  if (g > 1) {
    n /= static_cast<int64_t>(g);
    d /= static_cast<int64_t>(g);
  }
  num_ = n;
  den_ = d;
}

namespace {
// n/d with d > 0, reduced in 64 bits.
inline Rational reduced64(int64_t n, int64_t d) {
  if (d == 1) return Rational(n);
  if (n == INT64_MIN) return Rational(n, d);
  const uint64_t g = gcd64(n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n), static_cast<uint64_t>(d));
  if (g > 1) {
    n /= static_cast<int64_t>(g);
    d /= static_cast<int64_t>(g);
  }
  return d == 1 ? Rational(n) : Rational::unchecked(n, d);
}

// a/b + sign * c/d in 64 bits when nothing overflows (false: use the 128-bit path).
inline bool add64(const Rational& a, const Rational& b, bool subtract, Rational& out) {
  const uint64_t g = gcd64(static_cast<uint64_t>(a.den()), static_cast<uint64_t>(b.den()));
  const int64_t da = a.den() / static_cast<int64_t>(g), db = b.den() / static_cast<int64_t>(g);
  int64_t x, y, n, d;
  if (__builtin_mul_overflow(a.num(), db, &x) || __builtin_mul_overflow(b.num(), da, &y)) return false;
  if (subtract ? __builtin_sub_overflow(x, y, &n) : __builtin_add_overflow(x, y, &n)) return false;
  if (__builtin_mul_overflow(a.den(), db, &d)) return false;
  out = reduced64(n, d);
  return true;
}
}  // namespace

Rational operator+(const Rational& a, const Rational& b) {
  if (a.den_ == 1 && b.den_ == 1) {
    int64_t r;
    if (__builtin_add_overflow(a.num_, b.num_, &r)) overflow();
    return Rational(r);
  }
  if (Rational r; add64(a, b, false, r)) return r;
  if (a.den_ == b.den_) return make128(static_cast<i128>(a.num_) + b.num_, a.den_);
  return make128(static_cast<i128>(a.num_) * b.den_ + static_cast<i128>(b.num_) * a.den_,
                 static_cast<i128>(a.den_) * b.den_);
}

Rational operator-(const Rational& a, const Rational& b) {
  if (a.den_ == 1 && b.den_ == 1) {
    int64_t r;
    if (__builtin_sub_overflow(a.num_, b.num_, &r)) overflow();
    return Rational(r);
  }
  if (Rational r; add64(a, b, true, r)) return r;
  if (a.den_ == b.den_) return make128(static_cast<i128>(a.num_) - b.num_, a.den_);
  return make128(static_cast<i128>(a.num_) * b.den_ - static_cast<i128>(b.num_) * a.den_,
                 static_cast<i128>(a.den_) * b.den_);
}

Rational operator*(const Rational& a, const Rational& b) {
  if (a.den_ == 1 && b.den_ == 1) {
    int64_t r;
    if (__builtin_mul_overflow(a.num_, b.num_, &r)) overflow();
    return Rational(r);
  }
  // One side an integer (or its reciprocal, as in fast/slow): a single GCD.
  if (b.den_ == 1 || a.den_ == 1) {
    const Rational& f = a.den_ == 1 ? b : a;  // the fraction
    const int64_t k = a.den_ == 1 ? a.num_ : b.num_;
    if (k != INT64_MIN) {
      const uint64_t g = gcd64(k < 0 ? 0 - static_cast<uint64_t>(k) : static_cast<uint64_t>(k), static_cast<uint64_t>(f.den_));
      int64_t n;
      if (g != 0 && !__builtin_mul_overflow(f.num_, k / static_cast<int64_t>(g), &n)) {
        const int64_t d = f.den_ / static_cast<int64_t>(g);
        return n == 0 ? Rational(0) : d == 1 ? Rational(n) : Rational::unchecked(n, d);
      }
    }
  }
  // Cross-reduce first: the product of reduced parts is reduced, no GCD of the result needed.
  if (a.num_ != INT64_MIN && b.num_ != INT64_MIN) {
    const auto abs64 = [](int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); };
    const int64_t g1 = static_cast<int64_t>(gcd64(abs64(a.num_), static_cast<uint64_t>(b.den_)));
    const int64_t g2 = static_cast<int64_t>(gcd64(abs64(b.num_), static_cast<uint64_t>(a.den_)));
    if (g1 != 0 && g2 != 0) {
      int64_t n, d;
      if (!__builtin_mul_overflow(a.num_ / g1, b.num_ / g2, &n) && !__builtin_mul_overflow(a.den_ / g2, b.den_ / g1, &d))
        return n == 0 ? Rational(0) : d == 1 ? Rational(n) : Rational::unchecked(n, d);
    }
  }
  return make128(static_cast<i128>(a.num_) * b.num_, static_cast<i128>(a.den_) * b.den_);
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.num_ == 0) throw std::domain_error("division by zero in rational time");
  if (b.num_ != INT64_MIN) {
    // Times the reciprocal (reduced, as b is).
    int64_t n = b.den_, d = b.num_;
    if (d < 0) n = -n, d = -d;
    return a * (d == 1 ? Rational(n) : Rational::unchecked(n, d));
  }
  return make128(static_cast<i128>(a.num_) * b.den_, static_cast<i128>(a.den_) * b.num_);
}

Rational Rational::operator-() const {
  if (num_ == INT64_MIN) overflow();
  Rational r = *this;
  r.num_ = -num_;
  return r;
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  if (a.den_ == b.den_) return a.num_ <=> b.num_;
  return static_cast<i128>(a.num_) * b.den_ <=> static_cast<i128>(b.num_) * a.den_;
}

int64_t Rational::floor_int() const {
  if (den_ == 1) return num_;
  int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return q;
}

Rational Rational::floor() const { return Rational(floor_int()); }

Rational Rational::ceil() const {
  if (den_ == 1) return *this;
  return Rational(floor_int() + 1);
}

std::string Rational::str() const {
  if (den_ == 1) return std::to_string(num_);
  return std::to_string(num_) + "/" + std::to_string(den_);
}

// fraction.js (4.x) for a number: integers as they are; otherwise values >= 1 are scaled down
// by a power of ten, then the Farey sequence (the mediant walk) runs until it hits the value or
// a denominator passes 10^7; the result is scaled back and reduced.
Rational Rational::from_double(double x) {
  if (!std::isfinite(x)) throw std::domain_error("cannot use a non-finite number as time");
  double sign = 1;
  if (x < 0) {
    sign = -1;
    x = -x;
  }
  double n = 0, d = 1;
  if (std::fmod(x, 1.0) == 0) {
    n = x;
  } else {
    double z = 1;
    if (x >= 1) {
      z = std::pow(10.0, std::floor(1 + std::log(x) / std::log(10.0)));
      x /= z;
    }
    constexpr double N = 10000000;
    double A = 0, B = 1, C = 1, D = 1;
    while (B <= N && D <= N) {
      double M = (A + C) / (B + D);
      if (x == M) {
        if (B + D <= N) {
          n = A + C;
          d = B + D;
        } else if (D > B) {
          n = C;
          d = D;
        } else {
          n = A;
          d = B;
        }
        break;
      }
      if (x > M) {
        A += C;
        B += D;
      } else {
        C += A;
        D += B;
      }
      if (B > N) {
        n = C;
        d = D;
      } else {
        n = A;
        d = B;
      }
    }
    n *= z;
  }
  if (std::fabs(n) >= 9.2e18 || d >= 9.2e18) overflow();
  return Rational(static_cast<int64_t>(sign * n), static_cast<int64_t>(d));
}

Rational Rational::parse(std::string_view text) {
  auto bad = [&]() -> Rational { throw std::invalid_argument("not a number: '" + std::string(text) + "'"); };
  if (text.empty()) return bad();
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    Rational a = parse(text.substr(0, slash));
    Rational b = parse(text.substr(slash + 1));
    if (b.num() == 0) return bad();
    return a / b;
  }
  size_t p = 0;
  bool neg = false;
  if (text[p] == '-' || text[p] == '+') neg = text[p++] == '-';
  i128 mant = 0;
  int scale = 0;
  size_t digits = 0;
  bool dot = false;
  for (; p < text.size(); ++p) {
    char c = text[p];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    mant = mant * 10 + (c - '0');
    if (mant > (i128(1) << 100)) overflow();
    if (dot) --scale;
    ++digits;
  }
  if (digits == 0) return bad();
  if (p < text.size() && (text[p] == 'e' || text[p] == 'E')) {
    int e = 0;
    auto r = std::from_chars(text.data() + p + 1 + (text[p + 1] == '+' ? 1 : 0), text.data() + text.size(), e);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return bad();
    scale += e;
    p = text.size();
  }
  if (p != text.size()) return bad();
  if (scale > 30 || scale < -30) overflow();
  i128 den = 1;
  for (; scale > 0; --scale) mant *= 10;
  for (; scale < 0; ++scale) den *= 10;
  return make128(neg ? -mant : mant, den);
}

}  // namespace mr::pattern
