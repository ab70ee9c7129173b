// The live session (session.hpp). The runtime thread owns the Performance (Lua state, set state,
// scheduler): it ticks the scheduler every few milliseconds, keeping the engine fed up to the
// lookahead, and runs evaluations as coroutines in slices of a few milliseconds with ticks in
// between, so even an evaluation that spins for its whole budget never starves the music. The UI
// thread only exchanges plain data with it under a mutex (never held long); the audio thread
// sees only the engine's lock-free queue.
#include "runtime/session.hpp"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/audio_analysis.hpp"
#include "audio/device.hpp"
#include "audio/engine.hpp"
#include "runtime/device_clock.hpp"
#include "runtime/dirt_server.hpp"
#include "runtime/cycle_follower.hpp"
#include "runtime/link_follower.hpp"
#include "runtime/link_session.hpp"
#include "runtime/tap_recorder.hpp"
#include "runtime/control_inputs.hpp"
#include "runtime/midi_clock_in.hpp"
#include "runtime/midi_input.hpp"
#include "runtime/outputs.hpp"
#include "runtime/performance.hpp"
#include "runtime/render.hpp"
#include "runtime/session_clock.hpp"

namespace mr::runtime {

namespace {

using Clock = std::chrono::steady_clock;
using pattern::Rational;

std::string state_dir() {
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) return std::string(x) + "/moonrave";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/state/moonrave";
  return "moonrave-state";
}

std::string timestamp_name() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

double steady_sec(Clock::time_point t) { return std::chrono::duration<double>(t.time_since_epoch()).count(); }

constexpr double kTickMs = 4.0;   // scheduler tick period
constexpr double kSliceMs = 4.0;  // an evaluation runs this long between ticks
constexpr double kSpanKeepSec = 2.0;
constexpr double kDrawKeepSec = 20.0;  // a piano roll's past: 4 cycles at 0.2 cps
constexpr size_t kMaxDrawEvents = 8192;

struct SpanEvent {
  std::string buffer;
  int32_t begin = 0, end = 0;
  int64_t on = 0, off = 0;  // engine frames
  uint64_t revision = 0;
};

struct UniformEvent {
  int64_t on = 0;
  float value = 0.f;
};

}  // namespace

struct Session::Impl {
  Config config;
  SessionClock* clock = nullptr;  // tests drive a virtual clock; null: the audio device
  std::unique_ptr<audio::Engine> engine;
  std::unique_ptr<audio::Device> device;
  std::string device_name = "null";
  int rate = 48000;
  int64_t lookahead_frames = 4800;
  int64_t output_latency_frames = 0;
  int64_t latency_frames = 0;       // the scheduler's latency offset (config audio.latency_ms)
  int64_t swap_margin_frames = 0;   // an immediate swap starts this far past the engine's frame
  Rational last_logged{0};          // the cycle of the last evaluation written to the log

  mutable std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::pair<uint64_t, EvalRequest>> requests;
  std::deque<EvalResult> results;
  // log() lines waiting in `results`: at most kMaxLogResults, so a window that stops taking them
  // (minimised, stalled) does not let a long log grow without bound; the rest are counted.
  static constexpr size_t kMaxLogResults = 512;
  size_t log_results = 0;
  uint64_t log_dropped = 0;
  bool stop = false;
  std::atomic<uint64_t> next_id{1};
  std::string log_path;
  std::ofstream log;
  std::thread thread;

