// Strudel's register(name, fn) and slider(value, min, max, step) in Lua (bindings.hpp).
#include <lauxlib.h>
#include <lua.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "pattern/registry_util.hpp"
#include "runtime/bind_internal.hpp"
#include "runtime/bindings.hpp"

namespace mr::runtime {

namespace {

using pattern::Arg;
using pattern::Pattern;
using pattern::Value;

constexpr const char* kRegisteredMeta = "moonrave.Registered";
constexpr const char* kSlidersKey = "moonrave.sliders";

// A function defined by register(): its name, the number of its parameters (the pattern last)
// and the Lua function as a host function.
struct Registered {
  std::string name;
  int arity = 0;
  pattern::HostFunction fn;
};

Registered& registered_at(lua_State* L) {
  return *static_cast<Registered*>(luaL_checkudata(L, lua_upvalueindex(1), kRegisteredMeta));
}

int registered_gc(lua_State* L) {
  static_cast<Registered*>(luaL_checkudata(L, 1, kRegisteredMeta))->~Registered();
  return 0;
}

// Applies a registered function to its arguments and the pattern, as Strudel's register does:
// plain values (and functions, tables) are passed as they are; when some are patterns, the
// function is applied per combination of their values (structure from the first), inner-joined.
Pattern apply_registered(const Registered& r, const std::vector<Arg>& args, const Pattern& pat) {
  std::vector<size_t> patterned;
  std::vector<Arg> plain = args;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].kind != Arg::Kind::Pattern) continue;
    if (const Value* v = args[i].pattern.pure_value()) plain[i] = Arg::of_value(*v);
    else patterned.push_back(i);
  }
  auto call = [r, pat](std::vector<Arg> a) {
    a.push_back(Arg::of(pat));
    return pattern::reg::call_pattern(r.fn, std::move(a), r.name);
  };
  if (patterned.empty()) return call(plain);
  std::vector<Pattern> ps;
  for (size_t i : patterned) ps.push_back(args[i].pattern);
  return pattern::reg::patternify(ps, [plain, patterned, call](const std::vector<Value>& vals) {
    std::vector<Arg> a = plain;
    for (size_t k = 0; k < patterned.size(); ++k) a[patterned[k]] = Arg::of_value(vals[k]);
    return call(a);
  });
}

int call_registered(lua_State* L, const Registered& r, int first, int count, const Pattern& pat) {
  std::vector<Arg> args;
  for (int i = 0; i < count; ++i) args.push_back(lua_arg(L, first + i));
  std::string error;
  try {
    push_pattern(L, apply_registered(r, args, pat));
    return 1;
  } catch (const std::exception& e) {
    error = r.name + ": " + e.what();
  }
  return luaL_error(L, "%s", error.c_str());
}

// pat:name(args...): a function of one argument given several takes them as a sequence.
int registered_method(lua_State* L) {
  const Registered& r = registered_at(L);
  const int n = lua_gettop(L) - 1;
  Pattern pat = check_pattern(L, 1);
  if (r.arity == 2 && n > 1) {
    std::vector<Pattern> seq;
    for (int i = 2; i <= n + 1; ++i) seq.push_back(check_pattern(L, i));
    lua_settop(L, 1);
    push_pattern(L, pattern::fastcat(seq));
    return call_registered(L, r, 2, 1, pat);
  }
  if (n != r.arity - 1) return luaL_error(L, "%s expects %d argument(s)", r.name.c_str(), r.arity - 1);
  return call_registered(L, r, 2, n, pat);
}

// The curried form: name(args...) returns a function of the pattern.
int registered_curried(lua_State* L) {
  const Registered& r = registered_at(L);
  const auto count = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
  Pattern pat = check_pattern(L, 1);
  lua_settop(L, 0);
  for (int i = 0; i < count; ++i) lua_pushvalue(L, lua_upvalueindex(3 + i));
  return call_registered(L, r, 1, count, pat);
}

// name(args..., pat), or name(args...) curried.
int registered_global(lua_State* L) {
  const Registered& r = registered_at(L);
  const int n = lua_gettop(L);
  if (n == r.arity) {
    Pattern pat = check_pattern(L, n);
    return call_registered(L, r, 1, n - 1, pat);
  }
  if (n == r.arity - 1) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushinteger(L, n);
    for (int i = 1; i <= n; ++i) lua_pushvalue(L, i);
    lua_pushcclosure(L, registered_curried, n + 2);
    return 1;
  }
  return luaL_error(L, "%s expects %d argument(s) and a pattern", r.name.c_str(), r.arity - 1);
}

