// The README's key table is the action table's (src/ui/keymap.cpp), not a hand copy. To update
// it after changing the table: MR_UPDATE_DOCS=1 build/tests/ui/ui_tests "docs:*"
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "ui/keymap.hpp"

using namespace mr::ui;

namespace {

const char* kBegin = "<!-- keys: generated from the action table (src/ui/keymap.cpp); tests/ui/docs_test.cpp checks it -->\n";
const char* kEnd = "<!-- /keys -->\n";

}  // namespace

TEST_CASE("docs: the README's key table is the action table's") {
  const std::string path = std::string(MR_SOURCE_DIR) + "/README.md";
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string readme = ss.str();
  const size_t a = readme.find(kBegin);
  REQUIRE(a != std::string::npos);
  const size_t from = a + std::string(kBegin).size();
  const size_t to = readme.find(kEnd, from);
  REQUIRE(to != std::string::npos);
  const std::string want = key_table_markdown();
  if (std::getenv("MR_UPDATE_DOCS") && readme.substr(from, to - from) != want) {
    readme.replace(from, to - from, want);
    std::ofstream(path, std::ios::binary) << readme;
    WARN("README.md: the key table was rewritten");
    return;
  }
  INFO("the README's key table should be:\n" << want);
  CHECK(readme.substr(from, to - from) == want);
  // Every action is in it, with its config name (what editor.keys rebinds).
  for (const auto& act : action_table()) CHECK(want.find(std::string("`") + act.name + "`") != std::string::npos);
}

TEST_CASE("docs: a second chord in the table works and yields to a rebinding") {
  Keymap k;
  CHECK(k.match(*parse_chord("Ctrl+Y", nullptr)) == Action::Redo);
  CHECK(k.match(*parse_chord("Ctrl+Shift+Z", nullptr)) == Action::Redo);
  std::string err;
  REQUIRE(k.apply({{"find", "Ctrl+Y"}}, err));
  CHECK(k.match(*parse_chord("Ctrl+Y", nullptr)) == Action::Find);
}
