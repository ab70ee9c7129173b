// Engine throughput: voice-samples per CPU-second at 48 kHz in 128-frame blocks, for the drum
// kit and for a dense mix of synths and drums. Prints one line per case.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "audio/engine.hpp"

using namespace mr::audio;

static void run(const char* label, const std::vector<std::string>& names, int per_block) {
  EngineConfig config;
  config.max_voices = 256;
  Engine engine(config);
  std::vector<SoundId> ids;
  for (const auto& n : names) ids.push_back(engine.resolve_sound(n));
  std::vector<float> out(256);
  const int blocks = 3750;  // 10 s
  double voice_frames = 0;
  long k = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int b = 0; b < blocks; ++b) {
    for (int i = 0; i < per_block; ++i) {
      VoiceEvent e;
      e.sound = ids[static_cast<size_t>(k++) % ids.size()];
      e.frame = b * 128 + i * 7;
      e.duration_sec = 0.25;
      engine.push(e);
    }
    engine.process(out.data(), 128);
    voice_frames += 128.0 * engine.stats().voices_active;
  }
  const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-12s mean voices %6.1f  voice-samples/s %.3g  realtime x%.1f\n", label, voice_frames / (blocks * 128.0),
              voice_frames / sec, blocks * 128.0 / 48000.0 / sec);
}

int main() {
  run("drum kit", {"bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cr", "tr808_bd", "tr909_sn"}, 1);
  run("dense mix", {"bd", "hh", "supersaw", "bass", "pad", "pluck", "fm", "sine", "sn", "saw"}, 2);
  return 0;
}