bool valid_name(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// register(name, fn): defines the global `name` and the method pat:name(...). Returns the global.
int l_register(lua_State* L) {
  const std::string name = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  if (!valid_name(name)) return luaL_error(L, "register: '%s' is not a name a function can have", name.c_str());
  lua_Debug ar;
  lua_pushvalue(L, 2);
  lua_getinfo(L, ">u", &ar);
  const int arity = ar.nparams;
  if (arity < 1) return luaL_error(L, "register: the function must take the pattern as its last parameter");
  Arg f = lua_arg(L, 2);
  void* mem = lua_newuserdatauv(L, sizeof(Registered), 0);
  new (mem) Registered{name, arity, f.function};
  luaL_setmetatable(L, kRegisteredMeta);
  const int ud = lua_gettop(L);
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  lua_pushvalue(L, ud);
  lua_pushcclosure(L, registered_method, 1);
  lua_setfield(L, -2, name.c_str());
  lua_pop(L, 1);
  lua_pushvalue(L, ud);
  lua_pushcclosure(L, registered_global, 1);
  lua_pushvalue(L, -1);
  lua_setglobal(L, name.c_str());
  return 1;
}

// [SECTION] sliders

struct Sliders {
  std::vector<SliderInfo> list;
  std::vector<std::shared_ptr<std::atomic<double>>> cells;
};

Sliders& sliders_of(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kSlidersKey);
  auto* s = static_cast<Sliders*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *s;
}

int sliders_gc(lua_State* L) {
  static_cast<Sliders*>(lua_touserdata(L, 1))->~Sliders();
  return 0;
}

// One event a cycle with the slider's value at query time (Strudel's ref()).
Pattern slider_pattern(std::shared_ptr<std::atomic<double>> cell) {
  return Pattern([cell](const pattern::State& st, pattern::Haps& out) {
    st.span.for_each_cycle([&](const pattern::TimeSpan& piece) {
      pattern::Hap h;
      const pattern::Rational c = piece.begin.floor();
      h.whole = pattern::TimeSpan{c, c + 1};
      h.part = piece;
      h.value = Value(cell->load(std::memory_order_relaxed));
      out.push_back(std::move(h));
    });
  });
}

int make_slider(lua_State* L, std::string id, int first) {
  const double value = luaL_checknumber(L, first);
  const double lo = luaL_optnumber(L, first + 1, 0);
  const double hi = luaL_optnumber(L, first + 2, 1);
  const double step = luaL_optnumber(L, first + 3, 0);
  if (!(lo <= hi)) return luaL_error(L, "slider: the minimum (%f) is above the maximum (%f)", lo, hi);
  // Where the call is in the buffer: its chunk is named by the buffer ("=name") and starts at
  // the evaluated block's first line (a translated Strudel line maps back to its own).
  lua_Debug ar;
  int line = 0;
  std::string buffer;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
    line = buffer_line(L, ar.currentline);
    if (ar.source && ar.source[0] == '=') buffer = ar.source + 1;
  }
  Sliders& s = sliders_of(L);
  if (id.empty()) {
    int k = 0;
    for (const SliderInfo& x : s.list)
      if (x.line == line && x.id.rfind("slider_" + std::to_string(line) + "_", 0) == 0) ++k;
    id = "slider_" + std::to_string(line) + "_" + std::to_string(k);
  }
  std::shared_ptr<std::atomic<double>> cell;
  for (size_t i = 0; i < s.list.size(); ++i) {
    if (s.list[i].id != id) continue;
    cell = s.cells[i];
    s.list[i] = SliderInfo{id, buffer, line, value, lo, hi, step, cell};
  }
  if (!cell) {
    cell = std::make_shared<std::atomic<double>>(value);
    s.list.push_back(SliderInfo{id, buffer, line, value, lo, hi, step, cell});
    s.cells.push_back(cell);
  }
  cell->store(value, std::memory_order_relaxed);  // the code's value wins, as in Strudel
  push_pattern(L, slider_pattern(cell));
  return 1;
}

int l_slider(lua_State* L) { return make_slider(L, "", 1); }
int l_slider_with_id(lua_State* L) { return make_slider(L, luaL_checkstring(L, 1), 2); }

}  // namespace

void bind_vocab(lua_State* L) {
  luaL_newmetatable(L, kRegisteredMeta);
  lua_pushcfunction(L, registered_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  lua_pushcfunction(L, l_register);
  lua_setglobal(L, "register");

  void* mem = lua_newuserdatauv(L, sizeof(Sliders), 0);
  new (mem) Sliders();
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, sliders_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, kSlidersKey);
  lua_pushcfunction(L, l_slider);
  lua_setglobal(L, "slider");
  lua_pushcfunction(L, l_slider_with_id);
  lua_setglobal(L, "sliderWithID");
}

std::vector<SliderInfo> sliders(LuaHost& host) {
  lua_State* L = host.state();
  lua_getfield(L, LUA_REGISTRYINDEX, kSlidersKey);
  auto* s = static_cast<Sliders*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (!s) return {};
  std::vector<SliderInfo> out = s->list;
  for (size_t i = 0; i < out.size(); ++i) out[i].value = s->cells[i]->load(std::memory_order_relaxed);
  return out;
}

bool set_slider(LuaHost& host, const std::string& id, double value) {
  lua_State* L = host.state();
  lua_getfield(L, LUA_REGISTRYINDEX, kSlidersKey);
  auto* s = static_cast<Sliders*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (!s) return false;
  for (size_t i = 0; i < s->list.size(); ++i) {
    if (s->list[i].id != id) continue;
    const SliderInfo& x = s->list[i];
    s->cells[i]->store(std::min(std::max(value, x.min), x.max), std::memory_order_relaxed);
    return true;
  }
  return false;
}

}  // namespace mr::runtime
