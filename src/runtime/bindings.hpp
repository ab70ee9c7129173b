// The pattern API in Lua: a generic bridge over pattern::Registry (global functions, `:` methods
// on a "moonrave.Pattern" userdata, curried forms, strings as mini-notation, numbers as pure,
// Lua functions as host functions, tables as lists, + - * / on patterns).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "pattern/pattern.hpp"
#include "runtime/lua_host.hpp"

namespace mr::runtime {

// Installs the registry's functions as globals of the host's state.
void bind_patterns(LuaHost& host);
// After the preludes: remembers their `list` (the Strudel dialect's array type) for the lists
// handed back to Lua.
void remember_list_type(LuaHost& host);
// Evaluates `expr` as a Lua expression (under the host's budget) and returns the pattern it
// gives (a string is parsed as mini-notation, a number is pure).
LuaError eval_pattern(LuaHost& host, const std::string& expr, pattern::Pattern& out);
// The sliders the code made (slider(value, min, max, step)), each with its id ("slider_LINE_K",
// or the one sliderWithID gave) and the line of the call, and the value it has now; set_slider
// changes one while it plays (clamped to its range). For the stage; false if no such id.
struct SliderInfo {
  std::string id;
  std::string buffer;  // the buffer whose code made it, and its line there (1-based)
  int line = 0;
  double value = 0, min = 0, max = 1, step = 0;
  // The value the pattern reads at query time: any thread may store to it (the stage's slider).
  std::shared_ptr<std::atomic<double>> cell;
};
std::vector<SliderInfo> sliders(LuaHost& host);
bool set_slider(LuaHost& host, const std::string& id, double value);
// The slots the prelude holds (d1, "bass"), in the order first filled; silent ones prefixed "-".
std::vector<std::string> slot_names(LuaHost& host);

}  // namespace mr::runtime
