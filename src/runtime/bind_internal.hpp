// Helpers shared by the bind_*.cpp files (which alone include lua.h): the Pattern userdata and the
// thread that runs Lua code now (the main thread, or an evaluation's coroutine).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pattern/pattern.hpp"
#include "pattern/registry.hpp"

struct lua_State;

namespace mr::runtime {

// Pushes a pattern as a "moonrave.Pattern" userdata.
void push_pattern(lua_State* L, pattern::Pattern p);
// The value at idx as a pattern (strings are mini-notation, numbers pure); raises a Lua error.
pattern::Pattern check_pattern(lua_State* L, int idx);
// The thread pattern queries must call Lua functions on: the main thread, except while an
// evaluation's coroutine runs (then that coroutine).
lua_State* active_thread(lua_State* L);
// Mini-notation spans: while an evaluation runs, a string literal of its code is found by content
// and its atoms' spans are shifted to byte offsets in the buffer. Returns the offset of the
// literal's first character, or -1 when the string is not a literal of the code being evaluated.
int32_t literal_offset(lua_State* L, const char* s, size_t n);
// A mini-notation error at this buffer byte offset: the evaluation's error points there.
void note_error_offset(lua_State* L, int32_t buffer_offset);
// "line:column" of a buffer byte offset in the code being evaluated; empty when it is not in it.
std::string buffer_position(lua_State* L, int32_t buffer_offset);
// The buffer line (1-based) of a line of the chunk being evaluated (a translated program's Lua
// line maps to its source line); the line itself outside an evaluation.
int buffer_line(lua_State* L, int chunk_line);
// Registry references of Lua functions whose patterns are gone: released at the next evaluation
// (a pattern may die anywhere, even after its host; the weak pointer then finds nothing).
std::weak_ptr<std::vector<int>> released_refs(lua_State* L);
// The voicing dictionary functions (addVoicings, setVoicingRange, ...): bind_tonal.cpp.
void bind_tonal(lua_State* L);
// The bridge's conversions (bind_patterns.cpp): a Lua value as a registry argument (strings as
// mini-notation, functions as host functions, tables as lists), and a plain value pushed to Lua.
pattern::Arg lua_arg(lua_State* L, int idx);
void push_plain_value(lua_State* L, const pattern::Value& v);
void bind_vocab(lua_State* L);  // register, slider (bind_vocab.cpp)
void bind_query(lua_State* L);  // pat:queryArc(begin, end) and its haps (bind_query.cpp)

}  // namespace mr::runtime
