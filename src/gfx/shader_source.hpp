// Shader source handling without GL: flavour detection, pass splitting, driver log parsing.
#pragma once

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

}  // namespace mr::gfx
