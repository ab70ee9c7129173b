// Mini-notation parser: a recursive descent that accepts exactly what Strudel's PEG grammar
// (krill) accepts, including its quirks ("a?.5" is "a? .5", "a _x" is "a@2 x", "0..3" is one
// word), and counts random seeds in the same order. Errors name the byte and what was expected.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "pattern/mini.hpp"
#include "pattern/mini_ast.hpp"

namespace mr::pattern::mini_ast {
namespace {

// Unicode letters (krill's unicode_letter) approximated by ranges: the grammar's table is long,
// and what matters on stage is that accented and non-Latin names work while symbols do not.
bool is_letter_code_point(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation
  if (cp >= 0x20A0 && cp <= 0x20FF) return false;  // currency, combining marks for symbols
  if (cp >= 0x2190 && cp <= 0x2BFF) return false;  // arrows, math, boxes, shapes, dingbats
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x3004) return false;  // CJK punctuation
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates are not characters
  if (cp >= 0xFE00 && cp <= 0xFE6F) return false;  // variation selectors, small forms
  if (cp >= 0x1F000) return false;                 // emoji and other symbols
  return true;
}

bool is_ascii_step_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '~' ||
         c == '-' || c == '#' || c == '.' || c == '^' || c == '_';
}

// "'x'" for printable ASCII, the character itself for other valid UTF-8, else the byte in hex.
std::string describe_byte(std::string_view s, size_t p) {
  if (p >= s.size()) return "the end of the pattern";
  unsigned char c = static_cast<unsigned char>(s[p]);
  char buf[32];
  if (c >= 0x20 && c < 0x7F) {
    std::snprintf(buf, sizeof buf, "'%c'", c);
    return buf;
  }
  if (c == '\n') return "a line break";
  std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
  return buf;
}

class Parser {
 public:
  Parser(std::string_view text, int32_t source_offset, const Limits& limits)
      : s_(text), offset_(source_offset), limits_(limits) {}

  NodePtr parse_top() {
    if (s_.size() > limits_.max_length_bytes) {
      fail(static_cast<size_t>(limits_.max_length_bytes),
           "pattern too long: " + std::to_string(s_.size()) + " bytes (limit " +
               std::to_string(limits_.max_length_bytes) + ")");
    }
    skip_ws();
    if (pos_ >= s_.size()) fail(pos_, "empty pattern: expected a step such as 'bd', '1', '~' or '[a b]'");
    NodePtr root = parse_stack_or_choose('\0', 0);
    skip_ws();
    if (pos_ < s_.size()) fail_unexpected(pos_, '\0', 0);
    check_density(*root, 0);
    return root;
  }

 private:
  [[noreturn]] void fail(size_t p, const std::string& message) const {
    throw MiniParseError(at(p), message);
  }
  int32_t at(size_t p) const { return offset_ + static_cast<int32_t>(std::min(p, s_.size())); }
  // An error that names a second place `related` (the bracket it belongs to).
  [[noreturn]] void fail_at(size_t p, const std::string& head, size_t related, const std::string& tail) const {
    throw MiniParseError(at(p), head, at(related), offset_, tail);
  }
  char peek(size_t p) const { return p < s_.size() ? s_[p] : '\0'; }

  // Whitespace as krill has it: space, tab, line breaks and the no-break space U+00A0.
  size_t ws_len(size_t p) const {
    if (p >= s_.size()) return 0;
    char c = s_[p];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return 1;
    if (static_cast<unsigned char>(c) == 0xC2 && peek(p + 1) == '\xA0') return 2;
    return 0;
  }
  size_t ws_end(size_t p) const {
    while (size_t n = ws_len(p)) p += n;
    return p;
  }
  void skip_ws() { pos_ = ws_end(pos_); }

