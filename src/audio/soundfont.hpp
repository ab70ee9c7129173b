// General MIDI instruments from a SoundFont 2 file (Debian's fluid-soundfont-gm by default):
// Strudel's `gm_*` names to presets, read by a small SF2 reader of our own. SF2 is RIFF: the
// `pdta` list (phdr pbag pgen inst ibag igen shdr) describes presets as zones (key and velocity
// ranges over instruments over samples), the `smpl` chunk holds 16-bit PCM. Only the headers are
// read when the first gm_ name is resolved; a preset's samples are decoded on the sample
// library's loader thread when a name that uses it is resolved, into SampleData zones that the
// sampler plays (so every per-voice control applies). The audio thread only reads published
// atomic pointers to finished, immutable data.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "audio/sampler.hpp"

namespace mr::audio::detail {

constexpr SoundId kSoundFontBase = 0x2000000;  // + instrument << 4 | variant offset (above every sample id)

// One zone of a preset, flattened (preset zone x instrument zone), in sample frames of `smpl`.
struct Sf2Zone {
  uint8_t key_lo = 0, key_hi = 127, vel_lo = 0, vel_hi = 127;
  int sample = -1;  // shdr index
  uint32_t start = 0, end = 0, loop_start = 0, loop_end = 0;
  int root_key = 60;
  float tune = 0.f;         // semitones (coarse, fine and the sample's correction)
  float key_scale = 1.f;    // scaleTuning / 100
  bool loops = false;       // sampleModes 1 or 3
  float attenuation_cb = 0.f;
};

struct Sf2SampleHeader {
  std::string name;
  uint32_t start = 0, end = 0, loop_start = 0, loop_end = 0, rate = 44100;
  uint8_t pitch = 60;
  int8_t correction = 0;
  uint16_t link = 0, type = 1;  // type: 1 mono, 2 right, 4 left, 8 linked (+0x8000 ROM)
};

struct Sf2Preset {
  std::string name;
  int program = 0, bank = 0;
  std::vector<Sf2Zone> zones;
};

class Sf2File {
 public:
  // Reads the headers; false with `error` saying what and where when the file is not a SoundFont.
  bool Open(const std::string& path, std::string& error);
  const std::vector<Sf2Preset>& presets() const { return presets_; }
  const std::vector<Sf2SampleHeader>& samples() const { return samples_; }
  const std::string& path() const { return path_; }
  // `count` frames of smpl from frame `start`, as floats in -1..1 (zeros past the chunk's end).
  bool ReadPcm(uint32_t start, uint32_t count, float* out, int stride, std::string& error) const;

 private:
  std::string path_;
  uint64_t smpl_offset_ = 0, smpl_frames_ = 0;
  std::vector<Sf2Preset> presets_;
  std::vector<Sf2SampleHeader> samples_;
};

// Strudel's gm_ names (its soundfonts package's spelling) and the GM programs each covers, in
// the order `n` walks them; plus the full names of programs 0-3 (which Strudel groups under
// gm_piano) and gm_drums, the GM percussion kits (bank 128; the note picks the drum).
struct GmName {
  const char* name;
  int programs[4];
  int count;
};
extern const GmName kGmNames[];
extern const int kGmNameCount;
const GmName* FindGmName(std::string_view lower);

// Where the General MIDI SoundFont is looked for: $MOONRAVE_SOUNDFONT, then Debian's paths.
std::vector<std::string> DefaultSoundFontPaths();
// The first of them that exists, or "".
std::string FindSoundFont();

class SoundFont {
 public:
  // path: the SF2 file ("" for the first of DefaultSoundFontPaths that exists, looked up when a
  // gm_ name is first resolved).
  SoundFont(std::string path, SampleLibrary& loader);
  ~SoundFont();
  SoundFont(const SoundFont&) = delete;
  SoundFont& operator=(const SoundFont&) = delete;

  // Control thread: a gm_ name (gm_piano:2 for its third variant) to a SoundId, its presets queued
  // for decoding; kNoSound with
  // `message` set (how to install the SoundFont, or that the name is none of Strudel's) otherwise.
  SoundId Resolve(std::string_view lower, std::string& message);
  // Control thread: true when a SoundFont file is found and readable (reads its headers).
  bool Available();
  // The preset names behind a resolved id, variant by variant (tests, docs).
  std::vector<std::string> VariantNames(SoundId id) const;

  // Audio thread: the zone of variant `n` (wrapping) for a key and velocity (0..127), or null
  // while its preset is still decoding.
  const SampleData* Get(SoundId id, int n, double key, int velocity) const;

 private:
  struct Zone {
    uint8_t key_lo, key_hi, vel_lo, vel_hi;
    SampleData sample;
  };
  struct Loaded {
    std::vector<Zone> zones;
  };
  struct Instrument {
    int variants[16] = {};
    int count = 0;
  };
  static constexpr int kMaxPresets = 1024;
  static constexpr int kMaxInstruments = 256;

  void Load(int preset);  // loader thread

  std::string path_;
  SampleLibrary& loader_;
  bool opened_ = false, open_failed_ = false;
  std::string open_error_;
  Sf2File file_;
  std::unique_ptr<Loaded> owned_[kMaxPresets];
  std::atomic<const Loaded*> loaded_[kMaxPresets] = {};
  bool queued_[kMaxPresets] = {};
  Instrument instruments_[kMaxInstruments];
  std::atomic<int> instrument_count_{0};
  std::vector<std::string> instrument_names_;  // control thread
};

}  // namespace mr::audio::detail
