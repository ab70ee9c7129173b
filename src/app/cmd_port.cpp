// `moonrave port FILE.js`: prints the Lua translation of a Strudel program, a readable set that
// gives the same events (the Strudel dialect, strudel/strudel.hpp).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "strudel/strudel.hpp"

namespace mr::app {

int run_port(const ParsedArgs& args) {
  const std::string file = args.positional.at(0);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "moonrave port: cannot read %s\n", file.c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  strudel::Translation t = strudel::translate(ss.str());
  if (!t.ok) {
    std::fprintf(stderr, "moonrave port: %s:%d:%d: %s\n", file.c_str(), t.error_at.line, t.error_at.column, t.error.c_str());
    return 1;
  }
  std::cout << t.lua;
  if (!t.lua.empty() && t.lua.back() != '\n') std::cout << '\n';
  return 0;
}

}  // namespace mr::app
