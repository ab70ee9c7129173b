// The synthesized drum kits as data: every drum is one model (a sine with a pitch envelope, plus
// noise and four square "metal" oscillators through a mode-mixed state-variable filter, with
// optional clap bursts), so all drums share one vectorised render. Times are time constants
// (1/e) in seconds unless named *_len_sec.
#pragma once

#include "audio/voices.hpp"

namespace mr::audio::detail {

struct DrumPatch {
  float f0_hz, f1_hz, pitch_tc_sec;         // tone: f0 + f1 * pitch envelope
  float tone_tc_sec, tone_lvl;              // tone amplitude decay and level
  float noise_lvl, metal_lvl, noise_tc_sec;  // filtered part: noise + metal, its decay
  float filt_hz, filt_q, lp, bp, hp;        // filter and its output mix
  float m1, m2, m3, m4;                     // metal square frequencies in Hz (0 = off)
  float bursts, burst_sec, tail_tc_sec;     // clap: extra bursts, their spacing, last decay
  float len_sec;                            // the voice ends here (10 ms fade)
};

// [kit][drum]: kit 0 the default (a punchy, modern kit), 1 tr808, 2 tr909; drums in kDrumNames's order.
inline constexpr DrumPatch kDrumPatches[kKitCount][kDrumCount] = {
    {
        // bd: round, short pitch drop, a little click
        {48.f, 140.f, 0.028f, 0.28f, 1.f, 0.10f, 0.f, 0.004f, 3000.f, 0.7f, 0.f, 0.f, 1.f, 0, 0, 0, 0, 0, 0, 0, 0.8f},
        // sn: tone body and bright noise
        {185.f, 60.f, 0.02f, 0.06f, 0.55f, 0.55f, 0.f, 0.07f, 1800.f, 0.7f, 0.f, 0.4f, 0.8f, 0, 0, 0, 0, 0, 0, 0, 0.5f},
        // hh: noise and metal, high-passed, short
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.35f, 0.12f, 0.025f, 7500.f, 0.9f, 0.f, 0.f, 1.f, 317.f, 465.f, 541.f, 807.f, 0, 0, 0, 0.2f},
        // oh
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.35f, 0.12f, 0.22f, 7000.f, 0.9f, 0.f, 0.f, 1.f, 317.f, 465.f, 541.f, 807.f, 0, 0, 0, 1.0f},
        // cp: three quick bursts and a tail, band-passed noise
        {0.f, 0.f, 1.f, 1.f, 0.f, 1.1f, 0.f, 0.0035f, 1200.f, 1.4f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 3.f, 0.011f, 0.07f, 0.6f},
        // rim
        {1650.f, 0.f, 1.f, 0.009f, 0.7f, 0.3f, 0.f, 0.008f, 2500.f, 1.5f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.12f},
        // lt, mt, ht
        {90.f, 70.f, 0.04f, 0.22f, 1.f, 0.05f, 0.f, 0.02f, 1500.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.9f},
        {130.f, 95.f, 0.04f, 0.2f, 1.f, 0.05f, 0.f, 0.02f, 1800.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.8f},
        {185.f, 130.f, 0.035f, 0.18f, 1.f, 0.05f, 0.f, 0.02f, 2200.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.7f},
        // cb: two squares, band-passed
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.f, 0.45f, 0.09f, 800.f, 2.f, 0.f, 1.f, 0.f, 540.f, 800.f, 0, 0, 0, 0, 0, 0.6f},
        // cr: long noise and metal
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.4f, 0.15f, 0.7f, 5000.f, 0.8f, 0.f, 0.f, 1.f, 317.f, 465.f, 541.f, 807.f, 0, 0, 0, 2.5f},
        // rd: ride, metal and a little noise, long
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.12f, 0.35f, 0.45f, 5500.f, 1.f, 0.f, 0.5f, 1.f, 425.f, 587.f, 741.f, 1087.f, 0, 0, 0, 2.0f},
        // sh: shaker, two quick high-passed noise strokes
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.6f, 0.f, 0.03f, 7000.f, 0.8f, 0.f, 0.3f, 1.f, 0, 0, 0, 0, 1.f, 0.018f, 0.035f, 0.15f},
        // tb: tambourine, jingles (high metal) in three bursts
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.3f, 0.3f, 0.06f, 8000.f, 1.f, 0.f, 0.4f, 1.f, 2145.f, 3170.f, 4430.f, 5580.f, 2.f, 0.012f, 0.12f, 0.45f},
        // perc: a wood block
        {1050.f, 150.f, 0.004f, 0.035f, 0.9f, 0.05f, 0.f, 0.006f, 2500.f, 1.5f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.2f},
        // fx: a falling zap
        {280.f, 2600.f, 0.05f, 0.22f, 0.9f, 0.08f, 0.f, 0.15f, 3000.f, 2.f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.6f},
    },
    {
        // tr808: long boomy bd, tonal snare, metallic hats from six-ish squares
        {47.f, 95.f, 0.018f, 0.5f, 1.f, 0.f, 0.f, 0.01f, 1000.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 1.4f},
        {238.f, 40.f, 0.015f, 0.09f, 0.7f, 0.45f, 0.f, 0.06f, 2500.f, 0.7f, 0.f, 0.f, 1.f, 0, 0, 0, 0, 0, 0, 0, 0.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.2f, 0.7f, 0.02f, 8000.f, 1.2f, 0.f, 0.3f, 1.f, 205.3f, 304.4f, 369.6f, 522.7f, 0, 0, 0, 0.2f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.2f, 0.7f, 0.25f, 8000.f, 1.2f, 0.f, 0.3f, 1.f, 205.3f, 304.4f, 369.6f, 522.7f, 0, 0, 0, 1.0f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 1.1f, 0.f, 0.004f, 1000.f, 1.2f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 3.f, 0.01f, 0.1f, 0.6f},
        {1700.f, 0.f, 1.f, 0.007f, 0.8f, 0.15f, 0.f, 0.005f, 3000.f, 1.5f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.1f},
        {80.f, 25.f, 0.06f, 0.3f, 1.f, 0.f, 0.f, 0.02f, 1500.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 1.0f},
        {120.f, 35.f, 0.06f, 0.26f, 1.f, 0.f, 0.f, 0.02f, 1800.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.9f},
        {165.f, 50.f, 0.05f, 0.22f, 1.f, 0.f, 0.f, 0.02f, 2200.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.8f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.f, 0.45f, 0.12f, 700.f, 2.5f, 0.f, 1.f, 0.f, 540.f, 800.f, 0, 0, 0, 0, 0, 0.7f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.3f, 0.3f, 0.8f, 6000.f, 0.8f, 0.f, 0.2f, 1.f, 205.3f, 304.4f, 369.6f, 522.7f, 0, 0, 0, 2.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.1f, 0.5f, 0.6f, 7000.f, 1.2f, 0.f, 0.4f, 1.f, 308.f, 456.f, 554.f, 784.f, 0, 0, 0, 2.2f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.6f, 0.f, 0.012f, 9000.f, 0.8f, 0.f, 0.f, 1.f, 0, 0, 0, 0, 0, 0, 0, 0.08f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.25f, 0.35f, 0.08f, 8500.f, 1.2f, 0.f, 0.3f, 1.f, 1950.f, 2900.f, 4100.f, 5300.f, 2.f, 0.01f, 0.1f, 0.4f},
        {2500.f, 0.f, 1.f, 0.02f, 0.8f, 0.f, 0.f, 0.01f, 3000.f, 1.f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.12f},
        {200.f, 1800.f, 0.08f, 0.3f, 1.f, 0.f, 0.f, 0.1f, 2000.f, 1.f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.7f},
    },
    {
        // tr909: punchy bd with a click, noisy snare, bright hats
        {54.f, 190.f, 0.012f, 0.2f, 1.f, 0.3f, 0.f, 0.003f, 2500.f, 0.7f, 0.f, 0.f, 1.f, 0, 0, 0, 0, 0, 0, 0, 0.7f},
        {180.f, 90.f, 0.012f, 0.05f, 0.5f, 0.7f, 0.f, 0.1f, 3500.f, 0.7f, 0.3f, 0.f, 1.f, 0, 0, 0, 0, 0, 0, 0, 0.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.4f, 0.08f, 0.03f, 9000.f, 0.8f, 0.f, 0.f, 1.f, 400.f, 587.f, 845.f, 1190.f, 0, 0, 0, 0.2f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.4f, 0.08f, 0.3f, 8500.f, 0.8f, 0.f, 0.f, 1.f, 400.f, 587.f, 845.f, 1190.f, 0, 0, 0, 1.0f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 1.1f, 0.f, 0.003f, 1500.f, 1.4f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 3.f, 0.009f, 0.06f, 0.5f},
        {1800.f, 0.f, 1.f, 0.006f, 0.7f, 0.35f, 0.f, 0.006f, 2800.f, 1.5f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.1f},
        {100.f, 90.f, 0.03f, 0.18f, 1.f, 0.1f, 0.f, 0.02f, 1500.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.7f},
        {145.f, 120.f, 0.03f, 0.16f, 1.f, 0.1f, 0.f, 0.02f, 1800.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.6f},
        {200.f, 160.f, 0.025f, 0.14f, 1.f, 0.1f, 0.f, 0.02f, 2200.f, 0.7f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.f, 0.45f, 0.08f, 850.f, 2.f, 0.f, 1.f, 0.f, 560.f, 840.f, 0, 0, 0, 0, 0, 0.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.45f, 0.2f, 0.9f, 6500.f, 0.8f, 0.f, 0.f, 1.f, 400.f, 587.f, 845.f, 1190.f, 0, 0, 0, 2.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.15f, 0.3f, 0.7f, 6500.f, 0.9f, 0.f, 0.4f, 1.f, 440.f, 646.f, 930.f, 1309.f, 0, 0, 0, 2.5f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.55f, 0.f, 0.025f, 8000.f, 0.8f, 0.f, 0.2f, 1.f, 0, 0, 0, 0, 1.f, 0.014f, 0.03f, 0.12f},
        {0.f, 0.f, 1.f, 1.f, 0.f, 0.35f, 0.25f, 0.07f, 9000.f, 1.f, 0.f, 0.3f, 1.f, 2300.f, 3400.f, 4700.f, 6100.f, 2.f, 0.011f, 0.11f, 0.4f},
        {700.f, 300.f, 0.006f, 0.05f, 0.9f, 0.1f, 0.f, 0.008f, 2000.f, 1.2f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.25f},
        {350.f, 3500.f, 0.04f, 0.18f, 0.9f, 0.1f, 0.f, 0.08f, 4000.f, 2.f, 0.f, 1.f, 0.f, 0, 0, 0, 0, 0, 0, 0, 0.5f},
    },
};

}  // namespace mr::audio::detail
