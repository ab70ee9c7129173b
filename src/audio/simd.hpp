// Eight-lane float vectors (GCC/Clang vector extensions) for processing eight voices at once:
// each lane is one voice, so recursive filters vectorise across voices, not across time.
// Plain SSE2 splits them in two; an AVX2 clone of the hot functions uses one register.
#pragma once

#include <cstdint>

// Vectors pass by value only between inlined functions of one translation unit, so the note that
// a 32-byte vector's calling convention differs with and without AVX never applies.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace mr::audio::simd {

typedef float F8 __attribute__((vector_size(32)));
typedef int32_t I8 __attribute__((vector_size(32)));
typedef uint32_t U8 __attribute__((vector_size(32)));
constexpr int kLanes = 8;

#define MR_SIMD_INLINE inline __attribute__((always_inline))
// For lambdas in the render loops: without AVX a 32-byte vector returned from a call goes
// through memory, so the per-sample oscillator lambdas must always be inlined.
#define MR_LAMBDA_INLINE __attribute__((always_inline))

MR_SIMD_INLINE F8 Splat(float x) { return F8{} + x; }
// Lane-wise mask ? a : b. Written with bit operations: GCC lowers a vector ?: wider than the
// target's registers element by element (eight scalar selects on SSE2), but splits bit operations.
MR_SIMD_INLINE F8 Select(I8 mask, F8 a, F8 b) { return (F8)((mask & (I8)a) | (~mask & (I8)b)); }
MR_SIMD_INLINE F8 Min(F8 a, F8 b) { return Select(a < b, a, b); }
MR_SIMD_INLINE F8 Max(F8 a, F8 b) { return Select(a > b, a, b); }
MR_SIMD_INLINE F8 Abs(F8 a) { return (F8)((I8)a & 0x7fffffff); }
// Largest integer not above x (|x| < 2^31).
MR_SIMD_INLINE F8 Floor(F8 x) {
  F8 t = __builtin_convertvector(__builtin_convertvector(x, I8), F8);
  return t - (F8)((x < t) & (I8)Splat(1.f));
}
// Phase in [0, 1) advanced by dt in [0, 1).
MR_SIMD_INLINE F8 Wrap1(F8 p) { return p - (F8)((p >= 1.f) & (I8)Splat(1.f)); }

// sin(2 pi p) for p in [0, 1): fold to a quarter wave, odd Taylor series to x^11 (|error| < 1e-7).
MR_SIMD_INLINE F8 SinTurns(F8 p) {
  F8 x = p - 0.5f;  // sin(2 pi p) = -sin(2 pi x)
  x = Select(x > 0.25f, 0.5f - x, Select(x < -0.25f, -0.5f - x, x));
  const F8 y = x * 6.28318530718f;
  const F8 y2 = y * y;
  F8 s = -2.50521084e-8f + y2 * 0.f;
  s = 2.75573192e-6f + y2 * s;
  s = -1.98412698e-4f + y2 * s;
  s = 8.33333333e-3f + y2 * s;
  s = -1.66666667e-1f + y2 * s;
  s = 1.f + y2 * s;
  return -(y * s);
}

// PolyBLEP residual of a unit downward step at phase 0 (t phase, dt increment, inv_dt = 1/dt).
MR_SIMD_INLINE F8 PolyBlep(F8 t, F8 dt, F8 inv_dt) {
  const F8 a = t * inv_dt;
  const F8 b = (t - 1.f) * inv_dt;
  const F8 ra = a + a - a * a - 1.f;
  const F8 rb = b * b + b + b + 1.f;
  return Select(t < dt, ra, (F8)((t > 1.f - dt) & (I8)rb));
}

// PolyBLAMP residual of a unit slope change at phase 0.
MR_SIMD_INLINE F8 PolyBlamp(F8 t, F8 dt, F8 inv_dt) {
  const F8 a = t * inv_dt - 1.f;
  const F8 b = (t - 1.f) * inv_dt + 1.f;
  return Select(t < dt, -(a * a * a) * (1.f / 3.f), (F8)((t > 1.f - dt) & (I8)(b * b * b * (1.f / 3.f))));
}

// Uniform white noise in [-1, 1) by xorshift32 per lane.
MR_SIMD_INLINE F8 WhiteNoise(U8& s) {
  U8 x = s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  s = x;
  return __builtin_convertvector((I8)x, F8) * (1.f / 2147483648.f);
}

}  // namespace mr::audio::simd
