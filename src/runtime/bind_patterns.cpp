// The generic Lua bridge over the pattern registry (bindings.hpp).
#include <lauxlib.h>
#include <lua.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pattern/mini.hpp"
#include "pattern/ops.hpp"
#include "pattern/registry.hpp"
#include "pattern/registry_util.hpp"
#include "runtime/bind_internal.hpp"
#include "runtime/bindings.hpp"

namespace mr::runtime {

constexpr const char* kPatternMeta = "moonrave.Pattern";

void push_pattern(lua_State* L, pattern::Pattern p) {
  void* mem = lua_newuserdatauv(L, sizeof(pattern::Pattern), 0);
  new (mem) pattern::Pattern(std::move(p));
  luaL_setmetatable(L, kPatternMeta);
}

namespace {

using pattern::Arg;
using pattern::FunctionInfo;
using pattern::Pattern;
using pattern::Registry;

constexpr size_t kMaxMiniBytes = 16384;

Pattern* test_pattern(lua_State* L, int idx) { return static_cast<Pattern*>(luaL_testudata(L, idx, kPatternMeta)); }

Arg to_arg(lua_State* L, int idx);
pattern::Value lua_to_value(lua_State* L, int idx, int depth = 0);

// A list handed to Lua is the Strudel dialect's array (map, filter, join...) when the prelude
// defined it.
void set_list_metatable(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.list");
  if (lua_istable(L, -1)) lua_setmetatable(L, -2);
  else lua_pop(L, 1);
}

// A plain value as Lua sees it: numbers, strings, booleans; lists as sequences (1-based), maps
// as tables with string keys.
void push_value(lua_State* L, const pattern::Value& v, int depth = 0) {
  using K = pattern::Value::Kind;
  luaL_checkstack(L, 4, "value too deep");
  switch (v.kind()) {
    case K::Nil: lua_pushnil(L); return;
    case K::Number: lua_pushnumber(L, v.number()); return;
    case K::String: lua_pushlstring(L, v.string().data(), v.string().size()); return;
    case K::Bool: lua_pushboolean(L, v.boolean()); return;
    case K::List: {
      lua_createtable(L, static_cast<int>(v.items().size()), 0);
      lua_Integer i = 1;
      for (const auto& x : v.items()) {
        if (depth < 32) push_value(L, x, depth + 1);
        else lua_pushnil(L);
        lua_rawseti(L, -2, i++);
      }
      set_list_metatable(L);
      return;
    }
    case K::Map: {
      lua_createtable(L, 0, static_cast<int>(v.entries().size()));
      for (const auto& [k, x] : v.entries()) {
        if (depth < 32) push_value(L, x, depth + 1);
        else lua_pushnil(L);
        lua_setfield(L, -2, k.c_str());
      }
      return;
    }
  }
  lua_pushnil(L);
}

// A C++ function handed back to Lua (a function argument a registered function passes on): a
// closure over a userdata that owns it.
constexpr const char* kHostFunctionMeta = "moonrave.HostFunction";

int host_function_gc(lua_State* L) {
  using Fn = pattern::HostFunction;
  static_cast<Fn*>(luaL_checkudata(L, 1, kHostFunctionMeta))->~Fn();
  return 0;
}

void push_arg(lua_State* L, const Arg& a);

int host_function_call(lua_State* L) {
  auto* f = static_cast<pattern::HostFunction*>(luaL_checkudata(L, lua_upvalueindex(1), kHostFunctionMeta));
  std::vector<Arg> args;
  for (int i = 1; i <= lua_gettop(L); ++i) args.push_back(to_arg(L, i));
  Arg r;
  std::string error;
  try {
    r = (*f)(std::span<const Arg>(args.data(), args.size()));
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!error.empty()) return luaL_error(L, "%s", error.c_str());
  push_arg(L, r);
  return 1;
}

// A hap as a Lua function sees it (filter's argument) is a table {whole, part, value, context}
// with Strudel's hap:hasTag(t): true when t is in context.tags.
constexpr const char* kHapRecordMeta = "moonrave.HapRecord";

int hap_record_has_tag(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  bool found = false;
  if (lua_getfield(L, 1, "context") == LUA_TTABLE && lua_getfield(L, -1, "tags") == LUA_TTABLE) {
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n && !found; ++i) {
      lua_rawgeti(L, -1, i);
      found = lua_rawequal(L, -1, 2) != 0;
      lua_pop(L, 1);
    }
  }
  lua_pushboolean(L, found);
  return 1;
}

void push_arg(lua_State* L, const Arg& a) {
  switch (a.kind) {
    case Arg::Kind::Pattern: push_pattern(L, a.pattern); return;
    case Arg::Kind::Value:
      push_value(L, a.value);
      if (a.hap && lua_istable(L, -1)) luaL_setmetatable(L, kHapRecordMeta);
      return;
    case Arg::Kind::List: {
      lua_createtable(L, static_cast<int>(a.list.size()), 0);
      lua_Integer i = 1;
      for (const Arg& x : a.list) {
        push_arg(L, x);
        lua_rawseti(L, -2, i++);
      }
      set_list_metatable(L);
      return;
    }
    case Arg::Kind::Function: {
      if (!a.function) break;
      void* mem = lua_newuserdatauv(L, sizeof(pattern::HostFunction), 0);
      new (mem) pattern::HostFunction(a.function);
      luaL_setmetatable(L, kHostFunctionMeta);
      lua_pushcclosure(L, host_function_call, 1);
      return;
    }
  }
  lua_pushnil(L);
}

// A Lua function kept in the registry, callable from pattern code (the runtime thread only). It
// runs on the thread active when the pattern is queried: the coroutine that made it may be
// suspended (or gone) by then.
pattern::HostFunction host_function(lua_State* from, int idx) {
  lua_pushvalue(from, idx);
  int ref = luaL_ref(from, LUA_REGISTRYINDEX);
  std::weak_ptr<std::vector<int>> released = released_refs(from);
  auto holder = std::shared_ptr<int>(new int(ref), [released](int* r) {
    if (auto list = released.lock()) list->push_back(*r);
    delete r;
  });
  lua_rawgeti(from, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
  lua_State* owner = lua_tothread(from, -1);  // outlives the coroutine that may be running now
  lua_pop(from, 1);
  return [owner, holder](std::span<const Arg> args) -> Arg {
    lua_State* L = active_thread(owner);
    lua_rawgeti(L, LUA_REGISTRYINDEX, *holder);
    luaL_checkstack(L, static_cast<int>(args.size()) + 4, "too many arguments");
    for (const Arg& a : args) push_arg(L, a);
    if (lua_pcall(L, static_cast<int>(args.size()), 1, 0) != LUA_OK) {
      std::string msg = lua_tostring(L, -1) ? lua_tostring(L, -1) : "error in a Lua function";
      lua_pop(L, 1);
      throw std::runtime_error(msg);
    }
    // A pattern (or a string, as mini-notation) comes back as a pattern; any other value (a
    // number, a table such as a hap) as a plain value, for the functions that want one.
    Arg out;
    const int t = lua_type(L, -1);
    if (t == LUA_TUSERDATA || t == LUA_TFUNCTION || t == LUA_TSTRING) {
      out = to_arg(L, -1);
      if (t == LUA_TSTRING) out.value = lua_tostring(L, -1);
    } else {
      std::string error;
      try {
        out = Arg::of_value(lua_to_value(L, -1));
      } catch (const std::exception& e) {
        error = e.what();
      }
      if (!error.empty()) {
        lua_pop(L, 1);
        throw std::runtime_error(error);
      }
    }
    lua_pop(L, 1);
    return out;
  };
}

// A Lua value as a plain pattern value: tables with string keys become maps, sequences lists.
pattern::Value lua_to_value(lua_State* L, int idx, int depth) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TNIL: return {};
    case LUA_TNUMBER: return lua_tonumber(L, idx);
    case LUA_TBOOLEAN: return static_cast<bool>(lua_toboolean(L, idx));
    case LUA_TSTRING: {
      size_t n = 0;
      const char* s = lua_tolstring(L, idx, &n);
      return std::string(s, n);
    }
    case LUA_TTABLE: {
      if (depth > 32) throw std::runtime_error("a table nested too deep to be a value");
      luaL_checkstack(L, 4, "table too deep");
      pattern::ValueMap m;
      pattern::ValueList l;
      const lua_Integer len = static_cast<lua_Integer>(lua_rawlen(L, idx));
      for (lua_Integer i = 1; i <= len; ++i) {
        lua_rawgeti(L, idx, i);
        l.push_back(lua_to_value(L, -1, depth + 1));
        lua_pop(L, 1);
      }
      lua_pushnil(L);
      while (lua_next(L, idx) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING) m.push_back({lua_tostring(L, -2), lua_to_value(L, -1, depth + 1)});
        lua_pop(L, 1);
      }
      if (!m.empty()) return pattern::Value::map(std::move(m));
      return pattern::Value::list(std::move(l));
    }
    case LUA_TUSERDATA:
      if (Pattern* p = test_pattern(L, idx))
        if (const pattern::Value* v = p->pure_value()) return *v;
      break;
    default: break;
  }
  throw std::runtime_error(std::string("expected a plain value (number, string, boolean or table), got ") +
                           luaL_typename(L, idx));
}

