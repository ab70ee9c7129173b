// Reads the `-- key: value` header of each example set.
#include "runtime/example_index.hpp"

#include <algorithm>
#include <fstream>

namespace mr::runtime {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

}  // namespace

std::string ExampleSet::description() const {
  std::string d = title.empty() ? name : title;
  if (!style.empty()) d += " (" + style + ")";
  if (!about.empty()) d += ": " + about;
  return d;
}

ExampleSet read_example_header(const fs::path& lua_path) {
  ExampleSet e;
  e.name = lua_path.stem().string();
  e.lua_path = lua_path;
  std::ifstream in(lua_path);
  std::string line;
  std::string shader;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.rfind("--", 0) != 0) break;  // the header ends at the first line of code
    line = trim(line.substr(2));
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = trim(line.substr(0, colon));
    std::string value = trim(line.substr(colon + 1));
    if (key == "title") e.title = value;
    else if (key == "style") e.style = value;
    else if (key == "about") e.about = e.about.empty() ? value : e.about + " " + value;
    else if (key == "shader") shader = value;
  }
  fs::path s = shader.empty() ? fs::path(lua_path).replace_extension(".glsl") : lua_path.parent_path() / shader;
  std::error_code ec;
  if (fs::is_regular_file(s, ec)) e.shader_path = s;
  return e;
}

std::vector<ExampleSet> list_examples(const fs::path& data_dir) {
  std::vector<ExampleSet> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir / "examples", ec)) {
    if (entry.path().extension() == ".lua") out.push_back(read_example_header(entry.path()));
  }
  std::sort(out.begin(), out.end(), [](const ExampleSet& a, const ExampleSet& b) { return a.name < b.name; });
  return out;
}

}  // namespace mr::runtime
