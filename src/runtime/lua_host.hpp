// The Lua host: one lua_State with a memory cap (a custom allocator that refuses past the cap, so
// Lua raises "not enough memory" instead of the process dying), a sandbox (no io, os,
// package.loadlib or debug unless trusted; `require` searches only the allowed folders) and an
// evaluation budget enforced by a count hook. Only bind_*.cpp files include lua.h; the rest of the
// program sees this interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mr::runtime {

struct LuaHostOptions {
  size_t memory_limit_bytes = size_t{512} << 20;
  double eval_budget_ms = 200.0;
  // Pattern work units (pattern/budget.hpp) one evaluation may spend building and querying
  // patterns: C++ loops started from Lua arguments stop here, deterministically.
  int64_t eval_work = int64_t{1} << 20;
  bool trusted = false;                      // io/os/debug/package.loadlib available
  std::vector<std::string> require_paths;    // folders `require` may load NAME.lua from
};

struct LuaError {
  bool ok = true;
  std::string message;  // Lua's message without the chunk-name prefix
  int line = 0;         // 1-based line in the buffer (the chunk's first_line added), 0 if unknown
  int column = 0;       // 1-based column when known (syntax errors near a token), else 0
};

class LuaHost {
 public:
  explicit LuaHost(LuaHostOptions options);
  ~LuaHost();
  LuaHost(const LuaHost&) = delete;
  LuaHost& operator=(const LuaHost&) = delete;

  // Compiles and runs `code` (which starts at `first_line` of its buffer) under the budget.
  LuaError run(const std::string& code, const std::string& chunk_name = "buffer", int first_line = 1);
  // [SECTION] stepwise evaluation, so the scheduler keeps ticking while user code runs: begin()
  // compiles `code` into a coroutine (a syntax error comes back at once, nothing is left
  // running); step() runs it until it finishes or `slice_ms` have passed (a count hook yields),
  // and returns true when it has finished, with `result` set. The budget counts only the time
  // spent inside step().
  // With `bare_return`, a last statement that is a single expression (a call such as
  // `s("bd")`) is returned; the chunk's returned value goes to the global function
  // `__moonrave_returned` (a bare pattern plays: bind_performance.cpp).
  LuaError begin(const std::string& code, const std::string& chunk_name = "buffer", int first_line = 1,
                 bool bare_return = false);
  bool step(double slice_ms, LuaError& result);
  bool evaluating() const;
  // Aborts a running stepwise evaluation (its coroutine is dropped).
  void abort_evaluation();
  // While armed, Lua code that pattern queries call is stopped after `ms` (an error in the query).
  void arm_query_budget(double ms);
  void disarm_query_budget();
  // The code being evaluated and its offset in its buffer: mini-notation string literals of
  // this code get spans in buffer bytes (see bind_internal.hpp). Cleared after each evaluation.
  void set_source(const std::string& code, int32_t first_byte);
  // For code translated from another language (the Strudel dialect): the mini-notation literals
  // with their offsets in the original buffer, the original text (where a mini-notation error
  // is placed) and each Lua line's position there (1-based line, column; errors are mapped).
  struct SourcePosition {
    int line = 0, column = 0;
  };
  void set_translated_source(const std::vector<std::pair<std::string, int32_t>>& literals, const std::string& original,
                             int32_t first_byte, std::vector<SourcePosition> lua_lines);
  // Bytes the state holds now, and the cap.
  size_t memory_used() const;
  size_t memory_limit() const;
  // The raw state, for bind_*.cpp only (opaque elsewhere).
  struct lua_State* state();
  struct Impl;  // defined in bind_host.cpp

 private:
  // For translated code: a Lua line (and no column) becomes the original's line and column.
  void map_translated(LuaError& e) const;
  std::unique_ptr<Impl> impl_;
};

// Splits a Lua error message "[string \"name\"]:LINE: text" into line and text, adding
// first_line - 1 to the line. Exposed for tests.
LuaError parse_lua_error(const std::string& message, const std::string& code, int first_line);

}  // namespace mr::runtime
