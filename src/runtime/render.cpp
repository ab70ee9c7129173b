// Offline rendering and the performance log (render.hpp).
#include "runtime/render.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "audio/engine.hpp"
#include "runtime/performance.hpp"

namespace mr::runtime {

namespace {

using pattern::Rational;

// Frames per scheduler tick offline: about 10 ms, like a live tick.
constexpr int kTickFrames = 512;

bool parse_header(const std::string& line, LogBlock& b, std::string& error) {
  std::istringstream in(line.substr(3));
  std::string field;
  bool have_cycle = false;
  while (in >> field) {
    size_t eq = field.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = "expected key=value, got '" + field + "'";
      return false;
    }
    std::string key = field.substr(0, eq), value = field.substr(eq + 1);
    try {
      if (key == "cycle") {
        b.cycle = Rational::parse(value);
        if (b.cycle < Rational(0)) throw std::invalid_argument("negative");
        have_cycle = true;
        continue;
      }
      if (key == "buffer") {
        b.buffer = value;
        continue;
      }
      if (key == "line") b.first_line = std::max(1, std::stoi(value));
      if (key == "byte") b.first_byte = std::max(0, std::stoi(value));
    } catch (const std::exception&) {
      error = "bad value for " + key + ": '" + value + "'";
      return false;
    }
    b.fields[key] = value;
  }
  if (!have_cycle) {
    error = "a header needs cycle=<fraction>";
    return false;
  }
  return true;
}

}  // namespace

bool parse_performance_log(const std::string& text, std::vector<LogBlock>& out, std::string& error) {
  out.clear();
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("--@ ", 0) == 0 || line == "--@") {
      LogBlock b;
      std::string why;
      if (!parse_header(line, b, why)) {
        error = "line " + std::to_string(number) + ": " + why;
        return false;
      }
      if (!out.empty() && b.cycle < out.back().cycle) {
        error = "line " + std::to_string(number) + ": cycle " + b.cycle.str() + " is before the previous block's " +
                out.back().cycle.str();
        return false;
      }
      out.push_back(std::move(b));
      continue;
    }
    if (out.empty()) continue;  // text before the first header
    out.back().code += line + "\n";
  }
  return true;
}

std::string log_header(const LogBlock& block) {
  std::string h = "--@ cycle=" + block.cycle.str() + " buffer=" + (block.buffer.empty() ? "scratch" : block.buffer);
  for (const auto& [k, v] : block.fields)
    if (k != "cycle" && k != "buffer") h += " " + k + "=" + v;
  return h;
}

std::string format_performance_log(const std::vector<LogBlock>& blocks) {
  std::string out;
  for (const LogBlock& b : blocks) {
    out += log_header(b) + "\n" + b.code;
    if (!b.code.empty() && b.code.back() != '\n') out += "\n";
  }
  return out;
}