  // Bytes of the step character at p (0 when there is none). Rejects malformed UTF-8.
  size_t step_char_len(size_t p) const {
    if (p >= s_.size()) return 0;
    auto c = static_cast<unsigned char>(s_[p]);
    if (c < 0x80) return is_ascii_step_char(c) ? 1 : 0;
    size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (c >= 0xF5) n = 0;
    if (n == 0 || p + n > s_.size()) fail(p, "invalid UTF-8 " + describe_byte(s_, p));
    uint32_t cp = c & (0xFF >> (n + 1));
    for (size_t i = 1; i < n; ++i) {
      auto d = static_cast<unsigned char>(s_[p + i]);
      if ((d & 0xC0) != 0x80) fail(p, "invalid UTF-8 " + describe_byte(s_, p));
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms and values past U+10FFFF are not UTF-8.
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      fail(p, "invalid UTF-8 " + describe_byte(s_, p));
    }
    return is_letter_code_point(cp) ? n : 0;
  }
  size_t step_chars_end(size_t p) const {
    while (size_t n = step_char_len(p)) p += n;
    return p;
  }

  // Can a slice (step, [..], {..}, <..>) start at p, allowing leading whitespace? A step made of
  // just "." or "_" is not one (they are the feet separator and the elongation operator).
  bool can_start_slice(size_t p) const {
    p = ws_end(p);
    char c = peek(p);
    if (c == '[' || c == '{' || c == '<') return true;
    size_t e = step_chars_end(p);
    if (e == p) return false;
    std::string_view word = s_.substr(p, e - p);
    return word != "." && word != "_";
  }

  [[noreturn]] void fail_expected_step(size_t p, const std::string& where) const {
    fail(p, "expected a step " + where + " but found " + describe_byte(s_, p));
  }

  // An error at a character that cannot continue the group that is open (`close`, opened at
  // `open_pos`; '\0' at top level).
  [[noreturn]] void fail_unexpected(size_t p, char close, size_t open_pos) const {
    char c = peek(p);
    std::string found = describe_byte(s_, p);
    std::string hint;
    if (c == '*' || c == '/' || c == '?' || c == ':' || c == '(') {
      hint = " (an operator must directly follow its step or the previous operator, with no space)";
    } else if (c == ',' || c == '|' || c == '.') {
      hint = close == '<' || close == '{'
                 ? std::string(" ('") + c + "' is not allowed inside this group; wrap it in [ ])"
                 : " (',', '|' and '.' cannot be mixed in one group; wrap one part in [ ])";
    } else if (c == '%') {
      hint = " ('%' must directly follow '}')";
    }
    if (close != '\0') {
      char open = close == ']' ? '[' : close == '}' ? '{' : close == '>' ? '<' : '(';
      fail_at(p, std::string("expected '") + close + "' to close the '" + open + "'", open_pos, " but found " + found + hint);
    }
    if (c == ']' || c == '}' || c == '>' || c == ')') {
      fail(p, "unexpected " + found + " (nothing to close)");
    }
    fail(p, "unexpected " + found + hint);
  }

  void enter(size_t p) {
    if (++depth_ > limits_.max_depth) {
      fail(p, "pattern nested too deeply (more than " + std::to_string(limits_.max_depth) + " levels)");
    }
  }

  // krill's `number`: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?, read as parseFloat.
  std::optional<double> parse_number() {
    size_t p = pos_;
    if (peek(p) == '-') ++p;
    auto digit = [&](size_t q) { return peek(q) >= '0' && peek(q) <= '9'; };
    if (peek(p) == '0') {
      ++p;
    } else if (peek(p) >= '1' && peek(p) <= '9') {
      while (digit(p)) ++p;
    } else {
      return std::nullopt;
    }
    if (peek(p) == '.' && digit(p + 1)) {
      ++p;
      while (digit(p)) ++p;
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
      size_t q = p + 1;
      if (peek(q) == '+' || peek(q) == '-') ++q;
      if (digit(q)) {
        while (digit(q)) ++q;
        p = q;
      }
    }
    double x = 0;
    auto r = std::from_chars(s_.data() + pos_, s_.data() + p, x);
    if (r.ec == std::errc::result_out_of_range) {
      x = s_[pos_] == '-' ? -HUGE_VAL : HUGE_VAL;
    }
    size_t start = pos_;
    pos_ = p;
    if (!std::isfinite(x)) fail(start, "number too large: " + std::string(s_.substr(start, p - start)));
    return x;
  }

  NodePtr make_group(Align align, std::vector<Element> children) {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::Group;
    node->align = align;
    node->children = std::move(children);
    return node;
  }

