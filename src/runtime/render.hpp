// Offline rendering of a performance on a virtual clock, in one thread: the same Performance and
// Scheduler as live, driving audio::Engine::process block by block. `moonrave render` renders one
// file (a log of one evaluation at cycle 0); `moonrave replay` renders a performance log. Same
// input and seed, same bytes.
//
// The performance log is plain text. Each evaluation starts with a header line
//   --@ cycle=<exact fraction> buffer=<name> [key=value ...]
// and the lines after it, up to the next header, are the code that was evaluated. Known keys:
// line (first line of the code in its buffer), byte (its first byte), seed, rate, cps (the
// starting tempo), latency_frames, frame (informative), outcome (ok or error: a block that failed
// live is evaluated again but its edits are never applied, so a replay on a faster machine
// cannot bring in what the audience never heard). Lines before the first header are ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/audio_analysis.hpp"
#include "pattern/rational.hpp"
#include "runtime/lua_host.hpp"

namespace mr::runtime {

struct LogBlock {
  pattern::Rational cycle{0};
  std::string buffer = "scratch";
  std::string code;
  int first_line = 1;
  int32_t first_byte = 0;
  std::map<std::string, std::string> fields;  // every key=value of the header
};

// Parses a performance log; false with `error` ("line 12: ...") on a bad header.
bool parse_performance_log(const std::string& text, std::vector<LogBlock>& out, std::string& error);
// The header line of a block (no newline): "--@ cycle=3/2 buffer=set line=4 ..." with the
// block's fields after cycle and buffer.
std::string log_header(const LogBlock& block);
// A whole log: every block's header and its code (ending with a newline).
std::string format_performance_log(const std::vector<LogBlock>& blocks);

struct RenderOptions {
  int rate_hz = 48000;
  int channels = 2;
  double seed = 0.0;                 // the patterns' seed (and Lua's math.randomseed)
  double cps = 0.5;                  // the tempo before any setcps
  int64_t latency_frames = 0;
  LuaHostOptions lua;
  std::vector<std::string> prelude_paths;  // default: default_patterns_dir()/prelude.lua
  std::vector<std::string> sample_paths;
  // Length: seconds, or cycles, or else `tail_seconds` after the last block's cycle.
  std::optional<double> seconds;
  std::optional<pattern::Rational> cycles;
  double tail_seconds = 8.0;
  // Frames before this one are rendered but not written (a recording that started mid-show).
  int64_t start_frame = 0;
  // Called with each line that log()/logValues() write, as their events are scheduled (unset: the
  // lines are only counted).
  std::function<void(const std::string&)> log;
  // Called now and then with the fraction done (0..1).
  std::function<void(double)> progress;
  // The engine's analysis as the visuals read it live (Engine::read_analysis), at these output
  // frames (ascending, counted like the file's): each is read at the end of the first block that
  // reaches it, into (*analyses)[i]. `moonrave shot` gives each video frame the audio's analysis so.
  std::vector<int64_t> analysis_frames;
  std::vector<AudioAnalysis>* analyses = nullptr;
};

struct RenderReport {
  int64_t frames = 0;
  int64_t latency_frames = 0;  // the engine's output latency, dropped from the start of the file
  uint64_t events = 0;
  int64_t late_events = 0;
  int64_t dropped_events = 0;
  int eval_errors = 0;
  uint64_t log_lines = 0;             // lines that log()/logValues() wrote (given to options.log)
  std::vector<std::string> messages;  // evaluation errors ("set:3:5: ..."), query errors, warnings
};

// Renders `blocks` and hands each rendered block of interleaved samples to `sink` (false from the
// sink stops with an error). False with `error` on a failure of the renderer itself; evaluation
// errors are counted in `report` and the render goes on, as live.
bool render_performance(const std::vector<LogBlock>& blocks, const RenderOptions& options,
                        const std::function<bool(const float* interleaved, int frames)>& sink, RenderReport& report,
                        std::string& error);
// The header of a 32-bit float WAV of `frames` frames (kFloatWavHeaderBytes long, whatever the
// count, so a writer can put it first and rewrite it when the count is known).
std::string float_wav_header(int rate, int channels, uint64_t frames);
inline constexpr size_t kFloatWavHeaderBytes = 58;

// The same into a 32-bit float WAV file (a fixed header: identical input gives identical bytes).
bool render_performance_to_wav(const std::vector<LogBlock>& blocks, const RenderOptions& options,
                               const std::string& wav_path, RenderReport& report, std::string& error);

}  // namespace mr::runtime