Arg to_arg(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TNUMBER: return Arg::of(pattern::pure(lua_tonumber(L, idx)));
    case LUA_TBOOLEAN: return Arg::of(pattern::pure(static_cast<bool>(lua_toboolean(L, idx))));
    case LUA_TSTRING: {
      size_t n = 0;
      const char* s = lua_tolstring(L, idx, &n);
      std::string error;
      // Parsing is C++ the count hook cannot interrupt: a generated string must not stall the
      // runtime thread (and with it the scheduler) for longer than a tick or two.
      if (n > kMaxMiniBytes)
        luaL_error(L, "mini-notation: a pattern string of %d bytes (the limit is %d)", static_cast<int>(n),
                   static_cast<int>(kMaxMiniBytes));
      const int32_t at = literal_offset(L, s, n);
      try {
        Arg out = Arg::of(pattern::mini(std::string_view(s, n), at < 0 ? 0 : at));
        out.text = std::string(s, n);
        return out;
      } catch (const pattern::MiniParseError& e) {
        // A second place it names (the bracket left open) is said as line:column of the buffer.
        const std::string related = at >= 0 && e.related >= 0 ? buffer_position(L, e.related) : std::string();
        error = std::string("mini-notation: ") + (related.empty() ? std::string(e.what()) : e.message_at(related));
        if (at >= 0) note_error_offset(L, e.offset);
      } catch (const std::exception& e) {
        error = std::string("mini-notation: ") + e.what();
      }
      luaL_error(L, "%s", error.c_str());
      return {};
    }
    case LUA_TFUNCTION: return Arg::of(host_function(L, idx));
    case LUA_TTABLE: {
      std::vector<Arg> items;
      lua_Integer len = luaL_len(L, idx);
      for (lua_Integer i = 1; i <= len; ++i) {
        lua_rawgeti(L, idx, i);
        items.push_back(to_arg(L, -1));
        lua_pop(L, 1);
      }
      Arg out = Arg::of(std::move(items));
      lua_pushnil(L);
      while (lua_next(L, idx) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING) {
          out.keyed.push_back({lua_tostring(L, -2), to_arg(L, -1)});
        } else if (lua_type(L, -2) == LUA_TNUMBER) {
          // A number key outside the sequence is a JavaScript object's key ({7: [...]} in a
          // voicing dictionary): its text, as JavaScript keys are strings. (Never lua_tostring
          // on the key itself: it would change the key under lua_next.)
          const lua_Number k = lua_tonumber(L, -2);
          const bool in_sequence = k == std::floor(k) && k >= 1 && k <= static_cast<lua_Number>(len);
          if (!in_sequence) out.keyed.push_back({pattern::js_number(k), to_arg(L, -1)});
        }
        lua_pop(L, 1);
      }
      std::sort(out.keyed.begin(), out.keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      return out;
    }
    case LUA_TUSERDATA:
      if (Pattern* p = test_pattern(L, idx)) return Arg::of(*p);
      break;
    default: break;
  }
  luaL_error(L, "expected a pattern, string, number, function or table, got %s", luaL_typename(L, idx));
  return {};
}

