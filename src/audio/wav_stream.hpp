// A WAV file written a few frames at a time (recordings): 32-bit float, interleaved frames.
#pragma once

#include <cstdint>
#include <string>

namespace mr::audio {

class WavStream {
 public:
  WavStream() = default;
  ~WavStream();
  WavStream(const WavStream&) = delete;
  WavStream& operator=(const WavStream&) = delete;

  bool open(const std::string& path, int rate_hz, int channels, std::string& error);
  bool write(const float* interleaved, int64_t frames);  // false on a write error
  void close();                                          // finishes the header
  bool is_open() const { return file_ != nullptr; }

 private:
  void* file_ = nullptr;  // SNDFILE*
};

}  // namespace mr::audio
