// The one OSC codec of moonrave, over liblo's message (de)serialisation: NTP time tags to and from
// Unix seconds, a packet (a message or a bundle, nested) decoded into messages with the time tag
// of the bundle each came in, and messages encoded for sending. Used by the OSC output
// (outputs.cpp) and by the SuperDirt server (dirt_server.cpp). No liblo type appears here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pattern/value.hpp"

namespace mr::runtime::osc {

// Seconds from the NTP epoch (1900) to the Unix epoch (1970).
constexpr double kNtpUnixOffset = 2208988800.0;

// A 64-bit OSC time tag (32.32 fixed point seconds since 1900); 1 means "immediately".
struct TimeTag {
  uint32_t sec = 0;
  uint32_t frac = 1;
  bool immediate() const { return sec == 0 && frac == 1; }
};
TimeTag timetag_from_unix(double unix_sec);
double unix_from_timetag(TimeTag t);
double unix_now();  // the system clock (what OSC time tags are in), Unix seconds

// One argument as it came: its OSC type letter and its value. Numbers (i h f d c, T=1 F=0) are
// numbers, strings and symbols (s S) strings; nil, infinitum, blobs, MIDI and time tags are nil
// values (kept with their type so a caller can name what it did not take).
struct Arg {
  char type = 'N';
  pattern::Value value;
};

struct Message {
  std::string path;
  std::vector<Arg> args;
  TimeTag time;  // the enclosing bundle's time tag; immediate for a bare message
};

// Decodes one packet, appending its messages to `out` in order. Returns the number of malformed
// parts (a truncated bundle element, a message liblo rejects, bundles nested deeper than 8, a
// packet that is neither); `error` names the first. Never reads past `size`.
int decode_packet(const void* data, size_t size, std::vector<Message>& out, std::string& error);

// Encodes a message. Arg types written: 'i' (int32), 'f', 'd', 's'; a string value is always 's',
// a number is written as `type` says ('i' rounds, default 'f').
std::vector<uint8_t> encode_message(const std::string& path, const std::vector<Arg>& args);
// A bundle of one message at `time`.
std::vector<uint8_t> encode_bundle(TimeTag time, const std::string& path, const std::vector<Arg>& args);

}  // namespace mr::runtime::osc
