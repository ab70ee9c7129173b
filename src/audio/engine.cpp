// The engine: events to voices (frame-exact, by splitting the block at each start), packs of
// eight voices rendered together, per-voice effects, orbits (delay, reverb), the master limiter
// and the analysis taps. The audio thread's part (process) never allocates, locks or waits.
#include "audio/engine.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <iterator>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "audio/orbit.hpp"
#include "audio/sampler.hpp"
#include "audio/sound_names.hpp"
#include "audio/soundfont.hpp"
#include "audio/spectrum.hpp"
#include "audio/voices.hpp"
#include "base/spsc_queue.hpp"
#include "base/triple_buffer.hpp"
#include "dsp/denormals.hpp"
#include "dsp/limiter.hpp"
#include "dsp/pluck.hpp"

namespace mr::audio {

using namespace detail;

namespace {

constexpr int kOrbits = kOrbitCount;
constexpr int kRingSize = 8192;  // analysis ring of master samples (power of two)
constexpr float kStealFadeSec = 0.005f;
// The mix boundary's guard (GuardLanes): no voice may be louder than kVoiceCeiling (+12 dB) at
// the buses, whatever its controls say (gain(50) is held there, so the master limiter ducks the
// rest by at most ~13 dB and every other voice stays audible); output that is not finite or
// over kVoiceAbsurd (+60 dB: gain(1e9)) silences that voice alone, at once, and is counted.
constexpr float kVoiceCeiling = 4.f;
constexpr float kVoiceAbsurd = 1000.f;

// What the audio thread publishes per block for the analysis reader.
struct Levels {
  int64_t frame = 0;
  float orbit_rms[kOrbits] = {}, orbit_peak[kOrbits] = {};
  float master_rms = 0.f, master_peak = 0.f;
};

}  // namespace

struct Engine::Impl {
  EngineConfig cfg;
  float rate = 48000.f;
  SpscQueue<VoiceEvent> queue{8192};
  std::vector<VoiceEvent> pending;  // sorted by frame
  std::vector<Pack> packs;
  std::vector<int> active;  // indices of packs in use
  int live_voices = 0;      // voices not fading
  uint64_t order = 0;
  alignas(32) F8 buf_l[kMaxBlock];
  alignas(32) F8 buf_r[kMaxBlock];
  // Vector buses: lanes without per-voice effects add all eight at once (one multiply-add per
  // sample per bus); the eight partial sums are reduced once per block. [orbit][bus][frame]
  enum { kDryL, kDryR, kDelayL, kDelayR, kRoomL, kRoomR, kBusCount };
  alignas(32) F8 vbus[kOrbits][kBusCount][kMaxBlock];
  bool vbus_used[kOrbits][kBusCount / 2] = {};
  int block_n = 0;
  float lane_l[kMaxBlock] = {};
  Orbit orbits[kOrbits];
  bool orbit_used[kOrbits] = {};
  std::vector<dsp::Limiter> limiters;  // one per output pair
  std::vector<float> master;           // planar: channel c at c * kMaxBlock
  std::unique_ptr<SoundFont> soundfont;  // before samples: its decode jobs run on samples' loader
  std::unique_ptr<SampleLibrary> samples;
  // Karplus-Strong strings for `pluck` voices, lent to lanes and given back when they end
  std::vector<std::unique_ptr<dsp::Pluck>> plucks;
  std::vector<int> free_plucks;
  // segment buffers for `squiz` voices (two halves of kSquizLen each), lent like the strings
  std::vector<float> squiz_pool;
  std::vector<int> free_squiz;
  std::atomic<int64_t> frame{0};
  std::atomic<int> hush_req{0};
  int hush_seen = 0;
  // stats
  std::atomic<int> active_count{0}, peak{0};
  std::atomic<int64_t> late{0}, dropped{0}, xruns{0}, stolen{0}, not_ready{0}, silenced{0}, orbit_resets{0};
  std::atomic<float> load{0.f};
  // analysis: master samples into a ring, levels through a triple buffer
  std::unique_ptr<std::atomic<float>[]> ring;
  std::atomic<int64_t> ring_written{0};
  TripleBuffer<Levels> levels;
  Levels level_state;
  // reader side (read_analysis's caller)
  Spectrum spectrum;
  std::vector<float> ring_copy = std::vector<float>(Spectrum::kSize);
  int64_t last_read_written = 0;
  Levels last_levels;
  // output tap: a single-producer (process) single-consumer (read_tap) ring of interleaved frames
  std::unique_ptr<float[]> tap;
  int64_t tap_capacity = 0;                 // frames; set only while disarmed
  std::atomic<bool> tap_armed{false};
  std::atomic<bool> tap_busy{false};        // process() is between reading tap_armed and its last write
  std::atomic<int64_t> tap_write{0}, tap_read{0}, tap_dropped{0};
  // warnings (control thread)
  std::mutex warn_mu;
  std::deque<std::string> warnings;
  std::set<std::string> warned;

  // stand-ins: a name that plays one of several sounds, `n` choosing (control thread fills a set,
  // then publishes the count; the audio thread reads sets below it)
  struct AliasSet {
    SoundId ids[16] = {};
    int count = 0;
  };
  static constexpr int kMaxAliases = 256;
  static constexpr SoundId kAliasBase = 0x80000;
  AliasSet alias_sets[kMaxAliases];
  std::atomic<int> alias_count{0};
  std::unordered_map<std::string, SoundId> alias_by_name;

