// The SF2 reader, the gm_ name table and the SoundFont instruments (soundfont.hpp).
#include "audio/soundfont.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

namespace mr::audio::detail {

namespace {

uint16_t U16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
int16_t S16(const uint8_t* p) { return static_cast<int16_t>(U16(p)); }
uint32_t U32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}

std::string Name20(const uint8_t* p) {
  size_t n = 0;
  while (n < 20 && p[n]) ++n;
  return std::string(reinterpret_cast<const char*>(p), n);
}

// The SF2 generators this reader uses (SoundFont 2.04, section 8.1.2).
enum Gen : uint16_t {
  kStartOffset = 0, kEndOffset = 1, kStartLoopOffset = 2, kEndLoopOffset = 3, kStartCoarse = 4,
  kEndCoarse = 12, kInstrument = 41, kKeyRange = 43, kVelRange = 44, kStartLoopCoarse = 45,
  kAttenuation = 48, kEndLoopCoarse = 50, kCoarseTune = 51, kFineTune = 52, kSampleId = 53,
  kSampleModes = 54, kScaleTuning = 56, kRootKey = 58, kGenCount = 61,
};

// A zone's generators: set flags and values (ranges as lo | hi << 8).
struct Gens {
  int16_t value[kGenCount] = {};
  bool set[kGenCount] = {};
  int Get(int g, int fallback) const { return set[g] ? value[g] : fallback; }
  uint8_t Lo(int g) const { return set[g] ? static_cast<uint8_t>(static_cast<uint16_t>(value[g]) & 0xff) : 0; }
  uint8_t Hi(int g) const { return set[g] ? static_cast<uint8_t>(static_cast<uint16_t>(value[g]) >> 8) : 127; }
};

struct Chunk {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

}  // namespace

bool Sf2File::Open(const std::string& path, std::string& error) {
  path_ = path;
  presets_.clear();
  samples_.clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot be opened";
    return false;
  }
  uint8_t head[12];
  if (!in.read(reinterpret_cast<char*>(head), 12) || std::memcmp(head, "RIFF", 4) != 0 ||
      std::memcmp(head + 8, "sfbk", 4) != 0) {
    error = path + ": not a SoundFont 2 file (no RIFF sfbk header)";
    return false;
  }
  const uint64_t riff_end = 8 + static_cast<uint64_t>(U32(head + 4));
  std::vector<uint8_t> pdta;
  bool have_smpl = false;
  uint64_t pos = 12;
  while (pos + 12 <= riff_end) {
    uint8_t ch[12];
    in.seekg(static_cast<std::streamoff>(pos));
    if (!in.read(reinterpret_cast<char*>(ch), 12)) break;
    const uint64_t size = U32(ch + 4);
    if (std::memcmp(ch, "LIST", 4) == 0) {
      if (std::memcmp(ch + 8, "sdta", 4) == 0) {
        uint64_t sub = pos + 12;
        while (sub + 8 <= pos + 8 + size) {
          uint8_t sh[8];
          in.seekg(static_cast<std::streamoff>(sub));
          if (!in.read(reinterpret_cast<char*>(sh), 8)) break;
          const uint64_t ssize = U32(sh + 4);
          if (std::memcmp(sh, "smpl", 4) == 0) {
            smpl_offset_ = sub + 8;
            smpl_frames_ = ssize / 2;
            have_smpl = true;
          }
          sub += 8 + ssize + (ssize & 1);
        }
      } else if (std::memcmp(ch + 8, "pdta", 4) == 0 && size >= 4) {
        pdta.resize(static_cast<size_t>(size - 4));
        if (!in.read(reinterpret_cast<char*>(pdta.data()), static_cast<std::streamsize>(pdta.size()))) {
          error = path + ": the pdta list is cut short";
          return false;
        }
      }
    }
    pos += 8 + size + (size & 1);
  }
  if (!have_smpl || pdta.empty()) {
    error = path + ": no " + std::string(have_smpl ? "pdta list" : "smpl chunk") + " (not a SoundFont 2 file?)";
    return false;
  }
  std::map<std::string, Chunk> chunks;
  for (size_t p = 0; p + 8 <= pdta.size();) {
    const size_t size = U32(pdta.data() + p + 4);
    if (p + 8 + size > pdta.size()) break;
    chunks[std::string(reinterpret_cast<const char*>(pdta.data() + p), 4)] = {pdta.data() + p + 8, size};
    p += 8 + size + (size & 1);
  }
  const struct {
    const char* id;
    size_t rec;
  } kNeed[] = {{"phdr", 38}, {"pbag", 4}, {"pgen", 4}, {"inst", 22}, {"ibag", 4}, {"igen", 4}, {"shdr", 46}};
  for (const auto& need : kNeed) {
    const auto it = chunks.find(need.id);
    if (it == chunks.end() || it->second.size < 2 * need.rec) {
      error = path + ": the " + need.id + " chunk is missing or empty";
      return false;
    }
  }
  const Chunk phdr = chunks["phdr"], pbag = chunks["pbag"], pgen = chunks["pgen"], inst = chunks["inst"],
              ibag = chunks["ibag"], igen = chunks["igen"], shdr = chunks["shdr"];
  const size_t n_phdr = phdr.size / 38, n_pbag = pbag.size / 4, n_pgen = pgen.size / 4, n_inst = inst.size / 22,
               n_ibag = ibag.size / 4, n_igen = igen.size / 4, n_shdr = shdr.size / 46;
  for (size_t s = 0; s + 1 < n_shdr; ++s) {  // the last record is the terminal "EOS"
    const uint8_t* r = shdr.data + s * 46;
    Sf2SampleHeader h;
    h.name = Name20(r);
    h.start = U32(r + 20);
    h.end = U32(r + 24);
    h.loop_start = U32(r + 28);
    h.loop_end = U32(r + 32);
    h.rate = U32(r + 36);
    h.pitch = r[40];
    h.correction = static_cast<int8_t>(r[41]);
    h.link = U16(r + 42);
    h.type = U16(r + 44);
    samples_.push_back(std::move(h));
  }
  // The generators of bag b of a bag/gen chunk pair, over those already in g.
  auto read_gens = [](const Chunk& bag, size_t n_bag, const Chunk& gen, size_t n_gen, size_t b, Gens& g) {
    if (b + 1 >= n_bag) return;
    const size_t from = U16(bag.data + b * 4), to = std::min<size_t>(U16(bag.data + (b + 1) * 4), n_gen);
    for (size_t k = from; k < to; ++k) {
      const uint16_t oper = U16(gen.data + k * 4);
      if (oper >= kGenCount) continue;
      g.value[oper] = S16(gen.data + k * 4 + 2);
      g.set[oper] = true;
    }
  };
  auto bag_range = [](const Chunk& hdr, size_t rec, size_t off, size_t i) {
    return std::pair<size_t, size_t>{U16(hdr.data + i * rec + off), U16(hdr.data + (i + 1) * rec + off)};
  };
  for (size_t p = 0; p + 1 < n_phdr; ++p) {
    const uint8_t* r = phdr.data + p * 38;
    Sf2Preset preset;
    preset.name = Name20(r);
    preset.program = U16(r + 20);
    preset.bank = U16(r + 22);
    const auto [pb0, pb1] = bag_range(phdr, 38, 24, p);
    Gens pglobal;
    for (size_t b = pb0; b < pb1 && b + 1 < n_pbag; ++b) {
      Gens pz = b == pb0 ? Gens{} : pglobal;
      read_gens(pbag, n_pbag, pgen, n_pgen, b, pz);
      if (!pz.set[kInstrument]) {
        if (b == pb0) pglobal = pz;  // a first zone without an instrument is the global zone
        continue;
      }
      const size_t i = static_cast<size_t>(static_cast<uint16_t>(pz.value[kInstrument]));
      if (i + 1 >= n_inst) continue;
      const auto [ib0, ib1] = bag_range(inst, 22, 20, i);
      Gens iglobal;
      for (size_t ib = ib0; ib < ib1 && ib + 1 < n_ibag; ++ib) {
        Gens iz = ib == ib0 ? Gens{} : iglobal;
        read_gens(ibag, n_ibag, igen, n_igen, ib, iz);
        if (!iz.set[kSampleId]) {
          if (ib == ib0) iglobal = iz;
          continue;
        }
        const size_t s = static_cast<size_t>(static_cast<uint16_t>(iz.value[kSampleId]));
        if (s >= samples_.size()) continue;
        const Sf2SampleHeader& h = samples_[s];
        Sf2Zone z;
        z.key_lo = std::max(iz.Lo(kKeyRange), pz.Lo(kKeyRange));
        z.key_hi = std::min(iz.Hi(kKeyRange), pz.Hi(kKeyRange));
        z.vel_lo = std::max(iz.Lo(kVelRange), pz.Lo(kVelRange));
        z.vel_hi = std::min(iz.Hi(kVelRange), pz.Hi(kVelRange));
        if (z.key_lo > z.key_hi || z.vel_lo > z.vel_hi) continue;
        z.sample = static_cast<int>(s);
        // addresses: instrument level only (the spec forbids them at preset level)
        auto addr = [&](uint32_t base, int fine, int coarse) {
          const int64_t a = static_cast<int64_t>(base) + iz.Get(fine, 0) + 32768 * static_cast<int64_t>(iz.Get(coarse, 0));
          return static_cast<uint32_t>(std::clamp<int64_t>(a, 0, static_cast<int64_t>(smpl_frames_)));
        };
        z.start = addr(h.start, kStartOffset, kStartCoarse);
        z.end = addr(h.end, kEndOffset, kEndCoarse);
        z.loop_start = addr(h.loop_start, kStartLoopOffset, kStartLoopCoarse);
        z.loop_end = addr(h.loop_end, kEndLoopOffset, kEndLoopCoarse);
        const int mode = iz.Get(kSampleModes, 0) & 3;
        z.loops = (mode == 1 || mode == 3) && z.loop_end > z.loop_start + 1 && z.loop_start >= z.start && z.loop_end <= z.end;
        const int root = iz.Get(kRootKey, -1);
        z.root_key = root >= 0 && root <= 127 ? root : h.pitch <= 127 ? h.pitch : 60;
        // tuning and attenuation: instrument values plus the preset's offsets
        z.tune = static_cast<float>(iz.Get(kCoarseTune, 0) + pz.Get(kCoarseTune, 0)) +
                 static_cast<float>(iz.Get(kFineTune, 0) + pz.Get(kFineTune, 0) + h.correction) / 100.f;
        z.key_scale = static_cast<float>(iz.Get(kScaleTuning, 100) + pz.Get(kScaleTuning, 0)) / 100.f;
        z.attenuation_cb = static_cast<float>(std::max(0, iz.Get(kAttenuation, 0) + pz.Get(kAttenuation, 0)));
        if (z.end > z.start + 1) preset.zones.push_back(z);
      }
    }
    presets_.push_back(std::move(preset));
  }
  return true;
}

