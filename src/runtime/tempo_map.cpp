// The tempo map (tempo_map.hpp).
#include "runtime/tempo_map.hpp"

#include <stdexcept>

namespace mr::runtime {

TempoMap::TempoMap(int64_t rate_hz, Rational cps) : rate_(rate_hz) {
  if (rate_hz <= 0 || cps <= Rational(0)) throw std::invalid_argument("tempo map: rate and cps must be positive");
  segments_.push_back(Segment{Rational(0), Rational(0), cps});
}

const TempoMap::Segment& TempoMap::segment_for_cycle(const Rational& cycle) const {
  for (size_t i = segments_.size(); i-- > 1;)
    if (segments_[i].cycle <= cycle) return segments_[i];
  return segments_[0];
}

void TempoMap::set_cps_at(const Rational& cycle, const Rational& cps) {
  if (cps <= Rational(0)) throw std::invalid_argument("tempo map: cps must be positive");
  const Segment& last = segments_.back();
  if (cycle < last.cycle) throw std::invalid_argument("tempo map: a change must not precede the last one");
  Rational frame = last.frame + (cycle - last.cycle) * Rational(rate_) / last.cps;
  if (cycle == last.cycle) {
    segments_.back().cps = cps;
    return;
  }
  segments_.push_back(Segment{cycle, frame, cps});
}

void TempoMap::replace_from(const Rational& cycle, const Rational& cps) {
  while (segments_.size() > 1 && segments_.back().cycle > cycle) segments_.pop_back();
  set_cps_at(cycle, cps);
}

void TempoMap::rebase(int64_t frame, const Rational& cycle, const Rational& cps) {
  if (cps <= Rational(0)) throw std::invalid_argument("tempo map: cps must be positive");
  segments_.assign(1, Segment{cycle, Rational(frame), cps});
}

TempoMap::Rational TempoMap::cps_at(const Rational& cycle) const { return segment_for_cycle(cycle).cps; }

TempoMap::Rational TempoMap::cycle_at(int64_t frame) const {
  const Segment* seg = &segments_[0];
  for (size_t i = segments_.size(); i-- > 1;)
    if (segments_[i].frame <= Rational(frame)) {
      seg = &segments_[i];
      break;
    }
  return seg->cycle + (Rational(frame) - seg->frame) * seg->cps / Rational(rate_);
}

int64_t TempoMap::frame_at(const Rational& cycle) const {
  const Segment& seg = segment_for_cycle(cycle);
  Rational f = seg.frame + (cycle - seg.cycle) * Rational(rate_) / seg.cps;
  return f.ceil().num();
}

}  // namespace mr::runtime