  // sequence = '^'? slice_with_ops+
  NodePtr parse_sequence(const std::string& where) {
    bool marker = false;
    if (peek(pos_) == '^') {
      marker = true;
      ++pos_;
    }
    std::vector<Element> elements;
    while (can_start_slice(pos_)) elements.push_back(parse_slice_with_ops());
    if (elements.empty()) fail_expected_step(ws_end(pos_), where);
    auto node = std::const_pointer_cast<Node>(make_group(Align::Sequence, std::move(elements)));
    node->steps_marker = marker;
    finish_group(*node);
    return node;
  }

  static Element wrap(NodePtr node) {
    Element e;
    e.events_per_cycle = node->events_per_cycle;
    e.slice = std::move(node);
    return e;
  }

  // stack_or_choose = sequence ((',' sequence)+ | ('|' sequence)+ | ('.' sequence)+)?
  NodePtr parse_stack_or_choose(char close, size_t open_pos) {
    NodePtr head = parse_sequence(close == '\0' ? std::string("at the start") : "after '" +
                                                   std::string(1, close == ']' ? '[' : close) + "'");
    size_t p = ws_end(pos_);
    char sep = peek(p);
    if (sep != ',' && sep != '|' && sep != '.') return head;
    std::vector<Element> children;
    children.push_back(wrap(head));
    while (peek(ws_end(pos_)) == sep) {
      pos_ = ws_end(pos_) + 1;
      skip_ws();
      children.push_back(wrap(parse_sequence(std::string("after '") + sep + "'")));
    }
    Align align = sep == ',' ? Align::Stack : sep == '|' ? Align::Choose : Align::Feet;
    auto node = std::const_pointer_cast<Node>(make_group(align, std::move(children)));
    // A '|' or '.' group takes its seed after its children's (krill counts in that order).
    if (align != Align::Stack) node->seed = seed_++;
    finish_group(*node);
    return node;
  }

  // polymeter_stack = sequence (',' sequence)*, always a group (used by { } and < >).
  NodePtr parse_polymeter_stack(Align align, char open) {
    std::vector<Element> children;
    children.push_back(wrap(parse_sequence(std::string("after '") + open + "'")));
    while (peek(ws_end(pos_)) == ',') {
      pos_ = ws_end(pos_) + 1;
      skip_ws();
      children.push_back(wrap(parse_sequence("after ','")));
    }
    auto node = std::const_pointer_cast<Node>(make_group(align, std::move(children)));
    return node;
  }

  void expect_close(char close, size_t open_pos) {
    skip_ws();
    if (peek(pos_) != close) fail_unexpected(pos_, close, open_pos);
    ++pos_;
  }

  // slice = step | '[' stack_or_choose ']' | '{' polymeter_stack '}' ('%' slice)? | '<' ... '>'
  NodePtr parse_slice(const char* where) {
    if (!can_start_slice(pos_)) fail_expected_step(ws_end(pos_), where);
    skip_ws();
    enter(pos_);
    NodePtr result;
    size_t open_pos = pos_;
    char c = peek(pos_);
    if (c == '[') {
      ++pos_;
      skip_ws();
      result = parse_stack_or_choose(']', open_pos);
      expect_close(']', open_pos);
    } else if (c == '{') {
      ++pos_;
      skip_ws();
      auto node = std::const_pointer_cast<Node>(parse_polymeter_stack(Align::Polymeter, '{'));
      expect_close('}', open_pos);
      if (peek(pos_) == '%') {
        ++pos_;
        node->steps_per_cycle = parse_slice("after '%'");
        require_numbers(node->steps_per_cycle, "after '%'");
      }
      finish_group(*node);
      result = node;
    } else if (c == '<') {
      ++pos_;
      skip_ws();
      auto node = std::const_pointer_cast<Node>(parse_polymeter_stack(Align::PolymeterSlowcat, '<'));
      expect_close('>', open_pos);
      finish_group(*node);
      result = node;
    } else {
      size_t end = step_chars_end(pos_);
      auto node = std::make_shared<Node>();
      node->text = std::string(s_.substr(pos_, end - pos_));
      node->span = {at(pos_), at(end)};
      if (auto x = number_of_step(node->text)) {
        double a = std::fabs(*x);
        node->max_abs = std::isfinite(a) ? std::max(a, 1.0) : 1e300;
        node->min_abs = a > 0 ? std::min(a, 1.0) : 1;
      }
      pos_ = end;
      result = node;
    }
    skip_ws();
    --depth_;
    return result;
  }

