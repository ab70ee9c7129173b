// The tables of Strudel's sound names (sound_names.hpp) and the lookups over them.
#include "audio/sound_names.hpp"

#include <algorithm>
#include <cctype>

namespace mr::audio::detail {

// Every machine of Strudel's tidal-drum-machines map with its aliasBank name. Kit: analogue
// machines (Roland's TR and CR lines before the 909, the modular and early analogue boxes) get
// the tr808 kit; the sampled and hybrid ones of the 80s (909, 707, Linn, DMX, SP-12, MPC) the tr909
// kit; the later sample-based romplers the default kit.
const DrumMachine kDrumMachines[] = {
    {"AJKPercusyn", "Percysyn", 1},
    {"AkaiLinn", "Linn", 2},
    {"AkaiMPC60", "MPC60", 2},
    {"AkaiXR10", "XR10", 0},
    {"AlesisHR16", "HR16", 2},
    {"AlesisSR16", "SR16", 0},
    {"BossDR110", "DR110", 1},
    {"BossDR220", "DR220", 2},
    {"BossDR55", "DR55", 1},
    {"BossDR550", "DR550", 0},
    {"CasioRZ1", "RZ1", 2},
    {"CasioSK1", "SK1", 0},
    {"CasioVL1", "VL1", 1},
    {"DoepferMS404", "MS404", 1},
    {"EmuDrumulator", "Drumulator", 2},
    {"EmuModular", "EmuModular", 1},
    {"EmuSP12", "SP12", 0},
    {"KorgDDM110", "DDM110", 2},
    {"KorgKPR77", "KPR77", 1},
    {"KorgKR55", "KR55", 1},
    {"KorgKRZ", "KRZ", 0},
    {"KorgM1", "M1", 0},
    {"KorgMinipops", "Minipops", 1},
    {"KorgPoly800", "Poly800", 1},
    {"KorgT3", "T3", 0},
    {"Linn9000", "9000", 2},
    {"LinnDrum", "LinnDrum", 2},
    {"LinnLM1", "LM1", 2},
    {"LinnLM2", "LM2", 2},
    {"MFB512", "MFB512", 1},
    {"MPC1000", "MPC1000", 0},
    {"MoogConcertMateMG1", "ConcertMateMG1", 1},
    {"OberheimDMX", "DMX", 2},
    {"RhodesPolaris", "Polaris", 1},
    {"RhythmAce", "Ace", 1},
    {"RolandCompurhythm1000", "Compurhythm1000", 1},
    {"RolandCompurhythm78", "Compurhythm78", 1},
    {"RolandCompurhythm8000", "Compurhythm8000", 1},
    {"RolandD110", "D110", 0},
    {"RolandD70", "D70", 0},
    {"RolandDDR30", "DDR30", 1},
    {"RolandJD990", "JD990", 0},
    {"RolandMC202", "MC202", 1},
    {"RolandMC303", "MC303", 0},
    {"RolandMT32", "MT32", 0},
    {"RolandR8", "R8", 0},
    {"RolandS50", "S50", 0},
    {"RolandSH09", "SH09", 1},
    {"RolandSystem100", "System100", 1},
    {"RolandTR505", "TR505", 2},
    {"RolandTR606", "TR606", 1},
    {"RolandTR626", "TR626", 2},
    {"RolandTR707", "TR707", 2},
    {"RolandTR727", "TR727", 2},
    {"RolandTR808", "TR808", 1},
    {"RolandTR909", "TR909", 2},
    {"SakataDPM48", "DPM48", 0},
    {"SequentialCircuitsDrumtracks", "CircuitsDrumtracks", 2},
    {"SequentialCircuitsTom", "CircuitsTom", 2},
    {"SergeModular", "SergeModular", 1},
    {"SimmonsSDS400", "SDS400", 1},
    {"SimmonsSDS5", "SDS5", 1},
    {"SoundmastersR88", "R88", 1},
    {"UnivoxMicroRhythmer12", "MicroRhythmer12", 1},
    {"ViscoSpaceDrum", "SpaceDrum", 1},
    {"XdrumLM8953", "LM8953", 2},
    {"YamahaRM50", "RM50", 0},
    {"YamahaRX21", "RX21", 2},
    {"YamahaRX5", "RX5", 2},
    {"YamahaRY30", "RY30", 0},
    {"YamahaTG33", "TG33", 0},
};
const int kDrumMachineCount = static_cast<int>(std::size(kDrumMachines));

// Strudel's default samples (its website's prebake: piano, the Dirt-Samples subset, VCSL,
// mridangam) where no sample folder of the name is found.
const StandIn kStandIns[] = {
    {"piano", "gm_piano", "fm"},
    {"casio", "", "square square white"},
    {"crow", "gm_bird_tweet", "fx"},
    {"insect", "", "crackle"},
    {"wind", "", "pink"},
    {"jazz", "", "bd cb fx hh oh perc perc sd"},
    {"metal", "", "cb rd cr tb oh cb rd cr tb oh"},
    {"east", "", "perc rim oh ht ht rim lt lt lt"},
    {"space", "gm_fx_sci_fi", "fx"},
    // VCSL
    {"ballwhistle", "gm_whistle", "sine"},
    {"bassdrum1", "", "bd"},
    {"bassdrum2", "", "bd"},
    {"bongo", "", "ht mt"},
    {"conga", "", "mt lt"},
    {"darbuka", "", "perc rim"},
    {"framedrum", "", "lt"},
    {"snare_modern", "", "sd"},
    {"snare_hi", "", "sd"},
    {"snare_low", "", "sd"},
    {"snare_rim", "", "rim"},
    {"timpani", "gm_timpani", "lt"},
    {"timpani_roll", "gm_timpani", "lt"},
    {"timpani2", "gm_timpani", "lt"},
    {"tom_mallet", "", "lt mt ht"},
    {"tom_stick", "", "lt mt ht"},
    {"tom_rim", "", "rim"},
    {"tom2_mallet", "", "lt mt ht"},
    {"tom2_stick", "", "lt mt ht"},
    {"tom2_rim", "", "rim"},
    {"recorder_alto_stacc", "gm_recorder", "sine"},
    {"recorder_alto_vib", "gm_recorder", "sine"},
    {"recorder_alto_sus", "gm_recorder", "sine"},
    {"recorder_bass_stacc", "gm_recorder", "sine"},
    {"recorder_bass_vib", "gm_recorder", "sine"},
    {"recorder_bass_sus", "gm_recorder", "sine"},
    {"recorder_soprano_stacc", "gm_recorder", "sine"},
    {"recorder_soprano_sus", "gm_recorder", "sine"},
    {"recorder_tenor_stacc", "gm_recorder", "sine"},
    {"recorder_tenor_vib", "gm_recorder", "sine"},
    {"recorder_tenor_sus", "gm_recorder", "sine"},
    {"ocarina_small_stacc", "gm_ocarina", "sine"},
    {"ocarina_small", "gm_ocarina", "sine"},
    {"ocarina", "gm_ocarina", "sine"},
    {"ocarina_vib", "gm_ocarina", "sine"},
    {"pipeorgan_loud_pedal", "gm_church_organ", "pad"},
    {"pipeorgan_loud", "gm_church_organ", "pad"},
    {"pipeorgan_quiet_pedal", "gm_church_organ", "pad"},
    {"pipeorgan_quiet", "gm_church_organ", "pad"},
    {"organ_4inch", "gm_drawbar_organ", "pad"},
    {"organ_8inch", "gm_drawbar_organ", "pad"},
    {"organ_full", "gm_drawbar_organ", "pad"},
    {"trainwhistle", "gm_whistle", "square"},
    {"harmonica", "gm_harmonica", "square"},
    {"harmonica_soft", "gm_harmonica", "square"},
    {"harmonica_vib", "gm_harmonica", "square"},
    {"super64", "gm_harmonica", "square"},
    {"super64_acc", "gm_harmonica", "square"},
    {"super64_vib", "gm_harmonica", "square"},
    {"siren", "", "sine"},
    {"didgeridoo", "gm_bassoon", "bass"},
    {"saxello", "gm_soprano_sax", "saw"},
    {"saxello_stacc", "gm_soprano_sax", "saw"},
    {"saxello_vib", "gm_soprano_sax", "saw"},
    {"sax", "gm_alto_sax", "saw"},
    {"sax_stacc", "gm_alto_sax", "saw"},
    {"sax_vib", "gm_alto_sax", "saw"},
    {"harp", "gm_orchestral_harp", "pluck"},
    {"folkharp", "gm_orchestral_harp", "pluck"},
    {"strumstick", "gm_banjo", "pluck"},
    {"dantranh", "gm_koto", "pluck"},
    {"dantranh_tremolo", "gm_koto", "pluck"},
    {"dantranh_vibrato", "gm_koto", "pluck"},
    {"kawai", "gm_piano", "fm"},
    {"steinway", "gm_piano", "fm"},
    {"piano1", "gm_piano", "fm"},
    {"fmpiano", "gm_epiano2", "fm"},
    {"clavisynth", "gm_clavinet", "square"},
    {"psaltery_pluck", "gm_dulcimer", "pluck"},
    {"psaltery_spiccato", "gm_dulcimer", "pluck"},
    {"psaltery_bow", "gm_violin", "saw"},
    {"wineglass", "gm_fx_crystal", "sine"},
    {"wineglass_slow", "gm_fx_crystal", "sine"},
    {"agogo", "gm_agogo", "cb"},
    {"anvil", "", "cb"},
    {"brakedrum", "", "cb"},
    {"balafon", "gm_marimba", "fm"},
    {"balafon_hard", "gm_marimba", "fm"},
    {"balafon_soft", "gm_marimba", "fm"},
    {"belltree", "gm_tinkle_bell", "tb"},
    {"cabasa", "", "sh"},
    {"cajon", "", "bd perc"},
    {"clap", "", "cp"},
    {"clash", "", "cr"},
    {"clash2", "", "cr"},
    {"clave", "", "perc"},
    {"cowbell", "", "cb"},
    {"fingercymbal", "", "rd"},
    {"flexatone", "", "sine"},
    {"gong", "", "cr"},
    {"gong2", "", "cr"},
    {"guiro", "", "sh"},
    {"glockenspiel", "gm_glockenspiel", "fm"},
    {"handbells", "gm_tubular_bells", "fm"},
    {"handchimes", "gm_tubular_bells", "fm"},
    {"hihat", "", "hh oh"},
    {"kalimba", "gm_kalimba", "pluck"},
    {"kalimba2", "gm_kalimba", "pluck"},
    {"kalimba3", "gm_kalimba", "pluck"},
    {"kalimba4", "gm_kalimba", "pluck"},
    {"kalimba5", "gm_kalimba", "pluck"},
    {"marimba", "gm_marimba", "fm"},
    {"marktrees", "", "tb"},
    {"oceandrum", "gm_seashore", "pink"},
    {"ratchet", "", "sh"},
    {"shaker_large", "", "sh"},
    {"shaker_small", "", "sh"},
    {"slapstick", "", "cp"},
    {"sleighbells", "", "tb"},
    {"slitdrum", "", "perc"},
    {"sus_cymbal", "", "cr"},
    {"sus_cymbal2", "", "cr"},
    {"tambourine", "", "tb"},
    {"tambourine2", "", "tb"},
    {"triangles", "", "rd"},
    {"tubularbells", "gm_tubular_bells", "fm"},
    {"tubularbells2", "gm_tubular_bells", "fm"},
    {"vibraphone", "gm_vibraphone", "fm"},
    {"vibraphone_soft", "gm_vibraphone", "fm"},
    {"vibraphone_bowed", "gm_vibraphone", "sine"},
    {"vibraslap", "", "tb"},
    {"woodblock", "gm_woodblock", "perc"},
    {"xylophone_hard_pp", "gm_xylophone", "fm"},
    {"xylophone_hard_ff", "gm_xylophone", "fm"},
    {"xylophone_medium_ff", "gm_xylophone", "fm"},
    {"xylophone_medium_pp", "gm_xylophone", "fm"},
    {"xylophone_soft_pp", "gm_xylophone", "fm"},
    {"xylophone_soft_ff", "gm_xylophone", "fm"},
    // mridangam strokes
    {"mridangam_gumki", "", "lt"},
    {"mridangam_ka", "", "rim"},
    {"mridangam_nam", "", "ht"},
    {"mridangam_ta", "", "perc"},
    {"mridangam_ki", "", "rim"},
    {"mridangam_dhin", "", "mt"},
    {"mridangam_na", "", "ht"},
    {"mridangam_chaapu", "", "perc"},
    {"mridangam_dhum", "", "lt"},
    {"mridangam_ardha", "", "mt"},
    {"mridangam_thom", "", "lt"},
    {"mridangam_dhi", "", "mt"},
    {"mridangam_tha", "", "rim"},
};
const int kStandInCount = static_cast<int>(std::size(kStandIns));

const char* const kNoiseNames[4] = {"white", "pink", "brown", "crackle"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

SoundId FindSynth(std::string_view lower) {
  for (uint32_t i = 0; i < kSynthCount; ++i)
    if (lower == kSynthNames[i]) return kSynthBase + i;
  for (const SynthAlias& a : kSynthAliases)
    if (lower == a.name) return kSynthBase + a.synth;
  return kNoSound;
}

int FindNoise(std::string_view lower) {
  for (int i = 0; i < 4; ++i)
    if (lower == kNoiseNames[i]) return i;
  return -1;
}

SoundId FindDrum(std::string_view name, const DrumMachine** machine) {
  *machine = nullptr;
  uint32_t kit = 0;
  std::string_view drum = name;
  if (size_t us = name.rfind('_'); us != std::string_view::npos && us > 0) {
    const std::string_view prefix = name.substr(0, us);
    bool found = false;
    for (uint32_t k = 1; k < kKitCount && !found; ++k)
      if (prefix == kKitNames[k]) {
        kit = k;
        found = true;
      }
    for (int m = 0; m < kDrumMachineCount && !found; ++m) {
      if (prefix == Lower(kDrumMachines[m].name) || prefix == Lower(kDrumMachines[m].alias)) {
        kit = kDrumMachines[m].kit;
        // the TR-808 and TR-909 are what the built-in kits model: no stand-in to mention
        if (prefix != "rolandtr808" && prefix != "rolandtr909") *machine = &kDrumMachines[m];
        found = true;
      }
    }
    if (!found) return kNoSound;
    drum = name.substr(us + 1);
  }
  if (size_t colon = drum.find(':'); colon != std::string_view::npos) {
    // bd:1 is the next kit's bd, as bd:1 is the next file of a sample bank
    uint32_t index = 0;
    for (char c : drum.substr(colon + 1)) index = c >= '0' && c <= '9' ? index * 10 + static_cast<uint32_t>(c - '0') : index;
    kit = (kit + index) % kKitCount;
    drum = drum.substr(0, colon);
  }
  for (uint32_t d = 0; d < kDrumCount; ++d)
    if (drum == kDrumNames[d]) return kDrumBase + kit * 16 + d;
  for (const DrumAlias& a : kDrumAliases)
    if (drum == a.name) return kDrumBase + kit * 16 + a.drum;
  return kNoSound;
}

const StandIn* FindStandIn(std::string_view lower) {
  for (const StandIn& s : kStandIns)
    if (lower == s.name) return &s;
  return nullptr;
}

}  // namespace mr::audio::detail
