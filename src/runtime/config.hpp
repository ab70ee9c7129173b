// moonrave's configuration: a Lua file in the XDG config folder whose every key is documented
// here and validated at start (an unknown key or a bad value is a clear error naming it).
// Defaults work with no file at all.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mr::runtime {

struct AudioConfig {
  std::string api = "auto";      // auto | alsa | pulse | jack | null
  std::string device = "default";  // "default", a device name (substring) or a number
  int rate_hz = 48000;            // sample rate
  int buffer_frames = 256;        // device buffer size
  int channels = 2;               // 2, or 2 per orbit for multichannel output
  double latency_ms = 0.0;        // extra offset for syncing with other gear (audio and visuals)
};

struct RuntimeConfig {
  double lookahead_ms = 100.0;     // how far ahead the scheduler queries patterns
  double eval_budget_ms = 200.0;   // an evaluation running longer is stopped
  int lua_memory_mb = 512;         // Lua memory cap
  std::string quantize = "immediate";  // immediate | cycle: when a new pattern replaces a slot
  bool trust = false;              // sets get io/os/debug (only for your own files)
  std::vector<std::string> library_paths;  // extra folders `require` may load from
  double cps = 0.5;                // starting tempo, cycles per second
  bool link = false;               // the window and serve join the Ableton Link session (link_follower.hpp)
  double beats_per_cycle = 4.0;    // Link beats a cycle (Link's quantum)
};

// Outputs beside the engine (outputs.hpp): events with `midichan` (or `ccn`) go to MIDI only.
struct OutputsConfig {
  std::string osc;                      // "host:port"; empty: no OSC
  std::string osc_format = "superdirt";  // superdirt | plain
  std::string midi;                     // port name substring, "virtual", or empty: no MIDI
  bool midi_clock = false;              // MIDI clock, 24 pulses a beat, 4 beats a cycle
  bool engine = true;                   // false: only the outputs sound (e.g. SuperDirt)
};

// Inputs: what moonrave listens to besides its own code.
struct InputsConfig {
  bool superdirt = false;        // the window listens as SuperDirt does (TidalCycles plays through it)
  int superdirt_port = 57120;    // UDP port on 127.0.0.1 (0: any free one)
  int ctrl_port = 0;             // UDP port for OSC /ctrl name value, ctrl() (Tidal's is 6010); 0: none
  std::string midi;              // MIDI input ports (midi_input.hpp): a name substring, "all", or empty: none
  std::string midi_api = "auto";  // auto | alsa | jack
  bool midi_clock = false;       // the live scheduler follows the MIDI clock of those ports (cycle_follower.hpp)
};

struct EditorConfig {
  std::string font;             // a family name ("JetBrains Mono") or a .ttf path; empty: best found
  double font_size = 22.0;      // points, before display scaling
  std::string theme = "night";  // night | projector | paper
  double backdrop = 0.55;       // 0..1 opacity of the band behind each line of code
  std::map<std::string, std::string> keys;  // action -> chord, e.g. evaluate_block = "Ctrl+Return"
};

struct VisualsConfig {
  double resolution_scale = 1.0;  // visuals render at this fraction of the window's pixels
  double gpu_budget_ms = 50.0;    // a frame slower than this lowers the scale, then reverts
  std::string shader;             // a default shader file; empty: the set's own or the built-in
};

struct SuggestProviderConfig {
  std::string kind;   // llama.cpp | ollama | openai
  std::string url;    // e.g. http://127.0.0.1:8080
  std::string model;  // for ollama and openai
  double deadline_ms = 500.0;  // hard deadline (at most 1500)
};

struct SuggestConfig {
  bool enabled = true;  // the embedded provider (offline)
  std::vector<SuggestProviderConfig> providers;  // remote ones, off unless listed
};

struct Config {
  AudioConfig audio;
  RuntimeConfig runtime;
  EditorConfig editor;
  VisualsConfig visuals;
  SuggestConfig suggest;
  OutputsConfig outputs;
  InputsConfig inputs;
  std::vector<std::string> sample_paths;  // searched before SuperDirt's default folder
  std::string source;  // the file it came from, or "" for defaults
};

// Loads `path` (no file: defaults). Returns false with `error` like
// "config.lua:12: audio.rate: expected a number between 8000 and 192000, got \"fast\"".
bool load_config(const std::string& path, Config& out, std::string& error);
// Parses config text (for tests and for `doctor`).
bool parse_config(const std::string& text, const std::string& chunk_name, Config& out, std::string& error);
// A commented config file with every key at its default: written by `moonrave doctor --init`.
std::string default_config_text();

}  // namespace mr::runtime
