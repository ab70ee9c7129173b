// The layers, checked: every #include under src/ (read by a small lexer, so includes in comments
// and string literals do not count; followed through the project's own headers) against the
// rules in kRules. A violation is named with file:line and, when it comes through a header, the
// chain that brings it in.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Include {
  std::string target;  // as written, without the brackets or quotes
  bool angled = false;
  int line = 0;
};

// The #include directives of `text`, skipping comments, string and character literals and raw
// strings (a shader or Lua text held in a raw string may contain anything).
std::vector<Include> parse_includes(const std::string& text) {
  std::vector<Include> out;
  int line = 1;
  bool at_line_start = true;  // only whitespace seen since the last newline
  size_t i = 0;
  const size_t n = text.size();
  auto newline = [&] {
    ++line;
    at_line_start = true;
  };
  while (i < n) {
    const char c = text[i];
    if (c == '\n') {
      newline();
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      i += 2;
      while (i + 1 < n && !(text[i] == '*' && text[i + 1] == '/')) {
        if (text[i] == '\n') ++line;
        ++i;
      }
      i += 2;
      at_line_start = false;
      continue;
    }
    if (c == '#' && at_line_start) {
      size_t j = i + 1;
      while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (text.compare(j, 7, "include") == 0) {
        j += 7;
        while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j < n && (text[j] == '<' || text[j] == '"')) {
          const char close = text[j] == '<' ? '>' : '"';
          const size_t end = text.find(close, j + 1);
          if (end != std::string::npos && text.find('\n', j) > end)
            out.push_back({text.substr(j + 1, end - j - 1), close == '>', line});
        }
      }
      while (i < n && text[i] != '\n') ++i;  // a directive ends at the line's end
      continue;
    }
    at_line_start = false;
    if (c == 'R' && i + 1 < n && text[i + 1] == '"') {
      const size_t open = text.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
      const size_t end = text.find(close, open + 1);
      const size_t stop = end == std::string::npos ? n : end + close.size();
      line += static_cast<int>(std::count(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(stop), '\n'));
      i = stop;
      continue;
    }
    if (c == '"' || c == '\'') {
      ++i;
      while (i < n && text[i] != c && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
      ++i;
      continue;
    }
    ++i;
  }
  return out;
}

// What one folder of src/ may include. `allowed_modules`: project folders it may reach with a
// quoted "module/x.hpp" include (its own is always allowed). External headers: `std_only` allows
// the C++ standard library and the compiler's intrinsics and nothing else; otherwise anything
// but the families in `forbidden` (unless a file name matches `exempt`, see lua_allowed).
struct Rule {
  std::string module;
  std::set<std::string> allowed_modules;
  bool std_only = false;
  std::set<std::string> forbidden;            // families: lua, gl, imgui, sdl
  std::set<std::string> extra_external = {};  // std_only modules: named libraries allowed besides std
};

// Families of external headers by the include as written.
std::string family_of(const std::string& header) {
  auto starts = [&](const char* p) { return header.rfind(p, 0) == 0; };
  if (header == "lua.h" || header == "lua.hpp" || header == "lauxlib.h" || header == "lualib.h" || header == "luaconf.h")
    return "lua";
  if (starts("GL/") || starts("EGL/") || starts("GLES") || starts("glad/") || header == "GL.h") return "gl";
  if (starts("imgui") || starts("backends/imgui") || header == "imgui.h") return "imgui";
  if (starts("SDL2/") || starts("SDL")) return "sdl";
  return "";
}

