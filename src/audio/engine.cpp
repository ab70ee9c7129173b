// First working engine: frame-exact event starts, a preallocated voice pool with stealing, synths
// and synthesized drums, equal-power pan, a safety limiter and level analysis. Orbit effects and
// the sampler come next (see the Engine header for the contract).
#include "audio/engine.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <set>
#include <deque>
#include <iterator>
#include <vector>

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

#include "base/spsc_queue.hpp"
#include "base/triple_buffer.hpp"

namespace mr::audio {
namespace {

constexpr float kTwoPi = 6.28318530718f;
enum Synth : uint32_t { kSine, kSaw, kSquare, kTriangle, kSupersaw, kFm, kPluck, kBass, kPad, kSynthCount };
constexpr const char* kSynthNames[] = {"sine", "saw", "square", "triangle", "supersaw", "fm", "pluck", "bass", "pad"};
enum Drum : uint32_t { kBd, kSn, kHh, kOh, kCp, kRim, kLt, kMt, kHt, kCb, kCr, kDrumCount };
constexpr const char* kDrumNames[] = {"bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cr"};
constexpr const char* kKitNames[] = {"", "tr808", "tr909"};
constexpr SoundId kSynthBase = 0x100;
constexpr SoundId kDrumBase = 0x1000;  // + kit * 16 + drum

struct Voice {
  bool active = false;
  uint64_t order = 0;
  int64_t start = 0;
  SoundId sound = kNoSound;
  float freq = 440.f, phase = 0.f, phase2 = 0.f, level = 1.f, gl = 0.7f, gr = 0.7f;
  float env = 0.f, attack = 0.001f, release = 0.05f, fade = 1.f, fade_step = 0.f;
  int64_t gate_frames = 0, age = 0;
  float lp = 0.f;
  uint32_t rng = 1;
};

float noise(uint32_t& s) {
  s ^= s << 13; s ^= s >> 17; s ^= s << 5;
  return static_cast<float>(s) * (2.f / 4294967296.f) - 1.f;
}

}  // namespace

struct Engine::Impl {
  EngineConfig cfg;
  SpscQueue<VoiceEvent> queue{4096};
  std::vector<VoiceEvent> pending;
  std::vector<Voice> voices;
  std::vector<float> mix;
  std::atomic<int64_t> frame{0};
  std::atomic<int> hush_req{0};
  int hush_seen = 0;
  uint64_t order = 0;
  float lim_gain = 1.f;
  std::atomic<int> active{0}, peak{0};
  std::atomic<int64_t> late{0}, dropped{0}, xruns{0};
  TripleBuffer<Analysis> analysis;
  Analysis scratch;  // filled per block, copied into the triple buffer
  int wave_pos = 0;
  std::mutex warn_mu;
  std::deque<std::string> warnings;
  std::set<std::string> warned;