  void StartEvent(const VoiceEvent& e);
  void RenderSegment(int pos, int n);
  void MixLaneScalar(Pack& p, int j, int pos, int n, bool stereo);
  void GuardLanes(Pack& p, int n, bool stereo);
  void SilenceLane(Pack& p, int j, int n, bool stereo);
  void ReduceBuses(int orbit, int n);
  void FinishBlock(float* out, int out_offset, int n, int ch, int64_t t0);
  void TapBlock(const float* out, int n, int ch) noexcept;
  SoundId ResolveStandIn(Engine& engine, const StandIn& stand, int index);
  void Warn(const std::string& text) {
    std::lock_guard<std::mutex> lock(warn_mu);
    if (warned.insert(text).second) warnings.push_back(text);
  }
  // A substitution said once: the same channel as the warnings.
  void Note(const std::string& text) { Warn(text); }
};

Engine::Engine(const EngineConfig& config) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.cfg = config;
  m.cfg.channels = std::max(1, m.cfg.channels);
  m.cfg.max_voices = std::max(1, m.cfg.max_voices);
  m.rate = static_cast<float>(m.cfg.rate_hz);
  m.pending.reserve(8192);
  // every voice may sit alone in a pack, plus room for the fading ones
  const int pack_count = (m.cfg.max_voices * 3) / 2 + kLanes;
  m.packs.resize(static_cast<size_t>(pack_count));
  for (Pack& p : m.packs)
    for (int j = 0; j < kLanes; ++j) ClearLane(p, j);
  m.active.reserve(m.packs.size());
  for (Orbit& o : m.orbits) o.Init(m.rate);
  const int pairs = (m.cfg.channels + 1) / 2;
  m.limiters = std::vector<dsp::Limiter>(static_cast<size_t>(pairs));
  for (dsp::Limiter& l : m.limiters) {
    l.Init(m.rate, std::max(1.f / m.rate, m.cfg.limiter_lookahead_sec));
    l.set_ceiling_db(m.cfg.limiter_ceiling_db);
  }
  m.master.assign(static_cast<size_t>(pairs * 2 * kMaxBlock), 0.f);
  m.samples = std::make_unique<SampleLibrary>(DefaultSamplePaths(m.cfg.sample_paths, m.cfg.superdirt_sample_paths),
                                              m.cfg.synchronous_loading);
  m.soundfont = std::make_unique<SoundFont>(m.cfg.soundfont, *m.samples);
  constexpr int kPlucks = 64;
  m.free_plucks.reserve(kPlucks);
  for (int i = 0; i < kPlucks; ++i) {
    m.plucks.push_back(std::make_unique<dsp::Pluck>());
    m.plucks.back()->Init(m.rate, 20.f, 0x1234567u + static_cast<uint32_t>(i) * 7919u);
    m.free_plucks.push_back(kPlucks - 1 - i);
  }
  constexpr int kSquizBuffers = 64;
  m.squiz_pool.assign(static_cast<size_t>(kSquizBuffers) * 2 * kSquizLen, 0.f);
  m.free_squiz.reserve(kSquizBuffers);
  for (int i = 0; i < kSquizBuffers; ++i) m.free_squiz.push_back(kSquizBuffers - 1 - i);
  m.ring = std::make_unique<std::atomic<float>[]>(kRingSize);
  for (int i = 0; i < kRingSize; ++i) m.ring[i].store(0.f, std::memory_order_relaxed);
}

Engine::~Engine() = default;
const EngineConfig& Engine::config() const { return impl_->cfg; }
int64_t Engine::frame() const { return impl_->frame.load(std::memory_order_acquire); }
void Engine::note_xrun() { impl_->xruns.fetch_add(1, std::memory_order_relaxed); }
void Engine::hush() { impl_->hush_req.fetch_add(1, std::memory_order_release); }
bool Engine::cancel_slot(uint32_t slot, int64_t from_frame) {
  VoiceEvent c;
  c.sound = kCancelSound;
  c.slot = slot;
  c.frame = from_frame;
  return impl_->queue.push(c);
}
void Engine::wait_for_samples() { impl_->samples->WaitIdle(); }
int Engine::latency_frames() const { return static_cast<int>(impl_->limiters.front().latency_frames()); }

namespace {

// superdough's noises as looped two-second buffers (white, pink and brown as it makes them;
// crackle: sparse random clicks), seeded, so renders stay identical.
std::unique_ptr<SampleData> MakeNoise(int which, float rate_hz) {
  const int frames = static_cast<int>(2.f * rate_hz);
  std::vector<float> x(static_cast<size_t>(frames));
  uint32_t state = 0x2545f491u + static_cast<uint32_t>(which) * 0x9e3779b9u;
  auto white = [&state] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return static_cast<float>(state) / 2147483648.f - 1.f;
  };
  float last = 0.f, b0 = 0.f, b1 = 0.f, b2 = 0.f, b3 = 0.f, b4 = 0.f, b5 = 0.f, b6 = 0.f;
  for (float& y : x) {
    const float w = white();
    switch (which) {
      case 0: y = w; break;
      case 1:  // pink: Paul Kellet's filter
        b0 = 0.99886f * b0 + w * 0.0555179f;
        b1 = 0.99332f * b1 + w * 0.0750759f;
        b2 = 0.969f * b2 + w * 0.153852f;
        b3 = 0.8665f * b3 + w * 0.3104856f;
        b4 = 0.55f * b4 + w * 0.5329522f;
        b5 = -0.7616f * b5 - w * 0.016898f;
        y = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362f) * 0.11f;
        b6 = w * 0.115926f;
        break;
      case 2:  // brown: leaky integrated white
        last = (last + 0.02f * w) / 1.02f;
        y = last;
        break;
      default: y = white() < -0.9996f ? w : 0.f;  // crackle: about 10 clicks a second
    }
  }
  // white at superdough's level (0.3 of full scale, as its synths); pink and brown to the same RMS
  double sum2 = 0.0;
  for (float y : x) sum2 += static_cast<double>(y) * y;
  const float rms = static_cast<float>(std::sqrt(sum2 / frames));
  const float scale = which == 3 ? 0.5f : rms > 0.f ? 0.17f / rms : 1.f;
  for (float& y : x) y *= scale;
  auto data = std::make_unique<SampleData>();
  data->rate_hz = rate_hz;
  SetPcm(*data, std::move(x), 1);
  data->loop_begin = 0;
  data->loop_end = data->frames;
  data->held = true;
  data->unpitched = true;
  return data;
}

}  // namespace

