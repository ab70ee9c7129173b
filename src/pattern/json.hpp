// The `moonrave query` format, shared by the command and the conformance suite: one JSON object
// a line, {"whole":["0","1/2"],"part":["0","1/2"],"value":...}, sorted by part start, then whole
// start (continuous haps first), then the value's JSON, then the whole line.
#pragma once

#include <string>
#include <vector>

#include "pattern/pattern.hpp"

namespace mr::pattern {

std::string hap_json(const Hap& h);
std::vector<std::string> query_json_lines(const Pattern& pat, const Rational& from, const Rational& to);

}  // namespace mr::pattern