// Calls fi.impl with args; a C++ error becomes a Lua error naming the function.
int call_impl(lua_State* L, const FunctionInfo& fi, const std::vector<Arg>& args) {
  std::string error;
  try {
    push_pattern(L, fi.impl(args));
    return 1;
  } catch (const std::exception& e) {
    error = fi.name + ": " + e.what();
  }
  return luaL_error(L, "%s", error.c_str());
}

const FunctionInfo& info_at(lua_State* L, int upvalue) {
  auto i = static_cast<size_t>(lua_tointeger(L, lua_upvalueindex(upvalue)));
  return Registry::instance().all()[i];
}

// Curried: upvalue 1 = function index, 2.. = the stored arguments; called with the pattern.
int curried(lua_State* L) {
  const FunctionInfo& fi = info_at(L, 1);
  std::vector<Arg> args;
  for (int i = 0; i < fi.arity; ++i) args.push_back(to_arg(L, lua_upvalueindex(2 + i)));
  args.push_back(to_arg(L, 1));
  return call_impl(L, fi, args);
}

// Curried variadic: upvalue 1 = function index, 2 = the count, 3.. = the stored functions.
int curried_variadic(lua_State* L) {
  const FunctionInfo& fi = info_at(L, 1);
  const auto count = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
  std::vector<Arg> args;
  for (int i = 0; i < count; ++i) args.push_back(to_arg(L, lua_upvalueindex(3 + i)));
  args.push_back(to_arg(L, 1));
  return call_impl(L, fi, args);
}

