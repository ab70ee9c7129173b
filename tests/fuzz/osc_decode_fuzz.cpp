// libFuzzer target: any bytes as a UDP packet for the SuperDirt server's decoder (the OSC codec,
// nested bundles included) and the /dirt/play pairs of whatever it decoded. Must never crash,
// hang or read out of bounds; malformed input is counted and named, never thrown.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/dirt_server.hpp"
#include "runtime/osc_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<mr::runtime::osc::Message> out;
  std::string error;
  const int bad = mr::runtime::osc::decode_packet(data, size, out, error);
  if (bad > 0 && error.empty()) __builtin_trap();  // a malformed part is always named
  for (const mr::runtime::osc::Message& m : out) {
    mr::runtime::DirtPlay play;
    if (!mr::runtime::dirt_play(m, play, error) && error.empty()) __builtin_trap();
  }
  return 0;
}
