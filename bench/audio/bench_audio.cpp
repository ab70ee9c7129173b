// Engine throughput: voice-samples per CPU-second at 48 kHz in 128-frame blocks.
//   (a) N voices of a band-limited saw through a resonant low-pass, a linear attack/release
//       envelope and an equal-power pan (SuperCollider: Saw.ar -> RLPF.ar -> EnvGen(Env.linen)
//       -> Pan2.ar; see scsynth_voice_a.py for the same voice rendered by scsynth);
//   (b) the drum kit, N voices retriggered in turn;
//   (c) a dense mix of synths and drums with orbit effects, as a set would play;
//   (d) sample playback: N voices of a stereo file at varied speeds (files made in /tmp).
// Usage: bench_audio [seconds] [cases, e.g. ad]   Prints one line per case.
#include <sndfile.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <string>
#include <vector>

#include "audio/engine.hpp"

using namespace mr::audio;

namespace {

double CpuSeconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

struct Result {
  double voice_samples = 0, cpu_sec = 0, audio_sec = 0;
};

void Print(const char* label, int voices, const Result& r) {
  std::printf("%-30s voices %4d  voice-samples/s %9.3g  realtime x%7.1f  core share at 48 kHz %6.2f%%\n", label, voices,
              r.voice_samples / r.cpu_sec, r.audio_sec / r.cpu_sec, 100.0 * r.cpu_sec / r.audio_sec);
}

// (a): all voices start together and hold for the whole run.
Result VoiceA(int voices, double seconds) {
  EngineConfig config;
  config.max_voices = std::max(256, voices);
  config.superdirt_sample_paths = false;
  Engine engine(config);
  const SoundId saw = engine.resolve_sound("saw");
  const int64_t frames = static_cast<int64_t>(seconds * 48000);
  for (int v = 0; v < voices; ++v) {
    VoiceEvent e;
    e.sound = saw;
    e.frame = 0;
    e.set(Param::Note, 36.f + static_cast<float>(v % 36));
    e.set(Param::Cutoff, 1200.f);
    e.set(Param::Resonance, 0.3f);
    e.set(Param::Attack, 0.01f);
    e.set(Param::Release, 0.01f);
    e.set(Param::Duration, static_cast<float>(seconds));
    e.set(Param::Pan, static_cast<float>(v % 8) / 7.f);
    e.set(Param::Gain, 0.5f);
    engine.push(e);
  }
  std::vector<float> out(256);
  const double c0 = CpuSeconds();
  for (int64_t f = 0; f < frames; f += 128) engine.process(out.data(), 128);
  Result r;
  r.cpu_sec = CpuSeconds() - c0;
  r.audio_sec = static_cast<double>(frames) / 48000.0;
  r.voice_samples = static_cast<double>(voices) * static_cast<double>(frames);
  return r;
}

// (b) and (c): a new event every few frames, voice count measured per block.
Result Retriggered(const std::vector<std::string>& names, int voices, double seconds, bool effects) {
  EngineConfig config;
  config.max_voices = 256;
  config.superdirt_sample_paths = false;
  Engine engine(config);
  std::vector<SoundId> ids;
  for (const auto& n : names) ids.push_back(engine.resolve_sound(n));
  const double voice_sec = 0.5;
  // one start every `gap` frames keeps about `voices` voices sounding
  const double gap = voice_sec * 48000.0 / voices;
  const int64_t frames = static_cast<int64_t>(seconds * 48000);
  std::vector<float> out(256);
  Result r;
  double next = 0;
  long k = 0;
  const double c0 = CpuSeconds();
  for (int64_t f = 0; f < frames; f += 128) {
    for (; next < static_cast<double>(f + 128); next += gap) {
      VoiceEvent e;
      e.sound = ids[static_cast<size_t>(k++) % ids.size()];
      e.frame = static_cast<int64_t>(next);
      e.set(Param::Duration, static_cast<float>(voice_sec));
      e.set(Param::Clip, 1.f);
      e.set(Param::Note, 48.f + static_cast<float>(k % 24));
      e.set(Param::Pan, static_cast<float>(k % 5) / 4.f);
      e.set(Param::Gain, 0.6f);
      if (effects) {
        e.set(Param::Orbit, static_cast<float>(k % 2));
        if (k % 3 == 0) e.set(Param::Room, 0.3f);
        if (k % 4 == 0) e.set(Param::Delay, 0.3f);
        if (k % 5 == 0) e.set(Param::Cutoff, 900.f);
      }
      engine.push(e);
    }
    engine.process(out.data(), 128);
    r.voice_samples += 128.0 * engine.stats().voices_active;
  }
  r.cpu_sec = CpuSeconds() - c0;
  r.audio_sec = static_cast<double>(frames) / 48000.0;
  return r;
}

// (d): a 2 s stereo file, retriggered so that about `voices` play at once.
Result Samples(int voices, double seconds) {
  const std::string dir = (std::filesystem::temp_directory_path() / "moonrave_bench_samples").string();
  std::filesystem::create_directories(dir + "/loop");
  const std::string file = dir + "/loop/a.wav";
  if (!std::filesystem::exists(file)) {
    SF_INFO info{};
    info.samplerate = 44100;
    info.channels = 2;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* f = sf_open(file.c_str(), SFM_WRITE, &info);
    std::vector<float> data(88200 * 2);
    for (size_t i = 0; i < data.size(); ++i) data[i] = 0.3f * std::sin(0.013f * static_cast<float>(i));
    if (f) {
      sf_writef_float(f, data.data(), 88200);
      sf_close(f);
    }
  }
  EngineConfig config;
  config.sample_paths = {dir};
  config.superdirt_sample_paths = false;
  config.synchronous_loading = true;
  Engine engine(config);
  const SoundId id = engine.resolve_sound("loop");
  const double voice_sec = 1.0;
  const double gap = voice_sec * 48000.0 / voices;
  const int64_t frames = static_cast<int64_t>(seconds * 48000);
  std::vector<float> out(256);
  Result r;
  double next = 0;
  long k = 0;
  const double c0 = CpuSeconds();
  for (int64_t f = 0; f < frames; f += 128) {
    for (; next < static_cast<double>(f + 128); next += gap, ++k) {
      VoiceEvent e;
      e.sound = id;
      e.frame = static_cast<int64_t>(next);
      e.set(Param::Speed, 0.5f + 0.125f * static_cast<float>(k % 8));
      e.set(Param::Duration, static_cast<float>(voice_sec));
      e.set(Param::Gain, 0.5f);
      engine.push(e);
    }
    engine.process(out.data(), 128);
    r.voice_samples += 128.0 * engine.stats().voices_active;
  }
  r.cpu_sec = CpuSeconds() - c0;
  r.audio_sec = static_cast<double>(frames) / 48000.0;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;
  const std::string cases = argc > 2 ? argv[2] : "abcd";
  auto want = [&](char c) { return cases.find(c) != std::string::npos; };
  if (want('a')) {
    // the same render with no voices (master chain, analysis tap), as the scsynth script
    // measures its empty render: the second figure is the voices' own cost
    const Result empty = VoiceA(0, seconds);
    for (int n : {16, 64, 256}) {
      const Result r = VoiceA(n, seconds);
      Print("(a) saw>rlpf>linen>pan2", n, r);
      std::printf("%-30s voices %4d  voice-samples/s %9.3g  without the %.3f s of an empty render\n",
                  "(a) voices only", n, r.voice_samples / std::max(1e-6, r.cpu_sec - empty.cpu_sec), empty.cpu_sec);
    }
  }
  const std::vector<std::string> kit = {"bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cr", "tr808_bd", "tr909_sn"};
  for (int n : {16, 64, 256}) {
    if (!want('b')) break;
    const Result r = Retriggered(kit, n, seconds, false);
    Print("(b) drum kit", static_cast<int>(r.voice_samples / (r.audio_sec * 48000.0) + 0.5), r);
  }
  const std::vector<std::string> mix = {"bd", "hh", "supersaw", "bass", "pad", "pluck", "fm", "sine", "sn", "saw"};
  for (int n : {64, 256}) {
    if (!want('c')) break;
    const Result r = Retriggered(mix, n, seconds, true);
    Print("(c) dense mix, orbit effects", static_cast<int>(r.voice_samples / (r.audio_sec * 48000.0) + 0.5), r);
  }
  for (int n : {64, 256}) {
    if (!want('d')) break;
    const Result r = Samples(n, seconds);
    Print("(d) samples, varied speeds", static_cast<int>(r.voice_samples / (r.audio_sec * 48000.0) + 0.5), r);
  }
  return 0;
}