bool Sf2File::ReadPcm(uint32_t start, uint32_t count, float* out, int stride, std::string& error) const {
  for (uint32_t i = 0; i < count; ++i) out[static_cast<size_t>(i) * static_cast<size_t>(stride)] = 0.f;
  if (start >= smpl_frames_) return true;
  const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(count, smpl_frames_ - start));
  std::ifstream in(path_, std::ios::binary);
  std::vector<uint8_t> raw(static_cast<size_t>(n) * 2);
  in.seekg(static_cast<std::streamoff>(smpl_offset_ + 2 * static_cast<uint64_t>(start)));
  if (!in || !in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size()))) {
    error = path_ + ": sample data cut short";
    return false;
  }
  for (uint32_t i = 0; i < n; ++i)
    out[static_cast<size_t>(i) * static_cast<size_t>(stride)] = static_cast<float>(S16(raw.data() + 2 * i)) / 32768.f;
  return true;
}

// Strudel 1.2.6's @strudel/soundfonts names (gm.mjs) with the GM programs of their fonts.
const GmName kGmNames[] = {
    {"gm_piano", {0, 1, 2, 3}, 4},
    {"gm_epiano1", {4}, 1},
    {"gm_epiano2", {5}, 1},
    {"gm_harpsichord", {6}, 1},
    {"gm_clavinet", {7}, 1},
    {"gm_celesta", {8}, 1},
    {"gm_glockenspiel", {9}, 1},
    {"gm_music_box", {10}, 1},
    {"gm_vibraphone", {11}, 1},
    {"gm_marimba", {12}, 1},
    {"gm_xylophone", {13}, 1},
    {"gm_tubular_bells", {14}, 1},
    {"gm_dulcimer", {15}, 1},
    {"gm_drawbar_organ", {16}, 1},
    {"gm_percussive_organ", {17}, 1},
    {"gm_rock_organ", {18}, 1},
    {"gm_church_organ", {19}, 1},
    {"gm_reed_organ", {20}, 1},
    {"gm_accordion", {21}, 1},
    {"gm_harmonica", {22}, 1},
    {"gm_bandoneon", {23}, 1},
    {"gm_acoustic_guitar_nylon", {24}, 1},
    {"gm_acoustic_guitar_steel", {25}, 1},
    {"gm_electric_guitar_jazz", {26}, 1},
    {"gm_electric_guitar_clean", {27}, 1},
    {"gm_electric_guitar_muted", {28}, 1},
    {"gm_overdriven_guitar", {29}, 1},
    {"gm_distortion_guitar", {30}, 1},
    {"gm_guitar_harmonics", {31}, 1},
    {"gm_acoustic_bass", {32}, 1},
    {"gm_electric_bass_finger", {33}, 1},
    {"gm_electric_bass_pick", {34}, 1},
    {"gm_fretless_bass", {35}, 1},
    {"gm_slap_bass_1", {36}, 1},
    {"gm_slap_bass_2", {37}, 1},
    {"gm_synth_bass_1", {38}, 1},
    {"gm_synth_bass_2", {39}, 1},
    {"gm_violin", {40}, 1},
    {"gm_viola", {41}, 1},
    {"gm_cello", {42}, 1},
    {"gm_contrabass", {43}, 1},
    {"gm_tremolo_strings", {44}, 1},
    {"gm_pizzicato_strings", {45}, 1},
    {"gm_orchestral_harp", {46}, 1},
    {"gm_timpani", {47}, 1},
    {"gm_string_ensemble_1", {48}, 1},
    {"gm_string_ensemble_2", {49}, 1},
    {"gm_synth_strings_1", {50}, 1},
    {"gm_synth_strings_2", {51}, 1},
    {"gm_choir_aahs", {52}, 1},
    {"gm_voice_oohs", {53}, 1},
    {"gm_synth_choir", {54}, 1},
    {"gm_orchestra_hit", {55}, 1},
    {"gm_trumpet", {56}, 1},
    {"gm_trombone", {57}, 1},
    {"gm_tuba", {58}, 1},
    {"gm_muted_trumpet", {59}, 1},
    {"gm_french_horn", {60}, 1},
    {"gm_brass_section", {61}, 1},
    {"gm_synth_brass_1", {62}, 1},
    {"gm_synth_brass_2", {63}, 1},
    {"gm_soprano_sax", {64}, 1},
    {"gm_alto_sax", {65}, 1},
    {"gm_tenor_sax", {66}, 1},
    {"gm_baritone_sax", {67}, 1},
    {"gm_oboe", {68}, 1},
    {"gm_english_horn", {69}, 1},
    {"gm_bassoon", {70}, 1},
    {"gm_clarinet", {71}, 1},
    {"gm_piccolo", {72}, 1},
    {"gm_flute", {73}, 1},
    {"gm_recorder", {74}, 1},
    {"gm_pan_flute", {75}, 1},
    {"gm_blown_bottle", {76}, 1},
    {"gm_shakuhachi", {77}, 1},
    {"gm_whistle", {78}, 1},
    {"gm_ocarina", {79}, 1},
    {"gm_lead_1_square", {80}, 1},
    {"gm_lead_2_sawtooth", {81}, 1},
    {"gm_lead_3_calliope", {82}, 1},
    {"gm_lead_4_chiff", {83}, 1},
    {"gm_lead_5_charang", {84}, 1},
    {"gm_lead_6_voice", {85}, 1},
    {"gm_lead_7_fifths", {86}, 1},
    {"gm_lead_8_bass_lead", {87}, 1},
    {"gm_pad_new_age", {88}, 1},
    {"gm_pad_warm", {89}, 1},
    {"gm_pad_poly", {90}, 1},
    {"gm_pad_choir", {91}, 1},
    {"gm_pad_bowed", {92}, 1},
    {"gm_pad_metallic", {93}, 1},
    {"gm_pad_halo", {94}, 1},
    {"gm_pad_sweep", {95}, 1},
    {"gm_fx_rain", {96}, 1},
    {"gm_fx_soundtrack", {97}, 1},
    {"gm_fx_crystal", {98}, 1},
    {"gm_fx_atmosphere", {99}, 1},
    {"gm_fx_brightness", {100}, 1},
    {"gm_fx_goblins", {101}, 1},
    {"gm_fx_echoes", {102}, 1},
    {"gm_fx_sci_fi", {103}, 1},
    {"gm_sitar", {104}, 1},
    {"gm_banjo", {105}, 1},
    {"gm_shamisen", {106}, 1},
    {"gm_koto", {107}, 1},
    {"gm_kalimba", {108}, 1},
    {"gm_bagpipe", {109}, 1},
    {"gm_fiddle", {110}, 1},
    {"gm_shanai", {111}, 1},
    {"gm_tinkle_bell", {112}, 1},
    {"gm_agogo", {113}, 1},
    {"gm_steel_drums", {114}, 1},
    {"gm_woodblock", {115}, 1},
    {"gm_taiko_drum", {116}, 1},
    {"gm_melodic_tom", {117}, 1},
    {"gm_synth_drum", {118}, 1},
    {"gm_reverse_cymbal", {119}, 1},
    {"gm_guitar_fret_noise", {120}, 1},
    {"gm_breath_noise", {121}, 1},
    {"gm_seashore", {122}, 1},
    {"gm_bird_tweet", {123}, 1},
    {"gm_telephone", {124}, 1},
    {"gm_helicopter", {125}, 1},
    {"gm_applause", {126}, 1},
    {"gm_gunshot", {127}, 1},
    // moonrave's: GM's own names for what Strudel groups as gm_piano, and the percussion kits
    {"gm_acoustic_grand_piano", {0}, 1},
    {"gm_bright_acoustic_piano", {1}, 1},
    {"gm_electric_grand_piano", {2}, 1},
    {"gm_honkytonk_piano", {3}, 1},
    {"gm_drums", {128}, 1},
};
const int kGmNameCount = static_cast<int>(std::size(kGmNames));

