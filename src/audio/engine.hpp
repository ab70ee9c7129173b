// The audio engine: voice pool, instruments (synths, built-in drums, sampler), orbits and the
// master chain. The control (runtime) thread resolves sounds and pushes events; the audio thread
// calls process(), which never allocates, locks or waits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/audio_analysis.hpp"
#include "audio/event.hpp"

namespace mr::audio {

struct EngineConfig {
  int rate_hz = 48000;
  int block_frames = 128;   // block for render_to_wav and the null device (process() takes any count
                            // and renders in blocks of at most 128, split at each voice start)
  int channels = 2;
  int max_voices = 256;     // sounding voices; beyond it the quietest fades out in 5 ms
  std::vector<std::string> sample_paths;  // searched before the user and SuperDirt folders
  bool multichannel_orbits = false;       // orbit k to channel pair k (mod channels / 2)
  bool superdirt_sample_paths = true;     // also search SuperDirt's Dirt-Samples folders
  bool synchronous_loading = false;       // decode samples in resolve_sound (offline renders)
  std::string soundfont;                  // the General MIDI SoundFont for gm_ names ("": the first
                                          // of $MOONRAVE_SOUNDFONT, Debian's FluidR3_GM.sf2 paths)
  float limiter_ceiling_db = -1.f;        // the master limiter's ceiling, dBFS
  float limiter_lookahead_sec = 0.005f;   // the limiter's lookahead: the output latency
};

struct Stats {
  int voices_active = 0;  // sounding voices (not counting those fading out after a steal/cut)
  int peak_voices = 0;
  int64_t late_events = 0;     // started at a block start after their frame had passed
  int64_t dropped_events = 0;  // queue or pending array full, or every pluck string busy
  int64_t xruns = 0;
  float dsp_load = 0.f;        // 0..1, smoothed render time over block time
  int64_t frames_rendered = 0;
  int64_t stolen_voices = 0;     // faded out early to make room (max_voices reached)
  int64_t samples_not_ready = 0; // sample events skipped because the file was still decoding
  int64_t silenced_voices = 0;   // cut at once: their output was not finite or absurd (> 60 dB)
  int64_t orbit_resets = 0;      // an orbit's delay/reverb silenced because its output went bad
};

class Engine {
 public:
  explicit Engine(const EngineConfig& config = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Control thread. A synth, built-in drum (kit-prefixed: tr808_bd), or sample bank; unknown
  // names give kNoSound and one warning.
  SoundId resolve_sound(std::string_view name);
  bool push(const VoiceEvent& event);  // false when the queue is full
  void hush();                         // fast fade of every voice, pending events dropped
  // Drops the queued events of `slot` (VoiceEvent::slot) due at or after `from_frame`: sent
  // through the event queue, in order, so the events pushed after it (the slot's new pattern)
  // are kept. Real-time safe on the audio side (no allocation). False when the queue is full.
  bool cancel_slot(uint32_t slot, int64_t from_frame);
  bool poll_warning(std::string& out);
  Stats stats() const;
  // Control thread: blocks until every sample named so far is decoded.
  void wait_for_samples();
  // Output latency of the master chain (the limiter's lookahead): an event due at frame f is
  // heard at output frame f + latency_frames(). Offline renders drop these leading frames.
  int latency_frames() const;

  // Audio thread.
  void process(float* out_interleaved, int frames) noexcept;
  int64_t frame() const;  // frames rendered so far: the master clock
  void note_xrun();       // device backends report underruns here
  bool read_analysis(AudioAnalysis& out);  // reader side (UI thread): true when newer than last read

  // Output tap (recordings). Control thread: arm_tap allocates a ring of capacity_frames
  // interleaved frames (config().channels each) and arms it; from then on process() copies every
  // frame it outputs (after the limiter) into the ring, dropping and counting the frames that do
  // not fit, never waiting. disarm_tap returns once process() no longer touches the ring; what is
  // left in it can still be read. One reader thread: read_tap moves up to max_frames frames out.
  void arm_tap(int capacity_frames);
  void disarm_tap();
  int read_tap(float* out_interleaved, int max_frames);
  int64_t tap_dropped_frames() const;  // since the last arm_tap

  const EngineConfig& config() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The instrument names built into the engine (synths and drums of the default kit).
std::vector<std::string> builtin_sound_names();
// Strudel's General MIDI names (gm_piano, ...), played from the SoundFont when one is installed.
std::vector<std::string> gm_sound_names();
// The General MIDI SoundFont this machine has (the first found of $MOONRAVE_SOUNDFONT and
// Debian's paths), or "" when none is installed.
std::string find_soundfont();
// Every sound name the engine knows without sample folders, group by group, for the reference.
struct SoundNameGroup {
  std::string title, doc;
  std::vector<std::string> names;
};
std::vector<SoundNameGroup> sound_name_groups();
// Reads a SoundFont's headers: its preset count, or false with `error` naming what is wrong.
bool probe_soundfont(const std::string& path, int& presets, std::string& error);

}  // namespace mr::audio