const std::set<std::string>& std_headers() {
  static const std::set<std::string> k = {
      // C++ library headers (C++20)
      "algorithm", "any", "array", "atomic", "barrier", "bit", "bitset", "charconv", "chrono", "codecvt",
      "compare", "complex", "concepts", "condition_variable", "coroutine", "deque", "exception",
      "execution", "expected", "filesystem", "format", "forward_list", "fstream", "functional", "future",
      "initializer_list", "iomanip", "ios", "iosfwd", "iostream", "istream", "iterator", "latch",
      "limits", "list", "locale", "map", "memory", "memory_resource", "mutex", "new", "numbers",
      "numeric", "optional", "ostream", "queue", "random", "ranges", "ratio", "regex",
      "scoped_allocator", "semaphore", "set", "shared_mutex", "source_location", "span", "sstream",
      "stack", "stdexcept", "stop_token", "streambuf", "string", "string_view", "syncstream",
      "system_error", "thread", "tuple", "type_traits", "typeindex", "typeinfo", "unordered_map",
      "unordered_set", "utility", "valarray", "variant", "vector", "version",
      // C compatibility headers
      "cassert", "cctype", "cerrno", "cfenv", "cfloat", "cinttypes", "climits", "clocale", "cmath",
      "csetjmp", "csignal", "cstdarg", "cstddef", "cstdint", "cstdio", "cstdlib", "cstring", "ctime",
      "cuchar", "cwchar", "cwctype",
      // the compiler's vector intrinsics (part of the compiler, not a library)
      "xmmintrin.h", "emmintrin.h", "pmmintrin.h", "immintrin.h", "arm_neon.h"};
  return k;
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> k = {
      {"base", {}, true, {}},
      {"dsp", {"base"}, true, {}},
      {"pattern", {"base"}, true, {}},
      {"strudel", {"base", "pattern"}, true, {}},
      {"suggest", {"base"}, true, {}, {"curl/curl.h", "nlohmann/json.hpp"}},
      {"audio", {"base", "dsp"}, false, {"lua", "gl", "imgui", "sdl"}},
      {"gfx", {"base"}, false, {"lua", "imgui"}},
      {"runtime", {"base", "dsp", "pattern", "strudel", "audio"}, false, {"lua", "gl", "imgui", "sdl"}},
      {"ui", {"base", "dsp", "pattern", "strudel", "audio", "gfx", "runtime", "suggest"}, false, {"lua"}},
      {"app", {"base", "dsp", "pattern", "strudel", "audio", "gfx", "runtime", "suggest", "ui"}, false, {"lua"}},
  };
  return k;
}

// Lua's headers belong to the runtime's binding and host files only: runtime/bind_*, runtime/lua_*.
bool lua_allowed(const std::string& rel) {
  return rel.rfind("runtime/bind_", 0) == 0 || rel.rfind("runtime/lua_", 0) == 0;
}

struct Tree {
  fs::path root;                                       // the src/ folder
  std::map<std::string, std::vector<Include>> files;   // path relative to root -> its includes
};

Tree read_tree(const fs::path& root) {
  Tree t{root, {}};
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const std::string ext = e.path().extension().string();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".h" && ext != ".inc" && ext != ".in") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    t.files[fs::relative(e.path(), root).generic_string()] = parse_includes(ss.str());
  }
  return t;
}

std::string module_of(const std::string& rel) { return rel.substr(0, rel.find('/')); }

// The project file a quoted include names ("module/x.hpp" from src/, or beside the includer), or "".
std::string resolve(const Tree& t, const std::string& from, const Include& inc) {
  if (inc.angled) return "";
  if (t.files.count(inc.target)) return inc.target;
  const std::string dir = from.substr(0, from.rfind('/') + 1);
  const std::string beside = fs::path(dir + inc.target).lexically_normal().generic_string();
  if (t.files.count(beside)) return beside;
  return "";
}

// Every external header a file reaches, each with the chain of project headers that brings it in
// (the first found, breadth first).
struct Link {
  std::string rel;  // a project header on the way
  int line = 0;     // where it includes the next one (or the external header)
};
struct Reached {
  std::string header;
  int first_line = 0;       // the line in the checked file where the chain starts
  std::vector<Link> chain;  // empty when the file includes the header itself
};