const GmName* FindGmName(std::string_view lower) {
  for (const GmName& g : kGmNames)
    if (lower == g.name) return &g;
  return nullptr;
}

std::vector<std::string> DefaultSoundFontPaths() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("MOONRAVE_SOUNDFONT"); env && *env) paths.emplace_back(env);
  paths.emplace_back("/usr/share/sounds/sf2/FluidR3_GM.sf2");
  paths.emplace_back("/usr/share/soundfonts/FluidR3_GM.sf2");
  paths.emplace_back("/usr/share/sounds/sf2/default-GM.sf2");
  return paths;
}

std::string FindSoundFont() {
  for (const std::string& p : DefaultSoundFontPaths()) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p;
  }
  return "";
}

namespace {
// The level of a zone at 0 cB: SoundFont samples are recorded near full scale; this brings a
// note to the built-in synths' loudness. The attenuation generator counts as FluidSynth counts
// it (0.4 of the centibels).
constexpr float kSoundFontGain = 0.7f;
}  // namespace

SoundFont::SoundFont(std::string path, SampleLibrary& loader) : path_(std::move(path)), loader_(loader) {}
SoundFont::~SoundFont() = default;

bool SoundFont::Available() {
  if (!opened_ && !open_failed_) {
    const std::string path = path_.empty() ? FindSoundFont() : path_;
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) {
      open_failed_ = true;
      open_error_ = "not installed";
    } else if (file_.Open(path, open_error_)) {
      opened_ = true;
    } else {
      open_failed_ = true;
    }
  }
  return opened_;
}

