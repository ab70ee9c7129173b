// `moonrave examples`: one line a set, tab-separated: name, Lua file, shader file, description.
#include <cstdio>

#include "app/commands.hpp"
#include "app/paths.hpp"
#include "runtime/example_index.hpp"

namespace mr::app {

int run_examples(const ParsedArgs&) {
  auto sets = runtime::list_examples(data_dir());
  if (sets.empty()) {
    std::fprintf(stderr, "moonrave examples: no example sets found in %s\n", (data_dir() / "examples").c_str());
    return 1;
  }
  for (const auto& e : sets) {
    std::printf("%s\t%s\t%s\t%s\n", e.name.c_str(), e.lua_path.c_str(), e.shader_path.c_str(),
                e.description().c_str());
  }
  return 0;
}

}  // namespace mr::app
