// The reference the stage searches and `moonrave reference` prints: the search's ranking and
// filtering, the entries collected from the registry, the performance table and patterns/*.lua,
// the tutorial split into sections and snippets, and the index of the example sets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "runtime/example_index.hpp"
#include "runtime/performance.hpp"
#include "runtime/reference.hpp"

namespace fs = std::filesystem;
using namespace mr::runtime;

namespace {

RefEntry entry(std::string name, std::string doc, std::vector<std::string> aliases = {}) {
  RefEntry e;
  e.section = "test";
  e.name = std::move(name);
  e.signature = e.name + "(x)";
  e.doc = std::move(doc);
  e.aliases = std::move(aliases);
  return e;
}

std::vector<std::string> names(const std::vector<RefEntry>& all, const std::vector<size_t>& hits) {
  std::vector<std::string> out;
  for (size_t i : hits) out.push_back(all[i].name);
  return out;
}

const fs::path kRoot = MR_TEST_ROOT;

}  // namespace

TEST_CASE("reference search: named first, then name prefixes, then names containing it, then mentions") {
  const std::vector<RefEntry> all = {
      entry("hurry", "Speeds up like fast and raises the pitch."),  // mentions "fast"
      entry("fastGap", "Speeds up, leaving a gap."),                // a name starting with it
      entry("sequence", "Plays one after another.", {"fastcat"}),   // an alias starting with it
      entry("breakfast", "Not a real function."),                   // a name containing it
      entry("fast", "Speeds up by factor.", {"density"}),           // named it
      entry("slow", "Slows down."),                                 // no match
  };
  CHECK(names(all, search_reference(all, "fast")) == std::vector<std::string>{"fast", "fastGap", "sequence", "breakfast", "hurry"});
  // Case and spaces do not matter; an alias names an entry as well as its name does.
  CHECK(names(all, search_reference(all, "  FAST ")) == names(all, search_reference(all, "fast")));
  CHECK(names(all, search_reference(all, "density")).front() == "fast");
  // Words of the doc find entries that are not named so.
  CHECK(names(all, search_reference(all, "gap")) == std::vector<std::string>{"fastGap"});
  CHECK(search_reference(all, "nothing-like-this").empty());
  // An empty query lists everything in the reference's order.
  CHECK(search_reference(all, "") == std::vector<size_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("reference entries come from the registry, the performance table and the library") {
  const auto all = all_reference_entries(kRoot);
  auto find = [&](const std::string& n) {
    return std::find_if(all.begin(), all.end(), [&](const RefEntry& e) { return e.name == n; });
  };
  REQUIRE(all.size() > 150);
  CHECK(all.front().section == "performance");
  CHECK(find("setcps") != all.end());
  REQUIRE(find("fast") != all.end());
  CHECK(find("fast")->example.find("fast") != std::string::npos);
  // Operator variants fold into their base entry (addOut is found under add).
  REQUIRE(find("add") != all.end());
  CHECK(std::count(find("add")->variants.begin(), find("add")->variants.end(), "addOut") == 1);
  CHECK(find("addOut") == all.end());
  // The library's doc comments: four_floor in grooves, with its example.
  REQUIRE(find("four_floor") != all.end());
  CHECK(find("four_floor")->section == "grooves");
  CHECK(!find("four_floor")->example.empty());
  // Every entry says what it does.
  for (const auto& e : all) {
    INFO(e.name);
    CHECK(!e.doc.empty());
    CHECK(!e.signature.empty());
  }
  // The real search: the named entry first, aliases included.
  CHECK(all[search_reference(all, "fast").front()].name == "fast");
  const RefEntry& lpf = all[search_reference(all, "lpf").front()];
  CHECK((lpf.name == "lpf" || std::count(lpf.aliases.begin(), lpf.aliases.end(), "lpf") == 1));
}

namespace {

// The names a Lua probe finds: it raises them as its error, so the test needs no Lua header.
std::set<std::string> probe_names(Performance& perf, const std::string& probe) {
  const LuaError e = perf.evaluate(EvalSource{"probe", probe, 1, 0}, mr::pattern::Rational(0));
  const size_t at = e.message.find("names:");
  if (at == std::string::npos) return {{"(probe failed: " + e.message + ")"}};
  std::stringstream ss(e.message.substr(at + 6));
  std::set<std::string> out;
  for (std::string n; ss >> n;) out.insert(n);
  return out;
}

}  // namespace

TEST_CASE("every global the runtime binds has a reference entry, and every performance entry is bound") {
  PerformanceOptions o;
  o.prelude_paths = {(kRoot / "patterns" / "prelude.lua").string(), (kRoot / "patterns" / "strudel.lua").string()};
  o.lua.memory_limit_bytes = size_t{64} << 20;
  Performance perf(o, [](const std::string&) -> mr::audio::SoundId { return 1; });
  REQUIRE(perf.startup_errors().empty());
  // Every global a set can call, as a set sees them at start.
  const std::set<std::string> globals = probe_names(
      perf,
      "local t = {}\n"
      "for k, v in pairs(_G) do\n"
      "  if type(k) == 'string' and type(v) ~= 'string' and type(v) ~= 'number' and type(v) ~= 'boolean' then t[#t + 1] = k end\n"
      "end\n"
      "error('names: ' .. table.concat(t, ' '), 0)\n");
  REQUIRE(globals.count("fast") == 1);
  REQUIRE(globals.count("setcps") == 1);
  std::set<std::string> documented;
  for (const RefEntry& e : all_reference_entries(kRoot)) {
    documented.insert(e.name);
    documented.insert(e.aliases.begin(), e.aliases.end());
    documented.insert(e.variants.begin(), e.variants.end());
  }
  for (int i = 1; i <= 16; ++i) documented.insert("d" + std::to_string(i));  // the entry "d1 .. d16"
  // Lua's own library (what the sandbox keeps of it), the patterns' method table (Pattern, as
  // Strudel's Pattern.prototype), and JavaScript's built-ins that the Strudel dialect's runtime
  // (patterns/strudel.lua) defines for the translated code.
  const std::set<std::string> not_ours = {
      "_G", "_VERSION", "assert", "collectgarbage", "coroutine", "error", "getmetatable", "ipairs", "load",
      "math", "next", "package", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "require",
      "select", "setmetatable", "string", "table", "tonumber", "tostring", "type", "utf8", "warn", "xpcall",
      "Array", "Boolean", "JSON", "Math", "Number", "Object", "Pattern", "String", "console", "isNaN", "js",
      "list", "parseFloat", "parseInt"};
  for (const std::string& g : globals) {
    if (not_ours.count(g) || g.rfind("__moonrave", 0) == 0) continue;
    INFO("the global " << g << " has no entry in the reference (src/runtime/reference.cpp's kPerformance, "
                          "the pattern registry or a --- doc comment in patterns/)");
    CHECK(documented.count(g) == 1);
  }
  // Every performance entry names a global or a method of patterns (play), under its name and its
  // aliases; "d1 .. d16" and the operators are read as what they stand for.
  std::string names;
  for (const RefEntry& e : performance_entries()) {
    if (e.name == "operators") continue;
    names += " " + (e.name == "d1 .. d16" ? std::string("d1 d16") : e.name);
    for (const auto& a : e.aliases) names += " " + a;
  }
  const std::set<std::string> unbound = probe_names(
      perf,
      "local t = {}\n"
      "for n in ('" + names + "'):gmatch('%S+') do\n"
      "  if _G[n] == nil and pure(1)[n] == nil then t[#t + 1] = n end\n"
      "end\n"
      "error('names: ' .. table.concat(t, ' '), 0)\n");
  for (const std::string& n : unbound) {
    INFO("the performance entry " << n << " names no bound function: remove it or bind it");
    CHECK(false);
  }
}

TEST_CASE("the tutorial splits into sections of paragraphs and snippets") {
  const auto t = parse_tutorial(
      "# Title\n\nIntro with **bold**, `code` and a [link](x.md).\n\n## 1. First\n\nSome text\non two lines.\n\n"
      "- one\n- two\n\n```lua\nd1(s(\"bd\"))\n\nd2(s(\"hh\"))\n```\n\n```sh\nmoonrave\n```\n\n## 2. Second\n\n```glsl\nvoid main() {}\n```\n");
  REQUIRE(t.size() == 3);
  CHECK(t[0].title == "Introduction");
  REQUIRE(t[0].blocks.size() == 1);
  CHECK(t[0].blocks[0].text == "Intro with bold, code and a link.");
  CHECK(t[1].title == "1. First");
  REQUIRE(t[1].blocks.size() == 4);
  CHECK(t[1].blocks[0].text == "Some text on two lines.");
  CHECK(t[1].blocks[1].text == "\xE2\x80\xA2 one\n\xE2\x80\xA2 two");
  CHECK(t[1].blocks[2].language == "lua");
  CHECK(t[1].blocks[2].text == "d1(s(\"bd\"))\n\nd2(s(\"hh\"))");
  CHECK(t[1].blocks[3].language == "sh");
  CHECK(t[1].snippet_count() == 1);  // the shell line is not a snippet to run
  CHECK(t[2].snippet_count() == 1);
  CHECK(t[2].blocks[0].language == "glsl");

  const auto real = read_tutorial(kRoot);
  REQUIRE(real.size() >= 20);
  size_t snippets = 0;
  for (const auto& s : real) snippets += s.snippet_count();
  CHECK(snippets >= 20);
  CHECK(read_tutorial(kRoot / "no-such-folder").empty());
}

TEST_CASE("the example index reads every set's header and finds its shader") {
  const auto sets = list_examples(kRoot);
  REQUIRE(sets.size() >= 12);
  CHECK(std::is_sorted(sets.begin(), sets.end(), [](const auto& a, const auto& b) { return a.name < b.name; }));
  for (const auto& s : sets) {
    INFO(s.name);
    CHECK(!s.title.empty());
    CHECK(!s.style.empty());
    CHECK(fs::is_regular_file(s.shader_path));
  }
  const fs::path dir = fs::temp_directory_path() / "mr_example_index_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "examples");
  {
    std::ofstream f(dir / "examples" / "x.lua");
    f << "-- title: X Set\n-- style: test\n-- about: first line\n-- about: second line\n-- shader: y.glsl\nd1(s(\"bd\"))\n-- title: not header\n";
    std::ofstream g(dir / "examples" / "y.glsl");
    g << "void main() {}\n";
  }
  const ExampleSet e = read_example_header(dir / "examples" / "x.lua");
  CHECK(e.name == "x");
  CHECK(e.title == "X Set");
  CHECK(e.style == "test");
  CHECK(e.about == "first line second line");
  CHECK(e.shader_path == dir / "examples" / "y.glsl");
  CHECK(e.description() == "X Set (test): first line second line");
  CHECK(list_examples(dir).size() == 1);
  fs::remove_all(dir);
}
