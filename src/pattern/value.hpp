// The value an event carries, as in Strudel: nothing, a number, a string (note names stay
// strings), a boolean, a list (mini-notation's `a:b`), or a control map ({s="bd", n=3}).
// Small and cheap to copy: lists and maps are shared and immutable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mr::pattern {

class Value;
using ValueList = std::vector<Value>;
// Control map: keys kept sorted so equal maps compare equal and JSON output is stable.
using ValueMap = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  enum class Kind : uint8_t { Nil, Number, String, Bool, List, Map };

  Value() = default;
  Value(double x) : v_(x) {}                                  // NOLINT
  Value(int x) : v_(static_cast<double>(x)) {}                // NOLINT
  Value(bool b) : v_(b) {}                                    // NOLINT
  Value(std::string s) : v_(std::move(s)) {}                  // NOLINT
  Value(const char* s) : v_(std::string(s)) {}                // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}           // NOLINT
  static Value list(ValueList items);
  static Value map(ValueMap entries);  // sorts by key; a later duplicate key wins

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool is_nil() const { return kind() == Kind::Nil; }
  bool is_number() const { return kind() == Kind::Number; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_list() const { return kind() == Kind::List; }
  bool is_map() const { return kind() == Kind::Map; }

  double number() const { return std::get<double>(v_); }
  const std::string& string() const { return std::get<std::string>(v_); }
  bool boolean() const { return std::get<bool>(v_); }
  const ValueList& items() const { return *std::get<std::shared_ptr<const ValueList>>(v_); }
  const ValueMap& entries() const { return *std::get<std::shared_ptr<const ValueMap>>(v_); }

  // Map lookup; nullptr when absent or not a map.
  const Value* get(std::string_view key) const;
  // JavaScript truthiness, as Strudel uses it (struct, mask, when): 0, "", false, nil are false.
  bool truthy() const;
  // Numeric view: numbers as is, bools as 0/1, numeric strings parsed, note names NOT converted.
  bool to_number(double& out) const;

  // Canonical JSON (numbers as JS prints them: 1, 0.5, 1e+21), used by `query` and the fixtures.
  std::string json() const;

  friend bool operator==(const Value& a, const Value& b);
  friend bool operator<(const Value& a, const Value& b);  // total order for sorting output

 private:
  std::variant<std::monostate, double, std::string, bool, std::shared_ptr<const ValueList>,
               std::shared_ptr<const ValueMap>>
      v_;
};

// Formats a double as JavaScript's Number.prototype.toString does (shortest round-trip).
std::string js_number(double x);

}  // namespace mr::pattern
