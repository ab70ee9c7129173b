// `moonrave doctor`: checks everything a performance needs and says, line by line, OK or what to
// do. Nothing here may fail hard: a machine without a sound card or GPU gets a plain answer.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <RtAudio.h>
#include <RtMidi.h>
#include <alsa/asoundlib.h>
#include <SDL2/SDL.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "audio/engine.hpp"
#include "app/fonts.hpp"
#include "app/paths.hpp"
#include "mr_version.hpp"
#include "runtime/config.hpp"
#include "runtime/example_index.hpp"
#ifdef MR_HAVE_GRAPHICS
#include "app/gl_probe.hpp"
#endif

namespace mr::app {

namespace fs = std::filesystem;

namespace {

int warnings = 0;
int failures = 0;

void line(const char* status, const std::string& what, const std::string& detail) {
  if (std::string(status) == "WARN") ++warnings;
  if (std::string(status) == "FAIL") ++failures;
  std::printf("  %-4s  %-14s %s\n", status, what.c_str(), detail.c_str());
}

// ALSA prints its own complaints to stderr while devices are probed; doctor says it better.
void quiet_alsa_handler(const char*, int, const char*, int, const char*, ...) {}

// MIDI inputs (controllers, clocks), per MIDI API rtmidi has here (ALSA's sequencer, JACK).
void check_midi_inputs() {
  std::vector<RtMidi::Api> apis;
  RtMidi::getCompiledApi(apis);
  std::string found, problems;
  // rtmidi prints its errors (no sequencer, no JACK server) to stderr as well as throwing them:
  // they are said once, in the line below, so stderr is quiet meanwhile.
  std::fflush(stderr);
  const int saved_stderr = dup(2);
  const int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved_stderr >= 0 && null_fd >= 0) dup2(null_fd, 2);
  for (RtMidi::Api api : apis) {
    if (api == RtMidi::RTMIDI_DUMMY || api == RtMidi::UNSPECIFIED) continue;
    const std::string name = RtMidi::getApiName(api);
    try {
      RtMidiIn in(api, "moonrave doctor");
      const unsigned n = in.getPortCount();
      for (unsigned i = 0; i < n; ++i) found += (found.empty() ? "" : ", ") + name + ": " + in.getPortName(i);
      if (n == 0) problems += (problems.empty() ? "" : "; ") + name + ": no input ports";
    } catch (const std::exception& e) {
      problems += (problems.empty() ? "" : "; ") + name + ": " + e.what();
    }
  }
  std::cerr.flush();
  if (saved_stderr >= 0 && null_fd >= 0) dup2(saved_stderr, 2);
  if (null_fd >= 0) close(null_fd);
  if (saved_stderr >= 0) close(saved_stderr);
  if (!found.empty())
    line("OK", "midi inputs", found);
  else
    line("WARN", "midi inputs", "no MIDI input port (" + (problems.empty() ? std::string("no MIDI API") : problems) +
                                    "): connect a controller, or start JACK or the ALSA sequencer (/dev/snd/seq)");
}

// Ableton Link's discovery: UDP 20808 (shared with other peers) joined to its multicast group
// 224.76.78.75, here on the loopback interface (peers on one machine find each other there).
void check_link() {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int one = 1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(20808);
  a.sin_addr.s_addr = htonl(INADDR_ANY);
  ip_mreq group{};
  group.imr_multiaddr.s_addr = inet_addr("224.76.78.75");
  group.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
                  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &group, sizeof group) == 0;
  const int err = errno;
  if (fd >= 0) close(fd);
  if (ok)
    line("OK", "link", "Ableton Link can bind its discovery socket (UDP 20808, 224.76.78.75): --link joins peers");
  else
    line("WARN", "link", std::string("Ableton Link cannot bind its discovery socket (UDP 20808, 224.76.78.75): ") +
                             std::strerror(err) + "; --link would find no peers");
}

}  // namespace

