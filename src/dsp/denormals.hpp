// ScopedFlushDenormals: sets flush-to-zero and denormals-are-zero for the current thread while
// alive (x86 MXCSR), restoring the previous mode after. Put one at the top of the audio callback:
// decaying filter and reverb state otherwise turns denormal and costs 10-100x per operation.
#pragma once

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define MR_DSP_HAS_MXCSR 1
#endif

namespace mr::dsp {

class ScopedFlushDenormals {
 public:
  ScopedFlushDenormals() {
#ifdef MR_DSP_HAS_MXCSR
    saved_ = _mm_getcsr();
    _mm_setcsr(saved_ | kFtz | kDaz);
#endif
  }
  ~ScopedFlushDenormals() {
#ifdef MR_DSP_HAS_MXCSR
    _mm_setcsr(saved_);
#endif
  }
  ScopedFlushDenormals(const ScopedFlushDenormals&) = delete;
  ScopedFlushDenormals& operator=(const ScopedFlushDenormals&) = delete;

  // True when denormal flushing is in force on this thread (always false off x86).
  static bool Active() {
#ifdef MR_DSP_HAS_MXCSR
    return (_mm_getcsr() & (kFtz | kDaz)) == (kFtz | kDaz);
#else
    return false;
#endif
  }

 private:
  static constexpr unsigned kFtz = 0x8000;  // MXCSR bit 15: flush results to zero
  static constexpr unsigned kDaz = 0x0040;  // MXCSR bit 6: treat denormal inputs as zero
  unsigned saved_ = 0;
};

}  // namespace mr::dsp
