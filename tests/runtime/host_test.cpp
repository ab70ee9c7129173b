#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "runtime/lua_host.hpp"

using mr::runtime::LuaHost;
using mr::runtime::LuaHostOptions;

namespace {
LuaHostOptions small_options() {
  LuaHostOptions o;
  o.memory_limit_bytes = size_t{32} << 20;
  o.eval_budget_ms = 50.0;
  return o;
}
}  // namespace

TEST_CASE("lua host runs code and reports errors with buffer lines", "[runtime][host]") {
  LuaHost host(small_options());
  CHECK(host.run("x = 1 + 2").ok);
  auto e = host.run("local a = 1\nerror('boom')", "set", 10);
  REQUIRE_FALSE(e.ok);
  CHECK(e.line == 11);
  CHECK(e.message.find("boom") != std::string::npos);
  auto s = host.run("local a = 1\nlocal b = 1 +* 2", "set", 5);
  REQUIRE_FALSE(s.ok);
  CHECK(s.line == 6);
  CHECK(s.column == 14);  // the token Lua names
}

TEST_CASE("hostile snippets are stopped and the state stays usable", "[runtime][host]") {
  LuaHost host(small_options());
  auto loop = host.run("while true do end");
  REQUIRE_FALSE(loop.ok);
  CHECK(loop.message.find("budget") != std::string::npos);
  auto rec = host.run("local function f(n) return 1 + f(n + 1) end f(1)");
  CHECK_FALSE(rec.ok);
  auto grow = host.run("local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end");
  REQUIRE_FALSE(grow.ok);
  CHECK((grow.message.find("memory") != std::string::npos || grow.message.find("budget") != std::string::npos));
  auto bomb = host.run("local s = string.rep('x', 1 << 30)");
  REQUIRE_FALSE(bomb.ok);
  CHECK(bomb.message.find("memory") != std::string::npos);
  CHECK(host.memory_used() < host.memory_limit());
  CHECK(host.run("y = 42").ok);
  CHECK(host.run("assert(y == 42)").ok);
}

TEST_CASE("the sandbox denies io, os, debug and loadlib unless trusted", "[runtime][host]") {
  LuaHost host(small_options());
  for (const char* code : {"io.open('/etc/passwd')", "os.execute('true')", "debug.sethook()",
                           "package.loadlib('x', 'y')", "dofile('/etc/passwd')", "require('os')"}) {
    INFO(code);
    CHECK_FALSE(host.run(code).ok);
  }
  CHECK(host.run("assert(string.rep('a', 3) == 'aaa' and math.floor(1.5) == 1)").ok);
  auto o = small_options();
  o.trusted = true;
  LuaHost trusted(o);
  CHECK(trusted.run("assert(os.time() > 0 and io.write ~= nil)").ok);
}

TEST_CASE("require reaches only the allowed folders", "[runtime][host]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "moonrave_runtime_require";
  fs::create_directories(dir / "lib");
  std::ofstream(dir / "lib" / "helper.lua") << "return { value = 7 }\n";
  auto o = small_options();
  o.require_paths = {(dir / "lib").string()};
  LuaHost host(o);
  CHECK(host.run("assert(require('helper').value == 7)").ok);
  CHECK_FALSE(host.run("require('../lib/helper')").ok);
  CHECK_FALSE(host.run("require('missing')").ok);
  fs::remove_all(dir);
}
