// The Lua host: capped allocator, sandbox, count-hook budget, error positions (lua_host.hpp).
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "pattern/budget.hpp"
#include "runtime/bind_internal.hpp"
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
void budget_hook(lua_State* L, lua_Debug*);
constexpr const char* kHostKey = "moonrave.host";

}  // namespace

struct LuaHost::Impl {
  LuaHostOptions options;
  AllocState alloc;
  lua_State* L = nullptr;
  Clock::time_point deadline{};
  bool budget_armed = false;
  // Stepwise evaluation: the coroutine (anchored in the registry), its code and the time used.
  lua_State* co = nullptr;
  int co_ref = LUA_NOREF;
  std::string co_code;
  int co_first_line = 1;
  double used_ms = 0.0;
  Clock::time_point slice_deadline{};
  bool slice_armed = false;
  lua_State* active = nullptr;  // the coroutine while it runs
  // Query budget (Lua functions called by pattern queries).
  Clock::time_point query_deadline{};
  bool query_armed = false;
  double query_ms = 0.0;
  // String literals of the code being evaluated: content -> buffer offsets, and how many used.
  std::map<std::string, std::vector<int32_t>, std::less<>> literals;
  std::map<std::string, size_t, std::less<>> literal_uses;
  std::shared_ptr<std::vector<int>> released = std::make_shared<std::vector<int>>();
  int32_t first_byte = 0;     // of the code being evaluated, in its buffer
  int32_t error_offset = -1;  // buffer byte of a mini-notation error, -1 if none
  // Translated code: the original text and the original position of each Lua line.
  std::string original;
  std::vector<LuaHost::SourcePosition> lua_lines;
  // Once a budget is spent the code it covered is abandoned: `over` stays set and every later
  // hook (run at every instruction from then on) raises `over_message` again, so no pcall,
  // xpcall, coroutine or error handler can catch it and carry on. Cleared by the next begin(),
  // run() or query arming.
  bool over = false;
  std::string over_message;
  // Lua running with no budget armed (a finalizer, a helper called from C++): it gets the
  // evaluation budget from the first hook that sees it.
  bool unarmed_started = false;
  Clock::time_point unarmed_deadline{};
  // Pattern work (nodes built or visited, pattern/budget.hpp) of the current evaluation: a C++
  // loop started from a Lua argument (run(1e12)) cannot outlast it, whatever catches the error.
  pattern::WorkBudget work;

  // The 1-based line and column in the buffer of a buffer byte offset inside the code being
  // evaluated (the original text where it was translated); false when it is outside it.
  bool line_col(int32_t buffer_offset, int& line, int& column) const {
    const std::string& text = original.empty() ? co_code : original;
    const int64_t pos = static_cast<int64_t>(buffer_offset) - first_byte;
    if (buffer_offset < 0 || pos < 0 || pos > static_cast<int64_t>(text.size())) return false;
    const size_t p = static_cast<size_t>(pos);
    const size_t line_start = p == 0 ? std::string::npos : text.rfind('\n', p - 1);
    line = co_first_line + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(p), '\n'));
    column = static_cast<int>(line_start == std::string::npos ? p + 1 : p - line_start);
    return true;
  }

  void reset_budgets() {
    over = false;
    over_message.clear();
    unarmed_started = false;
    work.left = work.limit = options.eval_work;
    work.what = "building the pattern";
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookCount);
  }

  // A full collection with the finalizers it runs (__gc written in Lua) under a budget of their
  // own: a finalizer that never ends is stopped, not left to hang the runtime thread.
  void collect() {
    const bool was = budget_armed;
    const Clock::time_point was_deadline = deadline;
    over = false;
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookCount);
    deadline = Clock::now() + std::chrono::milliseconds(50);
    budget_armed = true;
    lua_gc(L, LUA_GCCOLLECT);
    budget_armed = was;
    deadline = was_deadline;
    over = false;
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookCount);
  }

  void release_refs() {
    std::vector<int> refs;
    refs.swap(*released);  // a finalizer run meanwhile may add more: they wait for the next time
    for (int ref : refs) luaL_unref(L, LUA_REGISTRYINDEX, ref);
  }
};

