// Shared helpers for the audio tests: offline rendering without the limiter latency, and small
// sample files written with libsndfile into a fresh temporary folder.
#pragma once

#include <sndfile.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "audio/engine.hpp"

namespace mr::audio::test {

// Renders `frames` output frames (interleaved, the engine's channel count) without the
// limiter's latency: frame f of the result is the engine's frame f.
inline std::vector<float> Render(Engine& engine, int frames) {
  const int ch = engine.config().channels;
  const int latency = engine.latency_frames();
  std::vector<float> out(static_cast<size_t>(frames + latency) * static_cast<size_t>(ch));
  for (int done = 0; done < frames + latency; done += 128)
    engine.process(out.data() + static_cast<size_t>(done) * static_cast<size_t>(ch), std::min(128, frames + latency - done));
  out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(latency) * ch);
  return out;
}

// Folders made by TempDir, removed when the test program exits.
struct TempDirs {
  std::vector<std::string> made;
  ~TempDirs() {
    for (const std::string& d : made) {
      std::error_code ec;
      std::filesystem::remove_all(d, ec);
    }
  }
};
inline TempDirs g_temp_dirs;

// A fresh folder under the build tree, removed first if it exists; one per process, so test
// executables running side by side (ctest -j) never share one.
inline std::string TempDir(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::path(MR_BINARY_DIR) / "test_tmp" / (name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  g_temp_dirs.made.push_back(dir.string());
  return dir.string();
}

// Writes a mono or stereo file of `frames` frames; sample(i, channel) gives the values.
inline bool WriteSound(const std::string& path, int frames, int channels, int rate, int format,
                       const std::function<float(int, int)>& sample) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!f) return false;
  std::vector<float> data(static_cast<size_t>(frames) * static_cast<size_t>(channels));
  for (int i = 0; i < frames; ++i)
    for (int c = 0; c < channels; ++c) data[static_cast<size_t>(i * channels + c)] = sample(i, c);
  const bool ok = sf_writef_float(f, data.data(), frames) == frames;
  sf_close(f);
  return ok;
}

// An engine that looks in no SuperDirt sample folder: its sounds are the built-in ones only.
inline EngineConfig Plain() {
  EngineConfig c;
  c.superdirt_sample_paths = false;
  return c;
}

inline VoiceEvent Event(SoundId sound, int64_t frame, double dur = 0.25) {
  VoiceEvent e;
  e.sound = sound;
  e.frame = frame;
  e.duration_sec = dur;
  return e;
}

}  // namespace mr::audio::test
