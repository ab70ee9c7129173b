// Real-time safety: global operator new/delete (and pthread mutex locks) counted while process()
// runs a busy pattern of every instrument, samples, per-voice effects, cut groups and orbit
// sends, with the output tap armed (reading it, and full), must stay at zero.
#include <catch2/catch.hpp>

// The replaced global operators below pair malloc with free by design; GCC cannot see that the
// operator new it inlines is this file's and warns about a mismatch.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <atomic>
#include <cmath>
#include <mutex>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <dlfcn.h>
#include <pthread.h>

#include "audio/engine.hpp"
#include "test_util.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocs{0};
std::atomic<long> g_locks{0};
}  // namespace

// Every pthread mutex lock in the process passes through here (std::mutex included); counted
// while the audio thread is in process().
extern "C" int pthread_mutex_lock(pthread_mutex_t* m) {
  using Fn = int (*)(pthread_mutex_t*);
  static Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "pthread_mutex_lock"));
  if (g_counting.load(std::memory_order_relaxed)) g_locks.fetch_add(1, std::memory_order_relaxed);
  return real(m);
}

void* operator new(std::size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept {
  if (p && g_counting.load(std::memory_order_relaxed)) g_allocs.fetch_add(1, std::memory_order_relaxed);
  std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
// The nothrow forms must be replaced too, or the library's versions (or a sanitizer's) would pair
// their own allocation with this free().
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocs.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { operator delete(p); }

using namespace mr::audio;

TEST_CASE("the lock counter sees a std::mutex") {
  std::mutex mu;
  g_counting = true;
  mu.lock();
  mu.unlock();
  g_counting = false;
  CHECK(g_locks.load() >= 1);
  g_locks = 0;
}

TEST_CASE("process() allocates and locks nothing under a busy pattern of every instrument") {
  using namespace mr::audio::test;
  const std::string dir = TempDir("rt_safety");
  std::filesystem::create_directories(dir + "/loop");
  REQUIRE(WriteSound(dir + "/loop/a.wav", 24000, 2, 44100, SF_FORMAT_WAV | SF_FORMAT_PCM_16,
                     [](int i, int c) { return 0.3f * std::sin(0.01f * static_cast<float>(i * (c + 1))); }));
  REQUIRE(WriteSound(dir + "/loop/b.wav", 4800, 1, 48000, SF_FORMAT_WAV | SF_FORMAT_FLOAT, [](int, int) { return 0.2f; }));
  EngineConfig config;
  config.sample_paths = {dir};
  config.superdirt_sample_paths = false;
  // SoundFont voices too (scripts/setup.sh --sounds installs the General MIDI SoundFont)
  config.soundfont = find_soundfont();
  INFO("no General MIDI SoundFont: run scripts/setup.sh --sounds");
  REQUIRE(!config.soundfont.empty());
  Engine engine(config);
  std::vector<SoundId> ids;
  for (const std::string& name : builtin_sound_names())
    for (const char* kit : {"", "tr808_", "tr909_"})
      if (SoundId id = engine.resolve_sound(std::string(kit) + name); id != kNoSound) ids.push_back(id);
  ids.push_back(engine.resolve_sound("loop"));
  ids.push_back(engine.resolve_sound("loop:1"));
  // a keyed, looped SoundFont instrument, a drum kit, a stand-in set (n picks), a noise
  for (const char* name : {"gm_piano", "gm_string_ensemble_1", "gm_drums", "jazz", "pink"}) {
    const SoundId id = engine.resolve_sound(name);
    INFO(name);
    REQUIRE(id != kNoSound);
    ids.push_back(id);
  }
  engine.wait_for_samples();
  std::vector<float> out(128 * 2);
  mr::AudioAnalysis analysis;
  long events = 0;
  // the output tap armed (as while recording), its ring small enough to fill up and drop
  engine.arm_tap(48000);
  std::vector<float> tapped(48000 * 2);
  int64_t tap_read = 0;
  for (int block = 0; block < 750; ++block) {  // 2 s
    for (int k = 0; k < 6; ++k) {
      VoiceEvent e;
      e.sound = ids[static_cast<size_t>(events) % ids.size()];
      e.frame = block * 128 + k * 20 - (k == 5 ? 300 : 0);  // some late
      e.duration_sec = 0.3;
      e.set(Param::Pan, static_cast<float>(k) / 5.f);
      if (events % 2 == 0) e.set(Param::Note, 30.f + static_cast<float>(events % 60));  // SoundFont zones across the keys
      if (events % 3 == 1) e.set(Param::N, static_cast<float>(events % 5));               // variants, stand-ins, files
      e.set(Param::Orbit, static_cast<float>(events % 3));
      if (events % 3 == 0) e.set(Param::Room, 0.3f);
      if (events % 4 == 0) e.set(Param::Delay, 0.4f);
      if (events % 5 == 0) e.set(Param::Cut, 1.f);
      if (events % 7 == 0) e.set(Param::Speed, -1.5f);
      if (events % 11 == 0) e.set(Param::Loop, 2.f);
      if (events % 6 == 0) e.set(Param::Shape, 0.5f);
      if (events % 8 == 0) e.set(Param::Crush, 6.f);
      if (events % 9 == 0) e.set(Param::HCutoff, 500.f);
      if (events % 10 == 0) e.set(Param::Vowel, 2.f);
      if (events % 12 == 0) e.set(Param::Coarse, 4.f);
      if (events % 13 == 0) e.set(Param::Tremolo, 6.f);
      if (events % 14 == 0) e.set(Param::LpEnv, 3.f);
      if (events % 15 == 0) e.set(Param::Size, 0.9f);
      if (events % 16 == 0) e.set(Param::DelayTime, 0.125f + 0.01f * static_cast<float>(block % 10));
      if (events % 17 == 0) e.set(Param::Phaser, 1.5f);
      if (events % 19 == 0) e.set(Param::FType, 1.f);
      // every other engine control that starts per-voice state: envelopes, modulations, effects
      if (events % 18 == 0) { e.set(Param::HpEnv, 2.f); e.set(Param::HCutoff, 300.f); e.set(Param::HpRelease, 0.2f); }
      if (events % 20 == 0) { e.set(Param::Bandf, 800.f); e.set(Param::BpAttack, 0.05f); e.set(Param::FAnchor, 0.5f); }
      if (events % 21 == 0) { e.set(Param::PEnv, 12.f); e.set(Param::PDecay, 0.1f); e.set(Param::PCurve, 1.f); }
      if (events % 22 == 0) { e.set(Param::Vib, 5.f); e.set(Param::VibMod, 1.f); }
      if (events % 23 == 0) { e.set(Param::FmI, 3.f); e.set(Param::FmH, 1.5f); e.set(Param::FmDecay, 0.2f); e.set(Param::FmWave, 1.f); }
      if (events % 24 == 0) { e.set(Param::Compressor, -20.f); e.set(Param::CompressorRatio, 4.f); }
      if (events % 25 == 0) { e.set(Param::Djf, 0.2f); e.set(Param::Drive, 1.f); e.set(Param::Postgain, 0.8f); }
      if (events % 26 == 0) { e.set(Param::Leslie, 1.f); e.set(Param::LRate, 6.f); }
      if (events % 27 == 0) { e.set(Param::PhaserDepth, 0.5f); e.set(Param::PhaserCenter, 600.f); }
      if (events % 28 == 0) { e.set(Param::TremoloSync, 4.f); e.set(Param::TremoloShape, 4.f); }
      if (events % 29 == 0) e.set(Param::Squiz, 2.f);  // more than the pool's buffers: some play without
      if (events % 30 == 0) { e.set(Param::RoomLp, 2000.f); e.set(Param::RoomDim, 1000.f); e.set(Param::RoomFade, 3.f); }
      if (events % 31 == 0) { e.set(Param::Unison, 3.f); e.set(Param::Spread, 0.9f); e.set(Param::Hold, 0.05f); }
      if (events % 32 == 0) { e.set(Param::PwSweep, 0.3f); e.set(Param::PwRate, 3.f); e.set(Param::Noise, 0.3f); }
      if (events % 33 == 0) { e.set(Param::LpAttack, 0.01f); e.set(Param::LpSustain, 0.5f); e.set(Param::ShapeVol, 0.7f); }
      if (engine.push(e)) ++events;
    }
    if (block == 500) engine.hush();
    g_counting = true;
    engine.process(out.data(), 128);
    g_counting = false;
    if (block % 8 == 0) engine.read_analysis(analysis);  // the reader side may allocate: not counted
    if (block % 16 == 0 && block < 300) tap_read += engine.read_tap(tapped.data(), 48000);  // then stalls
  }
  engine.disarm_tap();
  tap_read += engine.read_tap(tapped.data(), 48000);
  CHECK(tap_read + engine.tap_dropped_frames() == 750 * 128);
  CHECK(engine.tap_dropped_frames() > 0);
  CHECK(events > 4000);
  CHECK(engine.stats().peak_voices >= 200);
  CHECK(engine.stats().samples_not_ready == 0);
  CHECK(g_allocs.load() == 0);
  CHECK(g_locks.load() == 0);
}
