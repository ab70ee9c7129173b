// Sample banks in the Dirt-Samples layout: a folder of folders of audio files, `bd:3` being the
// 4th file of `bd/` sorted by name. Files (wav, flac, aiff, ogg: whatever libsndfile reads) are
// decoded on a loader thread; the audio thread only reads atomic pointers to finished, immutable
// data, so naming a new bank never stalls the sound (its first events are skipped until ready).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "audio/voices.hpp"

namespace mr::audio::detail {

struct SampleData {
  int64_t frames = 0;
  int channels = 1;
  float rate_hz = 48000.f;
  std::vector<float> data;  // interleaved
};

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
  // Control thread: blocks until every requested file is decoded (tests, offline renders).
  void WaitIdle();
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
  std::deque<std::pair<Bank*, size_t>> queue_;
  int busy_ = 0;
  bool stop_ = false;
  std::deque<std::string> warnings_;
  std::thread loader_;
};

// The default search path list: the configured folders, then SuperDirt's Dirt-Samples locations.
std::vector<std::string> DefaultSamplePaths(const std::vector<std::string>& configured, bool with_superdirt);

// Sets up a sampler lane (called from StartLane).
void StartSamplerLane(Pack& pack, int lane, const VoiceEvent& e, const StartContext& ctx);
// Reads the samples of every sampler lane, multiplied by the envelope already in `left` (as
// RenderPack left it); writes left and right.
void RenderSamplerLanes(Pack& pack, int n, F8* left, F8* right, float rate_hz);

}  // namespace mr::audio::detail
