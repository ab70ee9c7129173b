// A performance (performance.hpp).
#include "runtime/performance.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "runtime/bindings.hpp"
#include "runtime/set_state.hpp"
#include "strudel/strudel.hpp"

#ifndef MR_RUNTIME_SOURCE_ROOT
#define MR_RUNTIME_SOURCE_ROOT "."
#endif

namespace mr::runtime {

std::string default_patterns_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* home = std::getenv("MOONRAVE_HOME"); home && *home && fs::is_directory(fs::path(home) / "patterns", ec))
    return (fs::path(home) / "patterns").string();
  if (fs::is_regular_file("patterns/prelude.lua", ec)) return "patterns";
  return (fs::path(MR_RUNTIME_SOURCE_ROOT) / "patterns").string();
}

struct Performance::Impl {
  EvalContext ctx;        // the working copy Lua edits
  SetState committed;     // the state after the last successful evaluation
  std::string buffer;
  std::unique_ptr<LuaHost> host;
  std::unique_ptr<Scheduler> scheduler;
  std::vector<std::string> startup_errors;
  double query_budget_ms = 50.0;
  std::vector<std::string> warnings;  // of the last commit
  bool replace_set = false;           // the evaluation under way names the whole set
  std::function<void(bool)> link;     // PerformanceOptions::link and ::tempo
  std::function<bool(double)> tempo;
};

namespace {

// The slots of `working` that a whole-buffer evaluation did not name (give a pattern): they stop.
std::vector<std::string> unnamed_slots(const SetState& working, const EvalEdits& e) {
  std::vector<std::string> out;
  for (const SlotState& slot : working.slots)
    if (std::find(e.touched.begin(), e.touched.end(), slot.name) == e.touched.end()) out.push_back(slot.name);
  return out;
}

void drop_slots(SetState& working, const std::vector<std::string>& names) {
  for (const std::string& n : names)
    std::erase_if(working.slots, [&](const SlotState& s) { return s.name == n; });
}

}  // namespace

Performance::Performance(const PerformanceOptions& options, SoundResolver resolve) : impl_(std::make_unique<Impl>()) {
  impl_->query_budget_ms = options.query_budget_ms;
  impl_->scheduler = std::make_unique<Scheduler>(options.scheduler, std::move(resolve));
  impl_->host = std::make_unique<LuaHost>(options.lua);
  LuaHost& host = *impl_->host;
  bind_patterns(host);
  LuaError seeded = host.run("math.randomseed(" + std::to_string(options.lua_seed) + ")", "seed", 1);
  if (!seeded.ok) impl_->startup_errors.push_back("seed: " + seeded.message);
  for (const std::string& path : options.prelude_paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      impl_->startup_errors.push_back(path + ": cannot read");
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    LuaError e = host.run(ss.str(), std::filesystem::path(path).filename().string(), 1);
    if (!e.ok) impl_->startup_errors.push_back(path + ":" + std::to_string(e.line) + ": " + e.message);
  }
  remember_list_type(host);
  // After the prelude files: these (transactional) versions replace any Lua definition of the
  // same names there (strudel.lua's fallback setcpm, setCpm, setCps).
  impl_->ctx.inputs = options.inputs;
  impl_->ctx.midi = options.midi;
  impl_->ctx.link_available = static_cast<bool>(options.link);
  impl_->link = options.link;
  impl_->tempo = options.tempo;
  bind_performance(host, &impl_->ctx);
  LuaHost* h = impl_->host.get();
  const double budget = options.query_budget_ms;
  impl_->scheduler->set_query_guard([h, budget] { h->arm_query_budget(budget); });
}

Performance::~Performance() {
  if (impl_ && impl_->host) impl_->host->abort_evaluation();
}

LuaError Performance::begin(const EvalSource& src) {
  Impl& m = *impl_;
  m.host->abort_evaluation();
  m.ctx.working = m.committed;
  m.ctx.edits = EvalEdits{};
  m.ctx.cps = m.scheduler->tempo().cps_at(m.scheduler->horizon_cycle()).to_double();
  m.ctx.source = SourceRef(src.buffer.empty() ? "scratch" : src.buffer, src.revision);
  m.replace_set = src.replace_set && !src.strudel;
  LuaError e;
  if (src.strudel) {
    // One path: the Strudel program becomes Lua, run as any buffer; positions map back.
    strudel::TranslateOptions to;
    to.whole_program = src.whole;
    strudel::Translation t = strudel::translate(src.code, to);
    if (!t.ok) {
      e.ok = false;
      e.message = t.error;
      e.line = src.first_line + t.error_at.line - 1;
      e.column = t.error_at.column;
      discard();
      return e;
    }
    std::vector<std::pair<std::string, int32_t>> literals;
    for (const strudel::MiniLiteral& l : t.minis) literals.emplace_back(l.text, l.offset);
    std::vector<LuaHost::SourcePosition> lines;
    for (const strudel::Position& p : t.lua_lines) lines.push_back({p.line, p.column});
    m.host->set_translated_source(literals, src.code, src.first_byte, std::move(lines));
    e = m.host->begin(t.lua, m.ctx.source.buffer, src.first_line);
  } else {
    m.host->set_source(src.code, src.first_byte);
    e = m.host->begin(src.code, m.ctx.source.buffer, src.first_line, true);
  }
  if (!e.ok) discard();
  return e;
}