SoundId SoundFont::Resolve(std::string_view lower, std::string& message) {
  const GmName* gm = FindGmName(lower);
  if (!gm) {
    message = "unknown sound '" + std::string(lower) +
              "': not one of Strudel's General MIDI names (gm_piano, gm_acoustic_bass, gm_violin, ... see "
              "`moonrave reference gm_`)";
    return kNoSound;
  }
  if (!Available()) {
    message = open_error_ == "not installed"
                  ? "General MIDI sounds (gm_...) need a SoundFont: run scripts/setup.sh --sounds (Debian's "
                    "fluid-soundfont-gm, /usr/share/sounds/sf2/FluidR3_GM.sf2) or set MOONRAVE_SOUNDFONT"
                  : "General MIDI sounds (gm_...): the SoundFont cannot be read: " + open_error_;
    return kNoSound;
  }
  for (size_t i = 0; i < instrument_names_.size(); ++i)
    if (instrument_names_[i] == gm->name) return kSoundFontBase + (static_cast<SoundId>(i) << 4);
  const int count = instrument_count_.load(std::memory_order_relaxed);
  if (count >= kMaxInstruments) {
    message = "too many General MIDI instruments in one session";
    return kNoSound;
  }
  // variants: each program's bank-0 preset, then its variations in the other melodic banks;
  // gm_drums: the percussion kits (bank 128) by program
  Instrument& ins = instruments_[count];
  ins.count = 0;
  const auto& presets = file_.presets();
  for (int k = 0; k < gm->count; ++k) {
    std::vector<int> found;
    for (size_t p = 0; p < presets.size() && static_cast<int>(p) < kMaxPresets; ++p) {
      const Sf2Preset& pr = presets[p];
      const bool match = gm->programs[k] == 128 ? pr.bank == 128 : pr.program == gm->programs[k] && pr.bank < 128;
      if (match && !pr.zones.empty()) found.push_back(static_cast<int>(p));
    }
    std::sort(found.begin(), found.end(), [&presets](int a, int b) {
      return std::tie(presets[a].bank, presets[a].program) < std::tie(presets[b].bank, presets[b].program);
    });
    for (int p : found)
      if (ins.count < 16) ins.variants[ins.count++] = p;
  }
  if (ins.count == 0) {
    message = "sound '" + std::string(gm->name) + "': " + file_.path() + " has no preset for it";
    return kNoSound;
  }
  for (int k = 0; k < ins.count; ++k) {
    const int p = ins.variants[k];
    if (queued_[p]) continue;
    queued_[p] = true;
    loader_.Enqueue([this, p] { Load(p); });
  }
  instrument_names_.emplace_back(gm->name);
  instrument_count_.store(count + 1, std::memory_order_release);
  return kSoundFontBase + (static_cast<SoundId>(count) << 4);
}

