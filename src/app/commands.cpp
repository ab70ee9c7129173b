// The table of subcommands: names, synopses, options and help text.
#include "app/commands.hpp"

namespace mr::app {

const CommandSpec& window_spec() {
  static const CommandSpec spec{
      "",
      "[FILE.lua] [--shader FILE.glsl] [--trust] [--audio API] [--device D] [--fullscreen] [--audience] [--link]",
      "Open the performance window: the code editor over the live visuals.",
      "FILE is a Lua set (default: the welcome example). Without a display it says so and renders\n"
      "the set to a WAV file instead; without an audio device it plays to the null device.",
      {{"--shader", "FILE", "the visuals' shader (default: the set's own FILE.glsl, else a built-in)"},
       {"--trust", "", "give the set io, os and debug (only for your own files)"},
       {"--audio", "API", "auto, alsa, pulse, jack or null (overrides the config)"},
       {"--device", "D", "audio device name or number (see 'moonrave doctor')"},
       {"--fullscreen", "", "start fullscreen"},
       {"--audience", "", "also open the audience window (visuals and code only)"},
       {"--link", "", "join the Ableton Link session: the cycle follows its tempo and phase (link() in code too)"},
       {"--beats-per-cycle", "N", "Link beats a cycle, Link's quantum (default: runtime.beats_per_cycle, 4)"},
       {"--config", "FILE", "use this config file instead of the default one"},
       {"--theme", "NAME", "night, projector or paper (overrides the config)"},
       {"--size", "WxH", "the window's size (default 1280x720)"},
       {"--no-suggest", "", "no suggestion pane"},
       {"--eval-on-start", "", "evaluate the whole set once the window is up"},
       {"--script", "FILE", "for tests: one step a line: text S, key CHORD, wait N, sleep MS, settle, shot PNG, shot-audience PNG, report F, crash, quit"},
       {"--screenshot", "PNG", "for tests: save the window's pixels after --frames frames, then quit"},
       {"--frames", "N", "for tests: frames to draw before --screenshot (default 30)"},
       {"--report", "FILE", "for tests: write the editor's state at exit"}},
      0,
      1};
  return spec;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {{"render",
        "FILE.lua (--seconds S | --cycles N) --out OUT.wav [--rate HZ] [--seed N]",
        "Render a set offline to a WAV file: deterministic, faster than real time.",
        "The same input and seed always give the same bytes. A progress bar is drawn when stderr\n"
        "is a terminal.",
        {{"--seconds", "S", "length in seconds"},
         {"--cycles", "N", "length in cycles (at the set's tempo)"},
         {"--out", "OUT.wav", "the file to write"},
         {"--rate", "HZ", "sample rate (default 48000)"},
         {"--seed", "N", "seed for the patterns' randomness (default 0)"},
         {"--trust", "", "give the set io, os and debug"},
         {"--config", "FILE", "use this config file"}},
        1,
        1},
       run_render},
      {{"query",
        "'LUA EXPRESSION' | --file SET [--from A] [--to B]",
        "Print a pattern's events, or everything a set plays, one JSON object a line.",
        "Each line is {\"whole\":[\"0\",\"1/2\"],\"part\":[\"0\",\"1/2\"],\"value\":...}: times are exact\n"
        "fractions, whole is null for continuous signals, a value is a string or number for a bare\n"
        "pattern and an object for controls. Sorted by part start, whole start, then value.\n"
        "Example: moonrave query 's(\"bd*2 [sn cp]\")' --to 2",
        {{"--from", "A", "start of the span in cycles, a fraction or decimal (default 0)"},
         {"--to", "B", "end of the span in cycles (default 1)"},
         {"--file", "SET", "evaluate a whole set (FILE.lua, or a Strudel program: .js, .strudel, or a first line '// strudel') and print all its slots stacked"},
         {"--config", "FILE", "use this config file"}},
        0,
        1},
       run_query},
      {{"port",
        "FILE.js",
        "Print the Lua translation of a Strudel program.",
        "The Lua is a readable set that gives the same events: mini-notation strings stay strings,\n"
        "labels become :p(\"name\"), the last expression is returned (it plays when nothing else\n"
        "has a slot). Errors name the JavaScript's line and column.",
        {},
        1,
        1},
       run_port},
      {{"shot",
        "FILE.glsl|FILE.lua [--time T] [--size WxH] --out OUT.png [--frames N --fps F --out DIR/]",
        "Render the visuals headless: one frame to a PNG, or a numbered image sequence.",
        "Works without a display or GPU (Mesa's software renderer). For a .lua set, its shader\n"
        "(FILE.glsl beside it) is rendered.",
        {{"--time", "T", "time in seconds of the (first) frame (default 0)"},
         {"--size", "WxH", "image size (default 1280x720)"},
         {"--out", "PATH", "the PNG to write, or a folder with --frames"},
         {"--frames", "N", "render N frames to PATH/frame_00000.png ..."},
         {"--fps", "F", "frames per second for --frames (default 30)"},
         {"--audio", "", "with --frames: also render the set's audio to PATH/audio.wav"}},
        1,
        1},
       run_shot},
      {{"replay",
        "LOG --out OUT.wav [--rate HZ]",
        "Re-render a recorded performance log to a WAV file.",
        "A log is plain text: each evaluation starts with '--@ cycle=<fraction> buffer=<name>' and\n"
        "the lines after it are the code; replay evaluates each block at its cycle, as live.",
        {{"--out", "OUT.wav", "the file to write"},
         {"--rate", "HZ", "sample rate (default 48000)"},
         {"--tail", "S", "seconds to keep rendering after the last evaluation (default 8)"}},
        1,
        1},
       run_replay},
      {{"examples",
        "",
        "List the example sets: name, Lua file, shader file and description, tab-separated.",
        "",
        {},
        0,
        0},
       run_examples},
      {{"reference",
        "[WORD] [--markdown [--out FILE]]",
        "Search the reference of every Lua function and control, or print it as Markdown.",
        "Generated from the code's own documentation: the pattern registry, the performance functions\n"
        "and the doc comments of the Lua library in patterns/. docs/reference.md is the --markdown output.",
        {{"--markdown", "", "print the whole reference as Markdown (docs/reference.md)"},
         {"--out", "FILE", "with --markdown: write to FILE instead of stdout"},
         {"--examples", "", "for tests: every example, one a line: expr|stmt, name, code"}},
        0,
        1},
       run_reference},
      {{"doctor",
        "[--init]",
        "Check the audio devices, GL, fonts, sample folders, config and log paths.",
        "Each line says OK or what to do. The first thing to run when something is wrong.",
        {{"--init", "", "write a commented default config file if there is none"},
         {"--config", "FILE", "check this config file instead of the default one"}},
        0,
        0},
       run_doctor},
      {{"serve",
        "[--listen ADDR:PORT | --port N] [--audio API] [--record OUT.wav] [--seconds S] [--status] [--link]",
        "Be SuperDirt: play what TidalCycles or Strudel's .osc() send, headless, through the engine.",
        "Listens on UDP 127.0.0.1:57120 for SuperDirt's protocol: /dirt/play (time-tagged bundles are\n"
        "played at the engine frame of their time, bare messages at once), /dirt/handshake (answered\n"
        "with /dirt/handshake/reply, so Tidal connects) and /dirt/hello. 12 orbits; SuperDirt's synth\n"
        "names are mapped onto the built-in instruments ('moonrave reference superdirt'); samples come\n"
        "from the configured sample paths and SuperDirt's Dirt-Samples folders. Malformed packets,\n"
        "unknown addresses and bad values are counted and reported, never played. Then start Tidal as\n"
        "for SuperDirt (tidal <- startTidal superdirtTarget defaultConfig) and play: d1 $ s \"bd*4\"",
        {{"--listen", "ADDR:PORT", "the address to listen on (0.0.0.0:57120 opens it to the network)"},
         {"--port", "N", "the UDP port on 127.0.0.1 (default 57120; 0 picks a free one)"},
         {"--audio", "API", "auto, alsa, pulse, jack or null (overrides the config)"},
         {"--device", "D", "audio device name or number (see 'moonrave doctor')"},
         {"--buffer", "FRAMES", "the device's buffer (default: the config's audio.buffer_frames)"},
         {"--record", "OUT.wav", "record the engine's real output (after the limiter) to a float WAV"},
         {"--seconds", "S", "stop after S seconds (default: run until Ctrl+C)"},
         {"--status", "", "one line a second on stdout: time=<unix s> cycle=<c> cps=<cps> peers=<n> and the counters"},
         {"--cps", "CPS", "the status clock's tempo until a message brings one (default: runtime.cps)"},
         {"--link", "", "join the Ableton Link session: the status clock is the session's (tempo, phase, peers)"},
         {"--beats-per-cycle", "N", "Link beats a cycle, Link's quantum (default: runtime.beats_per_cycle, 4)"},
         {"--latency", "MS", "added to every time tag (default: the config's audio.latency_ms)"},
         {"--config", "FILE", "use this config file"}},
        0,
        0},
       run_serve},
      {{"suggest-eval",
        "DIR [--train DIR] [--verbose]",
        "Measure the suggestion model on held-out pattern files (accuracy, keys saved, latency).",
        "Replays every .lua file under DIR keystroke by keystroke. The model is trained on patterns/\n"
        "and examples/ (and --train DIR), never on DIR. The last line is\n"
        "'suggest-eval: files=N top1=X% top3=Y% saved=Z% p50_ms=A p99_ms=B'.",
        {{"--train", "DIR", "also train on the .lua files in DIR"},
         {"--verbose", "", "one line per file"}},
        1,
        1},
       run_suggest_eval},
  };
  return table;
}

}  // namespace mr::app
