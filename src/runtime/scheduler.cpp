// The scheduler (scheduler.hpp).
#include "runtime/scheduler.hpp"

#include <limits>

#include <cmath>

#include <algorithm>
#include <stdexcept>

#include "pattern/hap_show.hpp"

namespace mr::runtime {

namespace {

using pattern::Rational;

// Below this many onsets in one advance a slot is never called a runaway, whatever the span.
constexpr int kMinBurst = 256;

}  // namespace

Scheduler::Scheduler(const SchedulerOptions& options, SoundResolver resolve)
    : options_(options), resolve_(std::move(resolve)), tempo_(options.rate_hz, options.cps) {}

Scheduler::Slot& Scheduler::slot(const std::string& name) {
  for (Slot& s : slots_)
    if (s.name == name) return s;
  slots_.push_back(Slot{});
  slots_.back().name = name;
  slots_.back().tag = ++next_tag_;
  return slots_.back();
}

Scheduler::Version Scheduler::current_at(const Slot& s, Rational at) const {
  Version v;
  v.from = at;
  for (const Version& x : s.versions)
    if (x.from <= at) {
      v = x;
      v.from = at;
    }
  return v;
}

void Scheduler::add_version(Slot& s, Version v) {
  v.from = Rational::max(v.from, horizon_cycle_);
  // A later edit at the same or an earlier position replaces what was planned from there on.
  while (!s.versions.empty() && s.versions.back().from >= v.from) s.versions.pop_back();
  s.versions.push_back(std::move(v));
}

void Scheduler::set_slot(const std::string& name, const pattern::Pattern& pat, const SourceRef& source, Rational at) {
  Slot& s = slot(name);
  Version v = current_at(s, at);
  if (!v.present) v.audible = true;
  v.present = true;
  v.pat = pat;
  v.source = source;
  add_version(s, std::move(v));
}

uint32_t Scheduler::set_slot_from(const std::string& name, const pattern::Pattern& pat, const SourceRef& source,
                                  Rational at) {
  Slot& s = slot(name);
  if (at >= horizon_cycle_) {
    set_slot(name, pat, source, at);
    return s.tag;
  }
  Version v = current_at(s, at);
  if (!v.present) v.audible = true;
  v.present = true;
  v.pat = pat;
  v.source = source;
  v.from = at;
  while (!s.versions.empty() && s.versions.back().from >= at) s.versions.pop_back();
  s.versions.push_back(std::move(v));
  s.backfill = s.backfill ? Rational::min(*s.backfill, at) : at;
  return s.tag;
}

std::vector<uint32_t> Scheduler::hush_from(Rational at) {
  std::vector<uint32_t> tags;
  if (at >= horizon_cycle_) {
    hush(at);
    return tags;
  }
  for (Slot& s : slots_) {
    if (s.is_uniform || s.is_once) continue;
    Version v;
    v.from = at;
    v.present = false;
    while (!s.versions.empty() && s.versions.back().from >= at) s.versions.pop_back();
    s.versions.push_back(std::move(v));
    tags.push_back(s.tag);
  }
  return tags;
}

void Scheduler::set_audible(const std::string& name, bool audible, Rational at) {
  for (Slot& s : slots_) {
    if (s.name != name) continue;
    Version v = current_at(s, at);
    if (v.audible == audible) return;
    v.audible = audible;
    add_version(s, std::move(v));
    return;
  }
}

void Scheduler::remove_slot(const std::string& name, Rational at) {
  for (Slot& s : slots_) {
    if (s.name != name) continue;
    Version v;
    v.from = at;
    v.present = false;
    add_version(s, std::move(v));
  }
}

void Scheduler::hush(Rational at) {
  for (Slot& s : slots_) {
    if (s.is_uniform) continue;
    Version v;
    v.from = at;
    v.present = false;
    add_version(s, std::move(v));
  }
}

void Scheduler::set_uniform(const std::string& name, const pattern::Pattern& pat, const SourceRef& source, Rational at) {
  Slot& s = slot("uniform:" + name);
  s.is_uniform = true;
  Version v;
  v.from = at;
  v.present = true;
  v.pat = pat;
  v.source = source;
  add_version(s, std::move(v));
}

void Scheduler::once(const pattern::Pattern& pat, const SourceRef& source, Rational at) {
  at = Rational::max(at, horizon_cycle_);
  slots_.push_back(Slot{});
  Slot& s = slots_.back();
  s.name = "once:" + std::to_string(++once_count_);
  s.tag = ++next_tag_;
  s.is_once = true;
  s.once_at = at;
  Version on;
  on.from = at;
  on.present = true;
  on.pat = pat;
  on.source = source;
  s.versions.push_back(on);
  Version off;
  off.from = at + 1;
  s.versions.push_back(off);
}

void Scheduler::set_cps(Rational cps, Rational at) {
  at = Rational::max(at, horizon_cycle_);
  tempo_.replace_from(at, cps);
}

void Scheduler::retime(Rational cycle, Rational cps) {
  cycle = Rational::max(cycle, horizon_cycle_);
  tempo_.rebase(horizon_frame_, cycle, cps);
  horizon_cycle_ = cycle;
}

void Scheduler::report(const std::string& message) {
  if (reported_[message]++ == 0) messages_.push_back(message);
}

bool Scheduler::poll_message(std::string& out) {
  if (messages_.empty()) return false;
  out = std::move(messages_.front());
  messages_.pop_front();
  return true;
}

void Scheduler::write_log(const pattern::Hap& hap) {
  for (const uint8_t bit : {pattern::kLogHap, pattern::kLogValues}) {
    if (!(hap.marks & bit)) continue;
    if (log_.size() >= kMaxLogLines) {  // not even formatted: a runaway log costs a count
      ++log_dropped_;
      ++log_unsaid_;
      continue;
    }
    log_.push_back(pattern::log_line(hap, bit));
    ++log_lines_;
  }
}

bool Scheduler::poll_log(std::string& out) {
  if (!log_.empty()) {
    out = std::move(log_.front());
    log_.pop_front();
    return true;
  }
  if (log_unsaid_ == 0) return false;
  out = "[log] " + std::to_string(log_unsaid_) + " more line(s) dropped (at most " + std::to_string(kMaxLogLines) +
        " wait at a time)";
  log_unsaid_ = 0;
  return true;
}

std::vector<std::string> Scheduler::slot_names() const {
  std::vector<std::string> out;
  for (const Slot& s : slots_) {
    if (s.is_once || s.is_uniform) continue;
    Version v = current_at(s, horizon_cycle_);
    if (!v.present) continue;
    out.push_back((v.audible ? "" : "-") + s.name);
  }
  return out;
}

void Scheduler::emit(Slot& s, const Version& v, const pattern::Hap& hap, Rational shift,
                     std::vector<ScheduledHap>& out) {
  if (hap.marks & pattern::kLogBits) write_log(hap);  // Strudel's onTrigger: every onset, with a sound or not
  ScheduledHap h;
  h.cycle = hap.whole->begin + shift;
  h.frame = tempo_.frame_at(h.cycle) + options_.latency_frames;
  h.end_frame = tempo_.frame_at(hap.whole->end + shift) + options_.latency_frames;
  h.slot = s.name;
  h.buffer = v.source.buffer;
  h.revision = v.source.revision;
  h.locations.assign(hap.locations.begin(), hap.locations.end());
  if (s.is_uniform) {
    double x = 0;
    if (!hap.value.to_number(x)) return;
    h.is_uniform = true;
    h.value = static_cast<float>(x);
    out.push_back(std::move(h));
    return;
  }
  h.controls = hap.value;
  h.cps = tempo_.cps_at(h.cycle).to_double();
  h.duration_sec = static_cast<double>(h.end_frame - h.frame) / static_cast<double>(options_.rate_hz);
  if (hap.value.is_map() && (hap.value.get("midichan") || hap.value.get("ccn"))) {
    h.is_midi = true;
    ++events_;
    out.push_back(std::move(h));
    return;
  }
  std::string warning;
  auto resolve = [this](const std::string& name) {
    auto it = sounds_.find(name);
    if (it != sounds_.end()) return it->second;
    audio::SoundId id = resolve_ ? resolve_(name) : audio::kNoSound;
    sounds_.emplace(name, id);
    return id;
  };
  h.has_event = value_to_event(hap.value, resolve, h.event, warning);
  if (!warning.empty()) report(s.name + ": " + warning);
  if (!h.has_event) return;
  h.draw = hap.marks & pattern::kDrawBits;
  if (h.draw) {  // a piano roll's row: the event's pitch, where it has one
    h.pitch = std::numeric_limits<float>::quiet_NaN();
    if (h.event.has(audio::Param::Freq) && h.event.get(audio::Param::Freq) > 0)
      h.pitch = 69.0f + 12.0f * std::log2(h.event.get(audio::Param::Freq) / 440.0f);
    else if (h.event.has(audio::Param::Note))
      h.pitch = h.event.get(audio::Param::Note);
  }
  h.event.slot = s.tag;
  h.event.frame = h.frame;
  h.event.duration_sec = static_cast<double>(h.end_frame - h.frame) / static_cast<double>(options_.rate_hz);
  h.event.cps = static_cast<float>(h.cps);
  ++events_;
  out.push_back(std::move(h));
}

void Scheduler::query_slot(Slot& s, size_t index, Rational from, Rational to, std::vector<ScheduledHap>& out) {
  const Rational shift = s.is_once ? s.once_at : Rational(0);
  for (int attempt = 0; attempt < 2; ++attempt) {
    Version& v = s.versions[index];
    if (!v.present) return;
    const size_t mark = out.size();
    std::string error;
    try {
      if (query_guard_) query_guard_();
      pattern::State state{pattern::TimeSpan{from - shift, to - shift}, options_.seed};
      const double cycles = std::min(1e6, (to - from).to_double());
      pattern::WorkScope budget(options_.query_work + static_cast<int64_t>(cycles * static_cast<double>(options_.query_work_per_cycle)),
                                "the query");
      pattern::Haps haps = v.pat.query(state);
      max_query_work_ = std::max(max_query_work_, budget.used());
      int onsets = 0;
      for (const pattern::Hap& hap : haps) onsets += hap.has_onset();
      const double limit = std::max<double>(kMinBurst, options_.max_events_per_cycle * (to - from).to_double());
      if (onsets > limit)
        throw std::runtime_error("more than " + std::to_string(options_.max_events_per_cycle) +
                                 " events a cycle (" + std::to_string(onsets) + " in " +
                                 std::to_string((to - from).to_double()) + " cycles)");
      for (const pattern::Hap& hap : haps)
        if (hap.has_onset()) emit(s, v, hap, shift, out);
      s.last_good = v.pat;
      s.last_good_source = v.source;
      return;
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown error";
    }
    out.resize(mark);
    ++query_errors_;
    // The failing pattern never plays again; the last good one (if another) takes its place.
    // last_good is cleared so a restored pattern that fails too ends in silence.
    std::string what = s.name + ": " + error;
    if (s.last_good) {
      v.pat = *s.last_good;
      v.source = s.last_good_source;
      s.last_good.reset();
      report(what + " (its last good pattern plays on)");
    } else {
      v.present = false;
      report(what + " (slot silenced)");
      return;
    }
  }
  s.versions[index].present = false;
}

void Scheduler::advance(int64_t to_frame, std::vector<ScheduledHap>& out) {
  // A slot swapped before the horizon is queried even when the horizon does not move.
  const bool backfill = std::any_of(slots_.begin(), slots_.end(), [](const Slot& s) { return s.backfill.has_value(); });
  if (to_frame <= horizon_frame_ && !backfill) return;
  to_frame = std::max(to_frame, horizon_frame_);
  const Rational c0 = horizon_cycle_;
  const Rational c1 = tempo_.cycle_at(to_frame);
  const size_t first = out.size();
  for (Slot& s : slots_) {
    // A slot swapped before the horizon is queried again from there (its old onsets since were
    // cancelled in the engine).
    const Rational from = s.backfill ? Rational::min(*s.backfill, c0) : c0;
    s.backfill.reset();
    for (size_t i = 0; i < s.versions.size(); ++i) {
      const Rational vfrom = s.versions[i].from;
      const bool last = i + 1 == s.versions.size();
      const Rational vto = last ? c1 : s.versions[i + 1].from;
      const Rational a = Rational::max(vfrom, from), b = Rational::min(vto, c1);
      if (!(a < b)) continue;
      if (!s.versions[i].audible && !s.is_uniform) continue;
      query_slot(s, i, a, b, out);
    }
    // Forget versions that ended before the new horizon (keep the one in force there).
    size_t keep = 0;
    while (keep + 1 < s.versions.size() && s.versions[keep + 1].from <= c1) ++keep;
    s.versions.erase(s.versions.begin(), s.versions.begin() + static_cast<std::ptrdiff_t>(keep));
  }
  slots_.erase(std::remove_if(slots_.begin(), slots_.end(),
                              [](const Slot& s) { return s.versions.size() == 1 && !s.versions[0].present; }),
               slots_.end());
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const ScheduledHap& x, const ScheduledHap& y) { return x.frame < y.frame; });
  horizon_frame_ = to_frame;
  horizon_cycle_ = c1;
}

}  // namespace mr::runtime