// Global form: fast(2, pat), fast(2) (curried), stack(a, b, c).
int global_call(lua_State* L) {
  const FunctionInfo& fi = info_at(L, 1);
  int n = lua_gettop(L);
  // A method of any number of functions given only functions (superimpose(add(12), rev)) is
  // curried: a function of the pattern.
  if (fi.is_method && fi.arity < 0 && n > 0 && n < 200) {
    bool all_functions = true;
    for (int i = 1; i <= n; ++i) all_functions = all_functions && lua_isfunction(L, i);
    if (all_functions) {
      lua_pushvalue(L, lua_upvalueindex(1));
      lua_pushinteger(L, n);
      for (int i = 1; i <= n; ++i) lua_pushvalue(L, i);
      lua_pushcclosure(L, curried_variadic, n + 2);
      return 1;
    }
  }
  // Controls called with just their value are constructors (s("bd")), never curried.
  if (fi.is_method && fi.arity >= 0 && n == fi.arity && fi.category != "control") {
    lua_pushvalue(L, lua_upvalueindex(1));
    for (int i = 1; i <= n; ++i) lua_pushvalue(L, i);
    lua_pushcclosure(L, curried, n + 1);
    return 1;
  }
  // A control given more values than one (note("c d", "e f", ...)) is Strudel's func(value, pat):
  // the second is the pattern the first is set on; Strudel reads no further argument, and the
  // Strudel dialect passes them as written, so the same two are read here.
  if (fi.category == "control" && fi.arity == 1 && n > 2) n = 2;
  std::vector<Arg> args;
  for (int i = 1; i <= n; ++i) args.push_back(to_arg(L, i));
  if (fi.is_method && fi.arity >= 0 && n != fi.arity + 1 && !(fi.category == "control" && n == fi.arity))
    return luaL_error(L, "%s expects %d argument(s) and a pattern: %s", fi.name.c_str(), fi.arity, fi.signature.c_str());
  return call_impl(L, fi, args);
}

// Method form: pat:fast(2) calls fast(2, pat); variadic ones get self first (pat:stack(b)).
int method_call(lua_State* L) {
  const FunctionInfo& fi = info_at(L, 1);
  int n = lua_gettop(L);
  std::vector<Arg> args;
  if (fi.arity < 0 || !fi.is_method) {
    for (int i = 1; i <= n; ++i) args.push_back(to_arg(L, i));
  } else if (fi.category == "control" && n == 1) {
    // pat:note() with no value: the pattern's values become the control, as Strudel's .note().
    args.push_back(to_arg(L, 1));
  } else {
    for (int i = 2; i <= n; ++i) args.push_back(to_arg(L, i));
    // A one-argument method given several (pat:fast(1, 2)) takes them as one sequence, as
    // Strudel's register does: pat:fast(seq(1, 2)). Functions cannot be a pattern's values here.
    if (fi.arity == 1 && n > 2) {
      bool values = true;
      for (const Arg& a : args) values = values && (a.kind == Arg::Kind::Pattern || a.kind == Arg::Kind::List);
      if (values) {
        try {
          Arg seq = Arg::of(pattern::reg::list_as_sequence(Arg::of(std::move(args)), fi.name));
          args.clear();
          args.push_back(std::move(seq));
        } catch (const std::exception& e) {
          return luaL_error(L, "%s: %s", fi.name.c_str(), e.what());
        }
      }
    }
    args.push_back(to_arg(L, 1));
    if (static_cast<int>(args.size()) - 1 != fi.arity)
      return luaL_error(L, "%s expects %d argument(s): %s", fi.name.c_str(), fi.arity, fi.signature.c_str());
  }
  return call_impl(L, fi, args);
}

