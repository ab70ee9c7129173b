// Real-time safety: global operator new/delete counted while process() runs a busy pattern of
// every instrument must stay at zero.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "audio/engine.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocs{0};
}  // namespace

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

TEST_CASE("process() allocates nothing under a busy pattern of every instrument") {
  Engine engine;
  std::vector<SoundId> ids;
  for (const std::string& name : builtin_sound_names())
    for (const char* kit : {"", "tr808_", "tr909_"})
      if (SoundId id = engine.resolve_sound(std::string(kit) + name); id != kNoSound) ids.push_back(id);
  std::vector<float> out(128 * 2);
  long events = 0;
  for (int block = 0; block < 750; ++block) {  // 2 s
    for (int k = 0; k < 6; ++k) {
      VoiceEvent e;
      e.sound = ids[static_cast<size_t>(events) % ids.size()];
      e.frame = block * 128 + k * 20 - (k == 5 ? 300 : 0);  // some late
      e.duration_sec = 0.3;
      e.set(Param::Pan, static_cast<float>(k) / 5.f);
      if (engine.push(e)) ++events;
    }
    if (block == 500) engine.hush();
    g_counting = true;
    engine.process(out.data(), 128);
    g_counting = false;
  }
  CHECK(events > 4000);
  CHECK(engine.stats().peak_voices >= 200);
  CHECK(g_allocs.load() == 0);
}
