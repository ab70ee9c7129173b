// Mini-notation (Tidal's, as Strudel extends it): "bd*2 [sn cp] <hh oh>" -> a Pattern whose haps
// carry the source spans of their atoms. Built only on the public pattern API.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "pattern/pattern.hpp"

namespace mr::pattern {

// A syntax error: `offset` is the byte position in the parsed text (plus source_offset), and the
// message says what was expected there, e.g. "expected ']' to close '[' opened at 3".
struct MiniParseError : std::runtime_error {
  MiniParseError(int32_t offset, const std::string& message)
      : std::runtime_error(message), offset(offset) {}
  int32_t offset;
};

// Parses `text`; every SourceSpan is shifted by `source_offset` (the string's position in the
// buffer it came from). Throws MiniParseError.
Pattern mini(std::string_view text, int32_t source_offset = 0);

}  // namespace mr::pattern
