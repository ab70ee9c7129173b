// fdlibm's sin and cos (Sun Microsystems' freely distributable libm, as V8 uses it), for
// |x| < 2^19 * pi/2; beyond that (a signal past cycle 130000) the C library's, which may differ
// from JavaScript's in the last bit. The constants are fdlibm's; each is exact in binary.
#include "pattern/jsmath.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

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

}  // namespace

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
