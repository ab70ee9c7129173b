// gfx public API: the visuals drawn behind the editor and by `moonrave shot`.
// A Visuals object is created with a current OpenGL 3.3 core context; it initialises GLEW itself.
// gfx knows nothing of the audio engine: callers copy the analysis into AudioFeatures.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gfx/shader_source.hpp"

namespace mr::gfx {

// Audio analysis as the visuals see it (the app copies the engine's analysis into this).
struct AudioFeatures {
  int64_t frame = 0;
  std::array<float, 512> fft{};             // linear magnitudes, 0..1 roughly
  std::array<float, 512> fft_smoothed{};
  std::array<float, 512> fft_integrated{};
  std::array<float, 512> waveform{};        // -1..1
  std::array<float, 8> orbit_rms{};
  std::array<float, 8> orbit_peak{};
  float master_rms = 0.0f;
  float master_peak = 0.0f;
};

// Per-frame timing and clock state supplied by the caller.
struct FrameInfo {
  double time = 0.0;        // seconds since start (iTime / fGlobalTime)
  double delta = 1.0 / 60;  // seconds since previous frame
  int64_t frame = 0;        // frame counter (iFrame)
  double cycle = 0.0;       // pattern cycle position (cycles since start)
  double cps = 0.5;         // cycles per second
  int beats_per_cycle = 4;
  float mouse[4] = {0, 0, 0, 0};  // iMouse (pixels)
};

struct CompileResult {
  bool ok = false;
  Flavour flavour = Flavour::Native;
  std::vector<ShaderError> errors;  // lines are in the user's source
};

class Visuals {
 public:
  Visuals();  // needs a current GL 3.3 core context
  ~Visuals();
  Visuals(const Visuals&) = delete;
  Visuals& operator=(const Visuals&) = delete;

  // Compiles and (on success) replaces the running program after an off-screen warm-up frame.
  // On failure the previous good program keeps running.
  CompileResult set_shader(const std::string& source, const std::string& name);

  void set_audio(const AudioFeatures& features);
  void set_uniform(const std::string& name, float value);
  void set_uniform(const std::string& name, float x, float y);
  void set_uniform(const std::string& name, float x, float y, float z);
  void set_uniform(const std::string& name, float x, float y, float z, float w);

  // Post effects by name: "feedback", "glow", "chromatic", "kaleido", "pixelate"; amount 0 = off.
  void set_post(const std::string& effect, float amount);

  // Resolution scale of the visuals (0.25..1); the watchdog may lower it.
  void set_scale(float scale);
  float scale() const;

  // Renders into the currently bound framebuffer, viewport width x height.
  void render(const FrameInfo& frame, int width, int height);

  // Fades the output to black over `seconds` (panic key); fade_to_black(0) clears the fade.
  void fade_to_black(double seconds);

  // Non-empty after the watchdog acted (lowered the scale or reverted the shader): why.
  std::string take_watchdog_message();

  // Reads back the current framebuffer (bottom row first flipped to top row first), RGBA8.
  bool read_pixels(std::vector<uint8_t>& rgba, int width, int height);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mr::gfx
