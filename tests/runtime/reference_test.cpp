// The reference the stage searches and `moonrave reference` prints: the search's ranking and
// filtering, the entries collected from the registry, the performance table and patterns/*.lua,
// the tutorial split into sections and snippets, and the index of the example sets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "runtime/example_index.hpp"
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
