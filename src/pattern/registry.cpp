// The registry of the user-facing pattern API. Each entry names a Strudel function, documents
// it in one line with an example, and adapts the plain combinator to patterned arguments.
#include "pattern/registry.hpp"

#include <algorithm>

#include "pattern/mini.hpp"
#include "pattern/registry_util.hpp"

namespace mr::pattern {

namespace reg {

Pattern patternify(std::span<const Pattern> args, const std::function<Pattern(const std::vector<Value>&)>& f) {
  std::vector<Value> vals;
  bool all_pure = true;
  for (const Pattern& p : args) {
    if (const Value* v = p.pure_value()) {
      vals.push_back(*v);
    } else {
      all_pure = false;
      break;
    }
  }
  if (all_pure) return f(vals);
  // Combine the arguments into one pattern of lists (structure from the first), then join.
  Pattern combined = args[0].fmap([](const Value& v) { return Value::list({v}); });
  for (size_t i = 1; i < args.size(); ++i) {
    combined = apply_op(combined, args[i],
                        [](const Value& l, const Value& v) {
                          ValueList x = l.items();
                          x.push_back(v);
                          return Value::list(std::move(x));
                        },
                        Structure::In);
  }
  return inner_join({combined, [f](const Value& l) { return f(l.items()); }});
}

}  // namespace reg

void register_core(Registry& r);
void register_controls(Registry& r);
void register_stepwise(Registry& r);
void register_pick(Registry& r);
void register_transform(Registry& r);
void register_rhythm(Registry& r);
void register_tonal(Registry& r);
void register_output(Registry& r);

const Registry& Registry::instance() {
  static const Registry reg = [] {
    Registry r;
    register_core(r);
    register_stepwise(r);
    register_pick(r);
    register_transform(r);
    register_rhythm(r);
    register_tonal(r);
    register_output(r);
    register_controls(r);
    r.preserve_steps();
    return r;
  }();
  return reg;
}

const FunctionInfo* Registry::find(std::string_view name) const {
  for (const auto& f : functions_) {
    if (f.name == name) return &f;
    if (std::find(f.aliases.begin(), f.aliases.end(), name) != f.aliases.end()) return &f;
  }
  return nullptr;
}

void Registry::add(FunctionInfo info) { functions_.push_back(std::move(info)); }

// The functions Strudel registers with preserveSteps: their result keeps the steps per cycle of
// the pattern they are applied to, whatever the join of a patterned argument would give.
void Registry::preserve_steps() {
  static const char* const kNames[] = {"fast", "early", "late", "linger", "invert", "palindrome", "iter",
                                       "iterBack", "repeatCycles", "chunk", "chunkBack", "fastChunk",
                                       "degradeBy", "degrade", "undegradeBy", "undegrade", "scale"};
  for (FunctionInfo& f : functions_) {
    if (!f.is_method || f.arity < 0) continue;
    if (std::find(std::begin(kNames), std::end(kNames), f.name) == std::end(kNames)) continue;
    auto impl = f.impl;
    f.impl = [impl](std::span<const Arg> a) {
      Pattern out = impl(a);
      if (!a.empty() && a.back().kind == Arg::Kind::Pattern) return out.with_steps(a.back().pattern.steps());
      return out;
    };
  }
}

}  // namespace mr::pattern
