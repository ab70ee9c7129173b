// Offline rendering to WAV through libsndfile.
#include "audio/offline.hpp"

#include <sndfile.h>

#include <algorithm>
#include <vector>

namespace mr::audio {

bool render_to_wav(Engine& engine, int64_t frames, const std::string& path, WavFormat format, std::string& error) {
  const int channels = std::max(1, engine.config().channels);
  SF_INFO info{};
  info.samplerate = engine.config().rate_hz;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | (format == WavFormat::kPcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT);
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!file) {
    error = path + ": " + sf_strerror(nullptr);
    return false;
  }
  // No PEAK chunk: it would carry a timestamp and break byte-identical renders.
  sf_command(file, SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
  const int block = std::max(1, engine.config().block_frames);
  std::vector<float> buffer(static_cast<size_t>(block) * static_cast<size_t>(channels));
  bool ok = true;
  engine.wait_for_samples();
  // The master limiter delays the output by its lookahead: render that much more and drop the
  // leading frames, so an event due at frame f is at frame f of the file.
  int64_t skip = engine.latency_frames();
  for (int64_t done = 0; done < frames + engine.latency_frames() && ok;) {
    const int n = static_cast<int>(std::min<int64_t>(block, frames + engine.latency_frames() - done));
    engine.process(buffer.data(), n);
    const int drop = static_cast<int>(std::min<int64_t>(skip, n));
    skip -= drop;
    if (n > drop)
      ok = sf_writef_float(file, buffer.data() + static_cast<size_t>(drop) * static_cast<size_t>(channels), n - drop) ==
           n - drop;
    done += n;
  }
  if (!ok) error = path + ": write failed: " + sf_strerror(file);
  sf_close(file);
  return ok;
}

}  // namespace mr::audio