  // Published by the runtime thread (under mutex).
  Status status;
  double anchor_sec = 0.0;   // steady seconds of the last tick
  int64_t anchor_frame = 0;  // engine frame then
  std::deque<SpanEvent> spans;
  std::vector<SliderInfo> slider_list;  // as of the last evaluation
  struct Drawn {
    DrawEvent e;
    int64_t on = 0, off = 0;  // engine frames
  };
  std::deque<Drawn> drawn;
  std::map<std::string, std::deque<UniformEvent>> uniforms;
  std::atomic<uint64_t> late{0};
  // Set by hush() (the hush and panic keys, any thread): the runtime thread takes it at its next
  // tick or slice, whatever it is evaluating.
  std::atomic<bool> hush_pending{false};
  std::string log_text;  // the whole log, for recordings (under mutex)
  // inputs.superdirt: the window listens as SuperDirt; its plays are pushed by this thread
  std::unique_ptr<DirtServer> dirt;
  std::vector<std::pair<std::string, int64_t>> dirt_played;  // runtime thread
  // Ableton Link (runtime.link, link(true)): the scheduler's cycle follows the session's
  // (link_follower.hpp); the engine's frames are placed on the system clock by a DLL.
  std::unique_ptr<LinkSession> link;
  LinkFollower link_follower;
  std::unique_ptr<DeviceClock> device_clock;
  // MIDI input (cc(), midinote(), midivel()) and, with inputs.midi_clock, the MIDI clock the
  // scheduler follows (as it follows Link, which comes first while joined).
  std::unique_ptr<MidiInput> midi;
  std::unique_ptr<MidiClockFollower> clock_in;
  CycleFollower clock_follower{CycleFollower::midi_clock_options()};
  int clock_port = -1;  // the first port that sent clock is the one followed
  bool clock_followed = false;  // at the last tick
  // Recording: the engine's output tap, drained into the WAV file (tap_recorder.hpp).
  bool recording = false;
  std::string rec_path;
  TapRecorder recorder;

  int64_t engine_frame() const { return engine->frame(); }

  // The frame sounding at steady time `sec`.
  double frame_at_sec(double sec) const {
    return static_cast<double>(anchor_frame) + (sec - anchor_sec) * rate - static_cast<double>(output_latency_frames);
  }