int probe_audio_outputs(std::string& found) {
  snd_lib_error_set_handler(quiet_alsa_handler);
  std::vector<RtAudio::Api> apis;
  RtAudio::getCompiledApi(apis);
  int outputs = 0;
  for (auto api : apis) {
    if (api == RtAudio::RTAUDIO_DUMMY) continue;
    try {
      RtAudio audio(api);
      audio.showWarnings(false);
      unsigned n = audio.getDeviceCount();
      for (unsigned i = 0; i < n; ++i) {
        RtAudio::DeviceInfo info = audio.getDeviceInfo(i);
        if (!info.probed || info.outputChannels == 0) continue;
        ++outputs;
        if (found.size() < 300)
          found += (found.empty() ? "" : "; ") + RtAudio::getApiName(api) + " #" + std::to_string(i) + " " +
                   info.name + (info.isDefaultOutput ? " (default)" : "");
      }
    } catch (const std::exception&) {
      // An API whose server is not running (JACK, PulseAudio) simply has no devices.
    }
  }
  snd_lib_error_set_handler(nullptr);
  return outputs;
}

namespace {

void check_audio(const runtime::Config& config) {
  std::vector<RtAudio::Api> apis;
  RtAudio::getCompiledApi(apis);
  std::string names;
  for (auto api : apis) names += (names.empty() ? "" : ", ") + RtAudio::getApiDisplayName(api);
  line(apis.empty() ? "FAIL" : "OK", "audio APIs", names.empty() ? "none compiled into RtAudio" : names);

  std::string found;
  const int outputs = probe_audio_outputs(found);
  if (outputs > 0) {
    line("OK", "audio output", found);
  } else {
    line("WARN", "audio output",
         "no output device found: 'moonrave FILE' renders the set to a WAV file instead of "
         "opening the window ('--audio null' opens it silent) and 'moonrave render' writes WAV "
         "files. To hear sound, connect a sound card or start PulseAudio/PipeWire or JACK.");
  }
  line("OK", "audio config",
       "api=" + config.audio.api + " device=" + config.audio.device + " rate=" +
           std::to_string(config.audio.rate_hz) + " buffer=" + std::to_string(config.audio.buffer_frames));
}

void check_display() {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((!display || !*display) && (!wayland || !*wayland)) {
    line("WARN", "display",
         "no DISPLAY or WAYLAND_DISPLAY: the window cannot open here; 'moonrave FILE' renders to WAV "
         "instead, and 'moonrave shot' still works headless");
    return;
  }
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    line("WARN", "display", std::string("cannot open the display: ") + SDL_GetError());
    return;
  }
  SDL_DisplayMode mode;
  int n = SDL_GetNumVideoDisplays();
  std::string detail = std::string(SDL_GetCurrentVideoDriver()) + ", " + std::to_string(n) + " display(s)";
  if (n > 0 && SDL_GetCurrentDisplayMode(0, &mode) == 0)
    detail += ", first " + std::to_string(mode.w) + "x" + std::to_string(mode.h);
  if (n > 1) detail += " (the audience window can go on the second)";
  line("OK", "display", detail);
  SDL_Quit();
}

void check_gl() {
#ifdef MR_HAVE_GRAPHICS
  GlProbe gl = probe_gl_headless();
  if (!gl.ok) {
    line("WARN", "OpenGL", gl.error + ": visuals and 'moonrave shot' need OpenGL 3.3");
    return;
  }
  bool software = gl.renderer.find("llvmpipe") != std::string::npos ||
                  gl.renderer.find("softpipe") != std::string::npos;
  line("OK", "OpenGL", gl.version + ", " + gl.renderer);
  if (software)
    line("WARN", "GPU", "no GPU driver in use: shaders render on the CPU (fine for tests and shots, "
                        "slow for a show at full resolution; lower visuals.resolution_scale)");
#else
  line("WARN", "OpenGL", "this build has no graphics (configured with MR_BUILD_GRAPHICS=OFF)");
#endif
}

void check_fonts(const runtime::Config& config) {
  FontChoice f = find_editor_font(config.editor.font);
  if (f.path.empty())
    line("WARN", "font", "no monospaced TTF found: the editor uses ImGui's small built-in font; "
                         "install fonts-jetbrains-mono or fonts-dejavu-core");
  else
    line("OK", "font", f.family + " (" + f.path + ")");
  if (!config.editor.font.empty() && f.family != config.editor.font && f.path != config.editor.font)
    line("WARN", "font", "editor.font \"" + config.editor.font + "\" was not found; using " + f.family);
}