bool Performance::step(double slice_ms, LuaError& result) {
  if (!impl_->host->step(slice_ms, result)) return false;
  impl_->host->set_source("", 0);
  if (!result.ok) discard();
  return true;
}

bool Performance::evaluating() const { return impl_->host->evaluating(); }

void Performance::discard() {
  impl_->host->abort_evaluation();
  impl_->host->set_source("", 0);
  impl_->ctx.working = impl_->committed;
  impl_->ctx.edits = EvalEdits{};
}

void Performance::commit(Rational at) {
  Impl& m = *impl_;
  Scheduler& s = *m.scheduler;
  at = Rational::max(at, s.horizon_cycle());
  EvalEdits& e = m.ctx.edits;
  if (e.link && m.link) m.link(*e.link);
  if (e.cps && !(m.tempo && m.tempo(*e.cps))) s.set_cps(Rational::from_double(*e.cps), at);
  if (e.hushed) s.hush(at);
  for (const std::string& name : e.touched)
    if (SlotState* slot = m.ctx.working.find(name)) s.set_slot(name, slot->pat, slot->source, at);
  if (m.replace_set) {  // at the same cycle as the new patterns start
    const std::vector<std::string> gone = unnamed_slots(m.ctx.working, e);
    for (const std::string& name : gone) s.remove_slot(name, at);
    drop_slots(m.ctx.working, gone);
  }
  for (const SlotState& slot : m.ctx.working.slots) s.set_audible(slot.name, m.ctx.working.audible(slot), at);
  for (const EvalEdits::Uniform& u : e.uniforms) s.set_uniform(u.name, u.pat, m.ctx.source, at);
  for (const pattern::Pattern& p : e.once) s.once(p, m.ctx.source, at);
  m.committed = m.ctx.working;
  m.warnings = std::move(e.warnings);
  m.ctx.edits = EvalEdits{};
}

bool Performance::commit_before_horizon(Rational at, std::vector<uint32_t>& cancel) {
  Impl& m = *impl_;
  Scheduler& s = *m.scheduler;
  EvalEdits& e = m.ctx.edits;
  if (e.cps || e.link || !e.uniforms.empty() || !e.once.empty()) return false;
  if (m.replace_set && !unnamed_slots(m.ctx.working, e).empty()) return false;  // commit() stops them at the horizon
  for (const SlotState& slot : m.ctx.working.slots) {
    const SlotState* was = m.committed.find(slot.name);
    const bool before = was ? m.committed.audible(*was) : true;
    if (before != m.ctx.working.audible(slot)) return false;
  }
  if (m.committed.soloed != m.ctx.working.soloed) return false;
  cancel.clear();
  if (e.hushed) cancel = s.hush_from(at);
  for (const std::string& name : e.touched)
    if (SlotState* slot = m.ctx.working.find(name)) cancel.push_back(s.set_slot_from(name, slot->pat, slot->source, at));
  m.committed = m.ctx.working;
  m.ctx.edits = EvalEdits{};
  return true;
}

LuaError Performance::evaluate(const EvalSource& src, Rational at) {
  LuaError e = begin(src);
  if (!e.ok) return e;
  while (!step(1e9, e)) {
  }
  if (e.ok) commit(at);
  return e;
}

void Performance::advance(int64_t to_frame, std::vector<ScheduledHap>& out) {
  impl_->scheduler->advance(to_frame, out);
  impl_->host->disarm_query_budget();
}

Scheduler& Performance::scheduler() { return *impl_->scheduler; }
LuaHost& Performance::host() { return *impl_->host; }
std::vector<std::string> Performance::slot_names() const { return impl_->committed.names(); }
std::vector<pattern::Pattern> Performance::audible_patterns() const {
  std::vector<pattern::Pattern> out;
  for (const SlotState& s : impl_->committed.slots)
    if (impl_->committed.audible(s)) out.push_back(s.pat);
  return out;
}
std::vector<std::string> Performance::take_warnings() { return std::exchange(impl_->warnings, {}); }
const std::vector<std::string>& Performance::startup_errors() const { return impl_->startup_errors; }

}  // namespace mr::runtime