std::vector<Reached> reach(const Tree& t, const std::string& file) {
  std::vector<Reached> out;
  std::set<std::string> seen_headers;
  std::set<std::string> visited{file};
  struct Item {
    std::string rel;
    int first_line;
    std::vector<Link> chain;
  };
  std::vector<Item> queue{{file, 0, {}}};
  for (size_t q = 0; q < queue.size(); ++q) {
    const Item item = queue[q];
    for (const Include& inc : t.files.at(item.rel)) {
      const int first = item.first_line ? item.first_line : inc.line;
      std::vector<Link> here = item.chain;
      if (item.rel != file) here.push_back({item.rel, inc.line});
      const std::string target = resolve(t, item.rel, inc);
      if (!target.empty()) {
        if (visited.insert(target).second) queue.push_back({target, first, here});
        continue;
      }
      if (inc.angled && seen_headers.insert(inc.target).second) out.push_back({inc.target, first, here});
    }
  }
  return out;
}

const Rule* rule_of(const std::string& rel) {
  for (const Rule& r : rules())
    if (r.module == module_of(rel)) return &r;
  return nullptr;
}

// Why `rel` may not reach the external `header`, or "" when it may.
std::string forbidden_reason(const std::string& rel, const std::string& header) {
  const Rule* r = rule_of(rel);
  if (!r) return "";
  const std::string fam = family_of(header);
  if (fam == "lua" && !lua_allowed(rel)) return "Lua's headers belong only in runtime/bind_* and runtime/lua_*";
  if (r->std_only && !std_headers().count(header) && !r->extra_external.count(header))
    return r->module + " includes only the standard library";
  if (!fam.empty() && fam != "lua" && r->forbidden.count(fam)) return r->module + " never sees " + fam;
  return "";
}

std::vector<std::string> check(const Tree& t) {
  std::vector<std::string> bad;
  for (const auto& [rel, includes] : t.files) {
    const std::string mod = module_of(rel);
    const Rule* r = rule_of(rel);
    if (!r) {
      bad.push_back("src/" + rel + ": folder '" + mod + "' has no layer rule (add one to rules() in tests/layers/layers_test.cpp)");
      continue;
    }
    // Project includes: only downward, to the folders the rule names.
    for (const Include& inc : includes) {
      if (inc.angled) continue;
      const std::string target = resolve(t, rel, inc);
      if (target.empty()) {
        // A generated header (mr_version.hpp) lives in the build folder; anything else must exist.
        if (inc.target.find('/') != std::string::npos)
          bad.push_back("src/" + rel + ":" + std::to_string(inc.line) + ": includes \"" + inc.target + "\", which is not in src/");
        continue;
      }
      const std::string to = module_of(target);
      if (to != mod && !r->allowed_modules.count(to))
        bad.push_back("src/" + rel + ":" + std::to_string(inc.line) + ": " + mod + " may not include " + to + " (\"" + inc.target + "\")");
    }
    // External headers, direct and through the project's headers. A header that is itself wrong to
    // include it is reported there, not again in every file that includes it.
    for (const Reached& h : reach(t, rel)) {
      const std::string why = forbidden_reason(rel, h.header);
      if (why.empty()) continue;
      bool reported_deeper = false;
      for (const Link& l : h.chain) reported_deeper = reported_deeper || !forbidden_reason(l.rel, h.header).empty();
      if (reported_deeper) continue;
      std::string msg = "src/" + rel + ":" + std::to_string(h.first_line) + ": <" + h.header + ">";
      for (size_t k = 0; k < h.chain.size(); ++k)
        msg += (k ? " -> " : " through ") + h.chain[k].rel + ":" + std::to_string(h.chain[k].line);
      bad.push_back(msg + ": " + why);
    }
  }
  return bad;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

// A small tree on disk, removed at the end.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("mr_layers_" + std::to_string(std::random_device{}()));
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

}  // namespace

TEST_CASE("layers: the lexer sees directives, not comments or literals") {
  const auto inc = parse_includes(
      "#include <vector>\n"
      "  #  include \"pattern/hap.hpp\"\n"
      "// #include <lua.h>\n"
      "/* #include <imgui.h>\n"
      "   #include <SDL2/SDL.h> */\n"
      "const char* s = R\"glsl(\n#include <GL/gl.h>\n)glsl\";\n"
      "const char* t = \"#include <lua.h>\";\n"
      "#if X\n#include <GL/glew.h>\n#endif\n");
  REQUIRE(inc.size() == 3);
  CHECK(inc[0].target == "vector");
  CHECK(inc[0].angled);
  CHECK(inc[0].line == 1);
  CHECK(inc[1].target == "pattern/hap.hpp");
  CHECK_FALSE(inc[1].angled);
  CHECK(inc[1].line == 2);
  CHECK(inc[2].target == "GL/glew.h");  // a conditional include still counts
  CHECK(inc[2].line == 11);
}

