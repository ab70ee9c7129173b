// bench_units: cost of each DSP unit, nanoseconds per sample (per stereo frame for the stereo
// units) and percent of one core at 48 kHz, over 20 s of audio in 128-frame blocks.
// usage: bench_units [seconds]
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <vector>

#include "dsp/delay.hpp"
#include "dsp/denormals.hpp"
#include "dsp/distortion.hpp"
#include "dsp/envelope.hpp"
#include "dsp/fm2.hpp"
#include "dsp/ladder.hpp"
#include "dsp/limiter.hpp"
#include "dsp/noise.hpp"
#include "dsp/oscillator.hpp"
#include "dsp/pluck.hpp"
#include "dsp/reverb.hpp"
#include "dsp/supersaw.hpp"
#include "dsp/svf.hpp"
#include "dsp/vowel.hpp"

namespace {
constexpr float kRate = 48000.0f;
constexpr int kBlock = 128;

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

float g_sink = 0.0f;  // keeps the optimiser from dropping the work

template <typename F>
void Measure(const char* name, double seconds, F&& block) {
  const long blocks = static_cast<long>(seconds * kRate / kBlock);
  const double t0 = CpuSeconds();
  for (long b = 0; b < blocks; ++b) block();
  const double cpu = CpuSeconds() - t0;
  const double ns = cpu * 1e9 / (double(blocks) * kBlock);
  std::printf("%-28s %8.2f ns/sample  %6.3f%% of a core at 48 kHz\n", name, ns, ns * 48000.0 * 1e-9 * 100.0);
}
}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 20.0;
  mr::dsp::ScopedFlushDenormals ftz;
  std::vector<float> in(kBlock), l(kBlock), r(kBlock), out(kBlock), cut(kBlock);
  mr::dsp::Noise src;
  src.Init(kRate);
  src.Process(in.data(), kBlock);
  for (int i = 0; i < kBlock; ++i) cut[i] = 400.0f + 30.0f * float(i);
  using namespace mr::dsp;

  { Oscillator o; o.Init(kRate); o.set_frequency_hz(110.0f);
    Measure("oscillator saw", seconds, [&] { o.Process(out.data(), kBlock); g_sink += out[0]; }); }
  { Supersaw s; s.Init(kRate);
    Measure("supersaw (7 saws)", seconds, [&] { s.Process(out.data(), kBlock); g_sink += out[0]; }); }
  { Fm2 f; f.Init(kRate);
    Measure("fm2", seconds, [&] { f.Process(out.data(), kBlock); g_sink += out[0]; }); }
  { Noise n; n.Init(kRate); n.set_colour(NoiseColour::kPink);
    Measure("noise pink", seconds, [&] { n.Process(out.data(), kBlock); g_sink += out[0]; }); }
  { Svf f; f.Init(kRate); f.set_q(4.0f);
    Measure("svf low-pass", seconds, [&] { f.Process(in.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { Svf f; f.Init(kRate);
    Measure("svf, per-sample cutoff", seconds, [&] { f.ProcessModulated(in.data(), cut.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { Ladder f; f.Init(kRate); f.set_resonance_norm(0.7f);
    Measure("ladder low-pass 24", seconds, [&] { f.Process(in.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { Ladder f; f.Init(kRate); f.set_resonance_norm(0.7f);
    Measure("ladder, per-sample cutoff", seconds, [&] { f.ProcessModulated(in.data(), cut.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { Adsr e; e.Init(kRate); e.NoteOn();
    Measure("adsr", seconds, [&] { e.Process(out.data(), kBlock); g_sink += out[0]; }); }
  { Vowel v; v.Init(kRate); v.set_vowel('o');
    Measure("vowel (5 formants)", seconds, [&] { v.Process(in.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { Pluck p; p.Init(kRate); long k = 0;
    Measure("pluck (restruck every 0.5 s)", seconds, [&] { if (k++ % 188 == 0) p.Strike(110.0f); p.Process(out.data(), kBlock); g_sink += out[0]; }); }
  { Crush c; c.Init(kRate); c.set_bits(6.0f);
    Measure("crush", seconds, [&] { c.Process(in.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { FeedbackDelay d; d.Init(kRate, 2.0f); d.set_time_sec(0.375f);
    Measure("feedback delay (mono)", seconds, [&] { d.Process(in.data(), out.data(), kBlock); g_sink += out[0]; }); }
  { auto rv = std::make_unique<Reverb>(); rv->Init(kRate); rv->set_size_norm(0.8f); rv->set_mix_norm(1.0f);
    Measure("reverb (stereo frame)", seconds, [&] { l = in; r = in; rv->Process(l.data(), r.data(), kBlock); g_sink += l[0]; }); }
  { Limiter lim; lim.Init(kRate);
    Measure("limiter (stereo frame)", seconds, [&] { for (int i = 0; i < kBlock; ++i) l[i] = r[i] = 4.0f * in[i];
                                                   lim.Process(l.data(), r.data(), kBlock); g_sink += l[0]; }); }
  std::fprintf(stderr, "(sink %g)\n", double(g_sink));
  return 0;
}
