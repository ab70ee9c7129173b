// Equal-power pan: pan -1 (left) .. +1 (right); centre gives 1/sqrt(2) on each side, as
// SuperCollider's Pan2.
#pragma once

#include <cmath>

#include "dsp/math.hpp"

namespace mr::dsp {

struct PanGains {
  float left;
  float right;
};

inline PanGains EqualPowerPan(float pan) {
  float a = (Clamp(pan, -1.0f, 1.0f) + 1.0f) * (kPi * 0.25f);
  return {std::cos(a), std::sin(a)};
}

}  // namespace mr::dsp
