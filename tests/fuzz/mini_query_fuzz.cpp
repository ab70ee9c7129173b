// Fuzzes parsing and querying: what parses is queried over a few spans (per cycle, across cycle
// boundaries, zero-width); only the documented errors may escape (syntax, overflow, bad numbers).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "pattern/mini.hpp"

using namespace mr::pattern;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    Pattern p = mini(text);
    size_t n = 0;
    n += p.query_arc(Rational(0), Rational(1)).size();
    n += p.query_arc(Rational(1, 3), Rational(7, 3)).size();
    n += p.query_arc(Rational(5, 2), Rational(5, 2)).size();
    n += p.query_arc(Rational(-3, 2), Rational(-1, 2)).size();
    if (n > (1u << 30)) __builtin_trap();
  } catch (const MiniParseError&) {
  } catch (const RationalOverflow&) {
  } catch (const std::domain_error&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