std::vector<std::string> SoundFont::VariantNames(SoundId id) const {
  std::vector<std::string> names;
  const int index = static_cast<int>((id - kSoundFontBase) >> 4);
  if (id < kSoundFontBase || index >= instrument_count_.load(std::memory_order_acquire)) return names;
  const Instrument& ins = instruments_[index];
  for (int k = 0; k < ins.count; ++k) {
    const Sf2Preset& p = file_.presets()[static_cast<size_t>(ins.variants[k])];
    names.push_back(p.name + " (bank " + std::to_string(p.bank) + ", program " + std::to_string(p.program) + ")");
  }
  return names;
}

void SoundFont::Load(int preset_index) {
  const Sf2Preset& preset = file_.presets()[static_cast<size_t>(preset_index)];
  const auto& headers = file_.samples();
  const bool drums = preset.bank == 128;
  auto loaded = std::make_unique<Loaded>();
  std::map<std::tuple<uint32_t, uint32_t, int>, std::shared_ptr<const std::vector<float>>> decoded;
  std::string error;
  for (const Sf2Zone& z : preset.zones) {
    const Sf2SampleHeader& h = headers[static_cast<size_t>(z.sample)];
    uint32_t frames = z.end - z.start;
    // a left or right sample linked to its other side plays as one stereo sound
    int partner = -1;
    if ((h.type & 6) != 0 && h.link < headers.size() && (headers[h.link].type & 6) != 0 && (headers[h.link].type & 6) != (h.type & 6))
      partner = h.link;
    uint32_t partner_start = 0;
    if (partner >= 0) {
      const Sf2SampleHeader& o = headers[static_cast<size_t>(partner)];
      partner_start = o.start + (z.start - h.start);
      if (o.end <= partner_start) partner = -1;
      else frames = std::min(frames, o.end - partner_start);
    }
    const int channels = partner >= 0 ? 2 : 1;
    auto& pcm = decoded[{z.start, frames, partner}];
    if (!pcm) {
      std::vector<float> data(static_cast<size_t>(frames) * static_cast<size_t>(channels));
      bool ok = true;
      if (channels == 1) {
        ok = file_.ReadPcm(z.start, frames, data.data(), 1, error);
      } else {
        const bool left = (h.type & 4) != 0;
        ok = file_.ReadPcm(left ? z.start : partner_start, frames, data.data(), 2, error) &&
             file_.ReadPcm(left ? partner_start : z.start, frames, data.data() + 1, 2, error);
      }
      if (!ok) {
        loader_.AddWarning("SoundFont preset " + preset.name + ": " + error);
        return;  // the preset stays unloaded: its notes stay silent
      }
      pcm = std::make_shared<const std::vector<float>>(std::move(data));
    }
    Zone zone{z.key_lo, z.key_hi, z.vel_lo, z.vel_hi, SampleData{}};
    SampleData& s = zone.sample;
    s.frames = frames;
    s.channels = channels;
    s.rate_hz = static_cast<float>(h.rate > 0 ? h.rate : 44100);
    s.pcm = pcm;
    s.first = pcm->data();
    if (z.loops && !drums && z.loop_end - z.start <= frames) {
      s.loop_begin = z.loop_start - z.start;
      s.loop_end = z.loop_end - z.start;
    }
    s.held = !drums;  // an instrument lasts the event, as Strudel's soundfonts; a drum plays out
    s.keyed = true;
    s.root_key = static_cast<float>(z.root_key);
    s.key_scale = z.key_scale;
    s.tune = z.tune;
    s.gain = kSoundFontGain * std::pow(10.f, -0.4f * z.attenuation_cb / 200.f);
    loaded->zones.push_back(std::move(zone));
  }
  const Loaded* raw = loaded.get();
  owned_[preset_index] = std::move(loaded);
  loaded_[preset_index].store(raw, std::memory_order_release);
}