  void publish(const std::vector<ScheduledHap>& haps) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const ScheduledHap& h : haps) {
      if (h.is_uniform) {
        auto& q = uniforms[h.slot.substr(8)];  // "uniform:" prefix
        q.push_back({h.frame, h.value});
        continue;
      }
      for (const pattern::SourceSpan& s : h.locations) spans.push_back({h.buffer, s.begin, s.end, h.frame, h.end_frame, h.revision});
      if (h.draw) {
        Drawn d;
        d.e.slot = h.slot;
        if (h.controls.is_map())
          if (const pattern::Value* s = h.controls.get("s"); s && s->is_string()) d.e.sound = s->string();
        d.e.buffer = h.buffer;
        d.e.revision = h.revision;
        for (const pattern::SourceSpan& s : h.locations) d.e.source_end = std::max(d.e.source_end, s.end);
        d.e.cps = h.cps;
        d.e.pitch = h.pitch;
        d.e.marks = h.draw;
        d.on = h.frame;
        d.off = h.end_frame;
        drawn.push_back(std::move(d));
      }
    }
    const int64_t drawn_old = engine_frame() - static_cast<int64_t>(kDrawKeepSec * rate);
    while (!drawn.empty() && (drawn.front().off < drawn_old || drawn.size() > kMaxDrawEvents)) drawn.pop_front();
    const int64_t old = engine_frame() - static_cast<int64_t>(kSpanKeepSec * rate);
    while (!spans.empty() && spans.front().off < old && spans.size() > 0) spans.pop_front();
    if (spans.size() > 20000) spans.erase(spans.begin(), spans.begin() + static_cast<std::ptrdiff_t>(spans.size() - 20000));
    for (auto& [name, q] : uniforms)
      while (q.size() > 1 && q[1].on < old) q.pop_front();
  }

  // What Tidal (or any SuperDirt client) sent since the last tick: resolved and pushed here, the
  // one producer of the engine's queue; each sound received is also a uniform, dirt_<s> (its
  // name with every character that cannot be in a GLSL name made '_'), an event at its onset.
  void pump_dirt() {
    dirt_played.clear();
    const bool hushed = hush_pending.load(std::memory_order_acquire);
    dirt->pump([this](const std::string& name) { return engine->resolve_sound(name); },
               [&](const audio::VoiceEvent& e) { return hushed || engine->push(e); },
               [&](const std::string& sound, int64_t frame) {
                 if (!hushed) dirt_played.emplace_back(sound, frame);
               });
    std::string message;
    while (dirt->poll_message(message)) push_result(EvalResult{0, false, message, 0, 0});
    if (dirt_played.empty()) return;
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [sound, frame] : dirt_played) {
      std::string name = "dirt_";
      for (char c : sound.substr(0, 40)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      uniforms[name].push_back({frame, 1.f});
    }
  }

  void push_result(EvalResult r) {
    std::lock_guard<std::mutex> lock(mutex);
    results.push_back(std::move(r));
  }

  void push_log(std::string line) {
    std::lock_guard<std::mutex> lock(mutex);
    if (log_results >= kMaxLogResults) {
      ++log_dropped;
      return;
    }
    EvalResult r;
    r.ok = true;
    r.log = true;
    if (log_dropped > 0) {
      r.message = "[log] " + std::to_string(log_dropped) + " line(s) dropped (the window took none)";
      log_dropped = 0;
      results.push_back(r);
      ++log_results;
    }
    r.message = std::move(line);
    results.push_back(std::move(r));
    ++log_results;
  }

  // Joins (or leaves) the Link session; the reply says so with the session's peers and tempo.
  void set_link(bool on, const Scheduler& s) {
    if (on == (link != nullptr)) return;
    if (!on) {
      link.reset();
      push_result(EvalResult{0, true, "link: left the Ableton Link session; the set keeps its tempo", 0, 0});
      return;
    }
    if (clock) {
      push_result(EvalResult{0, false, "link: a session on a virtual clock does not join Ableton Link", 0, 0});
      return;
    }
    const double cps = s.tempo().cps_at(s.horizon_cycle()).to_double();
    link = std::make_unique<LinkSession>(cps, config.runtime.beats_per_cycle);
    link->enable_start_stop_sync(true);
    link->enable(true);
    link_follower.reset();
    if (!device_clock) device_clock = std::make_unique<DeviceClock>(rate);
    char line[160];
    std::snprintf(line, sizeof line, "link: joined the Ableton Link session (%g beats a cycle); tempo and phase follow it",
                  config.runtime.beats_per_cycle);
    push_result(EvalResult{0, true, line, 0, 0});
  }

  // The Link time at which the scheduler's horizon frame is heard (after the scheduler's latency
  // and the device's buffer), from the device clock's model; Link's now until it has locked.
  int64_t horizon_link_micros(const Scheduler& s) const {
    const double now_sec = steady_sec(Clock::now());
    const int64_t link_now = link->clock_micros();
    if (!device_clock->locked()) return link_now;
    return link_now + static_cast<int64_t>(std::llround((horizon_sec(s, now_sec) - now_sec) * 1e6));
  }

  // The scheduler's cycle follows the Link session's from the horizon on.
  void follow_link(Scheduler& s, int64_t now_frame) {
    device_clock->observe(now_frame, steady_sec(Clock::now()));
    if (device_clock->locked()) link_follower.follow(s, *link, horizon_link_micros(s));
  }

  // The steady time at which the scheduler's horizon frame is heard, from the device clock's model.
  double horizon_sec(const Scheduler& s, double now_sec) const {
    const double heard = static_cast<double>(s.horizon_frame() + latency_frames + output_latency_frames);
    return now_sec + (heard - device_clock->frame_at(now_sec)) / device_clock->rate();
  }

  // The MIDI clock's messages since the last tick go to its follower; while it plays, the
  // scheduler's cycle follows its cycle at the horizon (unless Link is joined: Link's then).
  void follow_midi_clock(Scheduler& s, int64_t now_frame) {
    MidiInput::ClockMessage m;
    while (midi->pop_clock(m)) {
      if (clock_port < 0) {
        clock_port = m.port;
        push_result(EvalResult{0, true, "midi clock: following '" + midi->port_names()[m.port] + "' (inputs.midi_clock)", 0, 0});
      }
      if (m.port == clock_port) clock_in->message(m.bytes, m.size, m.sec);
    }
    if (link) return;
    const double now_sec = steady_sec(Clock::now());
    if (!device_clock) device_clock = std::make_unique<DeviceClock>(rate);
    device_clock->observe(now_frame, now_sec);
    const bool fresh = device_clock->locked() && clock_in->fresh(now_sec);
    if (fresh)
      clock_follower.follow(s, clock_in->cycle_ahead(now_sec, horizon_sec(s, now_sec)), clock_in->cps());
    else if (clock_followed)
      clock_follower.hold(s);  // stopped or silent: play on at its tempo
    clock_followed = fresh;
  }

  void tick(Performance& perf, std::vector<ScheduledHap>& haps, Outputs* outputs) {
    const int64_t now = engine_frame();
    haps.clear();
    if (link) follow_link(perf.scheduler(), now);
    if (clock_in) follow_midi_clock(perf.scheduler(), now);
    const Rational c0 = perf.scheduler().horizon_cycle();
    perf.advance(now + lookahead_frames, haps);
    if (outputs) {
      // Heard at: the frame's distance from the engine's clock, plus the device's buffer.
      auto delay = [&](int64_t frame) { return static_cast<double>(frame - now + output_latency_frames) / rate; };
      outputs->send(haps, delay);
      outputs->clock(c0, perf.scheduler().horizon_cycle(), perf.scheduler().tempo(), delay);
    }
    // A hush that came in while these were queried: they are not sent (the engine has dropped
    // what was queued; this thread drops the slots next).
    if (hush_pending.load(std::memory_order_acquire)) haps.clear();
    for (const ScheduledHap& h : haps) {
      if (!h.has_event || !config.outputs.engine) continue;
      if (h.event.frame < engine_frame()) late.fetch_add(1, std::memory_order_relaxed);
      engine->push(h.event);
    }
    if (!haps.empty()) publish(haps);
    if (dirt) pump_dirt();
    if (clock) clock->set_horizon(perf.scheduler().horizon_frame());
    std::string message;
    while (perf.scheduler().poll_message(message)) push_result(EvalResult{0, false, message, 0, 0});
    while (perf.scheduler().poll_log(message)) push_log(std::move(message));
    const audio::Stats st = engine->stats();
    const Scheduler& s = perf.scheduler();
    const int64_t sounding = std::max<int64_t>(0, now - output_latency_frames);
    std::lock_guard<std::mutex> lock(mutex);
    anchor_sec = steady_sec(Clock::now());
    anchor_frame = now;
    status.cycle = s.tempo().cycle_at(sounding).to_double();
    status.cps = s.tempo().cps_at(s.tempo().cycle_at(sounding)).to_double();
    status.bpm = status.cps * 240.0;
    status.dsp_load = st.dsp_load;
    status.voices = st.voices_active;
    status.late_events = late.load() + static_cast<uint64_t>(st.late_events);
    status.xruns = static_cast<uint64_t>(st.xruns);
    status.link_peers = link ? static_cast<int>(link->peers()) : -1;
    status.midi_clock = clock_in ? (clock_followed ? 1 : 0) : -1;
  }

  void write_log(const EvalRequest& r, const Rational& at, const Scheduler& s, bool ok) {
    LogBlock b;
    b.cycle = at;
    b.buffer = r.buffer.empty() ? "scratch" : r.buffer;
    b.code = r.code;
    b.fields["line"] = std::to_string(r.first_line);
    b.fields["byte"] = std::to_string(r.first_byte);
    b.fields["frame"] = std::to_string(s.tempo().frame_at(at));
    b.fields["rate"] = std::to_string(rate);
    b.fields["seed"] = "0";
    b.fields["cps"] = Rational::from_double(config.runtime.cps).str();
    b.fields["latency_frames"] = std::to_string(static_cast<int64_t>(std::llround(config.audio.latency_ms * rate / 1000.0)));
    b.fields["outcome"] = ok ? "ok" : "error";
    if (r.strudel) {
      b.fields["lang"] = "strudel";
      b.fields["whole"] = r.whole_buffer ? "1" : "0";
    }
    const std::string text = format_performance_log({b});
    if (log.is_open()) {
      log << text;
      log.flush();
    }
    std::lock_guard<std::mutex> lock(mutex);
    log_text += text;
  }

  void finish(Performance& perf, const std::pair<uint64_t, EvalRequest>& job, const LuaError& e) {
    const EvalRequest& r = job.second;
    Quantize q = r.quantize;
    if (q == Quantize::Default) q = config.runtime.quantize == "cycle" ? Quantize::Cycle : Quantize::Immediate;
    Scheduler& s = perf.scheduler();
    Rational at = q == Quantize::Cycle ? s.next_cycle() : s.immediate_cycle();
    bool applied = false;
    if (q == Quantize::Immediate) {
      // Swap at the next block: the new patterns start at the frame one tick and one device
      // block from now (what the audio thread has not rendered yet), their slots' queued events
      // from there on are cancelled in the engine, and the next tick queries them from there.
      const int64_t latency = latency_frames;
      // A virtual clock (tests, benchmarks) renders up to the published horizon, in blocks of up
      // to 512 frames: hold it where it is first, then leave room for the block in flight.
      if (clock && e.ok) clock->set_horizon(std::min(clock->horizon(), engine_frame()));
      const int64_t soon = engine_frame() + swap_margin_frames + (clock ? 512 : 0) - latency;
      // Never before what was logged last (the log, and replay, go forward in cycles).
      const Rational early = Rational::max(s.tempo().cycle_at(std::max<int64_t>(0, soon)), last_logged);
      std::vector<uint32_t> cancel;
      if (!e.ok) {
        at = Rational::min(at, early);  // a failed one changes nothing: logged where it was asked for
      } else if (early < at && perf.commit_before_horizon(early, cancel)) {
        at = early;
        applied = true;
        const int64_t from = s.tempo().frame_at(at) + latency;
        for (uint32_t tag : cancel) engine->cancel_slot(tag, from);
        // A virtual clock must not render past the swap point before the next tick sends it.
        if (clock) clock->set_horizon(std::min(clock->horizon(), from));
      }
    }
    at = Rational::max(at, last_logged);
    last_logged = at;
    if (e.ok && !applied) perf.commit(at);
    write_log(r, at, s, e.ok);
    EvalResult res;
    res.id = job.first;
    res.ok = e.ok;
    res.at_cycle = at.to_double();
    if (e.ok) {  // read in a glance: two decimals, not the exact fraction (212963/7500)
      char buf[48];
      std::snprintf(buf, sizeof buf, "applied at cycle %.2f", res.at_cycle);
      res.message = buf;
    } else {
      res.message = e.message;
    }
    if (e.ok)
      for (const std::string& w : perf.take_warnings()) res.message += "\n" + w;
    res.line = e.line;
    res.column = e.column;
    std::vector<std::string> names = perf.slot_names();
    std::vector<SliderInfo> made = runtime::sliders(perf.host());
    std::lock_guard<std::mutex> lock(mutex);
    status.slots = std::move(names);
    slider_list = std::move(made);
    results.push_back(std::move(res));
  }

  // The hush key: a running evaluation is stopped, every slot is removed at the horizon (a
  // `hush()` evaluated and logged, so replay does the same), and the engine, which has already
  // faded every voice and dropped what was queued, does it once more for whatever was sent since.
  void take_hush(Performance& perf, std::pair<uint64_t, EvalRequest>& job) {
    if (!hush_pending.exchange(false, std::memory_order_acq_rel)) return;
    if (perf.evaluating()) {
      perf.discard();
      LuaError stopped;
      stopped.ok = false;
      stopped.message = "stopped by hush";
      finish(perf, job, stopped);
    }
    std::pair<uint64_t, EvalRequest> h{0, EvalRequest{}};
    h.second.buffer = "scratch";
    h.second.code = "hush()";
    h.second.quantize = Quantize::Immediate;
    LuaError e = perf.begin(EvalSource{"scratch", h.second.code, 1, 0});
    if (e.ok)
      while (!perf.step(1e9, e)) {
      }
    finish(perf, h, e);
    engine->hush();
  }

  void run() {
    PerformanceOptions po;
    po.lua.memory_limit_bytes = static_cast<size_t>(config.runtime.lua_memory_mb) << 20;
    po.lua.eval_budget_ms = config.runtime.eval_budget_ms;
    po.lua.trusted = config.runtime.trust;
    po.lua.require_paths = config.runtime.library_paths;
    const std::string patterns = default_patterns_dir();
    po.lua.require_paths.push_back(patterns);
    po.prelude_paths = {patterns + "/prelude.lua", patterns + "/strudel.lua"};
    po.scheduler.rate_hz = rate;
    po.scheduler.cps = Rational::from_double(config.runtime.cps);
    po.scheduler.latency_frames = static_cast<int64_t>(std::llround(config.audio.latency_ms * rate / 1000.0));
    // Controller input (ctrl("name") from OSC /ctrl), for a session on a device; a virtual-clock
    // session (tests, benchmarks) takes none.
    ControlInputs inputs;
    if (!clock && config.inputs.ctrl_port > 0) {
      std::string error;
      if (inputs.listen_osc(config.inputs.ctrl_port, error))
        po.inputs = &inputs;
      else
        push_result(EvalResult{0, false, "ctrl: " + error + "; ctrl() gives its default (inputs.ctrl_port picks another)", 0, 0});
    }
    // MIDI input (cc(), midinote(), midivel(), the clock): the ports inputs.midi names, live on a
    // device; render and replay have none, and follow no clock.
    if (!clock) {
      midi = std::make_unique<MidiInput>();
      std::vector<std::string> lines;
      midi->open(config.inputs.midi, config.inputs.midi_api, lines);
      for (const std::string& l : lines) push_result(EvalResult{0, l.rfind("midi in: listening", 0) == 0, l, 0, 0});
      po.midi = midi.get();
      if (config.inputs.midi_clock) {
        if (midi->any_open())
          clock_in = std::make_unique<MidiClockFollower>(config.runtime.beats_per_cycle);
        else
          push_result(EvalResult{0, false, "inputs.midi_clock: no MIDI input is open (inputs.midi names them): no clock to follow", 0, 0});
      }
    }
    // Ableton Link, live on a device: link(on) joins or leaves; a tempo set while joined is the
    // session's, changed at the horizon (where this performance would have changed its own).
    Scheduler* scheduler = nullptr;
    if (!clock) {
      po.link = [this, &scheduler](bool on) { set_link(on, *scheduler); };
      po.tempo = [this, &scheduler](double cps) {
        if (!link) return false;
        link->set_cps_at(cps, horizon_link_micros(*scheduler));
        return true;
      };
    }
    Performance perf(po, [this](const std::string& name) { return engine->resolve_sound(name); });
    scheduler = &perf.scheduler();
    if (!clock && config.runtime.link) set_link(true, perf.scheduler());
    for (const std::string& e : perf.startup_errors()) push_result(EvalResult{0, false, "prelude: " + e, 0, 0});
    std::unique_ptr<Outputs> outputs;
    if (!config.outputs.osc.empty() || !config.outputs.midi.empty()) {
      std::vector<std::string> warnings;
      outputs = std::make_unique<Outputs>(config.outputs, warnings);
      for (const std::string& w : warnings) push_result(EvalResult{0, false, w, 0, 0});
    }
    if (config.inputs.superdirt) {
      DirtServerOptions o;
      o.port = config.inputs.superdirt_port;
      o.cps = config.runtime.cps;
      o.hand_off = true;
      dirt = std::make_unique<DirtServer>(*engine, o);
      std::string error;
      if (dirt->start(error)) {
        push_result(EvalResult{0, true, "listening as SuperDirt on 127.0.0.1:" + std::to_string(dirt->port()) +
                                            " (inputs.superdirt): Tidal's startTidal superdirtTarget plays here", 0, 0});
      } else {
        push_result(EvalResult{0, false, "inputs.superdirt: " + error, 0, 0});
        dirt.reset();
      }
    }
    std::vector<ScheduledHap> haps;
    std::pair<uint64_t, EvalRequest> job;
    for (;;) {
      // Nothing may end this thread while the show goes on: a bug of ours is reported, not fatal.
      try {
        take_hush(perf, job);
        tick(perf, haps, outputs.get());
      } catch (const std::exception& ex) {
        push_result(EvalResult{0, false, std::string("scheduler: ") + ex.what(), 0, 0});
      }
      if (perf.evaluating()) {
        LuaError e;
        bool done = false;
        try {
          done = perf.step(kSliceMs, e);
        } catch (const std::exception& ex) {
          perf.discard();
          e.ok = false;
          e.message = ex.what();
          done = true;
        }
        if (done) finish(perf, job, e);
        {
          std::lock_guard<std::mutex> lock(mutex);
          if (stop) return;
        }
        continue;
      }
      bool have = false;
      {
        std::unique_lock<std::mutex> lock(mutex);
        if (requests.empty() && !stop)
          wake.wait_for(lock, std::chrono::microseconds(static_cast<int64_t>(kTickMs * 1000)));
        if (stop) return;
        if (!requests.empty()) {
          job = std::move(requests.front());
          requests.pop_front();
          have = true;
        }
      }
      if (!have) continue;
      const EvalRequest& r = job.second;
      EvalSource src{r.buffer.empty() ? "scratch" : r.buffer, r.code, r.first_line, r.first_byte, r.strudel, r.whole_buffer};
      src.replace_set = r.whole_buffer && !r.strudel;
      src.revision = r.revision;
      LuaError e = perf.begin(src);
      if (!e.ok) finish(perf, job, e);
    }
  }
};

