// Sample banks: folder scanning and decoding (control and loader threads), and the per-lane
// sample reads (audio thread).
#include "audio/sampler.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace mr::audio::detail {
namespace {

bool IsAudioFile(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".wav" || ext == ".flac" || ext == ".aif" || ext == ".aiff" || ext == ".ogg" || ext == ".opus" ||
         ext == ".wave";
}

inline float Hermite(float xm1, float x0, float x1, float x2, float t) {
  const float c1 = 0.5f * (x1 - xm1);
  const float c2 = xm1 - 2.5f * x0 + 2.f * x1 - 0.5f * x2;
  const float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
  return ((c3 * t + c2) * t + c1) * t + x0;
}

}  // namespace

std::vector<std::string> DefaultSamplePaths(const std::vector<std::string>& configured, bool with_superdirt) {
  std::vector<std::string> paths = configured;
  if (!with_superdirt) return paths;
  std::string data_home;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) data_home = x;
  else if (const char* h = std::getenv("HOME"); h && *h) data_home = std::string(h) + "/.local/share";
  if (!data_home.empty()) paths.push_back(data_home + "/SuperCollider/downloaded-quarks/Dirt-Samples");
  paths.push_back("/usr/local/share/SuperCollider/downloaded-quarks/Dirt-Samples");
  paths.push_back("/usr/share/SuperCollider/downloaded-quarks/Dirt-Samples");
  return paths;
}

SampleLibrary::SampleLibrary(std::vector<std::string> search_paths, bool synchronous)
    : paths_(std::move(search_paths)), synchronous_(synchronous) {
  if (!synchronous_) loader_ = std::thread([this] { LoaderLoop(); });
}

SampleLibrary::~SampleLibrary() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (loader_.joinable()) loader_.join();
  for (int b = 0; b < bank_count_; ++b) delete banks_[b].load(std::memory_order_relaxed);
}

SampleLibrary::Bank* SampleLibrary::FindOrScan(const std::string& name) {
  if (auto it = by_name_.find(name); it != by_name_.end())
    return it->second < 0 ? nullptr : banks_[it->second].load(std::memory_order_relaxed);
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  if (!name.empty() && name.find('/') == std::string::npos && name != "." && name != "..") {
    for (const std::string& root : paths_) {
      std::error_code ec;
      const fs::path dir = fs::path(root) / name;
      if (!fs::is_directory(dir, ec)) continue;
      for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec) && IsAudioFile(entry.path())) files.push_back(entry.path().string());
      if (!files.empty()) break;
    }
  }
  if (files.empty() || bank_count_ >= kMaxBanks) {
    by_name_[name] = -1;
    return nullptr;
  }
  std::sort(files.begin(), files.end());
  if (files.size() > 4096) files.resize(4096);
  auto bank = std::make_unique<Bank>();
  bank->name = name;
  bank->files = std::move(files);
  bank->slots = std::make_unique<std::atomic<const SampleData*>[]>(bank->files.size());
  for (size_t i = 0; i < bank->files.size(); ++i) bank->slots[i].store(nullptr, std::memory_order_relaxed);
  bank->owned.resize(bank->files.size());
  const int index = bank_count_++;
  Bank* raw = bank.release();
  banks_[index].store(raw, std::memory_order_release);
  by_name_[name] = index;
  for (size_t i = 0; i < raw->files.size(); ++i) Enqueue([this, raw, i] { Load(*raw, i); });
  return raw;
}