const SampleData* SoundFont::Get(SoundId id, int n, double key, int velocity) const {
  if (id < kSoundFontBase) return nullptr;
  const uint32_t index = (id - kSoundFontBase) >> 4;
  if (index >= static_cast<uint32_t>(instrument_count_.load(std::memory_order_acquire))) return nullptr;
  const Instrument& ins = instruments_[index];
  int v = (n + static_cast<int>((id - kSoundFontBase) & 15)) % ins.count;
  if (v < 0) v += ins.count;
  const Loaded* preset = loaded_[ins.variants[v]].load(std::memory_order_acquire);
  if (!preset) return nullptr;
  const int k = std::isfinite(key) ? static_cast<int>(std::lround(std::clamp(key, 0.0, 127.0))) : 60;
  const Zone* best = nullptr;
  int best_distance = 1 << 30;
  for (const Zone& z : preset->zones) {
    // the first zone of the key and velocity; else the nearest by key (then velocity)
    const int dk = k < z.key_lo ? z.key_lo - k : k > z.key_hi ? k - z.key_hi : 0;
    const int dv = velocity < z.vel_lo ? z.vel_lo - velocity : velocity > z.vel_hi ? velocity - z.vel_hi : 0;
    const int distance = dk * 256 + dv;
    if (distance == 0) return &z.sample;
    if (distance < best_distance) {
      best_distance = distance;
      best = &z;
    }
  }
  return best ? &best->sample : nullptr;
}

}  // namespace mr::audio::detail