TEST_CASE("layers: each kind of violation is found and named with file:line") {
  Scratch s;
  s.write("base/ok.hpp", "#include <atomic>\n");
  s.write("pattern/a.cpp", "#include <vector>\n#include \"base/ok.hpp\"\n#include <SDL2/SDL.h>\n");
  s.write("pattern/up.cpp", "\n#include \"audio/engine.hpp\"\n");
  s.write("audio/engine.hpp", "#include <string>\n");
  s.write("audio/gl.cpp", "#include \"audio/engine.hpp\"\n#include <GL/glew.h>\n");
  s.write("runtime/lua_wrap.hpp", "#include <lua.h>\n");  // a host file: Lua allowed
  s.write("runtime/bind_x.cpp", "#include \"runtime/lua_wrap.hpp\"\n#include <lauxlib.h>\n");
  s.write("runtime/session.cpp", "#include <map>\n\n#include \"runtime/lua_wrap.hpp\"\n");
  // reported once, in the header that brings Lua in, not again in each file including that header
  s.write("runtime/clock.hpp", "#include \"runtime/bind_x.hpp\"\n");
  s.write("runtime/bind_x.hpp", "\n#include \"runtime/lua_wrap.hpp\"\n");
  s.write("runtime/clock.cpp", "#include \"runtime/clock.hpp\"\n");
  s.write("ui/pane.cpp", "#include <imgui.h>\n#include \"runtime/session.hpp\"\n");
  s.write("ui/missing.cpp", "#include \"ui/nowhere.hpp\"\n");
  s.write("gfx/x.cpp", "#include <GL/glew.h>\n#include <imgui.h>\n");
  s.write("toys/t.cpp", "#include <vector>\n");
  const auto bad = check(read_tree(s.root));
  INFO(joined(bad));
  const std::vector<std::string> want = {
      "src/audio/gl.cpp:2: <GL/glew.h>: audio never sees gl",
      "src/gfx/x.cpp:2: <imgui.h>: gfx never sees imgui",
      "src/pattern/a.cpp:3: <SDL2/SDL.h>: pattern includes only the standard library",
      "src/pattern/up.cpp:2: pattern may not include audio (\"audio/engine.hpp\")",
      "src/runtime/clock.hpp:1: <lua.h> through runtime/bind_x.hpp:2 -> runtime/lua_wrap.hpp:1: Lua's headers belong only in runtime/bind_* and runtime/lua_*",
      "src/runtime/session.cpp:3: <lua.h> through runtime/lua_wrap.hpp:1: Lua's headers belong only in runtime/bind_* and runtime/lua_*",
      "src/toys/t.cpp: folder 'toys' has no layer rule (add one to rules() in tests/layers/layers_test.cpp)",
      "src/ui/missing.cpp:1: includes \"ui/nowhere.hpp\", which is not in src/",
      "src/ui/pane.cpp:2: includes \"runtime/session.hpp\", which is not in src/",
  };
  CHECK(bad == want);
}

TEST_CASE("layers: src/ includes across no forbidden layer") {
  const fs::path src = fs::path(MR_SOURCE_DIR) / "src";
  const Tree t = read_tree(src);
  size_t includes = 0;
  for (const auto& [rel, inc] : t.files) includes += inc.size();
  // The checker must have read the real tree (a wrong path would pass with nothing to check).
  REQUIRE(t.files.size() > 150);
  REQUIRE(includes > 600);
  REQUIRE(t.files.count("runtime/lua_config.cpp"));
  const auto bad = check(t);
  INFO(joined(bad));
  CHECK(bad.empty());
}
