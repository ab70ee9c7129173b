#include "audio/wav_stream.hpp"

#include <sndfile.h>

namespace mr::audio {

WavStream::~WavStream() { close(); }

bool WavStream::open(const std::string& path, int rate_hz, int channels, std::string& error) {
  close();
  SF_INFO info{};
  info.samplerate = rate_hz;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!f) {
    error = sf_strerror(nullptr);
    return false;
  }
  file_ = f;
  return true;
}

bool WavStream::write(const float* interleaved, int64_t frames) {
  if (!file_) return false;
  return sf_writef_float(static_cast<SNDFILE*>(file_), interleaved, frames) == frames;
}

void WavStream::close() {
  if (!file_) return;
  sf_close(static_cast<SNDFILE*>(file_));
  file_ = nullptr;
}

}  // namespace mr::audio
