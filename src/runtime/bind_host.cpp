// The Lua host: capped allocator, sandbox, count-hook budget, error positions (lua_host.hpp).
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "runtime/lua_host.hpp"

namespace mr::runtime {

namespace {

using Clock = std::chrono::steady_clock;

struct AllocState {
  size_t used = 0;
  size_t limit = 0;
};

void* capped_alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* a = static_cast<AllocState*>(ud);
  const size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    a->used -= old;
    return nullptr;
  }
  if (nsize > old && a->used - old + nsize > a->limit) return nullptr;  // Lua raises a memory error
  void* p = std::realloc(ptr, nsize);
  if (p) a->used = a->used - old + nsize;
  return p;
}

constexpr int kHookCount = 10000;  // instructions between budget checks
constexpr const char* kHostKey = "moonrave.host";

}  // namespace

struct LuaHost::Impl {
  LuaHostOptions options;
  AllocState alloc;
  lua_State* L = nullptr;
  Clock::time_point deadline{};
  bool budget_armed = false;
};

namespace {

LuaHost::Impl* host_of(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kHostKey);
  auto* impl = static_cast<LuaHost::Impl*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return impl;
}

void budget_hook(lua_State* L, lua_Debug*) {
  LuaHost::Impl* impl = host_of(L);
  if (impl && impl->budget_armed && Clock::now() > impl->deadline) {
    impl->budget_armed = false;  // the error handler may run Lua code too
    luaL_where(L, 0);  // inside a hook, level 0 is the interrupted Lua function
    lua_pushfstring(L, "evaluation stopped: it ran past its budget of %d ms", static_cast<int>(impl->options.eval_budget_ms));
    lua_concat(L, 2);
    lua_error(L);
  }
}

// require(name): NAME.lua (dots become slashes) searched only in the allowed folders.
int sandbox_searcher(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  std::string rel = name;
  if (rel.find("..") != std::string::npos || (!rel.empty() && rel[0] == '/')) {
    lua_pushfstring(L, "\n\tmodule '%s' is outside the allowed folders", name);
    return 1;
  }
  for (char& c : rel)
    if (c == '.') c = '/';
  LuaHost::Impl* impl = host_of(L);
  for (const std::string& dir : impl->options.require_paths) {
    std::string path = dir + "/" + rel + ".lua";
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::stringstream ss;
    ss << in.rdbuf();
    std::string code = ss.str();
    std::string chunk = "@" + path;
    if (luaL_loadbuffer(L, code.data(), code.size(), chunk.c_str()) != LUA_OK) return lua_error(L);
    lua_pushstring(L, path.c_str());
    return 2;
  }
  lua_pushfstring(L, "\n\tno file '%s.lua' in the allowed folders", name);
  return 1;
}

void open_sandboxed(lua_State* L, const LuaHostOptions& options) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_LOADLIBNAME, luaopen_package, 1);
  luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_pop(L, 7);
  if (options.trusted) {
    luaL_requiref(L, LUA_IOLIBNAME, luaopen_io, 1);
    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 1);
    luaL_requiref(L, LUA_DBLIBNAME, luaopen_debug, 1);
    lua_pop(L, 3);
    return;
  }
  // Untrusted: no file access from the base library, no C loaders, only our searcher.
  for (const char* g : {"dofile", "loadfile"}) {
    lua_pushnil(L);
    lua_setglobal(L, g);
  }
  lua_getglobal(L, LUA_LOADLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "loadlib");
  lua_pushnil(L);
  lua_setfield(L, -2, "cpath");
  lua_getfield(L, -1, "searchers");
  lua_createtable(L, 2, 0);
  lua_rawgeti(L, -2, 1);  // the preload searcher
  lua_rawseti(L, -2, 1);
  lua_pushcfunction(L, sandbox_searcher);
  lua_rawseti(L, -2, 2);
  lua_setfield(L, -3, "searchers");
  lua_pop(L, 1);  // the old searchers
  lua_pop(L, 1);  // package
}

}  // namespace

LuaHost::LuaHost(LuaHostOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->alloc.limit = impl_->options.memory_limit_bytes;
  impl_->L = lua_newstate(capped_alloc, &impl_->alloc);
  lua_State* L = impl_->L;
  lua_pushlightuserdata(L, impl_.get());
  lua_setfield(L, LUA_REGISTRYINDEX, kHostKey);
  open_sandboxed(L, impl_->options);
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookCount);
}

LuaHost::~LuaHost() {
  if (impl_ && impl_->L) lua_close(impl_->L);
}

lua_State* LuaHost::state() { return impl_->L; }
size_t LuaHost::memory_used() const { return impl_->alloc.used; }
size_t LuaHost::memory_limit() const { return impl_->alloc.limit; }

LuaError LuaHost::run(const std::string& code, const std::string& chunk_name, int first_line) {
  lua_State* L = impl_->L;
  const int top = lua_gettop(L);
  std::string chunk = "=" + chunk_name;
  int rc = luaL_loadbuffer(L, code.data(), code.size(), chunk.c_str());
  if (rc == LUA_OK) {
    impl_->deadline = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(impl_->options.eval_budget_ms * 1000.0));
    impl_->budget_armed = true;
    rc = lua_pcall(L, 0, 0, 0);
    impl_->budget_armed = false;
  }
  LuaError result;
  if (rc != LUA_OK) {
    const char* msg = lua_tostring(L, -1);
    std::string text = msg ? msg : (rc == LUA_ERRMEM ? "not enough memory" : "error object is not a string");
    if (rc == LUA_ERRMEM) {
      text = "Lua memory limit reached (" + std::to_string(impl_->alloc.limit >> 20) + " MB)";
      result.ok = false;
      result.message = text;
    } else {
      result = parse_lua_error(text, code, first_line);
    }
  }
  lua_settop(L, top);
  lua_gc(L, LUA_GCCOLLECT);
  return result;
}

LuaError parse_lua_error(const std::string& message, const std::string& code, int first_line) {
  LuaError e;
  e.ok = false;
  e.message = message;
  // "name:LINE: text" (chunk names from "=name"); a nested chunk may have another prefix.
  size_t colon = message.find(':');
  while (colon != std::string::npos) {
    size_t end = colon + 1;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
    if (end > colon + 1 && end < message.size() && message[end] == ':') {
      int line = std::atoi(message.substr(colon + 1, end - colon - 1).c_str());
      e.line = line + first_line - 1;
      e.message = message.substr(end + 1);
      if (!e.message.empty() && e.message[0] == ' ') e.message.erase(0, 1);
      // Syntax errors name the token: "near 'x'": find it on that line for a column.
      size_t near = e.message.rfind("near '");
      if (near != std::string::npos) {
        size_t q = e.message.find('\'', near + 6);
        std::string tok = e.message.substr(near + 6, q == std::string::npos ? std::string::npos : q - near - 6);
        size_t pos = 0;
        for (int l = 1; l < line && pos != std::string::npos; ++l) {
          pos = code.find('\n', pos);
          if (pos != std::string::npos) ++pos;
        }
        if (pos != std::string::npos && !tok.empty()) {
          size_t eol = code.find('\n', pos);
          std::string text = code.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
          size_t at = text.find(tok);
          if (at != std::string::npos) e.column = static_cast<int>(at) + 1;
        }
      }
      return e;
    }
    colon = message.find(':', colon + 1);
  }
  return e;
}

}  // namespace mr::runtime