// A name both Lua's strings and the patterns have (sub): called on a string with one argument
// it is Strudel's (("0 1"):sub(1) is the pattern "0 1" minus 1, as Strudel's "0 1".sub(1)); with
// Lua's arguments (s:sub(1, 1), two of them) it is Lua's. Upvalue 1: Lua's, 2: the pattern's.
int string_both(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(lua_gettop(L) == 2 ? 2 : 1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// __index of strings: ("a b"):fast(2) calls the pattern method (the string is mini-notation, as
// Strudel's "a b".fast(2)). Lua's own string methods come first, so library code that calls
// s:rep(2) or s:upper() keeps its meaning; for `sub`, which both have, string_both decides.
int string_index(lua_State* L) {
  lua_pushvalue(L, 2);
  lua_gettable(L, lua_upvalueindex(1));
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, 2) == LUA_TSTRING && std::string_view(lua_tostring(L, 2)) == "sub") {
      lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
      lua_getfield(L, -1, "sub");
      lua_remove(L, -2);
      if (!lua_isnil(L, -1)) {
        lua_pushcclosure(L, string_both, 2);
        return 1;
      }
      lua_pop(L, 1);
    }
    return 1;
  }
  lua_pop(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  return 1;
}

int pattern_gc(lua_State* L) {
  if (Pattern* p = test_pattern(L, 1)) p->~Pattern();
  return 0;
}

int pattern_index(lua_State* L) {
  const char* key = luaL_checkstring(L, 2);
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  lua_getfield(L, -1, key);
  return 1;
}

template <char Op>
int arith(lua_State* L) {
  Arg a = to_arg(L, 1), b = to_arg(L, 2);
  if (a.kind != Arg::Kind::Pattern || b.kind != Arg::Kind::Pattern) return luaL_error(L, "arithmetic needs patterns");
  std::string error;
  try {
    push_pattern(L, pattern::apply_op(a.pattern, b.pattern,
                                      [](const pattern::Value& x, const pattern::Value& y) { return pattern::num_op(x, y, Op); },
                                      pattern::Structure::In));
    return 1;
  } catch (const std::exception& e) {
    error = e.what();
  }
  return luaL_error(L, "%s", error.c_str());
}