  static double clamp_estimate(double x) { return std::isfinite(x) ? std::min(x, 1e300) : 1e300; }

  // slice_with_ops = slice slice_op*
  Element parse_slice_with_ops() {
    Element e;
    e.begin = at(ws_end(pos_));
    e.slice = parse_slice("here");
    double events = e.slice->events_per_cycle;
    for (;;) {
      size_t op_pos = pos_;
      size_t after_ws = ws_end(pos_);
      char c = peek(pos_);
      Op op;
      if (peek(after_ws) == '@' || peek(after_ws) == '_') {
        pos_ = after_ws + 1;
        std::optional<double> n = parse_number();
        e.weight = e.weight + n.value_or(2) - 1;
        continue;
      }
      if (peek(after_ws) == '!') {
        pos_ = after_ws + 1;
        std::optional<double> n = parse_number();
        e.reps = e.reps + n.value_or(2) - 1;
        // "a!!" and "a!3" mean the same: one replicate op, moved last, whose count is the total.
        std::erase_if(e.ops, [](const Op& o) { return o.kind == Op::Kind::Replicate; });
        op.kind = Op::Kind::Replicate;
        op.amount = e.reps;
        op.span = {at(after_ws), at(pos_)};
        e.ops.push_back(op);
        e.weight = e.reps;
        continue;
      }
      if (c == '(') {
        enter(pos_);
        ++pos_;
        skip_ws();
        op.kind = Op::Kind::Euclid;
        op.arg = parse_euclid_arg("for the pulses after '('");
        skip_ws();
        if (peek(pos_) != ',') {
          fail_at(pos_, "expected ',' after the pulses of the euclid rhythm '('", op_pos, " but found " + describe_byte(s_, pos_));
        }
        ++pos_;
        skip_ws();
        op.arg2 = parse_euclid_arg("for the steps after ','");
        skip_ws();
        if (peek(pos_) == ',') ++pos_;
        skip_ws();
        if (can_start_slice(pos_)) op.arg3 = parse_euclid_arg("for the rotation");
        skip_ws();
        if (peek(pos_) != ')') fail_unexpected(pos_, ')', op_pos);
        ++pos_;
        --depth_;
        op.span = {at(op_pos), at(pos_)};
        e.ops.push_back(op);
        continue;
      }
      if (c == '/' || c == '*') {
        ++pos_;
        op.kind = c == '*' ? Op::Kind::Fast : Op::Kind::Slow;
        op.arg = parse_slice(c == '*' ? "after '*'" : "after '/'");
        require_numbers(op.arg, c == '*' ? "after '*'" : "after '/'");
        op.span = {at(op_pos), at(pos_)};
        e.ops.push_back(op);
        continue;
      }
      if (c == '?') {
        ++pos_;
        op.kind = Op::Kind::Degrade;
        op.degrade_by = parse_number();
        op.seed = seed_++;
        op.span = {at(op_pos), at(pos_)};
        e.ops.push_back(op);
        continue;
      }
      if (c == ':') {
        ++pos_;
        op.kind = Op::Kind::Tail;
        op.arg = parse_slice("after ':'");
        op.span = {at(op_pos), at(pos_)};
        e.ops.push_back(op);
        continue;
      }
      if (c == '.' && peek(pos_ + 1) == '.' && can_start_slice(pos_ + 2)) {
        // Without a slice after it, ".." is itself a step (krill backtracks to one).
        pos_ += 2;
        op.kind = Op::Kind::Range;
        op.arg = parse_slice("after '..'");
        require_numbers(e.slice, "before '..'");
        require_numbers(op.arg, "after '..'");
        op.span = {at(op_pos), at(pos_)};
        e.ops.push_back(op);
        continue;
      }
      break;
    }
    if (!std::isfinite(e.weight)) fail(e.begin - offset_, "weight is not a finite number");
    if (e.weight < 0) fail(e.begin - offset_, "a step's weight ('@') must not be negative");
    if (!(e.reps >= 1) || e.reps != std::floor(e.reps))
      fail(e.begin - offset_, "a step must be replicated ('!') a whole number of times, 1 or more");
    // The density estimate, applying the operators in order. A range's values reach the larger
    // magnitude of its ends, so a range of a range ("3 ..700 ..1") counts with the first's end.
    double values_max = e.slice->max_abs;
    for (const Op& op : e.ops) {
      switch (op.kind) {
        case Op::Kind::Fast:
          events = (events * op.arg->max_abs + 1) * op.arg->events_per_cycle;
          break;
        case Op::Kind::Slow:
          events = (events / op.arg->min_abs + 1) * op.arg->events_per_cycle;
          break;
        case Op::Kind::Replicate:
          events = events * std::max(op.amount, 1.0) + 1;
          break;
        case Op::Kind::Euclid:
          events = (events + 1) * op.arg2->max_abs * op.arg->events_per_cycle *
                   op.arg2->events_per_cycle * (op.arg3 ? op.arg3->events_per_cycle : 1);
          break;
        case Op::Kind::Degrade:
          break;
        case Op::Kind::Tail:
          events = events * op.arg->events_per_cycle;
          break;
        case Op::Kind::Range:
          events = events * (values_max + op.arg->max_abs + 1) * op.arg->events_per_cycle;
          values_max = std::max(values_max, op.arg->max_abs);
          break;
      }
      events = clamp_estimate(events);
    }
    e.events_per_cycle = events;
    check_density_value(events, static_cast<size_t>(e.begin - offset_));
    return e;
  }