void check_samples(const runtime::Config& config) {
  std::vector<fs::path> paths;
  for (const auto& p : config.sample_paths) paths.push_back(expand_user(p));
  for (const auto& p : default_sample_paths()) paths.push_back(p);
  int found = 0;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) continue;
    int banks = 0;
    for (const auto& e : fs::directory_iterator(p, ec))
      if (e.is_directory()) ++banks;
    line("OK", "samples", p.string() + ": " + std::to_string(banks) + " banks");
    ++found;
  }
  if (found == 0)
    line("OK", "samples",
         "no sample folders (the built-in synths and drums play without any); to add samples, put "
         "a Dirt-Samples-style folder in " + default_sample_paths().back().string() +
             " or list folders in the config's samples = {...}");
}

void check_soundfont() {
  const std::string path = audio::find_soundfont();
  if (path.empty()) {
    line("WARN", "soundfont",
         "no General MIDI SoundFont: Strudel's gm_ sounds stay silent; scripts/setup.sh --sounds installs "
         "fluid-soundfont-gm (or set MOONRAVE_SOUNDFONT to an .sf2 file)");
    return;
  }
  int presets = 0;
  std::string error;
  if (audio::probe_soundfont(path, presets, error))
    line("OK", "soundfont", path + ": " + std::to_string(presets) + " presets for the gm_ sounds");
  else
    line("FAIL", "soundfont", error);
}

void check_files(const runtime::Config&, bool config_ok) {
  fs::path data = data_dir();
  auto examples = runtime::list_examples(data);
  line(examples.empty() ? "FAIL" : "OK", "data",
       data.string() + ": " + std::to_string(examples.size()) + " example sets");
  std::error_code ec;
  fs::create_directories(log_dir(), ec);
  fs::create_directories(autosave_dir(), ec);
  bool writable = !ec && std::ofstream(log_dir() / ".doctor").good();
  fs::remove(log_dir() / ".doctor", ec);
  line(writable ? "OK" : "FAIL", "logs", log_dir().string() + (writable ? "" : " is not writable: set XDG_STATE_HOME"));
  line(writable ? "OK" : "FAIL", "autosave", autosave_dir().string());
  (void)config_ok;
}

// SuperDirt's port, for `moonrave serve` (and TidalCycles' superdirtTarget): free, or taken (by
// SuperDirt itself, or a moonrave serve already running).
void check_superdirt_port() {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(57120);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool free = fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  const int err = errno;
  if (fd >= 0) close(fd);
  if (free)
    line("OK", "superdirt", "UDP 127.0.0.1:57120 is free for 'moonrave serve' (Tidal's superdirtTarget)");
  else
    line("WARN", "superdirt", std::string("UDP 127.0.0.1:57120 is taken (") + std::strerror(err) +
                                  "): SuperDirt or a 'moonrave serve' runs; 'moonrave serve --port N' picks another");
}

}  // namespace

int run_doctor(const ParsedArgs& args) {
  std::printf("moonrave %s doctor\n", MR_VERSION);
  fs::path cfg_path = args.has("--config") ? fs::path(*args.get("--config")) : config_file();

  if (args.has("--init")) {
    std::error_code ec;
    if (fs::exists(cfg_path, ec)) {
      std::printf("  %s already exists; leaving it as it is\n", cfg_path.c_str());
    } else {
      fs::create_directories(cfg_path.parent_path(), ec);
      std::ofstream(cfg_path) << runtime::default_config_text();
      std::printf("  wrote a default config to %s\n", cfg_path.c_str());
    }
  }

  runtime::Config config;
  std::string error;
  bool config_ok = runtime::load_config(cfg_path.string(), config, error);
  std::error_code ec;
  if (!config_ok)
    line("FAIL", "config", error);
  else if (fs::exists(cfg_path, ec))
    line("OK", "config", cfg_path.string());
  else
    line("OK", "config", "no file at " + cfg_path.string() + ": defaults (moonrave doctor --init writes one)");

  check_audio(config);
  check_display();
  check_gl();
  check_fonts(config);
  check_samples(config);
  check_soundfont();
  check_files(config, config_ok);
  check_superdirt_port();
  check_link();
  check_midi_inputs();

  std::printf("%s: %d warning(s), %d problem(s)\n", failures ? "not ready" : "ready", warnings, failures);
  return failures ? 1 : 0;
}

}  // namespace mr::app