// pure(value): a string is the value as it is (Strudel's pure('a b') is one event "a b"), not
// mini-notation; anything else goes to the registry's pure.
int lua_pure(lua_State* L) {
  if (lua_gettop(L) == 1 && lua_type(L, 1) == LUA_TSTRING) {
    push_pattern(L, pattern::pure(pattern::Value(std::string(lua_tostring(L, 1)))));
    return 1;
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int lua_mini(lua_State* L) {
  Arg a = to_arg(L, 1);
  push_pattern(L, a.pattern);
  return 1;
}

}  // namespace

pattern::Arg lua_arg(lua_State* L, int idx) { return to_arg(L, idx); }
void push_plain_value(lua_State* L, const pattern::Value& v) { push_value(L, v); }

pattern::Pattern check_pattern(lua_State* L, int idx) {
  Arg a = to_arg(L, idx);
  if (a.kind != Arg::Kind::Pattern) luaL_error(L, "expected a pattern, got %s", luaL_typename(L, idx));
  return a.pattern;
}

// The Strudel dialect's array type (strudel.lua's `list`), kept where user code cannot shadow it:
// lists handed back to Lua (a registered function's array argument) are arrays.
void remember_list_type(LuaHost& host) {
  lua_State* L = host.state();
  lua_getglobal(L, "list");
  if (lua_istable(L, -1)) lua_setfield(L, LUA_REGISTRYINDEX, "moonrave.list");
  else lua_pop(L, 1);
}

void bind_patterns(LuaHost& host) {
  lua_State* L = host.state();
  luaL_newmetatable(L, kHostFunctionMeta);
  lua_pushcfunction(L, host_function_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newmetatable(L, kHapRecordMeta);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, hap_record_has_tag);
  lua_setfield(L, -2, "hasTag");
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  luaL_newmetatable(L, kPatternMeta);
  lua_pushcfunction(L, pattern_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, pattern_index);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, arith<'+'>);
  lua_setfield(L, -2, "__add");
  lua_pushcfunction(L, arith<'-'>);
  lua_setfield(L, -2, "__sub");
  lua_pushcfunction(L, arith<'*'>);
  lua_setfield(L, -2, "__mul");
  lua_pushcfunction(L, arith<'/'>);
  lua_setfield(L, -2, "__div");
  lua_pop(L, 1);

  lua_newtable(L);  // methods
  const auto& all = Registry::instance().all();
  for (size_t i = 0; i < all.size(); ++i) {
    const FunctionInfo& fi = all[i];
    std::vector<std::string> names = fi.aliases;
    names.insert(names.begin(), fi.name);
    for (const std::string& name : names) {
      if (fi.is_value) {
        std::string error;
        try {
          push_pattern(L, fi.impl({}));
        } catch (const std::exception& e) {
          error = e.what();
          lua_pushnil(L);
        }
        lua_setglobal(L, name.c_str());
        continue;
      }
      lua_pushinteger(L, static_cast<lua_Integer>(i));
      lua_pushcclosure(L, global_call, 1);
      lua_setglobal(L, name.c_str());
      lua_pushinteger(L, static_cast<lua_Integer>(i));
      lua_pushcclosure(L, method_call, 1);
      lua_setfield(L, -2, name.c_str());
    }
  }
  lua_pushvalue(L, -1);
  lua_setglobal(L, "Pattern");  // the method table, so Lua code (the prelude) can add methods
  lua_setfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  lua_pushliteral(L, "");
  if (lua_getmetatable(L, -1)) {
    if (lua_getfield(L, -1, "__index") == LUA_TTABLE) {
      lua_pushcclosure(L, string_index, 1);
      lua_setfield(L, -2, "__index");
    } else {
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, lua_mini);
  lua_setglobal(L, "mini");
  bind_tonal(L);
  lua_getglobal(L, "pure");
  lua_pushcclosure(L, lua_pure, 1);
  lua_setglobal(L, "pure");
  bind_vocab(L);
  bind_query(L);
}

LuaError eval_pattern(LuaHost& host, const std::string& expr, pattern::Pattern& out) {
  lua_State* L = host.state();
  LuaError e = host.run("__moonrave_result = (" + expr + "\n)", "expression", 1);
  if (!e.ok) return e;
  lua_getglobal(L, "__moonrave_result");
  std::string error;
  try {
    if (lua_isnil(L, -1)) {
      error = "the expression gave nil, not a pattern";
    } else if (Pattern* p = test_pattern(L, -1)) {
      out = *p;
    } else if (lua_type(L, -1) == LUA_TSTRING) {
      out = pattern::mini(lua_tostring(L, -1));
    } else if (lua_type(L, -1) == LUA_TNUMBER) {
      out = pattern::pure(lua_tonumber(L, -1));
    } else {
      error = std::string("the expression gave a ") + luaL_typename(L, -1) + ", not a pattern";
    }
  } catch (const std::exception& ex) {
    error = ex.what();
  }
  lua_pop(L, 1);
  lua_pushnil(L);
  lua_setglobal(L, "__moonrave_result");
  if (!error.empty()) {
    e.ok = false;
    e.message = error;
  }
  return e;
}

std::vector<std::string> slot_names(LuaHost& host) {
  lua_State* L = host.state();
  std::vector<std::string> out;
  lua_getglobal(L, "__moonrave_slots");
  if (lua_isfunction(L, -1) && lua_pcall(L, 0, 1, 0) == LUA_OK && lua_istable(L, -1)) {
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, -1, i);
      if (const char* s = lua_tostring(L, -1)) out.emplace_back(s);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  return out;
}

}  // namespace mr::runtime
