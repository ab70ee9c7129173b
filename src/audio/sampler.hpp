// Sample banks in the Dirt-Samples layout: a folder of folders of audio files, `bd:3` being the
// 4th file of `bd/` sorted by name. Files (wav, flac, aiff, ogg: whatever libsndfile reads) are
// decoded on a loader thread; the audio thread only reads atomic pointers to finished, immutable
// data, so naming a new bank never stalls the sound (its first events are skipped until ready).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "audio/voices.hpp"

namespace mr::audio::detail {

// One playable sound: a decoded file, a SoundFont zone or a generated noise. Immutable once the
// audio thread can see it.
struct SampleData {
  int64_t frames = 0;
  int channels = 1;
  float rate_hz = 48000.f;
  std::shared_ptr<const std::vector<float>> pcm;  // interleaved; shared by the zones of one SoundFont sample
  const float* first = nullptr;                    // frame 0 of this sound, inside *pcm
  // SoundFont zones and noises
  int64_t loop_begin = 0, loop_end = 0;  // frames from `first`: loops (forwards) when loop_end > loop_begin
  bool held = false;       // lasts the event's duration, then releases, as a synth (else: plays to its end)
  bool keyed = false;      // pitch from the key (note, freq; c3 by default, as Strudel's soundfonts):
                           // speed 2^((key_scale * (key - root_key) + tune) / 12)
  bool unpitched = false;  // note and octave leave it alone (noises)
  float root_key = 60.f, key_scale = 1.f, tune = 0.f;
  float gain = 1.f;        // linear (the zone's attenuation)
};

// Makes `data` the whole of a freshly decoded interleaved buffer.
void SetPcm(SampleData& sample, std::vector<float> interleaved, int channels);

class SampleLibrary {
 public:
  // search_paths in order; synchronous: decode on the resolving thread (offline renders, which
  // must be byte-identical, use this).
  SampleLibrary(std::vector<std::string> search_paths, bool synchronous);
  ~SampleLibrary();
  SampleLibrary(const SampleLibrary&) = delete;
  SampleLibrary& operator=(const SampleLibrary&) = delete;

  // Control thread. "bd" or "bd:3" to a SoundId, or kNoSound when no folder of that name exists.
  SoundId Resolve(std::string_view name);
  // Control thread: a sound made here (a noise), under `name`; kNoSound when the table is full.
  SoundId AddGenerated(const std::string& name, std::unique_ptr<SampleData> data);
  // Control thread: runs `job` on the loader thread (at once when synchronous), after those queued.
  void Enqueue(std::function<void()> job);
  // Control thread: blocks until every requested file is decoded (tests, offline renders).
  void WaitIdle();
  bool synchronous() const { return synchronous_; }
  // Loader thread (a job): a message for PollWarning.
  void AddWarning(std::string text);
  // Any thread: a loader message (a file that failed to decode), oldest first.
  bool PollWarning(std::string& out);
  const std::vector<std::string>& search_paths() const { return paths_; }

  // Audio thread: the data of sound `id` shifted by `n` files (wrapping, as SuperDirt), or null
  // while it is still loading.
  const SampleData* Get(SoundId id, int n) const;

 private:
  struct Bank {
    std::string name;
    std::vector<std::string> files;
    std::unique_ptr<std::atomic<const SampleData*>[]> slots;
    std::vector<std::unique_ptr<SampleData>> owned;  // written by the loader only
  };
  static constexpr int kMaxBanks = 4095;

  void LoaderLoop();
  void Load(Bank& bank, size_t file);
  Bank* FindOrScan(const std::string& name);

  std::vector<std::string> paths_;
  bool synchronous_ = false;
  std::atomic<Bank*> banks_[kMaxBanks + 1] = {};
  int bank_count_ = 0;  // control thread
  std::unordered_map<std::string, int> by_name_;  // control thread; -1: known missing
  std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  std::deque<std::function<void()>> queue_;
  int busy_ = 0;
  bool stop_ = false;
  std::deque<std::string> warnings_;
  std::thread loader_;
};

// The default search path list: the configured folders, then SuperDirt's Dirt-Samples locations.
std::vector<std::string> DefaultSamplePaths(const std::vector<std::string>& configured, bool with_superdirt);

// The key an event plays a keyed sound at: note (c3 = 48 when absent), or freq, plus octave.
double EventKey(const VoiceEvent& e);
// Sets up a sampler lane (called from StartLane).
void StartSamplerLane(Pack& pack, int lane, const VoiceEvent& e, const StartContext& ctx);
// Reads the samples of every sampler lane, multiplied by the envelope already in `left` (as
// RenderPack left it); writes left and right.
void RenderSamplerLanes(Pack& pack, int n, F8* left, F8* right, float rate_hz);

}  // namespace mr::audio::detail