SoundId Engine::resolve_sound(std::string_view name) {
  Impl& m = *impl_;
  const std::string lower = Lower(name);
  if (SoundId id = FindSynth(lower); id != kNoSound) return id;
  if (const int noise = FindNoise(lower); noise >= 0) return m.samples->AddGenerated(lower, MakeNoise(noise, m.rate));
  // sample folders (a folder found replaces a built-in drum or a stand-in of its name)
  if (SoundId id = m.samples->Resolve(name); id != kNoSound) return id;
  if (lower != name)
    if (SoundId id = m.samples->Resolve(lower); id != kNoSound) return id;
  const DrumMachine* machine = nullptr;
  if (SoundId id = FindDrum(lower, &machine); id != kNoSound) {
    if (machine)
      m.Note(std::string("drum machine '") + machine->name + "': no samples of it here, the built-in " +
             (kKitNames[(id - kDrumBase) / 16][0] ? kKitNames[(id - kDrumBase) / 16] : "default") +
             " kit plays it (a folder " + machine->name + "_bd, ... in a sample path would)");
    return id;
  }
  if (lower.rfind("gm_", 0) == 0) {
    std::string message;
    std::string gm = lower;
    int variant = 0;  // gm_x:i is variant i, as n("i")
    if (size_t colon = gm.rfind(':'); colon != std::string::npos) {
      variant = std::atoi(gm.c_str() + colon + 1) & 15;
      gm.resize(colon);
    }
    if (SoundId id = m.soundfont->Resolve(gm, message); id != kNoSound) return id + static_cast<SoundId>(variant);
    m.Warn(message);
    return kNoSound;
  }
  // Strudel's default sample names: the closest GM instrument or built-in sound
  std::string base = lower;
  int index = -1;
  if (size_t colon = base.rfind(':'); colon != std::string::npos) {
    index = std::atoi(base.c_str() + colon + 1);
    base.resize(colon);
  }
  if (const StandIn* stand = FindStandIn(base)) return m.ResolveStandIn(*this, *stand, index);
  m.Warn("unknown sound '" + std::string(name) + "'");
  return kNoSound;
}

SoundId Engine::Impl::ResolveStandIn(Engine& engine, const StandIn& stand, int index) {
  // built-ins: one SoundId per sample of the original, `n` choosing (as in a sample bank)
  std::vector<std::string> names;
  for (std::string_view rest = stand.builtins; !rest.empty();) {
    const size_t sp = rest.find(' ');
    names.emplace_back(rest.substr(0, sp));
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
  }
  const std::string key = std::string(stand.name);
  if (stand.gm[0] && soundfont->Available()) {
    std::string message;
    if (SoundId id = soundfont->Resolve(stand.gm, message); id != kNoSound) {
      Note(std::string("sound '") + stand.name + "' (a sample of Strudel's default set) is not installed here: the General MIDI " +
           stand.gm + " plays it (a sample folder '" + stand.name + "' would)");
      return id;
    }
  }
  Note(std::string("sound '") + stand.name + "' (a sample of Strudel's default set) is not installed here: the built-in " +
       stand.builtins + " plays it (a sample folder '" + stand.name + "' would)");
  if (index >= 0) return engine.resolve_sound(names[static_cast<size_t>(index) % names.size()]);
  if (names.size() == 1) return engine.resolve_sound(names[0]);
  if (auto it = alias_by_name.find(key); it != alias_by_name.end()) return it->second;
  const int count = alias_count.load(std::memory_order_relaxed);
  if (count >= kMaxAliases) return engine.resolve_sound(names[0]);
  AliasSet& set = alias_sets[count];
  set.count = 0;
  for (const std::string& n : names)
    if (set.count < 16) set.ids[set.count++] = engine.resolve_sound(n);
  alias_count.store(count + 1, std::memory_order_release);
  const SoundId id = kAliasBase + static_cast<SoundId>(count);
  alias_by_name[key] = id;
  return id;
}

bool Engine::push(const VoiceEvent& event) {
  if (impl_->queue.push(event)) return true;
  impl_->dropped.fetch_add(1, std::memory_order_relaxed);
  return false;
}

bool Engine::poll_warning(std::string& out) {
  std::string loader;
  if (impl_->samples->PollWarning(loader)) impl_->Warn(loader);
  std::lock_guard<std::mutex> lock(impl_->warn_mu);
  if (impl_->warnings.empty()) return false;
  out = std::move(impl_->warnings.front());
  impl_->warnings.pop_front();
  return true;
}

Stats Engine::stats() const {
  const Impl& m = *impl_;
  Stats s;
  s.voices_active = m.active_count.load(std::memory_order_relaxed);
  s.peak_voices = m.peak.load(std::memory_order_relaxed);
  s.late_events = m.late.load(std::memory_order_relaxed);
  s.dropped_events = m.dropped.load(std::memory_order_relaxed);
  s.xruns = m.xruns.load(std::memory_order_relaxed);
  s.dsp_load = m.load.load(std::memory_order_relaxed);
  s.frames_rendered = frame();
  s.stolen_voices = m.stolen.load(std::memory_order_relaxed);
  s.samples_not_ready = m.not_ready.load(std::memory_order_relaxed);
  s.silenced_voices = m.silenced.load(std::memory_order_relaxed);
  s.orbit_resets = m.orbit_resets.load(std::memory_order_relaxed);
  return s;
}

