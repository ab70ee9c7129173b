// Analysis helpers for the DSP tests: RMS, single-bin DFT magnitude, sine generation, NaN and
// denormal scans, and an allocation counter (alloc_count.cpp replaces global operator new).
#pragma once

#include <cmath>
#include <complex>
#include <cstddef>
#include <vector>

namespace mr::dsp::test {

inline constexpr float kRate = 48000.0f;

// Counts allocations and frees made while alive.
class AllocationScope {
 public:
  AllocationScope();
  ~AllocationScope();
  AllocationScope(const AllocationScope&) = delete;
  AllocationScope& operator=(const AllocationScope&) = delete;
  long count() const;
};

inline double Rms(const float* x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i) s += double(x[i]) * x[i];
  return n ? std::sqrt(s / double(n)) : 0.0;
}
inline double Rms(const std::vector<float>& x, size_t from = 0, size_t to = 0) {
  if (to == 0 || to > x.size()) to = x.size();
  return Rms(x.data() + from, to - from);
}
inline double Db(double ratio) { return 20.0 * std::log10(ratio > 1e-30 ? ratio : 1e-30); }

inline float Peak(const std::vector<float>& x, size_t from = 0) {
  float p = 0.0f;
  for (size_t i = from; i < x.size(); ++i) p = std::fmax(p, std::fabs(x[i]));
  return p;
}

inline std::vector<float> Sine(float hz, size_t n, float amp = 1.0f, float rate = kRate) {
  std::vector<float> x(n);
  for (size_t i = 0; i < n; ++i)
    x[i] = amp * static_cast<float>(std::sin(2.0 * M_PI * hz * double(i) / rate));
  return x;
}

// Amplitude of the component at hz (Hann-windowed single-bin DFT, scaled so a sine of
// amplitude A reads A).
inline double ToneAmplitude(const float* x, size_t n, double hz, double rate = kRate) {
  double re = 0, im = 0, wsum = 0;
  for (size_t i = 0; i < n; ++i) {
    double w = 0.5 - 0.5 * std::cos(2.0 * M_PI * double(i) / double(n));
    double ph = 2.0 * M_PI * hz * double(i) / rate;
    re += w * x[i] * std::cos(ph);
    im -= w * x[i] * std::sin(ph);
    wsum += w;
  }
  return 2.0 * std::sqrt(re * re + im * im) / wsum;
}
inline double ToneAmplitude(const std::vector<float>& x, double hz, size_t from = 0) {
  return ToneAmplitude(x.data() + from, x.size() - from, hz);
}

// Averaged power spectrum (Welch, Hann, 50% overlap) of frames of size `size` (a power of 2):
// bin k is k * rate / size Hz; units are arbitrary but consistent.
inline std::vector<double> PowerSpectrum(const std::vector<float>& x, size_t size) {
  std::vector<double> psd(size / 2 + 1, 0.0);
  std::vector<std::complex<double>> a(size);
  size_t frames = 0;
  for (size_t start = 0; start + size <= x.size(); start += size / 2, ++frames) {
    for (size_t i = 0; i < size; ++i)
      a[i] = x[start + i] * (0.5 - 0.5 * std::cos(2.0 * M_PI * double(i) / double(size)));
    // In-place iterative radix-2 FFT.
    for (size_t i = 1, j = 0; i < size; ++i) {
      size_t bit = size >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) std::swap(a[i], a[j]);
    }
    for (size_t len = 2; len <= size; len <<= 1) {
      std::complex<double> w(std::cos(-2.0 * M_PI / double(len)), std::sin(-2.0 * M_PI / double(len)));
      for (size_t i = 0; i < size; i += len) {
        std::complex<double> wn(1.0, 0.0);
        for (size_t k = 0; k < len / 2; ++k) {
          std::complex<double> u = a[i + k], v = a[i + k + len / 2] * wn;
          a[i + k] = u + v;
          a[i + k + len / 2] = u - v;
          wn *= w;
        }
      }
    }
    for (size_t k = 0; k < psd.size(); ++k) psd[k] += std::norm(a[k]);
  }
  for (double& v : psd) v /= double(frames ? frames : 1);
  return psd;
}

// Mean power density (per bin) between lo_hz and hi_hz of a PowerSpectrum of `size`.
inline double BandPower(const std::vector<double>& psd, size_t size, double lo_hz, double hi_hz,
                        double rate = kRate) {
  size_t lo = size_t(lo_hz * size / rate), hi = size_t(hi_hz * size / rate);
  double s = 0;
  for (size_t k = lo; k < hi && k < psd.size(); ++k) s += psd[k];
  return s / double(hi > lo ? hi - lo : 1);
}

// True if any sample is NaN, infinite, or a nonzero denormal.
inline bool HasBadSample(const std::vector<float>& x) {
  for (float v : x)
    if (!std::isfinite(v) || (v != 0.0f && std::fpclassify(v) == FP_SUBNORMAL)) return true;
  return false;
}

}  // namespace mr::dsp::test