  // Arguments of '*', '/', '(k,n,r)', '..' and '%' must be numbers (or rests): the first atom of
  // `node` that is not one, or null. A ':' inside makes lists, which are not numbers either.
  static const Node* first_non_number(const Node& node, SourceSpan& where) {
    if (node.kind == Node::Kind::Atom) {
      if (node.text == "~" || node.text == "-") return nullptr;
      auto x = number_of_step(node.text);
      if (x && std::isfinite(*x)) return nullptr;
      where = node.span;
      return &node;
    }
    for (const Element& child : node.children) {
      if (const Node* bad = first_non_number(*child.slice, where)) return bad;
      for (const Op& op : child.ops) {
        if (op.kind == Op::Kind::Tail) {
          where = op.span;
          return &node;
        }
      }
    }
    if (node.steps_per_cycle) return first_non_number(*node.steps_per_cycle, where);
    return nullptr;
  }

  void require_numbers(const NodePtr& arg, const std::string& what) const {
    SourceSpan where;
    if (!arg) return;
    // A factor past a million makes events (or gaps) of a million cycles: nothing to play, and
    // operators that query over a whole event would walk all of it.
    if (arg->max_abs > 1e6) {
      throw MiniParseError(at(pos_), "number too large " + what + " (the limit is 1000000)");
    }
    if (!first_non_number(*arg, where)) return;
    const size_t p = static_cast<size_t>(where.begin - offset_);
    const std::string found(s_.substr(p, static_cast<size_t>(where.end - where.begin)));
    throw MiniParseError(where.begin, "expected a number " + what + " but found '" + found + "'");
  }

  // Euclid arguments are slices with operators; Strudel parses the operators but ignores them.
  NodePtr parse_euclid_arg(const char* where) {
    if (!can_start_slice(pos_)) fail_expected_step(ws_end(pos_), where);
    Element arg = parse_slice_with_ops();
    require_numbers(arg.slice, where);
    return arg.slice;
  }