bool Engine::read_analysis(AudioAnalysis& out) {
  Impl& m = *impl_;
  const bool fresh = m.levels.update();
  if (fresh) m.last_levels = m.levels.read_buffer();
  const int64_t written = m.ring_written.load(std::memory_order_acquire);
  if (!fresh && written == m.last_read_written) return false;
  const int n = Spectrum::kSize;
  for (int i = 0; i < n; ++i) {
    const int64_t at = written - n + i;
    m.ring_copy[static_cast<size_t>(i)] = at < 0 ? 0.f : m.ring[at & (kRingSize - 1)].load(std::memory_order_relaxed);
  }
  const float elapsed = static_cast<float>(written - m.last_read_written) / m.rate;
  m.last_read_written = written;
  m.spectrum.Analyse(m.ring_copy.data(), elapsed, out.fft.data(), out.fft_smoothed.data());
  std::copy(m.ring_copy.end() - 512, m.ring_copy.end(), out.waveform.begin());
  const Levels& l = m.last_levels;
  out.frame = written;
  std::copy(std::begin(l.orbit_rms), std::end(l.orbit_rms), out.orbit_rms.begin());
  std::copy(std::begin(l.orbit_peak), std::end(l.orbit_peak), out.orbit_peak.begin());
  out.master_rms = l.master_rms;
  out.master_peak = l.master_peak;
  out.rate_hz = m.rate;
  return true;
}

