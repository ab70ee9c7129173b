// Mini-notation (Tidal's, as Strudel extends it): "bd*2 [sn cp] <hh oh>" -> a Pattern whose haps
// carry the source spans of their atoms. Built only on the public pattern API.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "pattern/pattern.hpp"

namespace mr::pattern {

// A syntax error: `offset` is the byte position in the parsed text (plus source_offset), and the
// message says what was expected there. Some name a second place, `related` (the bracket that
// was opened, say): what() gives it as a column of the pattern string ("expected ']' to close
// '[' at column 4 but found the end of the pattern"); a caller that knows the buffer says it
// its own way with message_at ("... '[' at 3:12 but ...").
struct MiniParseError : std::runtime_error {
  MiniParseError(int32_t offset, const std::string& message)
      : std::runtime_error(message), offset(offset), head(message) {}
  // head + " at " + <where related is> + tail; string_start is where the string begins
  // (source_offset), for what()'s column.
  MiniParseError(int32_t offset, std::string head_, int32_t related_, int32_t string_start, std::string tail_)
      : std::runtime_error(head_ + " at column " + std::to_string(related_ - string_start + 1) + tail_),
        offset(offset), related(related_), head(std::move(head_)), tail(std::move(tail_)) {}
  std::string message_at(const std::string& where) const { return related < 0 ? head : head + " at " + where + tail; }
  int32_t offset;
  int32_t related = -1;
  std::string head, tail;
};

// Parses `text`; every SourceSpan is shifted by `source_offset` (the string's position in the
// buffer it came from). Throws MiniParseError.
Pattern mini(std::string_view text, int32_t source_offset = 0);

}  // namespace mr::pattern
