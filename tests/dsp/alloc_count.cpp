// Counts global operator new/delete calls while an AllocationScope is alive (see test_util.hpp):
// every DSP unit's Process must leave the count at zero.
#include <atomic>
#include <cstdlib>
#include <new>

#include "test_util.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocs{0};
void Count() {
  if (g_counting.load(std::memory_order_relaxed)) g_allocs.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

namespace mr::dsp::test {
AllocationScope::AllocationScope() {
  g_allocs.store(0);
  g_counting.store(true);
}
AllocationScope::~AllocationScope() { g_counting.store(false); }
long AllocationScope::count() const { return g_allocs.load(); }
}  // namespace mr::dsp::test

void* operator new(std::size_t n) {
  Count();
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept {
  if (p) Count();
  std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
// The nothrow forms too, or a library's (or a sanitizer's) would pair its allocation with free().
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  Count();
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { operator delete(p); }
