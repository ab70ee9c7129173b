// Strudel's pattern.queryArc(begin, end) in Lua: pat:queryArc(0, 1) is a list{} (the Strudel
// dialect's array) of haps. A hap is a userdata that holds the C++ hap: `whole` and `part` are
// {begin, end} tables of numbers (with show()), `value` the value as Lua sees it, `duration`
// Strudel's getter; show(), showWhole(), hasOnset() and wholeOrPart() are Strudel's methods (the
// text is made from the exact times). The query runs under the work budget in force (an
// evaluation's), and more than kMaxHaps haps is an error, so an enormous span fails clearly.
#include <lauxlib.h>
#include <lua.h>

#include <new>
#include <string>

#include "pattern/hap_show.hpp"
#include "pattern/mini.hpp"
#include "runtime/bind_internal.hpp"

namespace mr::runtime {

namespace {

using pattern::Hap;
using pattern::Haps;
using pattern::Rational;

constexpr const char* kHapMeta = "moonrave.Hap";
constexpr const char* kHapsMeta = "moonrave.Haps";
constexpr const char* kSpanMeta = "moonrave.TimeSpan";
constexpr size_t kMaxHaps = 100000;

int haps_gc(lua_State* L) {
  static_cast<Haps*>(luaL_checkudata(L, 1, kHapsMeta))->~Haps();
  return 0;
}

Hap& check_hap(lua_State* L, int idx) { return *static_cast<Hap*>(luaL_checkudata(L, idx, kHapMeta)); }

int hap_gc(lua_State* L) {
  check_hap(L, 1).~Hap();
  return 0;
}

void push_span(lua_State* L, const pattern::TimeSpan& s) {
  lua_createtable(L, 0, 2);
  lua_pushnumber(L, s.begin.to_double());
  lua_setfield(L, -2, "begin");
  lua_pushnumber(L, s.end.to_double());
  lua_setfield(L, -2, "end");
  luaL_setmetatable(L, kSpanMeta);
}

// span:show(): "0/1 → 1/4" (the numbers back to fractions as Strudel's Fraction() makes them).
int span_show(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "begin");
  lua_getfield(L, 1, "end");
  const double b = luaL_checknumber(L, -2), e = luaL_checknumber(L, -1);
  const std::string text = pattern::show_span({Rational::from_double(b), Rational::from_double(e)});
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

int hap_show(lua_State* L) {
  const std::string text = pattern::show_hap(check_hap(L, 1), lua_toboolean(L, 2));
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

int hap_show_whole(lua_State* L) {
  const std::string text = pattern::show_whole(check_hap(L, 1), lua_toboolean(L, 2));
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

int hap_has_onset(lua_State* L) {
  lua_pushboolean(L, check_hap(L, 1).has_onset());
  return 1;
}

int hap_whole_or_part(lua_State* L) {
  const Hap& h = check_hap(L, 1);
  push_span(L, h.whole ? *h.whole : h.part);
  return 1;
}

// Strudel's hap.hasTag(t): t is among the tags tag() gave the hap.
int hap_has_tag(lua_State* L) {
  const Hap& h = check_hap(L, 1);
  pattern::Value t;
  if (lua_type(L, 2) == LUA_TSTRING) t = pattern::Value(std::string(lua_tostring(L, 2)));
  else if (lua_type(L, 2) == LUA_TNUMBER) t = pattern::Value(lua_tonumber(L, 2));
  bool found = false;
  if (h.tags)
    for (const pattern::Value& x : *h.tags) found = found || x == t;
  lua_pushboolean(L, found);
  return 1;
}

int hap_tostring(lua_State* L) { return hap_show(L); }

// Strudel's duration getter: value.duration when a number, else the whole's length; times
// value.clip when that is a number.
void push_duration(lua_State* L, const Hap& h) {
  double d = 0;
  const pattern::Value* dur = h.value.get("duration");
  if (dur && dur->is_number()) d = dur->number();
  else if (h.whole) d = h.whole->duration().to_double();
  else return lua_pushnil(L);
  if (const pattern::Value* clip = h.value.get("clip"); clip && clip->is_number()) d *= clip->number();
  lua_pushnumber(L, d);
}

int hap_index(lua_State* L) {
  const Hap& h = check_hap(L, 1);
  const std::string_view key = luaL_checkstring(L, 2);
  if (key == "whole") {
    if (h.whole) push_span(L, *h.whole);
    else lua_pushnil(L);
  } else if (key == "part") {
    push_span(L, h.part);
  } else if (key == "value") {
    push_plain_value(L, h.value);
  } else if (key == "duration") {
    push_duration(L, h);
  } else if (key == "show") {
    lua_pushcfunction(L, hap_show);
  } else if (key == "showWhole") {
    lua_pushcfunction(L, hap_show_whole);
  } else if (key == "hasOnset") {
    lua_pushcfunction(L, hap_has_onset);
  } else if (key == "wholeOrPart") {
    lua_pushcfunction(L, hap_whole_or_part);
  } else if (key == "hasTag") {
    lua_pushcfunction(L, hap_has_tag);
  } else {
    lua_pushnil(L);
  }
  return 1;
}

// Queries the pattern (or mini-notation string) at 1 into `out`; false with the error pushed.
bool query_into(lua_State* L, double begin, double end, Haps& out) {
  bool ok = false;
  {
    const pattern::Pattern p = check_pattern(L, 1);
    std::string error;
    try {
      if (!(end >= begin)) throw std::runtime_error("the end comes before the begin");
      out = p.query_arc(Rational::from_double(begin), Rational::from_double(end));
      if (out.size() > kMaxHaps)
        throw std::runtime_error(std::to_string(out.size()) + " events, more than " + std::to_string(kMaxHaps) +
                                 ": query a shorter span");
      ok = true;
    } catch (const std::exception& e) {
      error = std::string("queryArc: ") + e.what();
    }
    if (!ok) lua_pushlstring(L, error.data(), error.size());
  }
  return ok;
}

int lua_query_arc(lua_State* L) {
  const double begin = luaL_checknumber(L, 2), end = luaL_checknumber(L, 3);
  lua_settop(L, 3);
  // The haps live in a userdata, so a Lua error below (memory) leaves them to the collector.
  Haps* haps = new (lua_newuserdatauv(L, sizeof(Haps), 0)) Haps();
  luaL_setmetatable(L, kHapsMeta);
  if (!query_into(L, begin, end, *haps)) return luaL_error(L, "%s", lua_tostring(L, -1));  // with the line
  lua_createtable(L, static_cast<int>(haps->size()), 0);
  lua_Integer i = 1;
  for (const Hap& h : *haps) {
    new (lua_newuserdatauv(L, sizeof(Hap), 0)) Hap(h);
    luaL_setmetatable(L, kHapMeta);
    lua_rawseti(L, -2, i++);
  }
  if (lua_getglobal(L, "list") == LUA_TTABLE) lua_setmetatable(L, -2);  // the dialect's array
  else lua_pop(L, 1);
  return 1;
}

// pat:drawLine([chars]): Strudel's drawLine(pat, chars), the text (pattern/hap_show.hpp). Runs
// under the work budget in force, as queryArc does.
int lua_draw_line(lua_State* L) {
  const lua_Integer chars = luaL_optinteger(L, 2, 60);
  luaL_argcheck(L, chars >= 0 && chars <= 100000, 2, "drawLine: chars must be 0 .. 100000");
  std::string text, error;
  {
    const pattern::Pattern p = check_pattern(L, 1);
    try {
      text = pattern::draw_line(p, chars);
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  if (!error.empty()) return luaL_error(L, "%s", error.c_str());
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

}  // namespace

void bind_query(lua_State* L) {
  luaL_newmetatable(L, kHapsMeta);
  lua_pushcfunction(L, haps_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newmetatable(L, kHapMeta);
  lua_pushcfunction(L, hap_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, hap_index);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, hap_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pop(L, 1);
  luaL_newmetatable(L, kSpanMeta);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, span_show);
  lua_setfield(L, -2, "show");
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  lua_pushcfunction(L, lua_query_arc);
  lua_setfield(L, -2, "queryArc");
  lua_pushcfunction(L, lua_draw_line);
  lua_setfield(L, -2, "drawLine");
  lua_pop(L, 1);
  // drawLine(pat, chars) as a global too (strudel.lua documents it and accepts mini-notation).
  lua_pushcfunction(L, lua_draw_line);
  lua_setglobal(L, "drawLine");
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  lua_pop(L, 1);
}

}  // namespace mr::runtime
