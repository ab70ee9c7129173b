// Strudel's voicing dictionary functions in Lua: addVoicings, registerVoicings, setVoicingRange,
// setDefaultVoicings, resetVoicings (the dictionaries live in pattern/tonal_theory.cpp).
#include <lauxlib.h>
#include <lua.h>

#include <string>
#include <vector>

#include "pattern/tonal.hpp"
#include "pattern/value.hpp"
#include "runtime/bind_internal.hpp"
#include "runtime/lua_host.hpp"

namespace mr::runtime {

namespace {

namespace tonal = pattern::tonal;

std::string key_string(lua_State* L, int idx) {
  if (lua_type(L, idx) == LUA_TNUMBER) {
    if (lua_isinteger(L, idx)) return std::to_string(lua_tointeger(L, idx));
    return pattern::js_number(lua_tonumber(L, idx));
  }
  if (lua_type(L, idx) == LUA_TSTRING) return lua_tostring(L, idx);
  luaL_error(L, "a voicing dictionary's keys are chord symbols (strings or numbers), not %s", luaL_typename(L, idx));
  return {};
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < s.size()) {
    const size_t sp = s.find(' ', p);
    const std::string w = s.substr(p, sp == std::string::npos ? std::string::npos : sp - p);
    if (!w.empty()) out.push_back(w);
    if (sp == std::string::npos) break;
    p = sp + 1;
  }
  return out;
}

// A dictionary table: chord symbol = { "3M 7m 9M", ... } (each voicing a string of intervals or
// semitones, or a table of them).
tonal::VoicingDictionary check_dictionary(lua_State* L, int idx, const char* fn) {
  idx = lua_absindex(L, idx);
  if (!lua_istable(L, idx)) luaL_error(L, "%s: the dictionary must be a table of chord symbol = {voicings}", fn);
  tonal::VoicingDictionary dict;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    const std::string symbol = key_string(L, -2);
    if (!lua_istable(L, -1))
      luaL_error(L, "%s: the voicings of \"%s\" must be a table of strings such as {\"3M 7m 9M\"}", fn, symbol.c_str());
    auto& voicings = dict[symbol];
    const lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, -1, i);
      if (lua_type(L, -1) == LUA_TSTRING) {
        voicings.push_back(split(lua_tostring(L, -1)));
      } else if (lua_istable(L, -1)) {
        std::vector<std::string> v;
        const lua_Integer m = luaL_len(L, -1);
        for (lua_Integer j = 1; j <= m; ++j) {
          lua_rawgeti(L, -1, j);
          v.push_back(key_string(L, -1));
          lua_pop(L, 1);
        }
        voicings.push_back(std::move(v));
      } else {
        luaL_error(L, "%s: voicing %d of \"%s\" must be a string of intervals such as \"3M 7m 9M\"", fn,
                   static_cast<int>(i), symbol.c_str());
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  return dict;
}

std::vector<std::string> check_range(lua_State* L, int idx, const char* fn) {
  idx = lua_absindex(L, idx);
  if (!lua_istable(L, idx) || luaL_len(L, idx) != 2) luaL_error(L, "%s: the range must be two notes, e.g. {\"C3\", \"C5\"}", fn);
  std::vector<std::string> range;
  for (int i = 1; i <= 2; ++i) {
    lua_rawgeti(L, idx, i);
    const char* s = lua_tostring(L, -1);
    auto n = s ? tonal::parse_note(s) : std::nullopt;
    if (!n || !n->oct) luaL_error(L, "%s: range note %d is not a note with an octave (\"C3\")", fn, i);
    range.emplace_back(s);
    lua_pop(L, 1);
  }
  return range;
}

// addVoicings(name, dictionary, range = {"F3", "A4"})
int l_add_voicings(lua_State* L) {
  const std::string name = luaL_checkstring(L, 1);
  tonal::VoicingDictionary dict = check_dictionary(L, 2, "addVoicings");
  std::vector<std::string> range = lua_isnoneornil(L, 3) ? std::vector<std::string>{"F3", "A4"} : check_range(L, 3, "addVoicings");
  tonal::add_voicings(name, std::move(dict), std::move(range));
  return 0;
}

// registerVoicings(name, dictionary, {range = {...}}): the newer form (no range by default).
int l_register_voicings(lua_State* L) {
  const std::string name = luaL_checkstring(L, 1);
  tonal::VoicingDictionary dict = check_dictionary(L, 2, "registerVoicings");
  std::vector<std::string> range;
  if (lua_istable(L, 3)) {
    lua_getfield(L, 3, "range");
    if (!lua_isnil(L, -1)) range = check_range(L, -1, "registerVoicings");
    lua_pop(L, 1);
  }
  tonal::add_voicings(name, std::move(dict), std::move(range));
  return 0;
}

// setVoicingRange(name, range): the dictionary `name` with a new range.
int l_set_voicing_range(lua_State* L) {
  const std::string name = luaL_checkstring(L, 1);
  auto set = tonal::find_voicings(name);
  if (!set) return luaL_error(L, "setVoicingRange: no voicing dictionary \"%s\"", name.c_str());
  std::vector<std::string> range = check_range(L, 2, "setVoicingRange");
  tonal::add_voicings(name, *set->dictionary, std::move(range));
  return 0;
}

int l_set_default_voicings(lua_State* L) {
  tonal::set_default_voicings(luaL_checkstring(L, 1));
  return 0;
}

int l_reset_voicings(lua_State*) {
  tonal::reset_voicings();
  return 0;
}

}  // namespace

void bind_tonal(lua_State* L) {
  const luaL_Reg globals[] = {{"addVoicings", l_add_voicings},
                              {"registerVoicings", l_register_voicings},
                              {"setVoicingRange", l_set_voicing_range},
                              {"setDefaultVoicings", l_set_default_voicings},
                              {"resetVoicings", l_reset_voicings},
                              {nullptr, nullptr}};
  for (const luaL_Reg* r = globals; r->name; ++r) {
    lua_pushcfunction(L, r->func);
    lua_setglobal(L, r->name);
  }
}

}  // namespace mr::runtime
