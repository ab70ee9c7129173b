#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace mr::runtime {

// Where a pattern's code came from: the buffer's name and the revision of its text when it was
// evaluated. The mini-notation spans of its haps are byte offsets into that revision; the editor
// maps them through the edits made since (ui/text_buffer.hpp, TextBuffer::map_range), so a mark
// stays on its atom while the performer types above it.
struct SourceRef {
  std::string buffer = "scratch";
  uint64_t revision = 0;  // the text's version (TextBuffer::version()); 0 where none is known

  SourceRef() = default;
  SourceRef(std::string b, uint64_t r = 0) : buffer(std::move(b)), revision(r) {}  // NOLINT: a name is a source
  SourceRef(const char* b) : buffer(b) {}                                          // NOLINT
};

}  // namespace mr::runtime
