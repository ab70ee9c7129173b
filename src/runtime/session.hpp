// The live session seen from the UI thread: it owns the runtime thread (which alone touches the
// Lua state), the audio Engine and the audio device (RtAudio, falling back to the null backend).
// Every call here is quick: requests go to the runtime thread through a queue, and results and
// state come back as snapshots, each exchanged under a mutex held only to copy plain data (the
// runtime thread never holds it while Lua runs), so a slow evaluation never stalls a frame.
//
// Every evaluation goes to the performance log (render.hpp describes it), which `moonrave replay`
// re-renders sample-identically.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/bindings.hpp"
#include "runtime/config.hpp"

namespace mr {
struct AudioAnalysis;
}

namespace mr::runtime {

// When an evaluation's patterns replace their slots.
enum class Quantize : uint8_t {
  Default,    // the config's runtime.quantize
  Immediate,  // at the next scheduler tick (within the lookahead)
  Cycle,      // at the start of the next cycle
};

struct EvalRequest {
  std::string buffer;         // the buffer's name (file stem or "scratch"): spans and the log use it
  std::string code;           // the text evaluated (a block or the whole buffer)
  int first_line = 1;         // 1-based line in the buffer where `code` starts (errors are offset)
  int32_t first_byte = 0;     // byte offset in the buffer where `code` starts (mini-notation spans)
  bool whole_buffer = false;  // true when the whole buffer is evaluated
  bool strudel = false;       // Strudel code (the JavaScript dialect: strudel/strudel.hpp)
  Quantize quantize = Quantize::Default;
  // The buffer's text revision when evaluated (the editor's TextBuffer::version()): the spans it
  // plays come back with it, so the editor maps them through the edits made since.
  uint64_t revision = 0;
};

struct EvalResult {
  uint64_t id = 0;       // the value evaluate() returned
  bool ok = false;
  std::string message;   // the error (or a notice such as "d1 replaced at cycle 12")
  int line = 0;          // 1-based line in the buffer, 0 when unknown
  int column = 0;        // 1-based column, 0 when unknown
  bool log = false;      // a line that log()/logValues() wrote (no evaluation's result)
  double at_cycle = 0;   // the cycle the evaluation took effect at (message says it to two decimals)
};

struct Status {
  double cycle = 0.0;          // the cycle sounding now (output latency included)
  double cps = 0.5;
  double bpm = 120.0;          // cps * 60 * 4 (four beats a cycle)
  double dsp_load = 0.0;       // 0..1 of the audio callback's time budget
  int voices = 0;
  uint64_t late_events = 0;    // events that reached the engine after their frame
  uint64_t xruns = 0;
  std::string device = "null"; // the audio device's name, or "null"
  bool recording = false;
  int link_peers = -1;         // Ableton Link: the other peers in the session; -1 when not joined
  int midi_clock = -1;         // inputs.midi_clock: 1 following the clock, 0 not (none, or stopped); -1 off
  std::vector<std::string> slots;  // the slots playing ("d1", "bass"), muted ones prefixed "-"
};

// A mini-notation atom sounding now: the byte range in its buffer, for highlighting.
struct ActiveSpan {
  std::string buffer;
  int32_t begin = 0;  // byte offsets in the buffer (end exclusive)
  int32_t end = 0;
  float intensity = 1.0f;  // 1 at the onset, decaying over the hap
  uint64_t revision = 0;   // the buffer's text revision that begin and end index (EvalRequest::revision)
};

// An event of a pattern marked for drawing (pianoroll(), scope() and their `_` inline forms).
struct DrawEvent {
  std::string slot;
  std::string sound;     // its s, for the roll's colour and (without a pitch) its row
  std::string buffer;    // where its code came from, and the text revision its spans index
  uint64_t revision = 0;
  int32_t source_end = -1;  // the byte after its last atom (an inline view goes under that line), -1 none
  double begin = 0, end = 0;  // seconds from the time asked for (negative: already sounded)
  double cps = 0.5;           // the tempo at its onset
  float pitch = 0;            // MIDI note; NaN when it has none
  uint8_t marks = 0;          // pattern::kDrawRoll, kDrawScope, kDrawInline
};

// One visual uniform driven by uniform("name", pat).
struct UniformValue {
  std::string name;
  float value = 0.0f;             // the pattern's current value
  float since_event_sec = 0.0f;   // seconds since its last onset
  float envelope = 0.0f;          // 1 at each onset, decaying exponentially
};

class SessionClock;

class Session {
 public:
  // Starts the runtime thread and the audio device (or the null backend when none opens).
  explicit Session(const Config& config);
  // Without a device: `clock`'s caller renders the audio (tests, benchmarks). Outlives the session.
  Session(const Config& config, SessionClock* clock);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Queues an evaluation; returns its id. The result arrives through poll_result().
  uint64_t evaluate(EvalRequest request);
  // Takes one finished evaluation's result, if any.
  bool poll_result(EvalResult& out);
  // Silences every slot at once, from any thread (the hush and panic keys): the engine fades
  // every voice from its next audio block and drops what was queued; the runtime thread stops a
  // running evaluation and removes every slot at its next tick (logged as `hush()`).
  void hush();
  Status status() const;
  // Atoms sounding at `now_sec` (the UI's clock, steady_clock seconds), output latency included.
  void active_spans(double now_sec, std::vector<ActiveSpan>& out) const;
  // The sliders the playing code made (slider(value, min, max)), as of the last evaluation, and
  // a new value for one while it plays (clamped to its range; false when no such id): the
  // stage's slider widget. Any thread.
  std::vector<SliderInfo> sliders() const;
  bool set_slider(const std::string& id, double value);
  // The marked events of the last `past_sec` seconds and those already scheduled ahead, for the
  // stage's piano roll and scope.
  void draw_events(double now_sec, double past_sec, std::vector<DrawEvent>& out) const;
  // Uniforms for the frame drawn at `now_sec`, computed from haps published ahead of time.
  void uniforms(double now_sec, std::vector<UniformValue>& out) const;
  // The engine's latest analysis (spectrum, levels), when a new one is ready.
  bool read_analysis(AudioAnalysis& out);
  // Recording of the master output to a WAV file, written off the audio thread.
  bool start_recording(const std::string& wav_path);
  void stop_recording();
  // The performance log of this session (~/.local/state/moonrave/logs/<date-time>.log).
  std::string log_path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes `text` to `path` atomically (a temporary file, then rename): for buffer autosave.
bool write_file_atomic(const std::string& path, const std::string& text);

}  // namespace mr::runtime