void SampleLibrary::Enqueue(std::function<void()> job) {
  if (synchronous_) {
    job();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void SampleLibrary::AddWarning(std::string text) {
  std::lock_guard<std::mutex> lock(mu_);
  warnings_.push_back(std::move(text));
}

SoundId SampleLibrary::AddGenerated(const std::string& name, std::unique_ptr<SampleData> data) {
  if (auto it = by_name_.find(name); it != by_name_.end() && it->second >= 0)
    return kSampleBase + (static_cast<SoundId>(it->second) << 12);
  if (bank_count_ >= kMaxBanks) return kNoSound;
  auto bank = std::make_unique<Bank>();
  bank->name = name;
  bank->files = {"(generated)"};
  bank->slots = std::make_unique<std::atomic<const SampleData*>[]>(1);
  bank->slots[0].store(data.get(), std::memory_order_relaxed);
  bank->owned.push_back(std::move(data));
  const int index = bank_count_++;
  banks_[index].store(bank.release(), std::memory_order_release);
  by_name_[name] = index;
  return kSampleBase + (static_cast<SoundId>(index) << 12);
}

void SetPcm(SampleData& s, std::vector<float> interleaved, int channels) {
  s.channels = channels;
  s.frames = static_cast<int64_t>(interleaved.size() / static_cast<size_t>(channels));
  auto pcm = std::make_shared<const std::vector<float>>(std::move(interleaved));
  s.first = pcm->data();
  s.pcm = std::move(pcm);
}

SoundId SampleLibrary::Resolve(std::string_view full) {
  std::string name(full);
  int file = 0;
  if (size_t colon = name.rfind(':'); colon != std::string::npos) {
    const std::string index = name.substr(colon + 1);
    if (!index.empty() && std::all_of(index.begin(), index.end(), [](unsigned char c) { return std::isdigit(c); })) {
      file = std::atoi(index.c_str());
      name.resize(colon);
    }
  }
  Bank* bank = FindOrScan(name);
  if (!bank) return kNoSound;
  const int bank_index = by_name_[name];
  file = static_cast<int>(static_cast<size_t>(file) % bank->files.size());
  return kSampleBase + (static_cast<SoundId>(bank_index) << 12) + static_cast<SoundId>(file);
}

void SampleLibrary::Load(Bank& bank, size_t file) {
  SF_INFO info{};
  SNDFILE* f = sf_open(bank.files[file].c_str(), SFM_READ, &info);
  std::string error;
  auto data = std::make_unique<SampleData>();
  if (!f) {
    error = sf_strerror(nullptr);
  } else {
    const int channels = std::clamp(info.channels, 1, 64);
    data->rate_hz = static_cast<float>(info.samplerate > 0 ? info.samplerate : 48000);
    std::vector<float> pcm(static_cast<size_t>(info.frames) * static_cast<size_t>(channels));
    const sf_count_t got = sf_readf_float(f, pcm.data(), info.frames);
    sf_close(f);
    pcm.resize(static_cast<size_t>(std::max<sf_count_t>(got, 0)) * static_cast<size_t>(channels));
    SetPcm(*data, std::move(pcm), channels);
    if (data->frames <= 0) error = "no audio frames";
  }
  if (!error.empty()) {
    AddWarning("sample " + bank.name + ":" + std::to_string(file) + " (" + bank.files[file] + "): " + error);
    return;  // the slot stays empty: that file stays silent
  }
  bank.slots[file].store(data.get(), std::memory_order_release);
  bank.owned[file] = std::move(data);
}

void SampleLibrary::LoaderLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    job();
    job = nullptr;
    lock.lock();
    --busy_;
    if (queue_.empty() && busy_ == 0) idle_cv_.notify_all();
  }
}

void SampleLibrary::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock, [this] { return stop_ || (queue_.empty() && busy_ == 0); });
}

bool SampleLibrary::PollWarning(std::string& out) {
  std::lock_guard<std::mutex> lock(mu_);
  if (warnings_.empty()) return false;
  out = std::move(warnings_.front());
  warnings_.pop_front();
  return true;
}

const SampleData* SampleLibrary::Get(SoundId id, int n) const {
  if (id < kSampleBase) return nullptr;
  const uint32_t bank_index = (id - kSampleBase) >> 12;
  if (bank_index > static_cast<uint32_t>(kMaxBanks)) return nullptr;
  const Bank* bank = banks_[bank_index].load(std::memory_order_acquire);
  if (!bank) return nullptr;
  const int count = static_cast<int>(bank->files.size());
  int file = (static_cast<int>((id - kSampleBase) & 0xfff) + n) % count;
  if (file < 0) file += count;
  return bank->slots[file].load(std::memory_order_acquire);
}

double EventKey(const VoiceEvent& e) {
  double key = e.get(Param::Note, 48.f);  // c3, as Strudel's soundfonts
  if (e.has(Param::Freq)) {
    const float f = e.get(Param::Freq, 261.63f);
    if (f > 0.f) key = 69.0 + 12.0 * std::log2(f / 440.0);
  }
  if (e.has(Param::Octave)) key += 12.0 * (e.get(Param::Octave, 4.f) - 4.0);
  return key;
}