Session::Session(const Config& config) : Session(config, nullptr) {}

Session::Session(const Config& config, SessionClock* clock) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.config = config;
  m.clock = clock;
  m.rate = config.audio.rate_hz > 0 ? config.audio.rate_hz : 48000;
  m.lookahead_frames = std::max<int64_t>(1, std::llround(config.runtime.lookahead_ms * m.rate / 1000.0));
  m.latency_frames = static_cast<int64_t>(std::llround(config.audio.latency_ms * m.rate / 1000.0));
  // One scheduler tick (the runtime thread pushes the new events at its next one) and one device
  // block (the audio thread may be rendering the block after the engine's frame right now).
  m.swap_margin_frames = static_cast<int64_t>(std::llround(kTickMs * m.rate / 1000.0)) + std::max(128, config.audio.buffer_frames);
  audio::EngineConfig ec;
  ec.rate_hz = m.rate;
  ec.channels = std::max(2, config.audio.channels);
  ec.sample_paths = config.sample_paths;
  m.engine = std::make_unique<audio::Engine>(ec);
  if (clock) {
    clock->attach(*m.engine);
    m.device_name = "virtual";
  } else {
    audio::DeviceConfig dc;
    dc.api = config.audio.api;
    dc.device = config.audio.device;
    dc.buffer_frames = config.audio.buffer_frames;
    std::string warning;
    m.device = audio::open_device(*m.engine, dc, warning);
    m.device_name = m.device ? m.device->description() : "null";
    m.output_latency_frames = config.audio.buffer_frames;
    if (!warning.empty()) m.results.push_back(EvalResult{0, false, "audio: " + warning, 0, 0});
  }
  m.status.device = m.device_name;
  m.status.cps = config.runtime.cps;
  m.status.bpm = config.runtime.cps * 240.0;
  std::error_code ec2;
  std::filesystem::path dir = std::filesystem::path(state_dir()) / "logs";
  std::filesystem::create_directories(dir, ec2);
  if (!ec2) {
    m.log_path = (dir / (timestamp_name() + ".log")).string();
    m.log.open(m.log_path, std::ios::app);
  }
  m.anchor_sec = steady_sec(Clock::now());
  m.thread = std::thread([this] { impl_->run(); });
}

