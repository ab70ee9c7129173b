// The example sets shipped in examples/: each NAME.lua with NAME.glsl beside it and a header of
// `-- key: value` comment lines (title, style, about, shader) at the top of the Lua file. Read by
// `moonrave examples`, the doctor and the stage's examples browser.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mr::runtime {

struct ExampleSet {
  std::string name;                   // file stem, e.g. "techno"
  std::filesystem::path lua_path;
  std::filesystem::path shader_path;  // empty when the set has none
  std::string title;
  std::string style;
  std::string about;
  std::string description() const;  // "Title (style): about"
};

// Every example under dir/examples, sorted by name.
std::vector<ExampleSet> list_examples(const std::filesystem::path& data_dir);
// The header of one Lua file (fields not present stay empty).
ExampleSet read_example_header(const std::filesystem::path& lua_path);

}  // namespace mr::runtime
