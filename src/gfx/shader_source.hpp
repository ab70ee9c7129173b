// Shader source handling without GL: flavour detection, multipass sections, the prelude of
// uniforms a shader gets, and driver log parsing. Everything here is unit-tested without a GPU.
//
// Multipass syntax (one file, Shadertoy's passes as sections):
//
//   //! common                          shared code, prepended to every pass
//   //! buffer A  iChannel0=A iChannel1=audio
//   void mainImage(out vec4 o, in vec2 p) { ... }   // renders into buffer A (RGBA32F)
//   //! image     iChannel0=A
//   void mainImage(out vec4 o, in vec2 p) { ... }   // what the audience sees
//
// A section runs from its `//!` line to the next one. In a file with no marker the whole text
// is the image pass; otherwise text before the first marker is shared by every pass, like
// common (the flavour line, #defines). Buffers A..D render in that
// order, then the image. Channel sources: `audio` (Shadertoy's 512x2 audio texture), `A`..`D`
// (a buffer: this frame's if it already rendered, else its previous frame, so a buffer reading
// itself gets feedback), `previous` (this pass's own previous frame), `noise`, `checker`,
// `none`. Unbound channels: iChannel0 = audio, the others black. Every pass can also read
// `uBufferA..uBufferD` and `texPreviousFrame` (its own previous frame) without declaring them.
#pragma once

#include <array>
#include <set>
#include <string>
#include <vector>

namespace mr::gfx {

enum class Flavour { Native, Shadertoy, Bonzomatic };

const char* flavour_name(Flavour f);

// Detects the flavour: a first-line comment `// moonrave: shadertoy|bonzomatic|native` wins,
// otherwise `mainImage` means Shadertoy and `fGlobalTime`/`out_color` mean Bonzomatic.
Flavour detect_flavour(const std::string& source);

struct ShaderError {
  int line = 0;    // 1-based, in the user's source (0 = unknown)
  int column = 0;  // 0 = unknown
  std::string message;
};

// Parses a GLSL info log in the Mesa (`0:3(2): error: msg`) or NVIDIA (`0(3) : error C0000: msg`)
// format. `prelude_lines` lines injected before the user's text are subtracted.
std::vector<ShaderError> parse_info_log(const std::string& log, int prelude_lines);

// Where an iChannel of a pass reads from.
enum class Channel { None, Audio, BufferA, BufferB, BufferC, BufferD, Previous, Noise, Checker };

// One section of a shader file.
struct PassSource {
  int buffer = -1;           // 0..3 for buffers A..D, -1 for the image pass
  std::string text;          // the section's text (without its marker line)
  int first_line = 1;        // the file's 1-based line number of text's first line
  std::array<Channel, 4> channels{Channel::Audio, Channel::None, Channel::None, Channel::None};
};

struct SplitSource {
  std::string preamble;      // text before the first marker (file line 1 on), when there are markers
  std::string common;        // the `//! common` section, empty when none
  int common_line = 1;
  std::vector<PassSource> buffers;  // in render order A..D (only those declared)
  PassSource image;
  std::vector<ShaderError> errors;  // bad markers (unknown buffer, channel or source)
  int glsl_version = 330;           // the highest `#version` found (those lines become comments)
};

// Splits a shader file into its passes (see the syntax above).
SplitSource split_passes(const std::string& source);

// Names declared `uniform` at global scope in `source` (comments ignored), so the prelude does
// not declare them twice: a Bonzomatic file declares its own `uniform float fGlobalTime;`.
std::set<std::string> declared_uniforms(const std::string& source);

// The complete fragment shader for one pass: a `#version` line (the user's when newer than
// 330), the uniform prelude minus what the user declares, the common code and the pass, each
// behind a `#line` directive so the driver reports the file's own line numbers, and for
// Shadertoy a main() that calls mainImage().
std::string compose_fragment(Flavour flavour, const SplitSource& split, const PassSource& pass);

// The uniforms every pass may use, as GLSL declarations with unit and range (for docs and tests).
const char* uniform_reference();

}  // namespace mr::gfx