Session::~Session() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
  stop_recording();
  impl_->device.reset();  // stops the audio thread before the engine goes
}

uint64_t Session::evaluate(EvalRequest request) {
  uint64_t id = impl_->next_id++;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->requests.emplace_back(id, std::move(request));
  }
  impl_->wake.notify_one();
  return id;
}

bool Session::poll_result(EvalResult& out) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->results.empty()) return false;
  out = std::move(impl_->results.front());
  impl_->results.pop_front();
  if (out.log) --impl_->log_results;
  return true;
}

void Session::hush() {
  impl_->engine->hush();  // the audio callback fades every voice at its next block
  impl_->hush_pending.store(true, std::memory_order_release);
  impl_->wake.notify_one();
}

Status Session::status() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Status s = impl_->status;
  // Between ticks the cycle moves on with the clock.
  const double dt = std::max(0.0, steady_sec(Clock::now()) - impl_->anchor_sec);
  if (!impl_->clock) s.cycle += std::min(dt, 0.1) * s.cps;
  return s;
}

void Session::active_spans(double now_sec, std::vector<ActiveSpan>& out) const {
  out.clear();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const double f = impl_->frame_at_sec(now_sec);
  for (const SpanEvent& e : impl_->spans) {
    if (static_cast<double>(e.on) > f || static_cast<double>(e.off) <= f) continue;
    const double len = std::max<double>(1.0, static_cast<double>(e.off - e.on));
    const float intensity = static_cast<float>(std::clamp(1.0 - (f - static_cast<double>(e.on)) / len, 0.0, 1.0));
    bool merged = false;
    for (ActiveSpan& a : out)
      if (a.buffer == e.buffer && a.begin == e.begin && a.end == e.end && a.revision == e.revision) {
        a.intensity = std::max(a.intensity, intensity);
        merged = true;
      }
    if (!merged) out.push_back(ActiveSpan{e.buffer, e.begin, e.end, intensity, e.revision});
  }
}

