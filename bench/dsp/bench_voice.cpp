// bench_voice: renders the scsynth benchmark's reference voice (band-limited saw -> resonant
// low-pass, Q = 4 -> linear envelope, 10 ms attack and release -> amp -> equal-power pan) for N
// voices at 48 kHz in 128-frame blocks with moonrave's DSP units, writes the stereo mix as a float
// WAV (as scsynth does) and prints voice-samples per CPU-second. bench/dsp/run.sh runs it side by
// side with scsynth; see docs/PERFORMANCE.md.
//
// usage: bench_voice N [--dur S] [--mode simd|scalar] [--scen sustained|notes] [--params FILE] [--out FILE.wav]
//   --params: lines "freq cutoff rq amp pan" (voices.py N); without it the same formula is used.
//   --scen notes: each slot retriggers a 0.2 s note every 0.25 s (voices.py note_events), every
//   start and release exact to its frame; voice-samples then count sounding note time only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "dsp/denormals.hpp"
#include "dsp/envelope.hpp"
#include "dsp/oscillator.hpp"
#include "dsp/pan.hpp"
#include "dsp/svf.hpp"
#include "dsp/voice_bank.hpp"

namespace {

constexpr float kRate = 48000.0f;
constexpr int kBlock = 128;
constexpr float kEdgeSec = 0.01f;  // Env.linen attack and release

struct VoiceParams {
  float freq, cutoff, rq, amp, pan;
};

// Same as /work/shared/bench/scsynth/voices.py voice_params (rounded the same way).
VoiceParams Formula(int i, int n) {
  auto round_to = [](double x, int digits) {
    double m = std::pow(10.0, digits);
    return static_cast<float>(std::nearbyint(x * m) / m);
  };
  int semis = (i * 7) % 36;
  double detune = 1.0 + 0.003 * ((i % 5) - 2);
  double freq = 55.0 * std::pow(2.0, semis / 12.0) * detune;
  double cutoff = 300.0 + ((i * 37) % 100) / 100.0 * 3700.0;
  double amp = 0.5 / std::sqrt(double(n > 1 ? n : 1));
  double pan = -0.9 + 1.8 * (i % 16) / 15.0;
  return {round_to(freq, 4), round_to(cutoff, 4), 0.25f, round_to(amp, 6), round_to(pan, 6)};
}

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// Minimal IEEE-float stereo WAV writer (sizes patched on close).
class WavWriter {
 public:
  explicit WavWriter(const std::string& path) {
    if (path.empty()) return;
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) {
      std::fprintf(stderr, "bench_voice: cannot write %s\n", path.c_str());
      std::exit(1);
    }
    unsigned char h[44] = {};
    std::fwrite(h, 1, 44, f_);
  }
  ~WavWriter() {
    if (!f_) return;
    auto u32 = [](unsigned char* p, uint32_t v) { for (int i = 0; i < 4; ++i) p[i] = (v >> (8 * i)) & 0xff; };
    auto u16 = [](unsigned char* p, uint16_t v) { p[0] = v & 0xff; p[1] = v >> 8; };
    unsigned char h[44];
    std::memcpy(h, "RIFF", 4);
    u32(h + 4, static_cast<uint32_t>(36 + bytes_));
    std::memcpy(h + 8, "WAVEfmt ", 8);
    u32(h + 16, 16);
    u16(h + 20, 3);  // IEEE float
    u16(h + 22, 2);
    u32(h + 24, 48000);
    u32(h + 28, 48000 * 8);
    u16(h + 32, 8);
    u16(h + 34, 32);
    std::memcpy(h + 36, "data", 4);
    u32(h + 40, static_cast<uint32_t>(bytes_));
    std::fseek(f_, 0, SEEK_SET);
    std::fwrite(h, 1, 44, f_);
    std::fclose(f_);
  }
  void Write(const float* l, const float* r, int n) {
    if (!f_) return;
    float inter[2 * kBlock];
    for (int i = 0; i < n; ++i) {
      inter[2 * i] = l[i];
      inter[2 * i + 1] = r[i];
    }
    std::fwrite(inter, sizeof(float), 2 * static_cast<size_t>(n), f_);
    bytes_ += 8 * static_cast<uint64_t>(n);
  }