  void start(const VoiceEvent& e, int offset);
  void render_voice(Voice& v, float* l, float* r, int from, int n);
};

Engine::Engine(const EngineConfig& config) : impl_(std::make_unique<Impl>()) {
  impl_->cfg = config;
  impl_->pending.reserve(8192);
  impl_->voices.resize(static_cast<size_t>(std::max(256, config.max_voices)) + 32);
  impl_->mix.resize(static_cast<size_t>(2 * 4096));
}
Engine::~Engine() = default;
const EngineConfig& Engine::config() const { return impl_->cfg; }
int64_t Engine::frame() const { return impl_->frame.load(std::memory_order_acquire); }
void Engine::note_xrun() { impl_->xruns.fetch_add(1, std::memory_order_relaxed); }
void Engine::hush() { impl_->hush_req.fetch_add(1, std::memory_order_release); }

SoundId Engine::resolve_sound(std::string_view name) {
  for (uint32_t i = 0; i < kSynthCount; ++i)
    if (name == kSynthNames[i]) return kSynthBase + i;
  uint32_t kit = 0;
  std::string_view drum = name;
  for (uint32_t k = 1; k < 3; ++k) {
    std::string_view prefix = kKitNames[k];
    if (name.size() > prefix.size() + 1 && name.substr(0, prefix.size()) == prefix && name[prefix.size()] == '_') {
      kit = k;
      drum = name.substr(prefix.size() + 1);
    }
  }
  for (uint32_t d = 0; d < kDrumCount; ++d)
    if (drum == kDrumNames[d]) return kDrumBase + kit * 16 + d;
  std::lock_guard<std::mutex> lock(impl_->warn_mu);
  std::string n(name);
  if (impl_->warned.insert(n).second) impl_->warnings.push_back("unknown sound '" + n + "'");
  return kNoSound;
}

bool Engine::push(const VoiceEvent& event) {
  if (impl_->queue.push(event)) return true;
  impl_->dropped.fetch_add(1, std::memory_order_relaxed);
  return false;
}

bool Engine::poll_warning(std::string& out) {
  std::lock_guard<std::mutex> lock(impl_->warn_mu);
  if (impl_->warnings.empty()) return false;
  out = std::move(impl_->warnings.front());
  impl_->warnings.pop_front();
  return true;
}

Stats Engine::stats() const {
  Stats s;
  s.voices_active = impl_->active.load(std::memory_order_relaxed);
  s.peak_voices = impl_->peak.load(std::memory_order_relaxed);
  s.late_events = impl_->late.load(std::memory_order_relaxed);
  s.dropped_events = impl_->dropped.load(std::memory_order_relaxed);
  s.xruns = impl_->xruns.load(std::memory_order_relaxed);
  s.frames_rendered = frame();
  return s;
}

bool Engine::read_analysis(Analysis& out) {
  if (!impl_->analysis.update()) return false;
  out = impl_->analysis.read_buffer();
  return true;
}

void Engine::Impl::start(const VoiceEvent& e, int offset) {
  if (e.sound == kNoSound) return;
  Voice* slot = nullptr;
  for (Voice& v : voices)
    if (!v.active) { slot = &v; break; }
  if (!slot) {  // steal the quietest, oldest on ties
    slot = &voices[0];
    for (Voice& v : voices)
      if (v.env * v.fade < slot->env * slot->fade || (v.env * v.fade == slot->env * slot->fade && v.order < slot->order)) slot = &v;
  }
  Voice v;
  v.active = true;
  v.order = ++order;
  v.sound = e.sound;
  v.start = offset;
  const float rate = static_cast<float>(cfg.rate_hz);
  float note = e.get(Param::Note, 60.f);
  if (e.has(Param::N) && e.sound < kDrumBase) note += e.get(Param::N, 0.f);
  if (e.has(Param::Octave)) note += 12.f * (e.get(Param::Octave, 4.f) - 4.f);
  v.freq = e.has(Param::Freq) ? e.get(Param::Freq, 440.f) : 440.f * std::pow(2.f, (note - 69.f) / 12.f);
  const float gain = e.get(Param::Gain, 1.f);
  v.level = e.get(Param::Amp, 0.4f) * gain * gain * gain * gain * e.get(Param::Velocity, 1.f) * 2.f;
  const float pan = std::clamp(e.get(Param::Pan, 0.5f), 0.f, 1.f);
  v.gl = std::cos(pan * kTwoPi * 0.25f);
  v.gr = std::sin(pan * kTwoPi * 0.25f);
  v.attack = std::max(1.f / rate, e.get(Param::Attack, e.sound == kSynthBase + kPad ? 0.3f : 0.002f));
  v.release = std::max(0.002f, e.get(Param::Release, e.sound == kSynthBase + kPad ? 0.8f : 0.05f));
  double gate = e.has(Param::Sustain) ? e.get(Param::Sustain, 1.f) : e.duration_sec * e.get(Param::Legato, 1.f);
  if (e.sound >= kDrumBase && !e.has(Param::Sustain) && !e.has(Param::Legato)) gate = 10.0;
  v.gate_frames = static_cast<int64_t>(std::max(0.0, gate) * rate);
  v.rng = static_cast<uint32_t>(e.frame * 2654435761u) ^ 0x9e3779b9u ^ e.sound;
  if (v.rng == 0) v.rng = 1;
  *slot = v;
}

void Engine::Impl::render_voice(Voice& v, float* l, float* r, int from, int n) {
  const float rate = static_cast<float>(cfg.rate_hz);
  const float dt = 1.f / rate;
  for (int i = from; i < n; ++i) {
    const float t = static_cast<float>(v.age) * dt;
    float s = 0.f, amp = 1.f;
    if (v.sound < kDrumBase) {
      const float inc = v.freq * dt;
      v.phase += inc;
      v.phase -= std::floor(v.phase);
      switch (v.sound - kSynthBase) {
        case kSine: s = std::sin(kTwoPi * v.phase); break;
        case kSquare: s = v.phase < 0.5f ? 0.6f : -0.6f; break;
        case kTriangle: s = 4.f * std::fabs(v.phase - 0.5f) - 1.f; break;
        case kFm: s = std::sin(kTwoPi * v.phase + 2.f * std::exp(-t * 4.f) * std::sin(kTwoPi * v.phase * 2.f)); break;
        case kPluck: s = (2.f * v.phase - 1.f) * std::exp(-t * 6.f); v.lp += (s - v.lp) * std::min(1.f, 0.05f + std::exp(-t * 8.f)); s = v.lp; break;
        case kBass: s = 0.6f * (2.f * v.phase - 1.f) + 0.6f * std::sin(kTwoPi * v.phase * 0.5f); v.lp += (s - v.lp) * (0.02f + 0.3f * std::exp(-t * 10.f)); s = 1.5f * v.lp; break;
        case kSupersaw: case kPad: {
          v.phase2 += inc * 1.007f;
          v.phase2 -= std::floor(v.phase2);
          s = 0.5f * ((2.f * v.phase - 1.f) + (2.f * v.phase2 - 1.f));
          v.lp += (s - v.lp) * 0.3f;
          s = v.lp;
          break;
        }
        default: s = 0.7f * (2.f * v.phase - 1.f); break;
      }
      s *= 0.5f;
    } else {
      const uint32_t drum = (v.sound - kDrumBase) % 16;
      const uint32_t kit = (v.sound - kDrumBase) / 16;
      const float nz = noise(v.rng);
      switch (drum) {
        case kBd: {
          const float f0 = kit == 2 ? 55.f : 48.f;
          v.phase += (f0 + 180.f * std::exp(-t * 40.f)) * dt;
          v.phase -= std::floor(v.phase);
          s = std::sin(kTwoPi * v.phase) * std::exp(-t * (kit == 1 ? 5.f : 9.f));
          amp = t < 0.5f / (kit == 1 ? 1.f : 1.5f) ? 1.f : std::exp(-(t - 0.4f) * 20.f);
          break;
        }
        case kSn: v.phase += 190.f * dt; v.phase -= std::floor(v.phase);
          s = 0.5f * std::sin(kTwoPi * v.phase) * std::exp(-t * 25.f) + 0.5f * nz * std::exp(-t * (kit == 2 ? 14.f : 20.f)); break;
        case kHh: s = 0.4f * (nz - v.lp) * std::exp(-t * 60.f); v.lp = nz; break;
        case kOh: s = 0.4f * (nz - v.lp) * std::exp(-t * 8.f); v.lp = nz; break;
        case kCp: { const float tt = std::fmod(t, 0.011f); const float env = t < 0.033f ? std::exp(-tt * 300.f) : std::exp(-(t - 0.033f) * 18.f);
          v.lp += (nz - v.lp) * 0.3f; s = 0.8f * (nz - v.lp) * env; break; }
        case kRim: v.phase += 1700.f * dt; v.phase -= std::floor(v.phase); s = (0.6f * std::sin(kTwoPi * v.phase) + 0.3f * nz) * std::exp(-t * 120.f); break;
        case kLt: case kMt: case kHt: { const float f = drum == kLt ? 90.f : drum == kMt ? 130.f : 180.f;
          v.phase += (f + f * std::exp(-t * 25.f)) * dt; v.phase -= std::floor(v.phase); s = std::sin(kTwoPi * v.phase) * std::exp(-t * 7.f); break; }
        case kCb: v.phase += 540.f * dt; v.phase -= std::floor(v.phase); v.phase2 += 800.f * dt; v.phase2 -= std::floor(v.phase2);
          s = 0.3f * ((v.phase < 0.5f ? 1.f : -1.f) + (v.phase2 < 0.5f ? 1.f : -1.f)) * std::exp(-t * 12.f); break;
        default: s = 0.4f * (nz - v.lp) * std::exp(-t * 2.5f); v.lp = nz; break;
      }
      // each drum has decayed below -60 dB by its length: end the voice there (10 ms fade)
      const float length = drum == kHh || drum == kRim ? 0.15f : drum == kCr ? 2.5f : drum == kOh ? 1.f : 0.7f;
      if (t > length) v.fade_step = std::max(v.fade_step, 1.f / (0.01f * rate));
    }
    // gate / release envelope
    if (v.age < v.gate_frames) v.env = std::min(1.f, v.env + dt / v.attack);
    else v.env *= std::exp(-dt * 6.9f / v.release);
    if (v.fade_step > 0.f) v.fade -= v.fade_step;
    const float g = s * amp * v.env * std::max(0.f, v.fade) * v.level;
    l[i] += g * v.gl;
    r[i] += g * v.gr;
    ++v.age;
    if (v.fade <= 0.f || (v.age >= v.gate_frames && v.env < 1e-4f)) { v.active = false; return; }
  }
}

void Engine::process(float* out, int frames) noexcept {
  Impl& m = *impl_;
#if defined(__SSE__)
  const unsigned csr = _mm_getcsr();
  _mm_setcsr(csr | 0x8040);  // flush denormals to zero
#endif
  const int ch = std::max(1, m.cfg.channels);
  const float ceiling = 0.891251f;  // -1 dBFS
  int done = 0;
  const int h = m.hush_req.load(std::memory_order_acquire);
  if (h != m.hush_seen) {
    m.hush_seen = h;
    m.pending.clear();
    VoiceEvent drop;
    while (m.queue.pop(drop)) {}
    for (Voice& v : m.voices) if (v.active) v.fade_step = std::max(v.fade_step, 1.f / (0.01f * static_cast<float>(m.cfg.rate_hz)));
  }
  while (done < frames) {
    const int n = std::min(frames - done, 128);
    const int64_t t0 = m.frame.load(std::memory_order_relaxed);
    VoiceEvent e;
    while (m.pending.size() < m.pending.capacity() && m.queue.pop(e)) {
      auto it = std::upper_bound(m.pending.begin(), m.pending.end(), e.frame,
                                 [](int64_t f, const VoiceEvent& x) { return f < x.frame; });
      m.pending.insert(it, e);
    }
    float* l = m.mix.data();
    float* r = m.mix.data() + 128;
    std::fill(l, l + 256, 0.f);
    size_t started = 0;
    while (started < m.pending.size() && m.pending[started].frame < t0 + n) {
      const VoiceEvent& ev = m.pending[started];
      if (ev.frame < t0) m.late.fetch_add(1, std::memory_order_relaxed);
      m.start(ev, static_cast<int>(std::max<int64_t>(0, ev.frame - t0)));
      ++started;
    }
    m.pending.erase(m.pending.begin(), m.pending.begin() + static_cast<std::ptrdiff_t>(started));
    int count = 0;
    for (Voice& v : m.voices) {
      if (!v.active) continue;
      const int from = static_cast<int>(v.start);
      v.start = 0;
      m.render_voice(v, l, r, from, n);
      count += v.active;
    }
    m.active.store(count, std::memory_order_relaxed);
    if (count > m.peak.load(std::memory_order_relaxed)) m.peak.store(count, std::memory_order_relaxed);
    Analysis& a = m.scratch;
    for (int i = 0; i < n; ++i) {
      const float pk = std::max(std::fabs(l[i]), std::fabs(r[i]));
      const float want = pk > ceiling ? ceiling / pk : 1.f;
      m.lim_gain = want < m.lim_gain ? want : m.lim_gain + (1.f - m.lim_gain) * 0.0005f;
      const float ol = std::clamp(l[i] * m.lim_gain, -ceiling, ceiling);
      const float orr = std::clamp(r[i] * m.lim_gain, -ceiling, ceiling);
      float* o = out + static_cast<size_t>(done + i) * static_cast<size_t>(ch);
      o[0] = ol;
      if (ch > 1) o[1] = orr;
      for (int c = 2; c < ch; ++c) o[c] = 0.f;
      a.waveform[m.wave_pos] = 0.5f * (ol + orr);
      m.wave_pos = (m.wave_pos + 1) & 511;
    }
    a.frame = t0 + n;
    m.analysis.write_buffer() = a;
    m.analysis.publish();
    m.frame.store(t0 + n, std::memory_order_release);
    done += n;
  }
#if defined(__SSE__)
  _mm_setcsr(csr);
#endif
}

std::vector<std::string> builtin_sound_names() {
  std::vector<std::string> names(std::begin(kSynthNames), std::end(kSynthNames));
  names.insert(names.end(), std::begin(kDrumNames), std::end(kDrumNames));
  return names;
}

}  // namespace mr::audio
