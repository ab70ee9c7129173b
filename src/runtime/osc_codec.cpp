// The OSC codec (osc_codec.hpp), on liblo.
#include "runtime/osc_codec.hpp"

#include <lo/lo.h>

#include <chrono>
#include <cmath>
#include <cstring>

namespace mr::runtime::osc {

namespace {

constexpr int kMaxDepth = 8;

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// liblo's argument union is 8-byte aligned, OSC data only 4: read through memcpy.
template <typename T>
T read_arg(const lo_arg* a) {
  T x;
  std::memcpy(&x, a, sizeof x);
  return x;
}

Arg to_arg(char type, const lo_arg* a) {
  Arg out;
  out.type = type;
  switch (type) {
    case LO_INT32: out.value = static_cast<double>(read_arg<int32_t>(a)); break;
    case LO_INT64: out.value = static_cast<double>(read_arg<int64_t>(a)); break;
    case LO_FLOAT: out.value = static_cast<double>(read_arg<float>(a)); break;
    case LO_DOUBLE: out.value = read_arg<double>(a); break;
    case LO_CHAR: out.value = static_cast<double>(static_cast<unsigned char>(read_arg<char>(a))); break;
    case LO_TRUE: out.value = 1.0; break;
    case LO_FALSE: out.value = 0.0; break;
    case LO_STRING:
    case LO_SYMBOL: out.value = std::string(reinterpret_cast<const char*>(a)); break;
    default: break;  // N I b m t: no value
  }
  return out;
}

int decode(const uint8_t* p, size_t size, TimeTag time, int depth, std::vector<Message>& out, std::string& error) {
  auto fail = [&](const std::string& why) {
    if (error.empty()) error = why;
    return 1;
  };
  if (size == 0 || size % 4 != 0) return fail("a packet of " + std::to_string(size) + " bytes (OSC wants a multiple of 4)");
  if (size >= 16 && std::memcmp(p, "#bundle", 8) == 0) {
    if (depth >= kMaxDepth) return fail("bundles nested deeper than 8");
    TimeTag t{be32(p + 8), be32(p + 12)};
    int bad = 0;
    size_t at = 16;
    while (at < size) {
      if (size - at < 4) return bad + fail("a bundle element's size is cut off");
      const uint32_t n = be32(p + at);
      at += 4;
      if (n > size - at) return bad + fail("a bundle element of " + std::to_string(n) + " bytes overruns the packet");
      bad += decode(p + at, n, t, depth + 1, out, error);
      at += n;
    }
    return bad;
  }
  if (p[0] != '/') return fail("a packet that is neither a message (/address) nor a #bundle");
  // liblo checks the address, the type tags and every argument against the size.
  std::vector<uint8_t> copy(p, p + size);
  int result = 0;
  lo_message m = lo_message_deserialise(copy.data(), copy.size(), &result);
  if (!m) return fail("a malformed message (liblo error " + std::to_string(result) + ")");
  Message msg;
  msg.path.assign(reinterpret_cast<const char*>(copy.data()), strnlen(reinterpret_cast<const char*>(copy.data()), size));
  msg.time = time;
  const int argc = lo_message_get_argc(m);
  const char* types = lo_message_get_types(m);
  lo_arg** argv = lo_message_get_argv(m);
  msg.args.reserve(static_cast<size_t>(argc));
  for (int i = 0; i < argc; ++i) msg.args.push_back(to_arg(types[i], argv[i]));
  lo_message_free(m);
  out.push_back(std::move(msg));
  return 0;
}

lo_message build(const std::vector<Arg>& args) {
  lo_message m = lo_message_new();
  for (const Arg& a : args) {
    double x = 0;
    if (a.value.is_string()) {
      lo_message_add_string(m, a.value.string().c_str());
    } else if (a.value.to_number(x)) {
      if (a.type == 'i') lo_message_add_int32(m, static_cast<int32_t>(std::lround(x)));
      else if (a.type == 'd') lo_message_add_double(m, x);
      else lo_message_add_float(m, static_cast<float>(x));
    }
  }
  return m;
}

}  // namespace

TimeTag timetag_from_unix(double unix_sec) {
  const double ntp = unix_sec + kNtpUnixOffset;
  const double whole = std::floor(ntp);
  TimeTag t;
  t.sec = static_cast<uint32_t>(whole);
  t.frac = static_cast<uint32_t>(std::min(4294967295.0, (ntp - whole) * 4294967296.0));
  return t;
}

double unix_from_timetag(TimeTag t) {
  return static_cast<double>(t.sec) - kNtpUnixOffset + static_cast<double>(t.frac) / 4294967296.0;
}

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int decode_packet(const void* data, size_t size, std::vector<Message>& out, std::string& error) {
  error.clear();
  return decode(static_cast<const uint8_t*>(data), size, TimeTag{}, 0, out, error);
}

std::vector<uint8_t> encode_message(const std::string& path, const std::vector<Arg>& args) {
  lo_message m = build(args);
  size_t size = lo_message_length(m, path.c_str());
  std::vector<uint8_t> out(size);
  lo_message_serialise(m, path.c_str(), out.data(), &size);
  lo_message_free(m);
  out.resize(size);
  return out;
}

std::vector<uint8_t> encode_bundle(TimeTag time, const std::string& path, const std::vector<Arg>& args) {
  lo_message m = build(args);
  lo_bundle b = lo_bundle_new(lo_timetag{time.sec, time.frac});
  lo_bundle_add_message(b, path.c_str(), m);
  size_t size = lo_bundle_length(b);
  std::vector<uint8_t> out(size);
  lo_bundle_serialise(b, out.data(), &size);
  lo_bundle_free_recursive(b);
  out.resize(size);
  return out;
}

}  // namespace mr::runtime::osc
