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

const Registry& Registry::instance() {
  static const Registry reg = [] {
    Registry r;
    register_core(r);
    register_controls(r);
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

}  // namespace mr::pattern