void StartSamplerLane(Pack& p, int j, const VoiceEvent& e, const StartContext& ctx) {
  Lane& l = p.lanes[j];
  const SampleData* s = ctx.sample;
  if (!s || s->frames <= 0) {
    l.ended = true;
    return;
  }
  double speed = e.get(Param::Speed, 1.f);
  if (s->keyed) {
    const double key = EventKey(e);
    speed *= std::exp2((s->key_scale * (key - s->root_key) + s->tune) / 12.0);
  } else if (!s->unpitched) {
    // Strudel's convention: note 36 (c2) is the sample's own pitch
    if (e.has(Param::Note)) speed *= std::exp2((e.get(Param::Note, 36.f) - 36.0) / 12.0);
    if (e.has(Param::Octave)) speed *= std::exp2(e.get(Param::Octave, 4.f) - 4.0);
  }
  p.level[j] *= s->gain;
  const double frames = static_cast<double>(s->frames);
  const double begin = std::clamp(static_cast<double>(e.get(Param::Begin, 0.f)), 0.0, 1.0);
  const double end = std::clamp(static_cast<double>(e.get(Param::End, 1.f)), 0.0, 1.0);
  l.sample = s;
  l.lo = std::floor(std::min(begin, end) * frames);
  l.hi = std::max(l.lo + 1.0, std::floor(std::max(begin, end) * frames));
  l.inc = speed * s->rate_hz / ctx.rate_hz;
  l.pos = l.inc < 0 ? l.hi - 1.0 : l.lo;
  l.loops_left = std::max(0, e.get_int(Param::Loop, 1.f, 0, 1 << 30) - 1);
  // accelerate: octaves per second of pitch glide, as SuperDirt
  l.accel = std::exp2(static_cast<double>(e.get(Param::Accelerate, 0.f)) / ctx.rate_hz);
  l.ended = l.inc == 0.0;
}

namespace {

// Frames i..end of one lane, all inside [lo, hi): no bounds tests but the clamps of the
// interpolation's outer points. 4-point, 3rd-order Hermite (as PlayBuf's interpolation 4).
template <bool kStereo>
void ReadRun(const float* d, int ch, int64_t last, double& pos, double inc, F8* left, F8* right, int j, int i,
             int end) {
  for (; i < end; ++i) {
    int64_t a = static_cast<int64_t>(pos);
    a = a < last ? a : last;
    const float t = static_cast<float>(pos - static_cast<double>(a));
    const float* f0 = d + (a > 0 ? a - 1 : 0) * ch;
    const float* f1 = d + a * ch;
    const float* f2 = d + (a < last ? a + 1 : last) * ch;
    const float* f3 = d + (a + 1 < last ? a + 2 : last) * ch;
    const float env = left[i][j];
    const float sl = Hermite(f0[0], f1[0], f2[0], f3[0], t);
    left[i][j] = env * sl;
    right[i][j] = kStereo ? env * Hermite(f0[1], f1[1], f2[1], f3[1], t) : env * sl;
    pos += inc;
  }
}

}  // namespace

void RenderSamplerLanes(Pack& p, int n, F8* left, F8* right, float /*rate_hz*/) {
  for (int j = 0; j < kLanes; ++j) {
    Lane& l = p.lanes[j];
    const SampleData* s = l.sample;
    if (!l.live || !s || l.ended) {
      for (int i = 0; i < n; ++i) left[i][j] = right[i][j] = 0.f;
      continue;
    }
    const float* d = s->first;
    const int ch = s->channels;
    const int64_t last = s->frames - 1;
    double pos = l.pos, inc = l.inc;
    const double lo = l.lo, span = l.hi - lo, accel = l.accel;
    // a SoundFont loop: forwards, inside the played region, from the start of the loop on
    const double loop_begin = static_cast<double>(s->loop_begin), loop_end = static_cast<double>(s->loop_end);
    const bool sf_loop = loop_end > loop_begin && inc > 0 && l.hi >= loop_end && pos < loop_end;
    const double hi = sf_loop ? loop_end : l.hi;
    int i = 0;
    while (i < n) {
      if (sf_loop && pos >= hi) {
        pos -= loop_end - loop_begin;
        continue;
      }
      if (pos >= hi || pos < lo) {
        if (l.loops_left <= 0) {
          l.ended = true;
          break;
        }
        --l.loops_left;
        pos += pos >= hi ? -span : span;
        continue;
      }
      // frames before the region's edge (one at a time while accelerating)
      int run = 1;
      if (accel == 1.0) {
        const double room = inc > 0 ? (hi - pos) / inc : (pos - lo) / -inc;
        run = static_cast<int>(std::min<double>(n - i, std::max(1.0, std::ceil(room))));
      }
      if (ch > 1) ReadRun<true>(d, ch, last, pos, inc, left, right, j, i, i + run);
      else ReadRun<false>(d, ch, last, pos, inc, left, right, j, i, i + run);
      i += run;
      inc *= run == 1 ? accel : 1.0;
    }
    for (; i < n; ++i) left[i][j] = right[i][j] = 0.f;
    l.pos = pos;
    l.inc = inc;
  }
}

}  // namespace mr::audio::detail
