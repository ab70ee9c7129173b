// Control names (canonical and SuperDirt/Strudel aliases) to engine params. As in Strudel,
// sustain is the envelope's sustain level and duration (dur) the seconds a voice is held.
#include <array>
#include <utility>

#include "audio/params.hpp"

namespace mr::audio {

std::optional<Param> param_by_name(std::string_view name) {
  for (const ParamInfo& info : kParamInfo)
    if (info.name == name) return info.param;
  static constexpr std::pair<std::string_view, Param> kAliases[] = {
      {"lpf", Param::Cutoff},        {"ctf", Param::Cutoff},        {"lpq", Param::Resonance},
      {"res", Param::Resonance},     {"hpf", Param::HCutoff},       {"hpq", Param::HResonance},
      {"bpf", Param::Bandf},         {"bpq", Param::Bandq},         {"sz", Param::Size},
      {"delayt", Param::DelayTime},  {"delayfb", Param::DelayFeedback}, {"att", Param::Attack},
      {"rel", Param::Release},       {"dec", Param::Decay},         {"sus", Param::SustainLevel}, {"sustain", Param::SustainLevel}, {"dur", Param::Duration}, {"det", Param::Detune},
      {"legato", Param::Legato},     {"lpa", Param::LpAttack},      {"lpd", Param::LpDecay},
      {"lpe", Param::LpEnv},         {"accel", Param::Accelerate},  {"vel", Param::Velocity},
      {"dist", Param::Distort},      {"width", Param::PulseWidth},  {"tremolodepth", Param::TremoloDepth},
  };
  for (const auto& [alias, p] : kAliases)
    if (alias == name) return p;
  return std::nullopt;
}

}  // namespace mr::audio
