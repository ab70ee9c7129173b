// Autosave: atomic writes, reading back, listing, and crash detection through the run marker.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "ui/autosave.hpp"

using namespace mr::ui;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const char* tag) {
  fs::path d = fs::temp_directory_path() / (std::string("mr_autosave_test_") + tag);
  fs::remove_all(d);
  return d;
}
}  // namespace

TEST_CASE("autosave writes buffers and reads them back") {
  const fs::path dir = fresh_dir("rw");
  Autosave a(dir);
  REQUIRE(a.save("music.lua", "d1(s(\"bd*4\"))\n"));
  REQUIRE(a.save("visuals.glsl", "void main() {}\n"));
  REQUIRE(a.save("music.lua", "d1(s(\"bd sn\"))\n"));  // overwrite
  std::string text;
  REQUIRE(a.load("music.lua", text));
  CHECK(text == "d1(s(\"bd sn\"))\n");
  CHECK_FALSE(a.load("missing.lua", text));
  CHECK(a.saved() == std::vector<std::string>{"music.lua", "visuals.glsl"});
  CHECK_FALSE(fs::exists(dir / "music.lua.tmp"));
  fs::remove_all(dir);
}

TEST_CASE("autosave refuses names that escape its folder") {
  const fs::path dir = fresh_dir("names");
  Autosave a(dir);
  CHECK_FALSE(a.save("../evil.lua", "x"));
  CHECK_FALSE(a.save("", "x"));
  CHECK_FALSE(a.save("running", "x"));
  CHECK(a.saved().empty());
  fs::remove_all(dir);
}

TEST_CASE("a run that did not end cleanly is detected on the next start") {
  const fs::path dir = fresh_dir("crash");
  {
    Autosave first(dir);
    CHECK_FALSE(first.begin());  // nothing before
    REQUIRE(first.save("music.lua", "typed before the crash"));
    // no end(): the process "crashed"
  }
  Autosave second(dir);
  CHECK(second.begin());
  std::string text;
  REQUIRE(second.load("music.lua", text));
  CHECK(text == "typed before the crash");
  second.end();
  Autosave third(dir);
  CHECK_FALSE(third.begin());  // the clean exit removed the marker
  third.end();
  fs::remove_all(dir);
}
