// PolyBLEP and PolyBLAMP residuals: two-sample polynomial corrections that remove most of the
// aliasing of a naive step (saw, pulse) or corner (triangle). `t` is the phase in [0, 1),
// `dt` the phase increment per sample (frequency / sample rate).
#pragma once

namespace mr::dsp {

// Band-limited step residual for a unit downward step of the naive saw at phase 0.
inline float PolyBlep(float t, float dt) {
  if (t < dt) {
    t /= dt;
    return t + t - t * t - 1.0f;
  }
  if (t > 1.0f - dt) {
    t = (t - 1.0f) / dt;
    return t * t + t + t + 1.0f;
  }
  return 0.0f;
}

// Band-limited ramp residual for a unit slope increase at phase 0 (in samples of slope).
inline float PolyBlamp(float t, float dt) {
  if (t < dt) {
    t = t / dt - 1.0f;
    return -t * t * t / 3.0f;
  }
  if (t > 1.0f - dt) {
    t = (t - 1.0f) / dt + 1.0f;
    return t * t * t / 3.0f;
  }
  return 0.0f;
}

}  // namespace mr::dsp