 private:
  std::FILE* f_ = nullptr;
  uint64_t bytes_ = 0;
};

// One voice from the scalar units, each run a block at a time.
struct ScalarVoice {
  mr::dsp::Oscillator osc;
  mr::dsp::Svf svf;
  mr::dsp::LinearAr env;
  float gain_l = 0, gain_r = 0;
};

// A note start or release of one voice slot, exact to the frame.
struct Event {
  long frame;
  int slot;
  bool start;
  float freq;
};

// Scenario "sustained": every slot starts at 0 and releases 10 ms before the end. Scenario
// "notes" (voices.py note_events): slot i starts at (i % 16) / 16 * 0.25 s, retriggers every
// 0.25 s with 0.2 s notes, the k-th note transposed by (k * 5) % 12 semitones.
std::vector<Event> MakeEvents(const std::vector<VoiceParams>& params, double dur, bool notes, long* sounding) {
  std::vector<Event> ev;
  const long edge = std::lround(kEdgeSec * kRate);
  *sounding = 0;
  for (int i = 0; i < static_cast<int>(params.size()); ++i) {
    if (!notes) {
      ev.push_back({0, i, true, params[i].freq});
      ev.push_back({std::lround(dur * kRate) - edge, i, false, 0.0f});
      *sounding += std::lround(dur * kRate);
      continue;
    }
    const double off = (i % 16) * 0.25 / 16.0;
    for (int k = 0;; ++k) {
      const double t = off + k * 0.25;
      if (t + 0.2 > dur + 1e-9) break;
      const double f = std::nearbyint(params[i].freq * std::pow(2.0, ((k * 5) % 12) / 12.0) * 1e4) / 1e4;
      const long start = std::lround(std::nearbyint(t * 1e6) / 1e6 * kRate);
      ev.push_back({start, i, true, static_cast<float>(f)});
      ev.push_back({start + std::lround(0.2 * kRate) - edge, i, false, 0.0f});
      *sounding += std::lround(0.2 * kRate);
    }
  }
  std::stable_sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) { return a.frame < b.frame; });
  return ev;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: bench_voice N [--dur S] [--mode simd|scalar] [--scen sustained|notes] [--params FILE] "
                 "[--out FILE.wav]\n");
    return 2;
  }
  const int n_voices = std::atoi(argv[1]);
  double dur = 60.0;
  std::string mode = "simd", scen = "sustained", params_path, out_path;
  for (int a = 2; a + 1 < argc; a += 2) {
    std::string k = argv[a], v = argv[a + 1];
    if (k == "--dur") dur = std::atof(v.c_str());
    else if (k == "--mode") mode = v;
    else if (k == "--scen") scen = v;
    else if (k == "--params") params_path = v;
    else if (k == "--out") out_path = v;
    else {
      std::fprintf(stderr, "bench_voice: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if ((mode != "simd" && mode != "scalar") || (scen != "sustained" && scen != "notes")) {
    std::fprintf(stderr, "bench_voice: unknown mode or scenario\n");
    return 2;
  }
  std::vector<VoiceParams> params;
  if (!params_path.empty()) {
    std::FILE* f = params_path == "-" ? stdin : std::fopen(params_path.c_str(), "r");
    VoiceParams p;
    while (f && std::fscanf(f, "%f %f %f %f %f", &p.freq, &p.cutoff, &p.rq, &p.amp, &p.pan) == 5) params.push_back(p);
    if (f && f != stdin) std::fclose(f);
  } else {
    for (int i = 0; i < n_voices; ++i) params.push_back(Formula(i, n_voices));
  }
  if (static_cast<int>(params.size()) != n_voices) {
    std::fprintf(stderr, "bench_voice: %zu voice parameter lines for N=%d\n", params.size(), n_voices);
    return 1;
  }

  long sounding = 0;
  const std::vector<Event> events = MakeEvents(params, dur, scen == "notes", &sounding);
  const long total = std::lround(dur * kRate);
  WavWriter wav(out_path);
  std::vector<float> out_l(kBlock), out_r(kBlock);
  double checksum = 0;

  using mr::dsp::VoiceBank;
  const int banks = (n_voices + VoiceBank::kLanes - 1) / VoiceBank::kLanes;
  std::vector<VoiceBank> bank(static_cast<size_t>(banks));
  auto bus = std::make_unique<VoiceBank::Bus>();
  std::vector<ScalarVoice> voices(static_cast<size_t>(n_voices));
  for (auto& b : bank) b.Init(kRate);
  for (int i = 0; i < n_voices; ++i) {
    const VoiceParams& p = params[i];
    ScalarVoice& v = voices[i];
    v.osc.Init(kRate);
    v.osc.set_waveform(mr::dsp::Waveform::kSaw);
    v.svf.Init(kRate);
    v.svf.set_cutoff_hz(p.cutoff);
    v.svf.set_q(1.0f / p.rq);
    v.env.Init(kRate);
    v.env.set_attack_sec(kEdgeSec);
    v.env.set_release_sec(kEdgeSec);
    mr::dsp::PanGains g = mr::dsp::EqualPowerPan(p.pan);
    v.gain_l = p.amp * g.left;
    v.gain_r = p.amp * g.right;
  }
  const bool simd = mode == "simd";
  auto apply = [&](const Event& e) {
    const VoiceParams& p = params[e.slot];
    if (simd) {
      VoiceBank& b = bank[e.slot / VoiceBank::kLanes];
      const int lane = e.slot % VoiceBank::kLanes;
      if (e.start) b.Start(lane, e.freq, p.cutoff, 1.0f / p.rq, p.amp, p.pan, kEdgeSec);
      else b.Release(lane, kEdgeSec);
    } else {
      ScalarVoice& v = voices[e.slot];
      if (e.start) {
        v.osc.set_frequency_hz(e.freq);
        v.osc.set_phase_norm(0.0f);
        v.svf.Reset();
        v.env.NoteOn();
      } else {
        v.env.NoteOff();
      }
    }
  };
  float sig[kBlock], env[kBlock];
  // Renders frames [start, start + len) of the current block into out_l / out_r.
  auto render = [&](int start, int len) {
    if (simd) {
      bus->Clear(len);
      for (auto& b : bank) b.Render(*bus, len);
      bus->MixDown(out_l.data() + start, out_r.data() + start, len);
      return;
    }
    for (ScalarVoice& v : voices) {
      v.osc.Process(sig, static_cast<size_t>(len));
      v.svf.Process(sig, sig, static_cast<size_t>(len));
      v.env.Process(env, static_cast<size_t>(len));
      for (int i = 0; i < len; ++i) {
        float y = sig[i] * env[i];
        out_l[start + i] += y * v.gain_l;
        out_r[start + i] += y * v.gain_r;
      }
    }
  };

  mr::dsp::ScopedFlushDenormals ftz;  // as the audio callback does
  const double t0 = CpuSeconds();
  size_t next = 0;
  for (long frame = 0; frame < total; frame += kBlock) {
    const int n = static_cast<int>(std::min<long>(kBlock, total - frame));
    std::fill(out_l.begin(), out_l.end(), 0.0f);
    std::fill(out_r.begin(), out_r.end(), 0.0f);
    // Split the block at every event frame, as the engine does: starts are exact to the frame.
    int pos = 0;
    while (pos < n) {
      while (next < events.size() && events[next].frame <= frame + pos) apply(events[next++]);
      int until = n;
      if (next < events.size() && events[next].frame < frame + n) until = static_cast<int>(events[next].frame - frame);
      render(pos, until - pos);
      pos = until;
    }
    wav.Write(out_l.data(), out_r.data(), n);
    checksum += out_l[0] + out_r[n - 1];
  }
  const double cpu = CpuSeconds() - t0;
  const double vs = double(sounding);
  std::printf("moonrave-%s%s N=%d cpu_s=%.3f voice_samples_per_s=%.4g\n", mode.c_str(), scen == "notes" ? "-notes" : "",
              n_voices, cpu, vs / cpu);
  std::fprintf(stderr, "  (render loop only; %zu events; checksum %.6g)\n", events.size(), checksum);
  return 0;
}
