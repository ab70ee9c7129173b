#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "runtime/session.hpp"

using namespace mr::runtime;

namespace {
EvalResult wait_result(Session& s) {
  EvalResult r;
  for (int i = 0; i < 2000 && !s.poll_result(r); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return r;
}
}  // namespace

TEST_CASE("session evaluates on its thread, reports errors and logs every evaluation", "[runtime][session]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "moonrave_session_test";
  fs::remove_all(dir);
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.runtime.eval_budget_ms = 50.0;
  config.runtime.lua_memory_mb = 32;
  std::string log;
  {
    Session s(config);
    EvalRequest ok;
    ok.buffer = "set";
    ok.code = "x = 1";
    uint64_t id1 = s.evaluate(ok);
    EvalResult r1 = wait_result(s);
    CHECK(r1.id == id1);
    CHECK(r1.ok);

    EvalRequest bad;
    bad.buffer = "set";
    bad.code = "local y = 2\nwhile true do end";
    bad.first_line = 20;
    uint64_t id2 = s.evaluate(bad);
    EvalResult r2 = wait_result(s);
    CHECK(r2.id == id2);
    CHECK_FALSE(r2.ok);
    CHECK(r2.line == 21);

    EvalRequest after;
    after.code = "assert(x == 1)";
    s.evaluate(after);
    CHECK(wait_result(s).ok);
    CHECK(s.status().device == "null");

    EvalRequest play;
    play.buffer = "set";
    play.code = "d1(s('bd*2'))\np('bass', note('c2'))\ns('hh'):play('hats')\nmute('bass')";
    s.evaluate(play);
    EvalResult rp = wait_result(s);
    INFO(rp.message);
    CHECK(rp.ok);
    CHECK(s.status().slots == std::vector<std::string>{"d1", "-bass", "hats"});
    s.hush();
    CHECK(wait_result(s).ok);
    CHECK(s.status().slots.empty());
    log = s.log_path();
  }
  REQUIRE_FALSE(log.empty());
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  CHECK(text.rfind("--@ cycle=", 0) == 0);
  CHECK(text.find(" buffer=set\nx = 1\n") != std::string::npos);
  CHECK(text.find(" buffer=scratch\nassert(x == 1)\n") != std::string::npos);
  CHECK(text.find(" buffer=scratch\nhush()\n") != std::string::npos);
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomic replaces a file whole", "[runtime][session]") {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / "moonrave_atomic_test.lua";
  REQUIRE(write_file_atomic(p.string(), "d1(s('bd'))\n"));
  REQUIRE(write_file_atomic(p.string(), "d2(s('sn'))\n"));
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == "d2(s('sn'))\n");
  CHECK_FALSE(fs::exists(p.string() + ".tmp"));
  fs::remove(p);
}