bool render_performance(const std::vector<LogBlock>& blocks, const RenderOptions& options,
                        const std::function<bool(const float*, int)>& sink, RenderReport& report, std::string& error) {
  report = RenderReport{};
  if (options.rate_hz < 8000 || options.rate_hz > 384000) {
    error = "the sample rate must be between 8000 and 384000 Hz";
    return false;
  }
  audio::EngineConfig ec;
  ec.rate_hz = options.rate_hz;
  ec.channels = std::max(1, options.channels);
  ec.sample_paths = options.sample_paths;
  ec.synchronous_loading = true;  // a sample is decoded when first named: no render depends on timing
  audio::Engine engine(ec);
  // The master chain delays everything by its lookahead: those leading frames are dropped, so an
  // event due at frame f is at frame f of the file.
  const int64_t latency = std::max(0, engine.latency_frames());
  int64_t skip = latency + std::max<int64_t>(0, options.start_frame);

  PerformanceOptions po;
  po.lua = options.lua;
  po.scheduler.rate_hz = options.rate_hz;
  po.scheduler.cps = Rational::from_double(options.cps);
  po.scheduler.seed = options.seed;
  po.scheduler.latency_frames = options.latency_frames;
  po.prelude_paths = options.prelude_paths;
  if (po.prelude_paths.empty()) po.prelude_paths = {default_patterns_dir() + "/prelude.lua", default_patterns_dir() + "/strudel.lua"};
  if (po.lua.require_paths.empty()) po.lua.require_paths.push_back(default_patterns_dir());
  po.lua_seed = static_cast<int64_t>(std::llround(options.seed));
  Performance perf(po, [&engine](const std::string& name) { return engine.resolve_sound(name); });
  for (const std::string& e : perf.startup_errors()) report.messages.push_back(e);

  std::vector<float> buffer(static_cast<size_t>(kTickFrames) * static_cast<size_t>(ec.channels));
  std::vector<ScheduledHap> haps;
  size_t next = 0;
  int64_t frame = 0;
  const int64_t seconds_end =
      options.seconds ? static_cast<int64_t>(std::llround(std::max(0.0, *options.seconds) * options.rate_hz)) : 0;
  const int64_t tail_frames = static_cast<int64_t>(std::llround(std::max(0.0, options.tail_seconds) * options.rate_hz));
  double last_progress = -1.0;
  std::string message;
  if (options.analyses) options.analyses->assign(options.analysis_frames.size(), AudioAnalysis{});
  size_t next_analysis = 0;
  AudioAnalysis analysis;
  for (;;) {
    Scheduler& sched = perf.scheduler();
    // Evaluate every block that takes effect before the end of this tick, at its exact cycle.
    while (next < blocks.size() && blocks[next].cycle < sched.tempo().cycle_at(frame + kTickFrames)) {
      const LogBlock& b = blocks[next];
      EvalSource src{b.buffer, b.code, b.first_line, b.first_byte};
      if (auto lang = b.fields.find("lang"); lang != b.fields.end() && lang->second == "strudel") src.strudel = true;
      if (auto whole = b.fields.find("whole"); whole != b.fields.end() && whole->second == "0") src.whole = false;
      // As live: a Lua buffer evaluated whole replaces the set (logs without the field: blocks).
      if (auto whole = b.fields.find("whole"); whole != b.fields.end() && whole->second == "1") src.replace_set = !src.strudel;
      LuaError e = perf.begin(src);
      if (e.ok)
        while (!perf.step(1e9, e)) {
        }
      // What failed live stays failed: its slots stay untouched even if it would succeed here.
      const auto outcome = b.fields.find("outcome");
      if (e.ok && outcome != b.fields.end() && outcome->second == "error") perf.discard();
      else if (e.ok) perf.commit(b.cycle);
      for (const std::string& w : perf.take_warnings()) report.messages.push_back(b.buffer + ": " + w);
      if (!e.ok) {
        ++report.eval_errors;
        std::string where = b.buffer + ":" + (e.line ? std::to_string(e.line) + ":" : "") +
                            (e.column ? std::to_string(e.column) + ":" : "");
        report.messages.push_back(where + " " + e.message);
      }
      ++next;
    }
    int64_t end = 0;
    if (options.seconds) end = seconds_end;
    else if (options.cycles) end = sched.tempo().frame_at(*options.cycles);
    else if (next < blocks.size()) end = frame + kTickFrames + 1;  // more blocks to come
    else end = (blocks.empty() ? 0 : sched.tempo().frame_at(blocks.back().cycle)) + tail_frames;
    if (frame >= end + latency) break;
    const int n = static_cast<int>(std::min<int64_t>(kTickFrames, end + latency - frame));
    haps.clear();
    if (frame < end) perf.advance(std::min<int64_t>(frame + n, end), haps);
    for (const ScheduledHap& h : haps)
      if (h.has_event && !engine.push(h.event)) ++report.dropped_events;
    while (sched.poll_message(message)) report.messages.push_back(message);
    while (sched.poll_log(message)) {
      ++report.log_lines;
      if (options.log) options.log(message);
    }
    engine.process(buffer.data(), n);
    const int dropped = static_cast<int>(std::min<int64_t>(skip, n));
    skip -= dropped;
    if (n > dropped && !sink(buffer.data() + static_cast<size_t>(dropped) * static_cast<size_t>(ec.channels), n - dropped)) {
      error = "writing the output failed";
      return false;
    }
    frame += n;
    if (options.analyses && next_analysis < options.analysis_frames.size()) {
      const int64_t written = frame - latency - std::max<int64_t>(0, options.start_frame);
      if (written >= options.analysis_frames[next_analysis]) engine.read_analysis(analysis);  // unchanged when nothing new
      while (next_analysis < options.analysis_frames.size() && written >= options.analysis_frames[next_analysis])
        (*options.analyses)[next_analysis++] = analysis;
    }
    if (options.progress && end > 0) {
      double p = static_cast<double>(frame) / static_cast<double>(end + latency);
      if (p - last_progress >= 0.01) {
        options.progress(std::min(1.0, p));
        last_progress = p;
      }
    }
  }
  std::string warning;
  while (engine.poll_warning(warning)) report.messages.push_back(warning);
  const audio::Stats st = engine.stats();
  report.frames = std::max<int64_t>(0, frame - latency - std::max<int64_t>(0, options.start_frame));
  report.latency_frames = latency;
  report.events = perf.scheduler().events_scheduled();
  report.late_events = st.late_events;
  report.dropped_events += st.dropped_events;
  if (options.progress) options.progress(1.0);
  return true;
}