void Engine::Impl::StartEvent(const VoiceEvent& e) {
  if (e.sound >= kAliasBase && e.sound < kAliasBase + kMaxAliases) {
    const int index = static_cast<int>(e.sound - kAliasBase);
    if (index >= alias_count.load(std::memory_order_acquire)) return;
    const AliasSet& set = alias_sets[index];
    if (set.count <= 0) return;
    int n = e.get_int(Param::N, 0.f, -(1 << 30), 1 << 30) % set.count;
    if (n < 0) n += set.count;
    VoiceEvent chosen = e;
    chosen.sound = set.ids[n];
    chosen.clear(Param::N);  // `n` chose the sound
    if (chosen.sound < kAliasBase || chosen.sound >= kAliasBase + kMaxAliases) StartEvent(chosen);
    return;
  }
  const Kind kind = KindFor(e);
  if (kind == Kind::kFree) return;
  StartContext ctx;
  ctx.rate_hz = rate;
  if (kind == Kind::kSampler) {
    const int n = e.get_int(Param::N, 0.f, -(1 << 30), 1 << 30);
    if (e.sound >= kSoundFontBase) {
      const int velocity = static_cast<int>(std::lround(std::clamp(e.get(Param::Velocity, 0.8f) * 127.f, 1.f, 127.f)));
      ctx.sample = soundfont->Get(e.sound, n, EventKey(e), velocity);
    } else {
      ctx.sample = samples->Get(e.sound, n);
    }
    if (!ctx.sample) {
      not_ready.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  const int orbit = OrbitOf(e);
  const float fade_frames = kStealFadeSec * rate;
  if (kind == Kind::kPluck) {
    if (free_plucks.empty()) {  // every string is sounding: skip this one
      dropped.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    ctx.pluck_slot = free_plucks.back();
    free_plucks.pop_back();
    ctx.pluck = plucks[static_cast<size_t>(ctx.pluck_slot)].get();
  }
  if (WantsSquiz(e) && !free_squiz.empty()) {  // none free: the voice plays without squiz
    ctx.squiz_slot = free_squiz.back();
    free_squiz.pop_back();
    ctx.squiz = squiz_pool.data() + static_cast<size_t>(ctx.squiz_slot) * 2 * kSquizLen;
  }
  // cut groups: a new voice stops the others of its group on its orbit
  if (const int cut = e.get_int(Param::Cut, 0.f, -(1 << 30), 1 << 30); cut > 0) {
    for (int idx : active) {
      Pack& p = packs[static_cast<size_t>(idx)];
      for (int j = 0; j < kLanes; ++j) {
        Lane& l = p.lanes[j];
        if (l.live && !l.fading && l.cut == cut && l.orbit == orbit) {
          FadeLane(p, j, fade_frames);
          --live_voices;
        }
      }
    }
  }
  // at the voice limit, fade out the quietest voice (the oldest of equals)
  if (live_voices >= cfg.max_voices) {
    Pack* vp = nullptr;
    int vj = 0;
    for (int idx : active) {
      Pack& p = packs[static_cast<size_t>(idx)];
      for (int j = 0; j < kLanes; ++j) {
        const Lane& l = p.lanes[j];
        if (!l.live || l.fading) continue;
        if (!vp) { vp = &p; vj = j; continue; }
        const Lane& best = vp->lanes[vj];
        if (l.loudness < best.loudness || (l.loudness == best.loudness && l.order < best.order)) {
          vp = &p;
          vj = j;
        }
      }
    }
    if (vp) {
      FadeLane(*vp, vj, fade_frames);
      --live_voices;
      stolen.fetch_add(1, std::memory_order_relaxed);
    }
  }
  // a lane in a pack of this kind, or a free pack
  Pack* target = nullptr;
  for (int idx : active) {
    Pack& p = packs[static_cast<size_t>(idx)];
    if (p.kind == kind && p.live < kLanes) { target = &p; break; }
  }
  if (!target) {
    for (size_t i = 0; i < packs.size(); ++i) {
      if (packs[i].kind == Kind::kFree) {
        target = &packs[i];
        target->kind = kind;
        active.push_back(static_cast<int>(i));
        break;
      }
    }
  }
  if (!target) {
    if (ctx.pluck_slot >= 0) free_plucks.push_back(ctx.pluck_slot);
    if (ctx.squiz_slot >= 0) free_squiz.push_back(ctx.squiz_slot);
    dropped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  int lane = 0;
  while (target->lanes[lane].live) ++lane;
  StartLane(*target, lane, e, ctx);
  Lane& l = target->lanes[lane];
  l.order = ++order;
  l.loudness = target->level[lane];
  ++target->live;
  ++live_voices;
  Orbit& o = orbits[orbit];
  if (e.has(Param::DelayTime)) o.set_delay_time_sec(e.get(Param::DelayTime, 0.25f));
  if (e.has(Param::DelayFeedback)) o.set_delay_feedback(e.get(Param::DelayFeedback, 0.5f));
  if (e.has(Param::Size)) o.set_size(e.get(Param::Size, 0.3f));
  if (e.has(Param::RoomFade)) o.set_fade_sec(e.get(Param::RoomFade));
  if (e.has(Param::RoomLp)) o.set_room_lp_hz(e.get(Param::RoomLp));
  if (e.has(Param::RoomDim)) o.set_room_dim_hz(e.get(Param::RoomDim));
}

// Silences lane j now: its samples of this segment are zeroed, it adds nothing to any bus, and
// it ends at the end of the segment.
void Engine::Impl::SilenceLane(Pack& p, int j, int n, bool stereo) {
  Lane& l = p.lanes[j];
  for (int i = 0; i < n; ++i) {
    buf_l[i][j] = 0.f;
    if (stereo) buf_r[i][j] = 0.f;
  }
  l.gl = l.gr = 0.f;
  l.postgain = 0.f;
  l.fx = 0;
  p.fade[j] = 0.f;  // LaneDone: cleared after this segment
  silenced.fetch_add(1, std::memory_order_relaxed);
}

void Engine::Impl::GuardLanes(Pack& p, int n, bool stereo) {
  float peak[kLanes] = {};
  bool bad[kLanes] = {};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < kLanes; ++j) {
      const float a = std::fabs(buf_l[i][j]);
      const float b = stereo ? std::fabs(buf_r[i][j]) : 0.f;
      bad[j] = bad[j] || !(a < 1e30f) || !(b < 1e30f);  // NaN fails every comparison
      peak[j] = std::max(peak[j], std::max(a, b));
    }
  for (int j = 0; j < kLanes; ++j) {
    Lane& l = p.lanes[j];
    if (!l.live) continue;
    const float send = std::max(l.dry, std::max(l.send_delay, l.send_room));
    const float gain = std::max(std::fabs(l.gl), std::fabs(l.gr)) * std::fabs(l.postgain) * send;
    const float level = peak[j] * gain;
    if (bad[j] || !std::isfinite(gain) || !(level <= kVoiceAbsurd)) {
      SilenceLane(p, j, n, stereo);
    } else if (level > kVoiceCeiling) {
      l.postgain *= kVoiceCeiling / level;  // held at the ceiling from now on
    }
  }
}

void Engine::Impl::RenderSegment(int pos, int n) {
  for (size_t a = 0; a < active.size();) {
    Pack& p = packs[static_cast<size_t>(active[a])];
    RenderPack(p, n, buf_l, rate);
    const bool stereo = p.kind == Kind::kSampler;
    if (stereo) RenderSamplerLanes(p, n, buf_l, buf_r, rate);
    if (p.kind == Kind::kPluck) RenderPluckLanes(p, n, buf_l);
    GuardLanes(p, n, stereo);
    const F8* right8 = stereo ? buf_r : buf_l;
    // lanes without per-voice effects: vector buses, one orbit at a time (usually just one)
    uint32_t fast = 0;
    for (int j = 0; j < kLanes; ++j)
      if (p.lanes[j].live && !p.lanes[j].fx) fast |= 1u << j;
    while (fast) {
      const int orbit = p.lanes[__builtin_ctz(fast)].orbit;
      F8 g[kBusCount] = {};
      bool any[3] = {};
      for (int j = 0; j < kLanes; ++j) {
        const Lane& l = p.lanes[j];
        if (!(fast >> j & 1u) || l.orbit != orbit) continue;
        fast &= ~(1u << j);
        const float gl = l.gl * l.postgain, gr = l.gr * l.postgain;
        g[kDryL][j] = gl * l.dry;
        g[kDryR][j] = gr * l.dry;
        g[kDelayL][j] = gl * l.send_delay;
        g[kDelayR][j] = gr * l.send_delay;
        g[kRoomL][j] = gl * l.send_room;
        g[kRoomR][j] = gr * l.send_room;
        any[0] = any[0] || l.dry > 0.f;
        any[1] = any[1] || l.send_delay > 0.f;
        any[2] = any[2] || l.send_room > 0.f;
      }
      orbit_used[orbit] = true;
      for (int b = 0; b < 3; ++b) {
        if (!any[b]) continue;
        F8* bl = vbus[orbit][2 * b] + pos;
        F8* br = vbus[orbit][2 * b + 1] + pos;
        if (!vbus_used[orbit][b]) {
          vbus_used[orbit][b] = true;
          std::fill(vbus[orbit][2 * b], vbus[orbit][2 * b] + block_n, F8{});
          std::fill(vbus[orbit][2 * b + 1], vbus[orbit][2 * b + 1] + block_n, F8{});
        }
        MixStereo(buf_l, right8, &g[2 * b], &g[2 * b + 1], bl, br, n);
      }
    }
    for (int j = 0; j < kLanes; ++j) {
      Lane& l = p.lanes[j];
      if (!l.live) continue;
      if (l.fx) MixLaneScalar(p, j, pos, n, stereo);
      l.loudness = p.level[j] * p.last_env[j];
      if (LaneDone(p, j)) {
        if (!l.fading) --live_voices;
        if (l.pluck_slot >= 0) free_plucks.push_back(l.pluck_slot);
        if (l.squiz_slot >= 0) free_squiz.push_back(l.squiz_slot);
        ClearLane(p, j);
        --p.live;
      }
    }
    if (p.live == 0) {
      p.kind = Kind::kFree;
      active[a] = active.back();
      active.pop_back();
    } else {
      ++a;
    }
  }
}

// A lane with per-voice effects: its own copy of the signal, effects, then the scalar buses.
void Engine::Impl::MixLaneScalar(Pack& p, int j, int pos, int n, bool stereo) {
  Lane& l = p.lanes[j];
  for (int i = 0; i < n; ++i) lane_l[i] = stereo ? 0.5f * (buf_l[i][j] + buf_r[i][j]) : buf_l[i][j];
  ApplyLaneFx(l, lane_l, n);
  // The effects (distortion, shape, filters) may make what the guard let through bad: the same
  // rule after them.
  {
    float peak = 0.f;
    bool bad = false;
    for (int i = 0; i < n; ++i) {
      const float a = std::fabs(lane_l[i]);
      bad = bad || !(a < 1e30f);
      peak = std::max(peak, a);
    }
    const float send = std::max(l.dry, std::max(l.send_delay, l.send_room));
    const float level = peak * std::max(std::fabs(l.gl), std::fabs(l.gr)) * std::fabs(l.postgain) * send;
    if (bad || !(level <= kVoiceAbsurd)) {
      SilenceLane(p, j, n, stereo);
      return;
    }
    if (level > kVoiceCeiling) l.postgain *= kVoiceCeiling / level;
  }
  Orbit& o = orbits[l.orbit];
  orbit_used[l.orbit] = true;
  const float gl = l.gl * l.postgain, gr = l.gr * l.postgain;
  if (l.dry > 0.f) {
    const float dl = gl * l.dry, dr = gr * l.dry;
    for (int i = 0; i < n; ++i) {
      o.dry_l[pos + i] += lane_l[i] * dl;
      o.dry_r[pos + i] += lane_l[i] * dr;
    }
  }
  if (l.send_delay > 0.f) {
    o.FeedDelay();
    const float sl = gl * l.send_delay, sr = gr * l.send_delay;
    for (int i = 0; i < n; ++i) {
      o.delay_l[pos + i] += lane_l[i] * sl;
      o.delay_r[pos + i] += lane_l[i] * sr;
    }
  }
  if (l.send_room > 0.f) {
    o.FeedRoom();
    const float sl = gl * l.send_room, sr = gr * l.send_room;
    for (int i = 0; i < n; ++i) {
      o.room_l[pos + i] += lane_l[i] * sl;
      o.room_r[pos + i] += lane_l[i] * sr;
    }
  }
}

// Reduces the vector buses of an orbit into its scalar buses.
void Engine::Impl::ReduceBuses(int k, int n) {
  Orbit& o = orbits[k];
  float* dst[kBusCount] = {o.dry_l, o.dry_r, o.delay_l, o.delay_r, o.room_l, o.room_r};
  for (int b = 0; b < 3; ++b) {
    if (!vbus_used[k][b]) continue;
    vbus_used[k][b] = false;
    if (b == 1) o.FeedDelay();
    if (b == 2) o.FeedRoom();
    for (int c = 0; c < 2; ++c) {
      const F8* v = vbus[k][2 * b + c];
      float* d = dst[2 * b + c];
      for (int i = 0; i < n; ++i) {
        const F8 x = v[i];
        d[i] += ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
      }
    }
  }
}

void Engine::Impl::FinishBlock(float* out, int out_offset, int n, int ch, int64_t t0) {
  const int pairs = static_cast<int>(limiters.size());
  std::fill(master.begin(), master.end(), 0.f);
  float tmp_l[kMaxBlock], tmp_r[kMaxBlock];
  Levels& lv = level_state;
  const float block_sec = static_cast<float>(n) / rate;
  const float rms_keep = std::exp(-block_sec / 0.05f), peak_keep = std::exp(-block_sec / 0.3f);
  for (int k = 0; k < kOrbits; ++k) {
    Orbit& o = orbits[k];
    ReduceBuses(k, n);
    const bool used = orbit_used[k] || o.ringing();
    float sum2 = 0.f, pk = 0.f;
    if (used) {
      o.Process(n, tmp_l, tmp_r);
      // The orbit's output, guarded too: bad output silences this orbit's effects, not the master.
      bool bad = false;
      for (int i = 0; i < n; ++i) bad = bad || !(std::fabs(tmp_l[i]) <= kVoiceAbsurd) || !(std::fabs(tmp_r[i]) <= kVoiceAbsurd);
      if (bad) {
        o.Reset();
        std::fill(tmp_l, tmp_l + n, 0.f);
        std::fill(tmp_r, tmp_r + n, 0.f);
        orbit_resets.fetch_add(1, std::memory_order_relaxed);
      }
      const int pair = cfg.multichannel_orbits ? k % pairs : 0;
      float* ml = master.data() + static_cast<size_t>(pair * 2) * kMaxBlock;
      float* mr = ml + kMaxBlock;
      for (int i = 0; i < n; ++i) {
        ml[i] += tmp_l[i];
        mr[i] += tmp_r[i];
        sum2 += tmp_l[i] * tmp_l[i] + tmp_r[i] * tmp_r[i];
        pk = std::max(pk, std::max(std::fabs(tmp_l[i]), std::fabs(tmp_r[i])));
      }
    }
    orbit_used[k] = false;
    const float ms = sum2 / static_cast<float>(2 * n);
    lv.orbit_rms[k] = std::sqrt(rms_keep * lv.orbit_rms[k] * lv.orbit_rms[k] + (1.f - rms_keep) * ms);
    lv.orbit_peak[k] = std::max(pk, lv.orbit_peak[k] * peak_keep);
  }
  float sum2 = 0.f, pk = 0.f;
  for (int pr = 0; pr < pairs; ++pr) {
    float* ml = master.data() + static_cast<size_t>(pr * 2) * kMaxBlock;
    float* mr = ml + kMaxBlock;
    limiters[static_cast<size_t>(pr)].Process(ml, mr, static_cast<size_t>(n));
  }
  // interleave, and tap the analysis
  const float* ml = master.data();
  const float* mr = ml + kMaxBlock;
  const int64_t w = ring_written.load(std::memory_order_relaxed);
  for (int i = 0; i < n; ++i) {
    float* o = out + static_cast<size_t>(out_offset + i) * static_cast<size_t>(ch);
    const float mono = 0.5f * (ml[i] + mr[i]);
    if (ch == 1) o[0] = mono;  // a mono device gets both sides
    else
      for (int c = 0; c < ch; ++c) o[c] = master[static_cast<size_t>(c) * kMaxBlock + static_cast<size_t>(i)];
    ring[(w + i) & (kRingSize - 1)].store(mono, std::memory_order_relaxed);
    sum2 += ml[i] * ml[i] + mr[i] * mr[i];
    pk = std::max(pk, std::max(std::fabs(ml[i]), std::fabs(mr[i])));
  }
  ring_written.store(w + n, std::memory_order_release);
  TapBlock(out + static_cast<size_t>(out_offset) * static_cast<size_t>(ch), n, ch);
  const float ms = sum2 / static_cast<float>(2 * n);
  lv.master_rms = std::sqrt(rms_keep * lv.master_rms * lv.master_rms + (1.f - rms_keep) * ms);
  lv.master_peak = std::max(pk, lv.master_peak * peak_keep);
  lv.frame = t0 + n;
  levels.write_buffer() = lv;
  levels.publish();
}

// Copies a block of output frames into the tap ring when armed; what does not fit is counted.
void Engine::Impl::TapBlock(const float* out, int n, int ch) noexcept {
  tap_busy.store(true, std::memory_order_seq_cst);
  if (tap_armed.load(std::memory_order_seq_cst)) {
    const int64_t w = tap_write.load(std::memory_order_relaxed);
    const int64_t r = tap_read.load(std::memory_order_acquire);
    const int64_t fit = std::min<int64_t>(n, tap_capacity - (w - r));
    const size_t chs = static_cast<size_t>(ch);
    for (int64_t i = 0; i < fit; ++i) {
      float* dst = tap.get() + static_cast<size_t>((w + i) % tap_capacity) * chs;
      const float* src = out + static_cast<size_t>(i) * chs;
      for (size_t c = 0; c < chs; ++c) dst[c] = src[c];
    }
    tap_write.store(w + fit, std::memory_order_release);
    if (fit < n) tap_dropped.fetch_add(n - fit, std::memory_order_relaxed);
  }
  tap_busy.store(false, std::memory_order_release);
}

void Engine::arm_tap(int capacity_frames) {
  Impl& m = *impl_;
  disarm_tap();
  const int64_t cap = std::max(1, capacity_frames);
  if (cap != m.tap_capacity) {
    m.tap = std::make_unique<float[]>(static_cast<size_t>(cap) * static_cast<size_t>(m.cfg.channels));
    m.tap_capacity = cap;
  }
  m.tap_write.store(0, std::memory_order_relaxed);
  m.tap_read.store(0, std::memory_order_relaxed);
  m.tap_dropped.store(0, std::memory_order_relaxed);
  m.tap_armed.store(true, std::memory_order_seq_cst);
}

void Engine::disarm_tap() {
  Impl& m = *impl_;
  m.tap_armed.store(false, std::memory_order_seq_cst);
  // a block that saw the tap armed finishes its copy before the ring may change
  while (m.tap_busy.load(std::memory_order_seq_cst)) std::this_thread::yield();
}

int Engine::read_tap(float* out, int max_frames) {
  Impl& m = *impl_;
  if (!m.tap || max_frames <= 0) return 0;
  const int64_t r = m.tap_read.load(std::memory_order_relaxed);
  const int64_t w = m.tap_write.load(std::memory_order_acquire);
  const int64_t n = std::min<int64_t>(max_frames, w - r);
  const size_t chs = static_cast<size_t>(m.cfg.channels);
  for (int64_t i = 0; i < n; ++i) {
    const float* src = m.tap.get() + static_cast<size_t>((r + i) % m.tap_capacity) * chs;
    std::copy(src, src + chs, out + static_cast<size_t>(i) * chs);
  }
  m.tap_read.store(r + n, std::memory_order_release);
  return static_cast<int>(n);
}

int64_t Engine::tap_dropped_frames() const { return impl_->tap_dropped.load(std::memory_order_relaxed); }

void Engine::process(float* out, int frames) noexcept {
  Impl& m = *impl_;
  const dsp::ScopedFlushDenormals ftz;
  const auto started = std::chrono::steady_clock::now();
  const int ch = m.cfg.channels;
  const int h = m.hush_req.load(std::memory_order_acquire);
  if (h != m.hush_seen) {
    m.hush_seen = h;
    m.pending.clear();
    VoiceEvent drop;
    while (m.queue.pop(drop)) {}
    for (int idx : m.active) {
      Pack& p = m.packs[static_cast<size_t>(idx)];
      for (int j = 0; j < kLanes; ++j)
        if (p.lanes[j].live && !p.lanes[j].fading) {
          FadeLane(p, j, 0.01f * m.rate);
          --m.live_voices;
        }
    }
  }
  int done = 0;
  while (done < frames) {
    const int n = std::min(frames - done, kMaxBlock);
    const int64_t t0 = m.frame.load(std::memory_order_relaxed);
    VoiceEvent e;
    while (m.pending.size() < m.pending.capacity() && m.queue.pop(e)) {
      if (e.sound == kCancelSound) {
        const auto gone = std::remove_if(m.pending.begin(), m.pending.end(), [&e](const VoiceEvent& x) {
          return x.slot == e.slot && x.frame >= e.frame;
        });
        m.pending.erase(gone, m.pending.end());
        continue;
      }
      auto it = std::upper_bound(m.pending.begin(), m.pending.end(), e.frame,
                                 [](int64_t f, const VoiceEvent& x) { return f < x.frame; });
      m.pending.insert(it, e);
    }
    for (Orbit& o : m.orbits) o.Clear(n);
    m.block_n = n;
    size_t next = 0;
    int pos = 0;
    while (pos < n) {
      // start what is due here (late events count, and start now), then render up to the next start
      while (next < m.pending.size() && m.pending[next].frame <= t0 + pos) {
        if (m.pending[next].frame < t0) m.late.fetch_add(1, std::memory_order_relaxed);
        m.StartEvent(m.pending[next]);
        ++next;
      }
      int end = n;
      if (next < m.pending.size() && m.pending[next].frame < t0 + n) end = static_cast<int>(m.pending[next].frame - t0);
      m.RenderSegment(pos, end - pos);
      pos = end;
    }
    m.pending.erase(m.pending.begin(), m.pending.begin() + static_cast<std::ptrdiff_t>(next));
    m.active_count.store(m.live_voices, std::memory_order_relaxed);
    if (m.live_voices > m.peak.load(std::memory_order_relaxed)) m.peak.store(m.live_voices, std::memory_order_relaxed);
    m.FinishBlock(out, done, n, ch, t0);
    m.frame.store(t0 + n, std::memory_order_release);
    done += n;
  }
  const float elapsed = std::chrono::duration<float>(std::chrono::steady_clock::now() - started).count();
  const float budget = static_cast<float>(frames) / m.rate;
  const float prev = m.load.load(std::memory_order_relaxed);
  m.load.store(prev + (elapsed / budget - prev) * 0.05f, std::memory_order_relaxed);
}

std::vector<std::string> gm_sound_names() {
  std::vector<std::string> names;
  for (int i = 0; i < kGmNameCount; ++i) names.emplace_back(kGmNames[i].name);
  return names;
}

std::string find_soundfont() { return FindSoundFont(); }

std::vector<SoundNameGroup> sound_name_groups() {
  std::vector<SoundNameGroup> groups;
  SoundNameGroup synths{"Synths", "Built-in synthesizers; `note` or `freq` sets the pitch, `n` adds semitones. "
                                  "Strudel's names `sawtooth sin tri sqr pulse` are the same synths "
                                  "(`pulse` is the square with its `pw`).", {}};
  synths.names.assign(std::begin(kSynthNames), std::end(kSynthNames));
  for (const SynthAlias& a : kSynthAliases) synths.names.emplace_back(a.name);
  groups.push_back(std::move(synths));
  groups.push_back({"Noises", "superdough's noises, held for the event's duration; the note does not change them.",
                    std::vector<std::string>(std::begin(kNoiseNames), std::end(kNoiseNames))});
  SoundNameGroup drums{"Drums", "Built-in synthesized drums, with Strudel's names (`sd` is the snare `sn`, `misc` "
                                "plays `perc`, `sbd` the `bd`), in three kits: default, `tr808_`, `tr909_` "
                                "(or `bank(\"tr808\")`); `n` or `bd:1` walks through the kits.", {}};
  drums.names.assign(std::begin(kDrumNames), std::end(kDrumNames));
  for (const DrumAlias& a : kDrumAliases) drums.names.emplace_back(a.name);
  groups.push_back(std::move(drums));
  SoundNameGroup machines{"Drum machines", "Strudel's banks (`bank(\"RolandTR707\")` or its short name `TR707`, "
                                           "case-insensitive): a sample folder `RolandTR707_bd` in a sample path "
                                           "plays when there is one, else the built-in kit closest to the machine "
                                           "(said once). Built-in kit of each:", {}};
  for (int i = 0; i < kDrumMachineCount; ++i) {
    const DrumMachine& m = kDrumMachines[i];
    machines.names.push_back(std::string(m.name) + " (" + m.alias + ", " + (kKitNames[m.kit][0] ? kKitNames[m.kit] : "default") + ")");
  }
  groups.push_back(std::move(machines));
  SoundNameGroup gm{"General MIDI", "Strudel's `gm_` names, played from the General MIDI SoundFont "
                                    "(`scripts/setup.sh --sounds` installs Debian's fluid-soundfont-gm) with every "
                                    "control applying; the note picks the key (c3 by default, as Strudel), `n` or "
                                    "`gm_piano:1` the variant (gm_piano: grand, bright, electric grand, honky-tonk; "
                                    "other programs: the SoundFont's variation banks). `gm_drums` is moonrave's: the "
                                    "GM percussion kits (note 36 is the bass drum; `n` picks the kit).", {}};
  for (int i = 0; i < kGmNameCount; ++i) gm.names.emplace_back(kGmNames[i].name);
  groups.push_back(std::move(gm));
  SoundNameGroup stand{"Strudel's default samples", "Names of Strudel's default sample set: a sample folder of the "
                                                    "name plays when there is one (Dirt-Samples has casio, jazz, "
                                                    "metal, ...), else the General MIDI instrument (with the "
                                                    "SoundFont) or the built-in sounds shown (`n` picks among them), "
                                                    "said once:", {}};
  for (int i = 0; i < kStandInCount; ++i) {
    const StandIn& st = kStandIns[i];
    stand.names.push_back(std::string(st.name) + " (" + (st.gm[0] ? std::string(st.gm) + " or " : std::string()) + st.builtins + ")");
  }
  groups.push_back(std::move(stand));
  return groups;
}

bool probe_soundfont(const std::string& path, int& presets, std::string& error) {
  Sf2File file;
  if (!file.Open(path, error)) return false;
  presets = static_cast<int>(file.presets().size());
  return true;
}

std::vector<std::string> builtin_sound_names() {
  std::vector<std::string> names(std::begin(kSynthNames), std::end(kSynthNames));
  for (const SynthAlias& a : kSynthAliases) names.emplace_back(a.name);
  names.insert(names.end(), std::begin(kNoiseNames), std::end(kNoiseNames));
  names.insert(names.end(), std::begin(kDrumNames), std::end(kDrumNames));
  for (const DrumAlias& a : kDrumAliases) names.emplace_back(a.name);
  return names;
}

}  // namespace mr::audio