  // Fills a group's density estimate and number bounds from its children.
  void finish_group(Node& node) {
    double sum = 0, max = 0;
    double max_abs = 1, min_abs = 1;
    for (const Element& child : node.children) {
      sum += child.events_per_cycle + 1;
      max = std::max(max, child.events_per_cycle);
      max_abs = std::max(max_abs, child.slice->max_abs);
      min_abs = std::min(min_abs, child.slice->min_abs);
      for (const Op& op : child.ops) {
        for (const NodePtr* a : {&op.arg, &op.arg2, &op.arg3}) {
          if (*a) {
            max_abs = std::max(max_abs, (*a)->max_abs);
            min_abs = std::min(min_abs, (*a)->min_abs);
          }
        }
      }
    }
    double events = sum;
    if (node.align == Align::Choose || node.align == Align::PolymeterSlowcat) events = max + 1;
    if (node.align == Align::Polymeter) {
      // Each layer is sped up by steps / its own weight; bound it by the extremes.
      double steps = node.steps_per_cycle ? node.steps_per_cycle->max_abs : 1;
      double weight_min = 1e300, steps_max = 1;
      for (const Element& child : node.children) {
        double w = 0;
        for (const Element& step : child.slice->children) w += step.weight > 0 ? step.weight : 1;
        steps_max = std::max(steps_max, w);
        weight_min = std::min(weight_min, std::max(w, 1e-300));
      }
      if (!node.steps_per_cycle) steps = steps_max;
      double factor = std::max(steps / weight_min, 1.0);
      double per = node.steps_per_cycle ? node.steps_per_cycle->events_per_cycle : 1;
      events = (sum * factor + 1) * per;
      if (node.steps_per_cycle) {
        max_abs = std::max(max_abs, node.steps_per_cycle->max_abs);
        min_abs = std::min(min_abs, node.steps_per_cycle->min_abs);
      }
    }
    node.events_per_cycle = clamp_estimate(events);
    node.max_abs = max_abs;
    node.min_abs = min_abs;
  }

  void check_density_value(double events, size_t p) const {
    if (events > limits_.max_events_per_cycle) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "pattern too dense: up to about %.3g events per cycle here (the limit is %.3g)",
                    events, limits_.max_events_per_cycle);
      fail(p, buf);
    }
  }
  void check_density(const Node& node, size_t p) const { check_density_value(node.events_per_cycle, p); }

  std::string_view s_;
  size_t pos_ = 0;
  int32_t offset_;
  const Limits& limits_;
  int seed_ = 0;
  int depth_ = 0;
};

}  // namespace

NodePtr parse(std::string_view text, int32_t source_offset, const Limits& limits) {
  Parser parser(text, source_offset, limits);
  return parser.parse_top();
}

// JavaScript's Number(string) restricted to what a step can contain: decimal numbers with an
// optional sign and exponent, 0x/0o/0b integers, and (-)Infinity.
std::optional<double> number_of_step(std::string_view t) {
  if (t.empty()) return std::nullopt;
  if (t == "Infinity") return HUGE_VAL;
  if (t == "-Infinity") return -HUGE_VAL;
  if (t.size() > 2 && t[0] == '0') {
    int base = (t[1] == 'x' || t[1] == 'X') ? 16 : (t[1] == 'o' || t[1] == 'O') ? 8 : (t[1] == 'b' || t[1] == 'B') ? 2 : 0;
    if (base != 0) {
      double x = 0;
      for (char c : t.substr(2)) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
        if (d >= base) return std::nullopt;
        x = x * base + d;
      }
      return x;
    }
  }
  size_t p = 0;
  if (t[p] == '-') ++p;
  size_t digits = 0;
  while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p, ++digits;
  if (p < t.size() && t[p] == '.') {
    ++p;
    while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (p < t.size() && (t[p] == 'e' || t[p] == 'E')) {
    ++p;
    if (p < t.size() && (t[p] == '+' || t[p] == '-')) ++p;
    size_t exp_digits = 0;
    while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (p != t.size()) return std::nullopt;
  double x = 0;
  // from_chars rejects a leading '+' only, and handles "1." and ".5" as JavaScript does.
  auto r = std::from_chars(t.data(), t.data() + t.size(), x);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow gives +-Infinity in JavaScript, underflow gives (signed) zero.
    bool neg = t[0] == '-';
    size_t e = t.find_first_of("eE");
    bool tiny = e != std::string_view::npos && t.substr(e + 1, 1) == "-";
    return tiny ? (neg ? -0.0 : 0.0) : (neg ? -HUGE_VAL : HUGE_VAL);
  }
  if (r.ptr != t.data() + t.size()) return std::nullopt;
  return x;
}

}  // namespace mr::pattern::mini_ast