namespace {

LuaHost::Impl* host_of(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kHostKey);
  auto* impl = static_cast<LuaHost::Impl*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return impl;
}

// Marks the budget spent and raises its message; from now on every instruction of every Lua
// thread that runs raises it again (see Impl::over).
[[noreturn]] void spend(lua_State* L, LuaHost::Impl* impl, const char* text, bool evaluation = false) {
  if (!impl->over) {
    luaL_where(L, 0);  // inside a hook, level 0 is the interrupted Lua function
    lua_pushstring(L, text);
    lua_concat(L, 2);
    impl->over_message = lua_tostring(L, -1);
    lua_pop(L, 1);
    impl->over = true;
  }
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
  if (evaluation && impl->co) lua_sethook(impl->co, budget_hook, LUA_MASKCOUNT, 1);
  lua_pushlstring(L, impl->over_message.data(), impl->over_message.size());
  lua_error(L);
  std::abort();  // not reached: lua_error does not return
}

void budget_hook(lua_State* L, lua_Debug*) {
  LuaHost::Impl* impl = host_of(L);
  if (!impl) return;
  if (impl->over) spend(L, impl, "", impl->budget_armed);
  const Clock::time_point now = Clock::now();
  if (impl->slice_armed && L == impl->co && now > impl->slice_deadline && lua_isyieldable(L) &&
      !(impl->budget_armed && now > impl->deadline)) {
    impl->slice_armed = false;
    lua_yield(L, 0);  // a hook yields by returning right after lua_yield
    return;
  }
  if (impl->query_armed && L != impl->co && now > impl->query_deadline) {
    const std::string text = "a function in the pattern ran past its budget of " +
                             std::to_string(static_cast<int>(impl->query_ms)) + " ms";
    spend(L, impl, text.c_str());
  }
  if (impl->budget_armed && now > impl->deadline) {
    const std::string text = "evaluation stopped: it ran past its budget of " +
                             std::to_string(static_cast<int>(impl->options.eval_budget_ms)) + " ms";
    spend(L, impl, text.c_str(), true);
  }
  if (!impl->budget_armed && !impl->query_armed) {
    if (!impl->unarmed_started) {
      impl->unarmed_started = true;
      impl->unarmed_deadline = now + std::chrono::microseconds(static_cast<int64_t>(impl->options.eval_budget_ms * 1000.0));
    } else if (now > impl->unarmed_deadline) {
      const std::string text = "Lua code outside an evaluation ran past its budget of " +
                               std::to_string(static_cast<int>(impl->options.eval_budget_ms)) + " ms";
      spend(L, impl, text.c_str());
    }
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

// [SECTION] string patterns: Lua's matcher is C the count hook cannot interrupt, and it
// backtracks: ("a"):rep(1e5):find(".-.-.-b") would run for hours. Each call is weighed before
// it runs: with q repetitions (*, +, -) a subject of n bytes costs at most about
// n^(q+1)/(q+1)! steps (one per way to split it among them, from every start); past
// kMaxMatchSteps it is an error naming the call, the pattern's repetitions and the length.
constexpr double kMaxMatchSteps = 1e8;

int pattern_repetitions(const char* p, size_t len) {
  int q = 0;
  bool in_set = false;
  for (size_t i = 0; i < len; ++i) {
    const char c = p[i];
    if (c == '%') {
      ++i;  // an escape or a class: the next char is not an operator
      if (!in_set && i < len && (p[i] == 'b')) i += 2;  // %bxy
      continue;
    }
    if (in_set) {
      if (c == ']') in_set = false;
      continue;
    }
    if (c == '[') {
      in_set = true;
      if (i + 1 < len && p[i + 1] == '^') ++i;
      if (i + 1 < len && p[i + 1] == ']') ++i;  // a ']' first in a set is literal
      continue;
    }
    if ((c == '*' || c == '+' || c == '-') && i > 0) ++q;
  }
  return q;
}

double match_cost(double n, int q) {
  double cost = n + 1;  // the starts
  for (int k = 1; k <= q; ++k) {
    cost = cost * (n + 1) / (k + 1);
    if (cost > 1e300) break;
  }
  return cost;
}

template <bool Find>
int guarded_match(lua_State* L) {
  constexpr int Subject = 1, Pattern = 2;
  size_t n = 0, plen = 0;
  luaL_checklstring(L, Subject, &n);
  const char* p = luaL_checklstring(L, Pattern, &plen);
  // string.find(s, p, init, true) is a plain search: linear.
  const bool plain = Find && lua_gettop(L) >= 4 && lua_toboolean(L, 4);
  if (!plain) {
    const int q = pattern_repetitions(p, plen);
    const double cost = match_cost(static_cast<double>(n), q);
    if (cost > kMaxMatchSteps) {
      char text[256];
      std::snprintf(text, sizeof text,
                    "string.%s: a pattern with %d repetitions over a string of %zu bytes could take about %.0e steps "
                    "(the limit is %.0e): use a shorter string or fewer '*', '+', '-'",
                    lua_tostring(L, lua_upvalueindex(2)), q, n, cost, kMaxMatchSteps);
      return luaL_error(L, "%s", text);
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

void guard_string_matching(lua_State* L) {
  lua_getglobal(L, LUA_STRLIBNAME);
  const std::pair<const char*, lua_CFunction> fns[] = {
      {"find", guarded_match<true>}, {"match", guarded_match<false>}, {"gmatch", guarded_match<false>},
      {"gsub", guarded_match<false>}};
  for (const auto& [name, fn] : fns) {
    lua_getfield(L, -1, name);
    lua_pushstring(L, name);
    lua_pushcclosure(L, fn, 2);
    lua_setfield(L, -2, name);
  }
  lua_pop(L, 1);
}

// [SECTION] the two places where Lua runs with its hooks off, so no budget could stop it:
// a message handler called for an error raised by the budget's own hook, and a __gc finalizer
// (Lua 5.4 runs every finalizer with hooks disabled).

// xpcall's handler, wrapped: skipped (the error passes as it is) once the budget is spent.
int guarded_handler(lua_State* L) {
  LuaHost::Impl* impl = host_of(L);
  if (impl && impl->over) return 1;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int xpcall_done(lua_State* L, int, lua_KContext) { return lua_gettop(L); }

int guarded_xpcall(lua_State* L) {
  luaL_checkany(L, 2);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, guarded_handler, 1);
  lua_replace(L, 2);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, xpcall_done);  // yieldable, as xpcall is
  return xpcall_done(L, LUA_OK, 0);
}

// setmetatable, refusing a metatable with a __gc field.
int guarded_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "setmetatable: __gc finalizers are not allowed (Lua runs them where no budget can stop them)");
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

void guard_hookless_calls(lua_State* L) {
  for (auto [name, fn] : {std::pair<const char*, lua_CFunction>{"xpcall", guarded_xpcall},
                          std::pair<const char*, lua_CFunction>{"setmetatable", guarded_setmetatable}}) {
    lua_getglobal(L, name);
    lua_pushcclosure(L, fn, 1);
    lua_setglobal(L, name);
  }
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
  guard_string_matching(L);
  guard_hookless_calls(L);
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
  if (impl_ && impl_->L) {
    impl_->released.reset();  // patterns dying during or after lua_close release nothing
    lua_close(impl_->L);
  }
}

namespace {

// Scans Lua source for string literals ("..", '..', [[..]], [==[..]==]), skipping comments;
// literals with escapes are left out (their value differs from their text).
void scan_literals(const std::string& code, int32_t first_byte,
                   std::map<std::string, std::vector<int32_t>, std::less<>>& out) {
  out.clear();
  auto long_bracket = [&](size_t at, size_t& level) {  // at '[': "[[" or "[=*["
    size_t j = at + 1;
    while (j < code.size() && code[j] == '=') ++j;
    if (j < code.size() && code[j] == '[') {
      level = j - at - 1;
      return j + 1;
    }
    return std::string::npos;
  };
  size_t i = 0;
  while (i < code.size()) {
    char c = code[i];
    if (c == '-' && i + 1 < code.size() && code[i + 1] == '-') {
      size_t level = 0, body = i + 2 < code.size() && code[i + 2] == '[' ? long_bracket(i + 2, level) : std::string::npos;
      if (body != std::string::npos) {
        std::string close = "]" + std::string(level, '=') + "]";
        size_t end = code.find(close, body);
        i = end == std::string::npos ? code.size() : end + close.size();
      } else {
        size_t end = code.find('\n', i);
        i = end == std::string::npos ? code.size() : end + 1;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      bool escaped = false;
      while (j < code.size() && code[j] != c && code[j] != '\n') {
        if (code[j] == '\\') {
          escaped = true;
          ++j;
        }
        ++j;
      }
      if (!escaped && j < code.size() && code[j] == c)
        out[code.substr(i + 1, j - i - 1)].push_back(first_byte + static_cast<int32_t>(i + 1));
      i = j + 1;
      continue;
    }
    if (c == '[') {
      size_t level = 0, body = long_bracket(i, level);
      if (body != std::string::npos) {
        std::string close = "]" + std::string(level, '=') + "]";
        size_t end = code.find(close, body);
        if (end == std::string::npos) break;
        size_t start = body;
        if (start < code.size() && code[start] == '\n') ++start;  // Lua skips a first newline
        out[code.substr(start, end - start)].push_back(first_byte + static_cast<int32_t>(start));
        i = end + close.size();
        continue;
      }
    }
    ++i;
  }
}

}  // namespace

void note_error_offset(lua_State* L, int32_t buffer_offset) {
  if (LuaHost::Impl* impl = host_of(L)) impl->error_offset = buffer_offset;
}

int buffer_line(lua_State* L, int chunk_line) {
  const LuaHost::Impl* impl = host_of(L);
  if (!impl || chunk_line <= 0) return chunk_line;
  if (!impl->lua_lines.empty()) {
    const size_t i = std::min(static_cast<size_t>(chunk_line - 1), impl->lua_lines.size() - 1);
    return impl->co_first_line + impl->lua_lines[i].line - 1;
  }
  return impl->co_first_line + chunk_line - 1;
}

std::string buffer_position(lua_State* L, int32_t buffer_offset) {
  int line = 0, column = 0;
  const LuaHost::Impl* impl = host_of(L);
  if (!impl || !impl->line_col(buffer_offset, line, column)) return {};
  return std::to_string(line) + ":" + std::to_string(column);
}

void LuaHost::set_translated_source(const std::vector<std::pair<std::string, int32_t>>& literals,
                                    const std::string& original, int32_t first_byte,
                                    std::vector<SourcePosition> lua_lines) {
  impl_->first_byte = first_byte;
  impl_->error_offset = -1;
  impl_->literals.clear();
  for (const auto& [text, at] : literals) impl_->literals[text].push_back(first_byte + at);
  impl_->literal_uses.clear();
  impl_->original = original;
  impl_->lua_lines = std::move(lua_lines);
}

void LuaHost::set_source(const std::string& code, int32_t first_byte) {
  impl_->first_byte = first_byte;
  impl_->error_offset = -1;
  impl_->original = code;  // where a mini-notation error's byte is placed
  impl_->lua_lines.clear();
  if (code.empty()) impl_->literals.clear();
  else scan_literals(code, first_byte, impl_->literals);
  impl_->literal_uses.clear();
}

int32_t literal_offset(lua_State* L, const char* s, size_t n) {
  LuaHost::Impl* impl = host_of(L);
  if (!impl || impl->literals.empty()) return -1;
  std::string_view key(s, n);
  auto it = impl->literals.find(key);
  if (it == impl->literals.end() || it->second.empty()) return -1;
  auto use = impl->literal_uses.find(key);
  size_t k = use == impl->literal_uses.end() ? 0 : use->second;
  impl->literal_uses[std::string(key)] = k + 1;
  return it->second[k % it->second.size()];
}

std::weak_ptr<std::vector<int>> released_refs(lua_State* L) {
  LuaHost::Impl* impl = host_of(L);
  return impl ? std::weak_ptr<std::vector<int>>(impl->released) : std::weak_ptr<std::vector<int>>();
}

lua_State* active_thread(lua_State* L) {
  LuaHost::Impl* impl = host_of(L);
  return impl && impl->active ? impl->active : impl ? impl->L : L;
}

void LuaHost::arm_query_budget(double ms) {
  if (!impl_->co) impl_->reset_budgets();
  else impl_->over = false, impl_->unarmed_started = false, lua_sethook(impl_->L, budget_hook, LUA_MASKCOUNT, kHookCount);
  impl_->query_ms = ms;
  impl_->query_deadline = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(ms * 1000.0));
  impl_->query_armed = true;
}

void LuaHost::disarm_query_budget() {
  impl_->query_armed = false;
  impl_->over = false;
  impl_->unarmed_started = false;
  lua_sethook(impl_->L, budget_hook, LUA_MASKCOUNT, kHookCount);
}

bool LuaHost::evaluating() const { return impl_->co != nullptr; }

void LuaHost::abort_evaluation() {
  if (!impl_->co) return;
  luaL_unref(impl_->L, LUA_REGISTRYINDEX, impl_->co_ref);
  impl_->co = nullptr;
  impl_->co_ref = LUA_NOREF;
  impl_->active = nullptr;
  impl_->collect();
}

namespace {

bool compiles(lua_State* L, const std::string& code) {
  const int rc = luaL_loadbuffer(L, code.data(), code.size(), "=check");
  lua_pop(L, 1);
  return rc == LUA_OK;
}

// `code` with its last statement returned when that statement is one expression (a call such
// as s("bd"):fast(2), possibly over several lines), else `code` as it is. The statement starts
// at the beginning of a line; each candidate line (from the last up) is tried by compiling.
std::string with_bare_return(lua_State* L, const std::string& code) {
  static const char* const kKeywords[] = {"local", "function", "return", "end", "if", "for", "while", "repeat",
                                          "until", "do", "else", "elseif", "break", "goto", "then", "and", "or", "not"};
  std::vector<size_t> starts;
  for (size_t i = 0; i < code.size(); i = code.find('\n', i) == std::string::npos ? code.size() : code.find('\n', i) + 1) {
    const char c = code[i];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '(' || c == '"' || c == '\'') starts.push_back(i);
  }
  int tries = 0;
  for (size_t k = starts.size(); k-- > 0 && tries < 24; ++tries) {
    const size_t at = starts[k];
    size_t w = at;
    while (w < code.size() && (std::isalnum(static_cast<unsigned char>(code[w])) || code[w] == '_')) ++w;
    const std::string word = code.substr(at, w - at);
    bool keyword = false;
    for (const char* kw : kKeywords) keyword |= word == kw;
    if (keyword) {
      if (word == "end" || word == "until") return code;  // the last statement is a block
      continue;
    }
    const std::string prefix = code.substr(0, at);
    const std::string tail = code.substr(at);
    if (!compiles(L, tail) || !compiles(L, "return " + tail)) continue;
    if (!compiles(L, prefix)) continue;
    return prefix + "return " + tail;
  }
  return code;
}

}  // namespace

LuaError LuaHost::begin(const std::string& source, const std::string& chunk_name, int first_line, bool bare_return) {
  abort_evaluation();
  impl_->release_refs();
  impl_->reset_budgets();  // before the coroutine is made: it inherits the hook's count
  lua_State* L = impl_->L;
  const std::string code = bare_return ? with_bare_return(L, source) : source;
  impl_->co_first_line = first_line;
  lua_State* co = lua_newthread(L);
  const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  std::string chunk = "=" + chunk_name;
  const int rc = luaL_loadbuffer(co, code.data(), code.size(), chunk.c_str());
  if (rc != LUA_OK) {
    const char* msg = lua_tostring(co, -1);
    LuaError e = parse_lua_error(msg ? msg : "syntax error", code, first_line);
    map_translated(e);
    luaL_unref(L, LUA_REGISTRYINDEX, ref);
    return e;
  }
  impl_->co = co;
  impl_->co_ref = ref;
  impl_->co_code = code;
  impl_->co_first_line = first_line;
  impl_->used_ms = 0.0;
  return LuaError{};
}

bool LuaHost::step(double slice_ms, LuaError& result) {
  result = LuaError{};
  Impl& m = *impl_;
  if (!m.co) return true;
  const Clock::time_point start = Clock::now();
  const double left_ms = m.options.eval_budget_ms - m.used_ms;
  m.deadline = start + std::chrono::microseconds(static_cast<int64_t>(left_ms * 1000.0));
  m.budget_armed = true;
  m.slice_deadline = start + std::chrono::microseconds(static_cast<int64_t>(slice_ms * 1000.0));
  m.slice_armed = true;
  m.active = m.co;
  int nres = 0;
  int rc = LUA_OK;
  {
    pattern::WorkScope work(m.work);
    rc = lua_resume(m.co, m.L, 0, &nres);
  }
  m.active = nullptr;
  m.budget_armed = false;
  m.slice_armed = false;
  m.used_ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (rc == LUA_YIELD && m.over) rc = LUA_ERRRUN;  // spent, yet yielded by its own code: abandoned
  if (rc == LUA_YIELD) {
    lua_pop(m.co, nres);
    return false;
  }
  if (rc == LUA_OK && nres >= 1) {
    // The chunk's returned value (a bare last expression): the performance decides.
    lua_State* L = m.L;
    lua_getglobal(L, "__moonrave_returned");
    if (lua_isfunction(L, -1)) {
      lua_pushvalue(m.co, -nres);
      lua_xmove(m.co, L, 1);
      m.active = nullptr;
      if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        const char* msg = lua_tostring(L, -1);
        result = parse_lua_error(msg ? msg : "error in the returned value", m.co_code, m.co_first_line);
        lua_pop(L, 1);
      }
    } else {
      lua_pop(L, 1);
    }
  }
  if (rc != LUA_OK) {
    if (m.over) {
      // Spent: whatever the error object became on the way out (caught, replaced, a table with
      // a __tostring), the budget's message is the outcome.
      result = parse_lua_error(m.over_message, m.co_code, m.co_first_line);
    } else if (rc == LUA_ERRMEM) {
      result.ok = false;
      result.message = "Lua memory limit reached (" + std::to_string(m.alloc.limit >> 20) + " MB)";
    } else {
      const char* msg = lua_tostring(m.co, -1);
      result = parse_lua_error(msg ? msg : "error object is not a string", m.co_code, m.co_first_line);
      // A mini-notation error knows its exact byte: point at it.
      int line = 0, column = 0;
      if (m.line_col(m.error_offset, line, column)) {
        result.line = line;
        result.column = column;
      } else if (!m.original.empty()) {
        map_translated(result);
      }
    }
    m.error_offset = -1;
  }
  abort_evaluation();
  return true;
}

void LuaHost::map_translated(LuaError& e) const {
  const Impl& m = *impl_;
  if (m.lua_lines.empty() || e.line <= 0) return;
  const int rel = e.line - m.co_first_line;  // 0-based Lua line
  const size_t i = std::min(static_cast<size_t>(std::max(rel, 0)), m.lua_lines.size() - 1);
  e.line = m.co_first_line + m.lua_lines[i].line - 1;
  e.column = m.lua_lines[i].column;
  // Lua names what failed ("(method 'x')"): find it in the original, from that line on (a call
  // over several lines is reported at its first).
  for (const char* kind : {"(global '", "(local '", "(field '", "(method '", "(upvalue '", "(constant '"}) {
    size_t k = e.message.find(kind);
    if (k == std::string::npos) continue;
    k += std::strlen(kind);
    const size_t q = e.message.find('\'', k);
    if (q == std::string::npos) break;
    std::string name = e.message.substr(k, q - k);
    if (name.size() > 1 && name.back() == '_') name.pop_back();  // end_ for JavaScript's end
    size_t pos = 0;
    for (int l = 1; l < m.lua_lines[i].line && pos != std::string::npos; ++l) {
      pos = m.original.find('\n', pos);
      if (pos != std::string::npos) ++pos;
    }
    if (pos == std::string::npos || name.empty()) break;
    for (size_t at = m.original.find(name, pos); at != std::string::npos; at = m.original.find(name, at + 1)) {
      const bool start_ok = at == 0 || !(std::isalnum(static_cast<unsigned char>(m.original[at - 1])) || m.original[at - 1] == '_');
      const size_t after = at + name.size();
      const bool end_ok = after >= m.original.size() || !(std::isalnum(static_cast<unsigned char>(m.original[after])) || m.original[after] == '_');
      if (!start_ok || !end_ok) continue;
      const size_t line_start = at == 0 ? std::string::npos : m.original.rfind('\n', at - 1);
      e.line = m.co_first_line + static_cast<int>(std::count(m.original.begin(), m.original.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
      e.column = static_cast<int>(line_start == std::string::npos ? at + 1 : at - line_start);
      break;
    }
    break;
  }
}

lua_State* LuaHost::state() { return impl_->L; }
size_t LuaHost::memory_used() const { return impl_->alloc.used; }
size_t LuaHost::memory_limit() const { return impl_->alloc.limit; }

LuaError LuaHost::run(const std::string& code, const std::string& chunk_name, int first_line) {
  impl_->release_refs();
  lua_State* L = impl_->L;
  const int top = lua_gettop(L);
  std::string chunk = "=" + chunk_name;
  int rc = luaL_loadbuffer(L, code.data(), code.size(), chunk.c_str());
  if (rc == LUA_OK) {
    impl_->reset_budgets();
    impl_->deadline = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(impl_->options.eval_budget_ms * 1000.0));
    impl_->budget_armed = true;
    {
      pattern::WorkScope work(impl_->work);
      rc = lua_pcall(L, 0, 0, 0);
    }
    impl_->budget_armed = false;
  }
  LuaError result;
  if (rc != LUA_OK && impl_->over) {
    result = parse_lua_error(impl_->over_message, code, first_line);
  } else if (rc != LUA_OK) {
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
  impl_->over = false;
  impl_->collect();
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
      // Runtime errors name what failed: "(global 'foo')", "(field 'x')", "(method 'y')".
      if (e.column == 0 && line >= 1) {
        for (const char* kind : {"(global '", "(local '", "(field '", "(method '", "(upvalue '", "(constant '"}) {
          size_t k = e.message.find(kind);
          if (k == std::string::npos) continue;
          k += std::strlen(kind);
          size_t q = e.message.find('\'', k);
          if (q == std::string::npos) break;
          const std::string name = e.message.substr(k, q - k);
          size_t pos = 0;
          for (int l = 1; l < line && pos != std::string::npos; ++l) {
            pos = code.find('\n', pos);
            if (pos != std::string::npos) ++pos;
          }
          if (pos == std::string::npos || name.empty()) break;
          size_t eol = code.find('\n', pos);
          std::string text = code.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
          size_t at = text.find(name);
          if (at != std::string::npos) e.column = static_cast<int>(at) + 1;
          break;
        }
      }
      return e;
    }
    colon = message.find(':', colon + 1);
  }
  return e;
}

}  // namespace mr::runtime
