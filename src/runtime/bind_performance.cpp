// The performance functions in Lua (set_state.hpp): slots, hush, mute/solo, tempo, once and
// uniforms. They edit the evaluation's working copy only; the runtime applies the edits when the
// evaluation succeeds. They replace the prelude's versions of the same names.
#include <lauxlib.h>
#include <lua.h>

#include <algorithm>
#include <string>

#include "pattern/registry.hpp"
#include "runtime/bind_internal.hpp"
#include "runtime/control_inputs.hpp"
#include "runtime/midi_input.hpp"
#include "runtime/lua_host.hpp"
#include "runtime/set_state.hpp"

namespace mr::runtime {

namespace {

constexpr const char* kContextKey = "moonrave.performance";

EvalContext& context(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kContextKey);
  auto* ctx = static_cast<EvalContext*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (!ctx) luaL_error(L, "the performance functions are not available here");
  return *ctx;
}

std::string name_at(lua_State* L, int idx) {
  if (lua_type(L, idx) == LUA_TNUMBER) return "d" + std::to_string(lua_tointeger(L, idx));
  size_t n = 0;
  const char* s = luaL_tolstring(L, idx, &n);
  std::string out(s, n);
  lua_pop(L, 1);
  return out;
}

constexpr const char* kTransformsKey = "moonrave.transforms";

// f(pat) for a transform given to all()/each(): the pattern it returns.
pattern::Pattern transformed(lua_State* L, int fn_index, const pattern::Pattern& pat) {
  lua_pushvalue(L, fn_index);
  push_pattern(L, pat);
  lua_call(L, 1, 1);
  pattern::Pattern out = check_pattern(L, -1);
  lua_pop(L, 1);
  return out;
}

// The evaluation's all()/each() functions applied to `pat`, in the order given.
pattern::Pattern with_transforms(lua_State* L, const EvalContext& ctx, pattern::Pattern pat) {
  if (ctx.edits.transforms == 0) return pat;
  lua_getfield(L, LUA_REGISTRYINDEX, kTransformsKey);
  const int t = lua_gettop(L);
  for (int i = 1; i <= ctx.edits.transforms; ++i) {
    lua_rawgeti(L, t, i);
    pat = transformed(L, lua_gettop(L), pat);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return pat;
}

// Sets slot `name` to the pattern at `idx`; leaves the pattern on the stack as the result.
int set_slot(lua_State* L, const std::string& name, int idx) {
  EvalContext& ctx = context(L);
  pattern::Pattern pat = with_transforms(L, ctx, check_pattern(L, idx));
  SlotState* s = ctx.working.find(name);
  if (!s) {
    ctx.working.slots.push_back(SlotState{name, pat, ctx.source, false});
  } else {
    s->pat = pat;
    s->source = ctx.source;
  }
  if (std::find(ctx.edits.touched.begin(), ctx.edits.touched.end(), name) == ctx.edits.touched.end())
    ctx.edits.touched.push_back(name);
  push_pattern(L, std::move(pat));
  return 1;
}

int l_p(lua_State* L) {
  luaL_checkany(L, 2);
  return set_slot(L, name_at(L, 1), 2);
}

int l_dn(lua_State* L) {
  luaL_checkany(L, 1);
  return set_slot(L, lua_tostring(L, lua_upvalueindex(1)), 1);
}

int l_play(lua_State* L) {
  luaL_checkany(L, 1);
  std::string name = lua_isnoneornil(L, 2) ? "d1" : name_at(L, 2);
  return set_slot(L, name, 1);
}

// pat:p(name), Strudel's: a name starting or ending with `_` mutes (silence, no slot), one
// with `$` is anonymous ($0, $1, ... in the order evaluated), one starting with `S` solos.
int l_p_method(lua_State* L) {
  luaL_checkany(L, 1);
  luaL_checkany(L, 2);
  std::string name = name_at(L, 2);
  if (lua_type(L, 2) == LUA_TSTRING && !name.empty() && (name.front() == '_' || name.back() == '_')) {
    push_pattern(L, pattern::silence());
    return 1;
  }
  EvalContext& ctx = context(L);
  if (name.find('$') != std::string::npos) name += std::to_string(ctx.edits.anonymous++);
  if (name.size() > 1 && name[0] == 'S') {
    if (!ctx.working.soloed) ctx.working.soloed.emplace();
    ctx.working.soloed->push_back(name);
  }
  return set_slot(L, name, 1);
}

// The value an evaluated block returned (its bare last expression): a pattern plays in the
// slot "$" when the block gave no slot a pattern itself (Strudel's REPL plays the last
// expression when there are no labels); anything else is left alone.
int l_returned(lua_State* L) {
  EvalContext& ctx = context(L);
  if (!luaL_testudata(L, 1, "moonrave.Pattern")) return 0;
  if (!ctx.edits.touched.empty() || !ctx.edits.once.empty() || !ctx.edits.uniforms.empty()) return 0;
  set_slot(L, "$", 1);
  return 0;
}

// samples(map or place [, base]): Strudel loads sample maps from the network; here there is
// none, so a URL (github:, http(s):, shabda:) is one warning naming it and nothing is loaded.
// A local folder or strudel.json is found through the config's `samples` folders instead.
int l_samples(lua_State* L) {
  EvalContext& ctx = context(L);
  std::string place;
  if (lua_type(L, 1) == LUA_TSTRING) place = lua_tostring(L, 1);
  else if (lua_type(L, 2) == LUA_TSTRING) place = lua_tostring(L, 2);
  auto is_url = [](const std::string& s) {
    return s.rfind("github:", 0) == 0 || s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 ||
           s.rfind("shabda:", 0) == 0 || s.rfind("bubo:", 0) == 0;
  };
  if (is_url(place)) {
    ctx.edits.warnings.push_back("samples('" + place + "'): there is no network here, nothing was loaded; put the samples in a folder named in the config's samples = { ... }");
  } else if (!place.empty() || lua_istable(L, 1)) {
    ctx.edits.warnings.push_back("samples(" + (place.empty() ? std::string("{...}") : "'" + place + "'") +
                                 "): sample maps are not loaded at run time; name the folder in the config's samples = { ... }");
  }
  return 0;
}

// all(f) and each(f), Strudel's: f is applied to every pattern this evaluation plays, those
// given before and after. Here both apply f to each slot's pattern (Strudel's all applies it
// once to their stack: the same for every transform that treats layers alike).
int l_all(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  EvalContext& ctx = context(L);
  if (ctx.edits.transforms == 0) {
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kTransformsKey);
  }
  lua_getfield(L, LUA_REGISTRYINDEX, kTransformsKey);
  lua_pushvalue(L, 1);
  lua_rawseti(L, -2, ++ctx.edits.transforms);
  lua_pop(L, 1);
  for (const std::string& name : ctx.edits.touched)
    if (SlotState* s = ctx.working.find(name)) s->pat = transformed(L, 1, s->pat);
  push_pattern(L, pattern::silence());
  return 1;
}

int l_hush(lua_State* L) {
  EvalContext& ctx = context(L);
  ctx.working.slots.clear();
  ctx.working.soloed.reset();
  ctx.edits.hushed = true;
  ctx.edits.touched.clear();
  ctx.edits.transforms = 0;
  return 0;
}

template <bool Mute>
int l_mute(lua_State* L) {
  EvalContext& ctx = context(L);
  for (int i = 1; i <= lua_gettop(L); ++i)
    if (SlotState* s = ctx.working.find(name_at(L, i))) s->muted = Mute;
  return 0;
}

int l_solo(lua_State* L) {
  EvalContext& ctx = context(L);
  if (!ctx.working.soloed) ctx.working.soloed.emplace();
  for (int i = 1; i <= lua_gettop(L); ++i) ctx.working.soloed->push_back(name_at(L, i));
  return 0;
}

int l_unsolo(lua_State* L) {
  context(L).working.soloed.reset();
  return 0;
}

// The tempo functions take a number, or a pattern of one plain value (Strudel's unpure).
double tempo_arg(lua_State* L, const char* fn) {
  if (lua_type(L, 1) == LUA_TNUMBER) return lua_tonumber(L, 1);
  luaL_checkany(L, 1);
  pattern::Pattern p = check_pattern(L, 1);
  double x = 0;
  if (const pattern::Value* v = p.pure_value(); v && v->to_number(x)) return x;
  return luaL_error(L, "%s: give a number", fn);
}

void set_tempo(lua_State* L, double cps) {
  EvalContext& ctx = context(L);
  ctx.edits.cps = cps;
  ctx.cps = cps;
}

int l_setcps(lua_State* L) {
  double cps = tempo_arg(L, "setcps");
  luaL_argcheck(L, cps > 0 && cps < 1000, 1, "setcps: give a positive number of cycles per second");
  set_tempo(L, cps);
  return 0;
}

int l_setcpm(lua_State* L) {
  double cpm = tempo_arg(L, "setcpm");
  luaL_argcheck(L, cpm > 0 && cpm < 60000, 1, "setcpm: give a positive number of cycles per minute");
  set_tempo(L, cpm / 60.0);
  return 0;
}

int l_setbpm(lua_State* L) {
  double bpm = tempo_arg(L, "setbpm");
  luaL_argcheck(L, bpm > 0 && bpm < 240000, 1, "setbpm: give a positive number of beats per minute");
  set_tempo(L, bpm / 240.0);  // four beats a cycle
  return 0;
}

// Strudel's REPL cpm: pat:cpm(x) plays x cycles a minute at the tempo the evaluation sees, i.e.
// fast(x / 60 / cps). The registry's cpm (query, no tempo) counts a cycle a second.
int l_cpm_method(lua_State* L) {
  luaL_checkany(L, 2);
  const double cps = context(L).cps;
  pattern::Pattern pat = check_pattern(L, 1);
  pattern::Pattern x = check_pattern(L, 2);
  const pattern::FunctionInfo* fast = pattern::Registry::instance().find("fast");
  const auto to_factor = [cps](const pattern::Value& v) {
    double c = 0;
    return v.to_number(c) ? pattern::Value(c / 60.0 / cps) : v;
  };
  // A plain number stays a plain factor (Strudel's register calls cpm with the value itself),
  // so fast does not cut events at cycle boundaries as a patterned factor does.
  const pattern::Value* plain = x.pure_value();
  pattern::Pattern factor = plain ? pattern::pure(to_factor(*plain)) : x.fmap(to_factor);
  std::string error;
  try {
    std::vector<pattern::Arg> args{pattern::Arg::of(factor), pattern::Arg::of(pat)};
    push_pattern(L, fast->impl(args));
    return 1;
  } catch (const std::exception& e) {
    error = std::string("cpm: ") + e.what();
  }
  return luaL_error(L, "%s", error.c_str());
}

int l_cpm_global(lua_State* L) {
  if (lua_gettop(L) < 2) return luaL_error(L, "cpm expects a number of cycles per minute and a pattern: cpm(cpm, pat)");
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_replace(L, 1);
  lua_replace(L, 2);
  return l_cpm_method(L);
}

int l_hush_method(lua_State* L) {
  luaL_checkany(L, 1);
  push_pattern(L, pattern::silence());
  return 1;
}

int l_once(lua_State* L) {
  luaL_checkany(L, 1);
  pattern::Pattern pat = check_pattern(L, 1);
  context(L).edits.once.push_back(pat);
  push_pattern(L, std::move(pat));
  return 1;
}

int l_uniform(lua_State* L) {
  std::string name = name_at(L, 1);
  luaL_checkany(L, 2);
  pattern::Pattern pat = check_pattern(L, 2);
  EvalContext& ctx = context(L);
  ctx.edits.uniforms.push_back({name, pat});
  push_pattern(L, std::move(pat));
  return 1;
}

// ctrl(name [, default]): a continuous pattern of the latest value received for `name` (OSC
// `/ctrl name value`), sampled when the pattern is queried; `default` (0) until one comes, and
// always offline.
int l_ctrl(lua_State* L) {
  std::string name;
  if (lua_type(L, 1) == LUA_TNUMBER && lua_isinteger(L, 1))
    name = std::to_string(lua_tointeger(L, 1));
  else if (lua_type(L, 1) == LUA_TSTRING)
    name = lua_tostring(L, 1);
  else
    return luaL_argerror(L, 1, "ctrl: give the control's name (a string, or a number as Tidal's ctrl)");
  const double def = luaL_optnumber(L, 2, 0.0);
  ControlInputs* inputs = context(L).inputs;
  push_pattern(L, pattern::signal([inputs, name, def](const pattern::Rational&) -> pattern::Value {
                 if (!inputs) return def;
                 return inputs->value(name).value_or(def);
               }));
  return 1;
}

// [SECTION] MIDI input: cc(), midin(), midinote(), midivel() (midi_input.hpp).

// The optional channel (1..16; nil or 0: any) at `idx`.
int midi_channel_at(lua_State* L, int idx, const char* fn) {
  if (lua_isnoneornil(L, idx)) return 0;
  const lua_Integer c = luaL_checkinteger(L, idx);
  if (c < 0 || c > 16) luaL_error(L, "%s: the channel is 1 to 16 (nil: any), got %d", fn, static_cast<int>(c));
  return static_cast<int>(c);
}

// The optional port at `idx`: part of its name, or (as Strudel's midin(0)) an open port's index.
MidiPortSelector midi_port_at(lua_State* L, int idx, const char* fn) {
  MidiPortSelector port;
  if (lua_isnoneornil(L, idx)) return port;
  if (lua_type(L, idx) == LUA_TNUMBER) {
    port.index = static_cast<int>(luaL_checkinteger(L, idx));
    if (port.index < 0) luaL_error(L, "%s: a port's index is 0 or more", fn);
  } else if (lua_type(L, idx) == LUA_TSTRING) {
    port.name = lua_tostring(L, idx);
  } else {
    // A constant pattern of a name, as mini-notation or a translated Strudel string gives it.
    bool named = false;
    if (lua_type(L, idx) == LUA_TUSERDATA) {
      const pattern::Pattern pat = check_pattern(L, idx);
      const pattern::Value* v = pat.pure_value();
      named = v && v->is_string();
      if (named) port.name = v->string();
    }
    if (!named) luaL_error(L, "%s: give the port as part of its name (a string) or its index", fn);
  }
  return port;
}

// Live, a port that no open input matches is said once the evaluation is applied (its values stay
// at their defaults); offline there are no inputs and nothing to say.
void check_midi_port(EvalContext& ctx, const MidiPortSelector& port, const char* fn) {
  MidiInput* midi = ctx.midi;
  if (!midi) return;
  bool found = false;
  for (size_t i = 0; i < midi->port_names().size(); ++i) found = found || midi->port_matches(i, port);
  if (found) return;
  std::string open;
  for (const std::string& n : midi->port_names()) open += (open.empty() ? "" : ", ") + ("'" + n + "'");
  std::string what = port.index >= 0 ? "number " + std::to_string(port.index) : port.name.empty() ? "" : "named like '" + port.name + "' ";
  ctx.edits.warnings.push_back(std::string(fn) + ": no MIDI input " + what + "is open (" +
                               (open.empty() ? "none is: inputs.midi in the config names them" : "open: " + open) +
                               "); its values stay at their defaults");
}

int push_cc(lua_State* L, int number, int channel, MidiPortSelector port) {
  EvalContext& ctx = context(L);
  check_midi_port(ctx, port, "cc");
  MidiInput* midi = ctx.midi;
  push_pattern(L, pattern::signal([midi, number, channel, port](const pattern::Rational&) -> pattern::Value {
                 if (!midi) return 0.0;
                 return midi->cc(number, channel, port).value_or(0.0);
               }));
  return 1;
}

int cc_number_at(lua_State* L, int idx, const char* fn) {
  const lua_Integer n = luaL_checkinteger(L, idx);
  if (n < 0 || n > 127) luaL_error(L, "%s: a controller number is 0 to 127, got %d", fn, static_cast<int>(n));
  return static_cast<int>(n);
}

// cc(number [, channel [, port]]): a continuous pattern of the latest value (0..1) of a MIDI
// control change, sampled when the pattern is queried; 0 until one comes, and always offline.
int l_cc(lua_State* L) {
  const int number = cc_number_at(L, 1, "cc");
  const int channel = midi_channel_at(L, 2, "cc");
  return push_cc(L, number, channel, midi_port_at(L, 3, "cc"));
}

// The function midin(port) returns: cc(number [, channel]) on that port (upvalues: name, index).
int l_midin_cc(lua_State* L) {
  const int number = cc_number_at(L, 1, "cc");
  const int channel = midi_channel_at(L, 2, "cc");
  MidiPortSelector port;
  port.name = lua_tostring(L, lua_upvalueindex(1));
  port.index = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
  return push_cc(L, number, channel, std::move(port));
}

// midin([port]): Strudel's spelling, `local cc = midin("nanoKONTROL")` then cc(74).
int l_midin(lua_State* L) {
  MidiPortSelector port = midi_port_at(L, 1, "midin");
  check_midi_port(context(L), port, "midin");
  lua_pushstring(L, port.name.c_str());
  lua_pushinteger(L, port.index);
  lua_pushcclosure(L, l_midin_cc, 2);
  return 1;
}

// midinote([channel [, port]]): the notes held, one value each (lowest first), continuous; none
// while no key is down, so a structure that samples it rests then.
int l_midinote(lua_State* L) {
  const int channel = midi_channel_at(L, 1, "midinote");
  MidiPortSelector port = midi_port_at(L, 2, "midinote");
  EvalContext& ctx = context(L);
  check_midi_port(ctx, port, "midinote");
  MidiInput* midi = ctx.midi;
  push_pattern(L, pattern::Pattern(pattern::QueryFn([midi, channel, port](const pattern::State& st, pattern::Haps& out) {
                 if (!midi) return;
                 std::vector<MidiInput::HeldNote> held;
                 midi->held_notes(channel, port, held);
                 for (const MidiInput::HeldNote& n : held) out.push_back(pattern::Hap{std::nullopt, st.span, static_cast<double>(n.note), {}});
               })));
  return 1;
}

// midivel([channel [, port]]): the velocity (0..1) of the note pressed last of those held; 0 when
// none is.
int l_midivel(lua_State* L) {
  const int channel = midi_channel_at(L, 1, "midivel");
  MidiPortSelector port = midi_port_at(L, 2, "midivel");
  EvalContext& ctx = context(L);
  check_midi_port(ctx, port, "midivel");
  MidiInput* midi = ctx.midi;
  push_pattern(L, pattern::signal([midi, channel, port](const pattern::Rational&) -> pattern::Value {
                 if (!midi) return 0.0;
                 std::vector<MidiInput::HeldNote> held;
                 double v = 0.0;
                 midi->held_notes(channel, port, held, &v);
                 return v;
               }));
  return 1;
}

// link([on]): joins (true, the default) or leaves (false) the Ableton Link session when the
// evaluation is applied; live only (render and replay keep the set's own tempo, and say so).
int l_link(lua_State* L) {
  const bool on = lua_isnoneornil(L, 1) ? true : (luaL_checktype(L, 1, LUA_TBOOLEAN), lua_toboolean(L, 1) != 0);
  EvalContext& ctx = context(L);
  if (ctx.link_available)
    ctx.edits.link = on;
  else
    ctx.edits.warnings.push_back("link(): Ableton Link is joined only live (the window, serve); offline the set's own tempo plays");
  return 0;
}

int l_slots(lua_State* L) {
  std::vector<std::string> names = context(L).working.names();
  lua_createtable(L, static_cast<int>(names.size()), 0);
  for (size_t i = 0; i < names.size(); ++i) {
    lua_pushstring(L, names[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

}  // namespace

void bind_performance(LuaHost& host, EvalContext* ctx) {
  lua_State* L = host.state();
  lua_pushlightuserdata(L, ctx);
  lua_setfield(L, LUA_REGISTRYINDEX, kContextKey);
  const luaL_Reg globals[] = {{"p", l_p},
                              {"hush", l_hush},
                              {"mute", l_mute<true>},
                              {"unmute", l_mute<false>},
                              {"solo", l_solo},
                              {"unsolo", l_unsolo},
                              {"setcps", l_setcps},
                              {"setCps", l_setcps},
                              {"setcpm", l_setcpm},
                              {"setCpm", l_setcpm},
                              {"setbpm", l_setbpm},
                              {"cpm", l_cpm_global},
                              {"once", l_once},
                              {"uniform", l_uniform},
                              {"ctrl", l_ctrl},
                              {"cc", l_cc},
                              {"midin", l_midin},
                              {"midinote", l_midinote},
                              {"midivel", l_midivel},
                              {"link", l_link},
                              {"__moonrave_slots", l_slots},
                              {"__moonrave_returned", l_returned},
                              {"samples", l_samples},
                              {"all", l_all},
                              {"each", l_all},
                              {nullptr, nullptr}};
  for (const luaL_Reg* r = globals; r->name; ++r) {
    lua_pushcfunction(L, r->func);
    lua_setglobal(L, r->name);
  }
  for (int i = 1; i <= 16; ++i) {
    std::string name = "d" + std::to_string(i);
    lua_pushstring(L, name.c_str());
    lua_pushcclosure(L, l_dn, 1);
    lua_setglobal(L, name.c_str());
  }
  lua_getfield(L, LUA_REGISTRYINDEX, "moonrave.methods");
  if (lua_istable(L, -1)) {
    lua_pushcfunction(L, l_play);
    lua_setfield(L, -2, "play");
    lua_pushcfunction(L, l_p_method);
    lua_setfield(L, -2, "p");
    lua_pushcfunction(L, l_cpm_method);
    lua_setfield(L, -2, "cpm");
    lua_pushcfunction(L, l_hush_method);
    lua_setfield(L, -2, "hush");
  }
  lua_pop(L, 1);
}

}  // namespace mr::runtime