std::vector<SliderInfo> Session::sliders() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<SliderInfo> out = impl_->slider_list;
  for (SliderInfo& s : out) s.value = s.cell ? s.cell->load(std::memory_order_relaxed) : s.value;
  return out;
}

bool Session::set_slider(const std::string& id, double value) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const SliderInfo& s : impl_->slider_list) {
    if (s.id != id || !s.cell) continue;
    double v = std::clamp(value, s.min, s.max);
    if (s.step > 0) v = std::clamp(s.min + std::round((v - s.min) / s.step) * s.step, s.min, s.max);
    s.cell->store(v, std::memory_order_relaxed);
    return true;
  }
  return false;
}

void Session::draw_events(double now_sec, double past_sec, std::vector<DrawEvent>& out) const {
  out.clear();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const double f = impl_->frame_at_sec(now_sec);
  const double r = impl_->rate;
  for (const Impl::Drawn& d : impl_->drawn) {
    const double end = (static_cast<double>(d.off) - f) / r;
    if (end < -past_sec) continue;
    out.push_back(d.e);
    out.back().begin = (static_cast<double>(d.on) - f) / r;
    out.back().end = end;
  }
}

void Session::uniforms(double now_sec, std::vector<UniformValue>& out) const {
  out.clear();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const double f = impl_->frame_at_sec(now_sec);
  for (const auto& [name, q] : impl_->uniforms) {
    const UniformEvent* last = nullptr;
    for (const UniformEvent& e : q)
      if (static_cast<double>(e.on) <= f) last = &e;
    UniformValue u;
    u.name = name;
    if (last) {
      u.value = last->value;
      u.since_event_sec = static_cast<float>((f - static_cast<double>(last->on)) / impl_->rate);
      u.envelope = std::exp(-4.0f * u.since_event_sec);
    } else {
      u.since_event_sec = 1e6f;
    }
    out.push_back(u);
  }
}

bool Session::read_analysis(AudioAnalysis& out) { return impl_->engine->read_analysis(out); }
bool Session::start_recording(const std::string& wav_path) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mutex);
  if (m.recording) return false;
  std::string error;
  if (!m.recorder.start(*m.engine, wav_path, [&m](const std::string& line) { m.push_result(EvalResult{0, false, line, 0, 0}); },
                        error))
    return false;
  m.recording = true;
  m.rec_path = wav_path;
  m.status.recording = true;
  return true;
}

void Session::stop_recording() {
  Impl& m = *impl_;
  std::string text, path;
  {
    std::lock_guard<std::mutex> lock(m.mutex);
    if (!m.recording) return;
    m.recording = false;
    m.status.recording = false;
    text = m.log_text;
    path = m.rec_path;
  }
  m.recorder.stop();
  // The performance log beside the WAV (the whole session's, so it replays from its start).
  write_file_atomic(std::filesystem::path(path).replace_extension(".log").string(), text);
}
std::string Session::log_path() const { return impl_->log_path; }

bool write_file_atomic(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << text;
    out.flush();
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace mr::runtime
