// fdlibm's sin and cos (Sun Microsystems' freely distributable libm, as V8 uses it), for
// |x| < 2^19 * pi/2; beyond that (a signal past cycle 130000) the C library's, which may differ
// from JavaScript's in the last bit. The constants are fdlibm's; each is exact in binary.
#include "pattern/jsmath.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace mr::pattern {

namespace {

int32_t high_word(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return static_cast<int32_t>(b >> 32);
}

double with_high_word(int32_t hi) {
  const uint64_t b = static_cast<uint64_t>(static_cast<uint32_t>(hi)) << 32;
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

constexpr double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
                 S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
                 S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
constexpr double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
                 C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
                 C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
constexpr double kInvPio2 = 6.36619772367581382433e-01;
constexpr double kPio2_1 = 1.57079632673412561417e+00, kPio2_1t = 6.07710050650619224932e-11;
constexpr double kPio2_2 = 6.07710050630396597660e-11, kPio2_2t = 2.02226624879595063154e-21;
constexpr double kPio2_3 = 2.02226624871116645580e-21, kPio2_3t = 8.47842766036889956997e-32;

// sin(x + y) for |x| <= pi/4, y the tail of x (iy 0: y is zero).
double kernel_sin(double x, double y, int iy) {
  const int32_t ix = high_word(x) & 0x7fffffff;
  if (ix < 0x3e400000 && static_cast<int>(x) == 0) return x;
  const double z = x * x;
  const double v = z * x;
  const double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// cos(x + y) for |x| <= pi/4.
double kernel_cos(double x, double y) {
  const int32_t ix = high_word(x) & 0x7fffffff;
  if (ix < 0x3e400000 && static_cast<int>(x) == 0) return 1.0;
  const double z = x * x;
  const double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y));
  const double qx = ix > 0x3fe90000 ? 0.28125 : with_high_word(ix - 0x00200000);
  const double hz = 0.5 * z - qx;
  const double a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

// x = n * pi/2 + (y0 + y1), |y0 + y1| <= pi/4, for |x| <= 2^19 * pi/2 (ix <= 0x413921fb).
int rem_pio2(double x, double& y0, double& y1) {
  const int32_t hx = high_word(x);
  const int32_t ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {  // |x| < 3pi/4: n is +-1
    if (hx > 0) {
      double z = x - kPio2_1;
      if (ix != 0x3ff921fb) {
        y0 = z - kPio2_1t;
        y1 = (z - y0) - kPio2_1t;
      } else {
        z -= kPio2_2;
        y0 = z - kPio2_2t;
        y1 = (z - y0) - kPio2_2t;
      }
      return 1;
    }
    double z = x + kPio2_1;
    if (ix != 0x3ff921fb) {
      y0 = z + kPio2_1t;
      y1 = (z - y0) + kPio2_1t;
    } else {
      z += kPio2_2;
      y0 = z + kPio2_2t;
      y1 = (z - y0) + kPio2_2t;
    }
    return -1;
  }
  double t = std::fabs(x);
  const int n = static_cast<int32_t>(t * kInvPio2 + 0.5);
  const double fn = static_cast<double>(n);
  double r = t - fn * kPio2_1;
  double w = fn * kPio2_1t;
  // fdlibm skips the cancellation check for the n whose multiple of pi/2 cannot cancel; doing it
  // always gives the same y0 (the check finds nothing to refine).
  const int32_t j = ix >> 20;
  y0 = r - w;
  int32_t i = j - ((high_word(y0) >> 20) & 0x7ff);
  if (i > 16) {
    t = r;
    w = fn * kPio2_2;
    r = t - w;
    w = fn * kPio2_2t - ((t - r) - w);
    y0 = r - w;
    i = j - ((high_word(y0) >> 20) & 0x7ff);
    if (i > 49) {
      t = r;
      w = fn * kPio2_3;
      r = t - w;
      w = fn * kPio2_3t - ((t - r) - w);
      y0 = r - w;
    }
  }
  y1 = (r - y0) - w;
  if (hx < 0) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

// [SECTION] pow

uint32_t low_word(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return static_cast<uint32_t>(b);
}

double from_words(int32_t hi, uint32_t lo) {
  const uint64_t b = (static_cast<uint64_t>(static_cast<uint32_t>(hi)) << 32) | lo;
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

double clear_low_word(double x) { return from_words(high_word(x), 0); }

constexpr double kBp[] = {1.0, 1.5};
constexpr double kDpH[] = {0.0, 5.84962487220764160156e-01};  // log2(1.5), high part
constexpr double kDpL[] = {0.0, 1.35003920212974897128e-08};  // its tail
constexpr double kTwo53 = 9007199254740992.0;
constexpr double kHuge = 1.0e300, kTiny = 1.0e-300;
// log(x) = 2s + (2/3) s^3 + s^4 R(s^2), R's coefficients:
constexpr double L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01,
                 L3 = 3.33333329818377432918e-01, L4 = 2.72728123808534006489e-01,
                 L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01;
// exp's remez polynomial:
constexpr double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
                 P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
                 P5 = 4.13813679705723846039e-08;
constexpr double kLg2 = 6.93147180559945286227e-01, kLg2H = 6.93147182464599609375e-01,
                 kLg2L = -1.90465429995776804525e-09;
constexpr double kOvt = 8.0085662595372944372e-17;  // -(1024 - log2(overflow + 0.5 ulp))
constexpr double kCp = 9.61796693925975554329e-01, kCpH = 9.61796700954437255859e-01,
                 kCpL = -7.02846165095275826516e-09;  // 2 / (3 ln 2), its high part and tail
constexpr double kIvln2 = 1.44269504088896338700e+00, kIvln2H = 1.44269502162933349609e+00,
                 kIvln2L = 1.92596299112661746887e-08;  // 1 / ln 2, its high part and tail

}  // namespace

// x^y = 2^(y log2 x): log2 x to about 70 bits as t1 + t2 (from log of the mantissa reduced to
// [sqrt(2)/2, sqrt(2)] about 1 or 1.5), times y split in two, then 2^ of that by the exp kernel.
double js_pow(double x, double y) {
  const int32_t hx = high_word(x), hy = high_word(y);
  const uint32_t lx = low_word(x), ly = low_word(y);
  int32_t ix = hx & 0x7fffffff;
  const int32_t iy = hy & 0x7fffffff;

  if ((static_cast<uint32_t>(iy) | ly) == 0) return 1.0;  // x^0, NaN^0 too, as JavaScript
  // NaN anywhere (JavaScript: 1^NaN is NaN as well).
  if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0))
    return std::numeric_limits<double>::quiet_NaN();

  // For x < 0: is y an integer, odd (1) or even (2)?
  int yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2;  // |y| >= 2^53: even
    } else if (iy >= 0x3ff00000) {
      const int k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const uint32_t j = ly >> (52 - k);
        if ((j << (52 - k)) == ly) yisint = 2 - static_cast<int>(j & 1);
      } else if (ly == 0) {
        const int32_t j = iy >> (20 - k);
        if ((j << (20 - k)) == iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly == 0) {
    if (iy == 0x7ff00000) {  // y is +-inf
      if (((ix - 0x3ff00000) | static_cast<int32_t>(lx)) == 0) return std::numeric_limits<double>::quiet_NaN();
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;  // |x| > 1
      return hy < 0 ? -y : 0.0;                         // |x| < 1
    }
    if (iy == 0x3ff00000) return hy < 0 ? 1.0 / x : x;  // y is +-1
    if (hy == 0x40000000) return x * x;                 // y is 2
    if (hy == 0x3fe00000 && hx >= 0) return std::sqrt(x);  // y is 0.5, x >= +0
  }

  double ax = std::fabs(x);
  if (lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000)) {  // x is +-0, +-inf, +-1
    double z = ax;
    if (hy < 0) z = 1.0 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) == 0) return std::numeric_limits<double>::quiet_NaN();  // (-1)^non-integer
      if (yisint == 1) z = -z;
    }
    return z;
  }

  const int32_t neg = hx < 0 ? 0 : 1;  // fdlibm's n = (hx >> 31) + 1
  if ((neg | yisint) == 0) return std::numeric_limits<double>::quiet_NaN();  // (x < 0)^non-integer
  const double sign = (neg | (yisint - 1)) == 0 ? -1.0 : 1.0;                 // (x < 0)^odd

  double t1, t2;
  if (iy > 0x41e00000) {  // |y| > 2^31
    if (iy > 0x43f00000) {  // |y| > 2^64: overflows or underflows
      if (ix <= 0x3fefffff) return hy < 0 ? kHuge * kHuge : kTiny * kTiny;
      if (ix >= 0x3ff00000) return hy > 0 ? kHuge * kHuge : kTiny * kTiny;
    }
    if (ix < 0x3fefffff) return hy < 0 ? sign * kHuge * kHuge : sign * kTiny * kTiny;
    if (ix > 0x3ff00000) return hy > 0 ? sign * kHuge * kHuge : sign * kTiny * kTiny;
    // |1 - x| <= 2^-20: log(x) by its series to x^4.
    const double t = ax - 1.0;
    const double w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const double u = kIvln2H * t;
    const double v = t * kIvln2L - w * kIvln2;
    t1 = clear_low_word(u + v);
    t2 = v - (t1 - u);
  } else {
    int n = 0;
    if (ix < 0x00100000) {  // subnormal x
      ax *= kTwo53;
      n -= 53;
      ix = high_word(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const int32_t j = ix & 0x000fffff;
    ix = j | 0x3ff00000;  // the mantissa in [1, 2)
    int k;
    if (j <= 0x3988E) {
      k = 0;  // < sqrt(3/2)
    } else if (j < 0xBB67A) {
      k = 1;  // < sqrt(3)
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = from_words(ix, low_word(ax));

    // ss = s_h + s_l = (x - bp) / (x + bp)
    const double u0 = ax - kBp[k];
    const double v0 = 1.0 / (ax + kBp[k]);
    const double ss = u0 * v0;
    const double s_h = clear_low_word(ss);
    const double t_h0 = from_words(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);  // ax + bp, high part
    const double t_l0 = ax - (t_h0 - kBp[k]);
    const double s_l = v0 * ((u0 - s_h * t_h0) - s_h * t_l0);
    // log(ax)
    double s2 = ss * ss;
    double r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    const double t_h = clear_low_word(3.0 + s2 + r);
    const double t_l = r - ((t_h - 3.0) - s2);
    // u + v = ss (1 + ...)
    const double u = s_h * t_h;
    const double v = s_l * t_h + t_l * ss;
    // 2 / (3 log 2) (ss + ...)
    const double p_h = clear_low_word(u + v);
    const double p_l = v - (p_h - u);
    const double z_h = kCpH * p_h;
    const double z_l = kCpL * p_h + p_l * kCp + kDpL[k];
    // log2(ax) = n + dp_h + z_h + z_l
    const double t = static_cast<double>(n);
    t1 = clear_low_word(((z_h + z_l) + kDpH[k]) + t);
    t2 = z_l - (((t1 - t) - kDpH[k]) - z_h);
  }

  // (y1 + y2) (t1 + t2), y1 the high part of y.
  const double y1 = clear_low_word(y);
  const double p_l = (y - y1) * t1 + y * t2;
  double p_h = y1 * t1;
  double z = p_l + p_h;
  int32_t j = high_word(z);
  const int32_t i = static_cast<int32_t>(low_word(z));
  if (j >= 0x40900000) {  // z >= 1024
    if (((j - 0x40900000) | i) != 0) return sign * kHuge * kHuge;
    if (p_l + kOvt > z - p_h) return sign * kHuge * kHuge;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {  // z <= -1075
    if (((static_cast<uint32_t>(j) - 0xc090cc00u) | static_cast<uint32_t>(i)) != 0) return sign * kTiny * kTiny;
    if (p_l <= z - p_h) return sign * kTiny * kTiny;
  }

  // 2^(p_h + p_l)
  const int32_t ai = j & 0x7fffffff;
  int k = (ai >> 20) - 0x3ff;
  int32_t n = 0;
  if (ai > 0x3fe00000) {  // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const double t = from_words(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  const double t = clear_low_word(p_l + p_h);
  const double u = t * kLg2H;
  const double v = (p_l - (t - p_h)) * kLg2 + t * kLg2L;
  z = u + v;
  const double w = v - (z - u);
  const double tt = z * z;
  const double r1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  // fdlibm has (z r1) / (r1 - 2) - (w + z w); V8's port divides by the whole difference, and
  // JavaScript's numbers are V8's.
  const double r = (z * r1) / ((r1 - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  j = high_word(z);
  j += static_cast<int32_t>(static_cast<uint32_t>(n) << 20);
  if ((j >> 20) <= 0) z = std::scalbn(z, n);  // subnormal result
  else z = from_words(j, low_word(z));
  return sign * z;
}

double js_sin(double x) {
  const int32_t ix = high_word(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernel_sin(x, 0.0, 0);
  if (ix >= 0x7ff00000) return x - x;
  if (ix > 0x413921fb) return std::sin(x);
  double y0 = 0, y1 = 0;
  switch (rem_pio2(x, y0, y1) & 3) {
    case 0: return kernel_sin(y0, y1, 1);
    case 1: return kernel_cos(y0, y1);
    case 2: return -kernel_sin(y0, y1, 1);
    default: return -kernel_cos(y0, y1);
  }
}

double js_cos(double x) {
  const int32_t ix = high_word(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernel_cos(x, 0.0);
  if (ix >= 0x7ff00000) return x - x;
  if (ix > 0x413921fb) return std::cos(x);
  double y0 = 0, y1 = 0;
  switch (rem_pio2(x, y0, y1) & 3) {
    case 0: return kernel_cos(y0, y1);
    case 1: return -kernel_sin(y0, y1, 1);
    case 2: return -kernel_cos(y0, y1);
    default: return kernel_sin(y0, y1, 1);
  }
}

}  // namespace mr::pattern
