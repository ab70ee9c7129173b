// The work budget: every query, and every pattern built from Lua, runs under a count of work
// units (pattern nodes visited or built, cycle pieces walked, events made). Counting work, not
// time, keeps the outcome deterministic: the same query over the same span fails or succeeds the
// same way live, in `render` and in `replay`. Past the budget the work stops with
// WorkBudgetExceeded (a clear error, caught like any query error: the slot is silenced and its
// last good pattern comes back); every later charge under the same budget throws again at once,
// so a caller that catches the error cannot make the work go on.
//
// The budget in force is the innermost WorkScope on this thread (queries nest: a join's inner
// queries are charged to the outer query). A query made with no scope in force gets a default one
// (kDefaultQueryWork), so no query is unbounded. Charging is a thread-local decrement and a
// branch.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace mr::pattern {

struct WorkBudgetExceeded : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct WorkBudget {
  int64_t left = 0;
  int64_t limit = 0;
  const char* what = "the query";  // "the query", "building the pattern": named in the error
};

// Work units a query gets when no scope is in force (tests, `moonrave query`).
inline constexpr int64_t kDefaultQueryWork = int64_t{1} << 26;
// Units one pattern node costs to build (an allocation and a closure: several visits' worth).
inline constexpr int64_t kBuildWork = 8;
// Nesting depth of pattern nodes one query may go through (deeper is an error, not a stack
// overflow).
inline constexpr int kMaxQueryDepth = 4000;

namespace detail {
inline thread_local WorkBudget* tl_budget = nullptr;
inline thread_local int tl_depth = 0;
[[noreturn]] void work_budget_exceeded(const WorkBudget& b);
[[noreturn]] void query_too_deep();
}  // namespace detail

// Charges `n` units to the budget in force (none: free).
inline void charge_work(int64_t n = 1) {
  WorkBudget* b = detail::tl_budget;
  if (b && (b->left -= n) < 0) [[unlikely]]
    detail::work_budget_exceeded(*b);
}

// Charges a count that comes from an argument (a loop of `n` steps about to run): huge or
// negative counts fail before any of the work (or its allocation) is done.
inline void charge_count(double n) {
  if (!(n >= 0)) return;
  if (n > 9.0e18) n = 9.0e18;
  charge_work(static_cast<int64_t>(n));
}

inline bool work_budget_active() { return detail::tl_budget != nullptr; }

// Installs a budget for this thread until destroyed (restoring the one before).
class WorkScope {
 public:
  WorkScope(int64_t units, const char* what) : prev_(detail::tl_budget) {
    budget_.left = budget_.limit = units;
    budget_.what = what;
    detail::tl_budget = &budget_;
  }
  // Makes `budget` (owned by the caller, e.g. one evaluation's, spanning several slices) the one
  // in force.
  explicit WorkScope(WorkBudget& budget) : prev_(detail::tl_budget), external_(&budget) { detail::tl_budget = &budget; }
  ~WorkScope() { detail::tl_budget = prev_; }
  WorkScope(const WorkScope&) = delete;
  WorkScope& operator=(const WorkScope&) = delete;
  int64_t used() const {
    const WorkBudget& b = external_ ? *external_ : budget_;
    return b.limit - b.left;
  }

 private:
  WorkBudget* prev_;
  WorkBudget* external_ = nullptr;
  WorkBudget budget_;
};

// One level of query nesting (the query wrapper holds one while a node runs).
class QueryDepth {
 public:
  QueryDepth() {
    if (++detail::tl_depth > kMaxQueryDepth) [[unlikely]] {
      --detail::tl_depth;
      detail::query_too_deep();
    }
  }
  ~QueryDepth() { --detail::tl_depth; }
  QueryDepth(const QueryDepth&) = delete;
  QueryDepth& operator=(const QueryDepth&) = delete;
};

}  // namespace mr::pattern
