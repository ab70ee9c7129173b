// Fuzzes the mini-notation parser: any input either parses or throws MiniParseError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pattern/mini.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)mr::pattern::mini(text);
  } catch (const mr::pattern::MiniParseError&) {
  }
  return 0;
}