namespace {

void put32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put16(std::string& s, uint16_t v) {
  for (int i = 0; i < 2; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

std::string float_wav_header(int rate, int channels, uint64_t frames) {
  // As the format wants for IEEE float: an 18-byte fmt chunk (cbSize 0) and a fact chunk.
  const uint64_t max_frames = (0xffffffffu - 64u) / (4u * static_cast<unsigned>(channels));
  const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(frames, max_frames));
  const uint32_t data = n * 4u * static_cast<uint32_t>(channels);
  std::string h = "RIFF";
  put32(h, 4 + (8 + 18) + (8 + 4) + 8 + data);
  h += "WAVEfmt ";
  put32(h, 18);
  put16(h, 3);  // IEEE float
  put16(h, static_cast<uint16_t>(channels));
  put32(h, static_cast<uint32_t>(rate));
  put32(h, static_cast<uint32_t>(rate * channels * 4));
  put16(h, static_cast<uint16_t>(channels * 4));
  put16(h, 32);
  put16(h, 0);  // cbSize: no extension
  h += "fact";
  put32(h, 4);
  put32(h, n);  // frames per channel
  h += "data";
  put32(h, data);
  return h;
}

bool render_performance_to_wav(const std::vector<LogBlock>& blocks, const RenderOptions& options,
                               const std::string& wav_path, RenderReport& report, std::string& error) {
  std::FILE* f = std::fopen(wav_path.c_str(), "wb");
  if (!f) {
    error = wav_path + ": " + std::strerror(errno);
    return false;
  }
  const int channels = std::max(1, options.channels);
  std::string header = float_wav_header(options.rate_hz, channels, 0);
  bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size();
  uint64_t frames = 0;
  std::vector<char> bytes;
  auto sink = [&](const float* x, int n) {
    const size_t count = static_cast<size_t>(n) * static_cast<size_t>(channels);
    bytes.resize(count * 4);
    std::memcpy(bytes.data(), x, count * 4);  // little-endian IEEE floats, as WAV wants
    frames += static_cast<uint64_t>(n);
    return std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  };
  ok = ok && render_performance(blocks, options, sink, report, error);
  if (ok) {
    header = float_wav_header(options.rate_hz, channels, frames);
    ok = std::fseek(f, 0, SEEK_SET) == 0 && std::fwrite(header.data(), 1, header.size(), f) == header.size();
    if (!ok) error = wav_path + ": write failed";
  } else if (error.empty()) {
    error = wav_path + ": write failed";
  }
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    error = wav_path + ": write failed";
  }
  return ok;
}

}  // namespace mr::runtime
