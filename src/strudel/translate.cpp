// The Strudel dialect's translator (strudel.hpp): the syntax tree of parser.cpp written out as the
// Lua a performer would write. Strudel's transpiler rules: a double-quoted or backtick string is
// mini-notation (mini(...) where it is not a pattern function's argument already), a
// single-quoted one a plain string, `label: expr` is expr:p("label"), the last expression is
// returned (and plays when nothing else was given a slot). JavaScript semantics Lua lacks
// (truthiness of 0 and "", `+` on strings, 0-based arrays) go through small helpers of
// patterns/strudel.lua (`js.*`, `list`), used only where the types are not known here.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "strudel/ast.hpp"
#include "strudel/strudel.hpp"

namespace mr::strudel {

namespace {

// Marks the JavaScript position of what follows in the output: "\x01line:col\x02".
std::string mark(const Node& n) { return "\x01" + std::to_string(n.line) + ":" + std::to_string(n.column) + "\x02"; }

bool is_lua_keyword(const std::string& w) {
  static const std::set<std::string> kw = {"and", "break", "do", "else", "elseif", "end", "false", "for",
                                           "function", "goto", "if", "in", "local", "nil", "not", "or",
                                           "repeat", "return", "then", "true", "until", "while"};
  return kw.count(w) > 0;
}

std::string lua_name(const std::string& js) {
  std::string out;
  for (char c : js) out += c == '$' ? std::string("S_") : std::string(1, c);
  if (is_lua_keyword(out)) out += "_";
  return out;
}

bool plain_name(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// A Lua string literal for `s`: "..." on one line, a long bracket when it spans lines (so the
// Lua keeps the JavaScript's lines).
std::string lua_string(const std::string& s, char prefer = '"') {
  if (s.find('\n') != std::string::npos && s.find('\r') == std::string::npos) {
    std::string eq;
    while (s.find("]" + eq + "]") != std::string::npos) eq += "=";
    return "[" + eq + "[" + (s.front() == '\n' ? "\n" : "") + s + "]" + eq + "]";
  }
  std::string out(1, prefer);
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': out += "\\0"; break;
      default:
        if (c == static_cast<unsigned char>(prefer)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20) {
          out += "\\" + std::to_string(c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + std::string(1, prefer);
}

std::string lua_number(const std::string& t) {
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'b' || t[1] == 'B' || t[1] == 'o' || t[1] == 'O')) {
    const int base = (t[1] == 'b' || t[1] == 'B') ? 2 : 8;
    unsigned long long v = 0;
    std::from_chars(t.data() + 2, t.data() + t.size(), v, base);
    return std::to_string(v);
  }
  if (t.size() > 1 && t[0] == '0' && std::isdigit(static_cast<unsigned char>(t[1])) &&
      t.find_first_of(".eE") == std::string::npos) {
    unsigned long long v = 0;
    std::from_chars(t.data() + 1, t.data() + t.size(), v, 8);
    return std::to_string(v);
  }
  if (!t.empty() && t.back() == '.') return t + "0";
  return t;
}

std::string indent_text(const std::string& s, const std::string& pad) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '\n') out += pad;
  }
  return out;
}

const std::set<std::string> kNamespaces = {"Math", "Object", "Array", "JSON", "Number", "String", "console",
                                           "Date", "Boolean", "Promise", "js"};
// Methods of JavaScript's strings and arrays: their arguments are plain values.
const std::set<std::string> kPlainArgMethods = {
    "split", "join", "includes", "indexOf", "lastIndexOf", "startsWith", "endsWith", "replace", "replaceAll",
    "padStart", "padEnd", "charAt", "charCodeAt", "at", "push", "unshift", "fill", "localeCompare", "toFixed",
    "p", "q", "trim", "toUpperCase", "toLowerCase", "concat", "repeat", "match", "search", "substring", "substr"};
// Strudel's operator variants (pat.add.out(x)): moonrave names them addOut, addSqueeze...
const std::set<std::string> kOperatorModes = {"out", "in", "mix", "squeeze", "squeezeout", "reset", "restart", "poly", "flat"};
const std::set<std::string> kPlainArgFunctions = {"parseInt", "parseFloat", "Number", "String", "samples", "register",
                                                  "hush", "setcps", "setcpm", "setCps", "setCpm", "isNaN", "Boolean",
                                                  "soundAlias", "aliasBank", "print", "p", "setbpm", "midin"};

struct Scope {
  std::set<std::string> numeric;  // variables known to hold numbers
  std::set<std::string> objects;  // variables bound to object literals (their functions are called with '.')
  std::set<std::string> strings;  // variables known to hold plain strings (not mini-notation)
};

class Translator {
 public:
  Translator(std::string_view src, const Program& prog, Translation& out) : src_(src), prog_(prog), out_(out) {}

  std::string program(bool whole) {
    collect_user_functions(prog_.body);
    std::string text;
    if (whole) text += "hush() -- a Strudel program replaces everything playing\n";
    text += block_body(prog_.body, true);
    text += flush_comments(INT32_MAX);
    return text;
  }

 private:
  [[noreturn]] void fail(const Node& n, const std::string& m) { throw SyntaxError(m, n.line, n.column); }

  // [SECTION] comments
  std::string flush_comments(int32_t before) {
    std::string out;
    while (next_comment_ < prog_.comments.size() && prog_.comments[next_comment_].offset < before) {
      const Comment& c = prog_.comments[next_comment_++];
      std::string t = c.text;
      if (t.find('\n') != std::string::npos) {
        std::string eq;
        while (t.find("]" + eq + "]") != std::string::npos) eq += "=";
        out += "\x01" + std::to_string(c.line) + ":" + std::to_string(c.column) + "\x02--[" + eq + "[" + t + "]" + eq + "]\n";
      } else {
        out += "\x01" + std::to_string(c.line) + ":" + std::to_string(c.column) + "\x02--" + t + "\n";
      }
    }
    return out;
  }

  // [SECTION] names used before their declaration: declared at the top of their block
  void collect_user_functions(const std::vector<NodeP>& body) {
    for (const NodeP& s : body) walk_decls(*s);
  }
  void walk_decls(const Node& n) {
    if (n.kind == K::FuncDecl) user_functions_.insert(n.text);
    // register('name', fn): Strudel hands a registered function its arrays as arrays.
    if (n.kind == K::Call && n.kid(0) && n.kid(0)->kind == K::Ident && n.kid(0)->text == "register" && n.kid(1) &&
        n.kid(1)->kind == K::Str)
      registered_.insert(n.kid(1)->text);
    if (n.kind == K::Declarator && n.kid(0) && n.kid(0)->kind == K::Ident && n.kid(1) && n.kid(1)->kind == K::Func)
      user_functions_.insert(n.kid(0)->text);
    for (const NodeP& k : n.kids)
      if (k) walk_decls(*k);
  }

  static void declared_names(const Node& target, std::vector<std::string>& out) {
    switch (target.kind) {
      case K::Ident: out.push_back(target.text); break;
      case K::DefaultPat:
      case K::RestPat: declared_names(*target.kids[0], out); break;
      case K::Prop: declared_names(*target.kids[0], out); break;
      case K::ArrayPat:
      case K::ObjectPat:
        for (const NodeP& k : target.kids)
          if (k->kind != K::Hole) declared_names(*k, out);
        break;
      default: break;
    }
  }

  static void references(const Node& n, std::multimap<std::string, int32_t>& out) {
    if (n.kind == K::Ident) out.emplace(n.text, n.offset);
    for (size_t i = 0; i < n.kids.size(); ++i) {
      if (!n.kids[i]) continue;
      if (n.kind == K::Prop && !n.flag && n.kids[i]->kind == K::Ident && n.kids[i]->text == n.text) {
        out.emplace(n.text, n.kids[i]->offset);  // shorthand {a}
        continue;
      }
      references(*n.kids[i], out);
    }
  }

  // [SECTION] statements
  std::string block_body(const std::vector<NodeP>& body, bool top) {
    // Names referenced before their declaration (a function declared below its use, a constant
    // used inside a function written above it) are declared first, functions hoisted as in JS.
    std::map<std::string, int32_t> decl_at;
    for (const NodeP& s : body) {
      std::vector<std::string> names;
      if (s->kind == K::Var)
        for (const NodeP& d : s->kids) declared_names(*d->kids[0], names);
      if (s->kind == K::FuncDecl) names.push_back(s->text);
      for (const std::string& nm : names) decl_at.emplace(nm, s->offset);
    }
    std::multimap<std::string, int32_t> refs;
    for (const NodeP& s : body) references(*s, refs);
    std::vector<std::string> early;
    for (const auto& [nm, at] : decl_at) {
      auto [b, e] = refs.equal_range(nm);
      for (auto it = b; it != e; ++it)
        if (it->second < at) {
          early.push_back(nm);
          break;
        }
    }
    std::string out;
    std::set<std::string> saved_predeclared = predeclared_;
    if (!early.empty()) {
      std::sort(early.begin(), early.end(), [&](const std::string& a, const std::string& b) { return decl_at[a] < decl_at[b]; });
      out += mark(*body.front()) + "local ";
      for (size_t i = 0; i < early.size(); ++i) out += (i ? ", " : "") + lua_name(early[i]);
      out += "\n";
      for (const std::string& nm : early) predeclared_.insert(nm);
      for (const NodeP& s : body)
        if (s->kind == K::FuncDecl && predeclared_.count(s->text)) {
          out += flush_comments(s->offset);
          out += mark(*s) + lua_name(s->text) + " = " + function(*s->kids[0]) + "\n";
        }
    }
    size_t last_expr = body.size();
    if (top)
      for (size_t i = body.size(); i-- > 0;) {
        if (body[i]->kind == K::Empty) continue;
        if (body[i]->kind == K::ExprStmt) last_expr = i;
        break;
      }
    for (size_t i = 0; i < body.size(); ++i) {
      const Node& s = *body[i];
      if (s.kind == K::FuncDecl && predeclared_.count(s.text) && !early.empty()) continue;
      out += flush_comments(s.offset);
      if (i == last_expr) {
        const Node& e = *s.kids[0];
        out += mark(s) + "return " + expr(e.kind == K::Await ? *e.kids[0] : e) + "\n";
        continue;
      }
      const bool last = i + 1 == body.size();
      std::string st = statement(s, last);
      if (!st.empty()) out += mark(s) + st + "\n";
    }
    predeclared_ = saved_predeclared;
    return out;
  }

  std::string block(const Node& n) {
    if (n.kind == K::Block) return block_body(n.kids, false);
    std::string st = statement(n, true);
    return st.empty() ? "" : mark(n) + st + "\n";
  }

  std::string indented(const std::string& body) {
    if (body.empty()) return "";
    std::string b = body;
    if (!b.empty() && b.back() == '\n') b.pop_back();
    return "  " + indent_text(b, "  ") + "\n";
  }

  std::string local_or_assign(const std::string& name) {
    return predeclared_.count(name) ? lua_name(name) : "local " + lua_name(name);
  }

  std::string statement(const Node& n, bool last) {
    switch (n.kind) {
      case K::Empty: return "";
      case K::Var: return var(n);
      case K::FuncDecl:
        return "local function " + lua_name(n.text) + function_rest(*n.kids[0]);
      case K::Return: {
        std::string r = n.kids.empty() ? "return" : "return " + expr(*n.kids[0]);
        return last ? r : "do " + r + " end";
      }
      case K::If: {
        std::string out = "if " + cond(*n.kids[0]) + " then\n" + indented(block(*n.kids[1]));
        const Node* e = n.kid(2);
        while (e && e->kind == K::If) {
          out += mark(*e) + "elseif " + cond(*e->kids[0]) + " then\n" + indented(block(*e->kids[1]));
          e = e->kid(2);
        }
        if (e) out += "else\n" + indented(block(*e));
        return out + "end";
      }
      case K::Block: return "do\n" + indented(block_body(n.kids, false)) + "end";
      case K::While: return loop("while " + cond(*n.kids[0]) + " do\n", *n.kids[1], "", "end");
      case K::DoWhile: return loop("repeat\n", *n.kids[0], "", "until not " + paren_cond(*n.kids[1]));
      case K::For: return for_loop(n);
      case K::ForOf: {
        const Node& target = *n.kids[0];
        const Node& t = target.kind == K::Var ? *target.kids[0]->kids[0] : target;
        std::string head, pre;
        if (t.kind == K::Ident) {
          head = "for _, " + lua_name(t.text) + " in ipairs(" + expr(*n.kids[1]) + ") do\n";
        } else {
          head = "for _, item_ in ipairs(" + expr(*n.kids[1]) + ") do\n";
          pre = destructure(t, "item_", true);
        }
        return loop(head, *n.kids[2], pre, "end");
      }
      case K::ForIn: {
        const Node& target = *n.kids[0];
        const Node& t = target.kind == K::Var ? *target.kids[0]->kids[0] : target;
        if (t.kind != K::Ident) fail(t, "for-in needs a name");
        return loop("for " + lua_name(t.text) + " in js.keys(" + expr(*n.kids[1]) + ") do\n", *n.kids[2], "", "end");
      }
      case K::Break: return "break";
      case K::Continue: {
        if (loops_.empty()) fail(n, "'continue' outside a loop");
        loops_.back().second = true;
        return "goto " + loops_.back().first;
      }
      case K::Throw: return "error(" + expr(*n.kids[0]) + ", 0)";
      case K::Label: {
        const Node& body = *n.kids[0];
        if (body.kind != K::ExprStmt) fail(n, "a label (" + n.text + ":) needs a pattern after it");
        const Node& e = body.kids[0]->kind == K::Await ? *body.kids[0]->kids[0] : *body.kids[0];
        return receiver(e) + ":p(" + lua_string(n.text) + ")";
      }
      case K::ExprStmt: return expr_statement(*n.kids[0]);
      case K::Switch: return switch_statement(n);
      case K::Try: {
        std::string out = "local ok_, err_ = pcall(function()\n" + indented(block(*n.kids[0])) + "end)";
        if (n.kid(2) && n.kid(2)->kind == K::Block) {
          out += "\nif not ok_ then\n";
          std::string inner;
          if (n.kid(1)->kind == K::Ident) inner += "local " + lua_name(n.kid(1)->text) + " = err_\n";
          inner += block(*n.kids[2]);
          out += indented(inner) + "end";
        }
        if (n.kids.size() > 3) out += "\n" + block(*n.kids[3]);
        return out;
      }
      default: fail(n, "this statement is not supported");
    }
  }

  std::string loop(const std::string& head, const Node& body, const std::string& pre, const std::string& tail,
                   const std::string& update = "") {
    const std::string label = loops_.empty() ? "continue" : "continue" + std::to_string(loops_.size() + 1);
    loops_.push_back({label, false});
    std::string b = pre + block(body);
    const bool used = loops_.back().second;
    loops_.pop_back();
    std::string inner;
    if (used) inner = "do\n" + indented(b) + "end\n::" + label + "::\n" + update;
    else inner = b + update;
    return head + indented(inner) + tail;
  }

  std::string for_loop(const Node& n) {
    const Node& init = *n.kids[0];
    const Node& test = *n.kids[1];
    const Node& update = *n.kids[2];
    std::string pre;
    if (init.kind == K::Var) pre = var(init);
    else if (init.kind == K::ExprStmt) pre = expr_statement(*init.kids[0]);
    std::string up;
    if (update.kind != K::Empty) {
      if (update.kind == K::Seq)
        for (const NodeP& k : update.kids) up += expr_statement(*k) + "\n";
      else
        up = expr_statement(update) + "\n";
    }
    std::string c = test.kind == K::Empty ? "true" : cond(test);
    std::string l = loop("while " + c + " do\n", *n.kids[3], "", "end", up);
    if (pre.empty()) return l;
    return "do\n" + indented(pre + "\n" + l) + "end";
  }

  std::string switch_statement(const Node& n) {
    // `repeat ... until true` so that `break` leaves the switch; cases do not fall through.
    std::string out = "repeat\n";
    std::string inner = "local case_ = " + expr(*n.kids[0]) + "\n";
    bool first = true;
    const Node* def = nullptr;
    for (size_t i = 1; i < n.kids.size(); ++i) {
      const Node& c = *n.kids[i];
      if (c.kids[0]->kind == K::Empty) {
        def = &c;
        continue;
      }
      std::string body;
      for (size_t k = 1; k < c.kids.size(); ++k) {
        std::string st = statement(*c.kids[k], k + 1 == c.kids.size());
        if (!st.empty()) body += mark(*c.kids[k]) + st + "\n";
      }
      inner += mark(c) + (first ? "if " : "elseif ") + "case_ == " + expr(*c.kids[0]) + " then\n" + indented(body);
      first = false;
    }
    if (def) {
      std::string body;
      for (size_t k = 1; k < def->kids.size(); ++k) {
        std::string st = statement(*def->kids[k], k + 1 == def->kids.size());
        if (!st.empty()) body += mark(*def->kids[k]) + st + "\n";
      }
      inner += first ? body : "else\n" + indented(body);
    }
    if (!first) inner += "end\n";
    return out + indented(inner) + "until true";
  }

  std::string var(const Node& n) {
    std::string out;
    for (size_t i = 0; i < n.kids.size(); ++i) {
      const Node& d = *n.kids[i];
      const Node& t = *d.kids[0];
      const Node* init = d.kid(1);
      if (i) out += "\n" + mark(d);
      if (t.kind == K::Ident) {
        if (init && is_numeric(*init)) scope_.numeric.insert(t.text);
        else scope_.numeric.erase(t.text);
        if (init && init->kind == K::Object) scope_.objects.insert(t.text);
        if (init && is_stringy(*init)) scope_.strings.insert(t.text);
        else scope_.strings.erase(t.text);
        if (init && init->kind == K::Func) {
          if (predeclared_.count(t.text)) out += lua_name(t.text) + " = " + function(*init);
          else out += "local function " + lua_name(t.text) + function_rest(*init);
          continue;
        }
        out += local_or_assign(t.text) + (init ? " = " + expr(*init) : (predeclared_.count(t.text) ? " = nil" : ""));
      } else {
        if (!init) fail(t, "a destructuring declaration needs a value");
        out += "local value_ = " + expr(*init) + "\n" + destructure(t, "value_", true);
        if (!out.empty() && out.back() == '\n') out.pop_back();
      }
    }
    return out;
  }

  // `local a, b = src[1], src[2]`-style lines for a destructuring target.
  std::string destructure(const Node& t, const std::string& src, bool local) {
    std::string out;
    const std::string kw = local ? "local " : "";
    auto one = [&](const Node& target, const std::string& from) {
      const Node* tg = &target;
      const Node* def = nullptr;
      if (tg->kind == K::DefaultPat) {
        def = tg->kids[1].get();
        tg = tg->kids[0].get();
      }
      if (tg->kind == K::Ident) {
        out += kw + lua_name(tg->text) + " = " + from + "\n";
        if (def) out += "if " + lua_name(tg->text) + " == nil then " + lua_name(tg->text) + " = " + expr(*def) + " end\n";
      } else {
        const std::string tmp = "part" + std::to_string(++temps_) + "_";
        out += "local " + tmp + " = " + from + "\n";
        if (def) out += "if " + tmp + " == nil then " + tmp + " = " + expr(*def) + " end\n";
        out += destructure(*tg, tmp, local);
      }
    };
    if (t.kind == K::ArrayPat) {
      for (size_t i = 0; i < t.kids.size(); ++i) {
        const Node& k = *t.kids[i];
        if (k.kind == K::Hole) continue;
        if (k.kind == K::RestPat) {
          one(*k.kids[0], "js.slice(" + src + ", " + std::to_string(i) + ")");
          continue;
        }
        one(k, src + "[" + std::to_string(i + 1) + "]");
      }
    } else if (t.kind == K::ObjectPat) {
      for (const NodeP& p : t.kids) {
        if (p->kind == K::RestPat) fail(*p, "a rest element in an object pattern is not supported");
        one(*p->kids[0], src + (plain_name(p->text) && !is_lua_keyword(p->text) ? "." + p->text : "[" + lua_string(p->text) + "]"));
      }
    } else {
      one(t, src);
    }
    return out;
  }

  std::string expr_statement(const Node& e) {
    switch (e.kind) {
      case K::Assign: return assign(e);
      case K::Update: {
        const std::string t = target(*e.kids[0]);
        return t + " = " + t + (e.text == "++" ? " + 1" : " - 1");
      }
      case K::Await: return expr_statement(*e.kids[0]);
      case K::Call:
      case K::New: {
        std::string c = expr(e);
        return c[0] == '(' ? ";" + c : c;
      }
      case K::Logical:
        if (e.text == "&&") return "if " + cond(*e.kids[0]) + " then " + expr_statement(*e.kids[1]) + " end";
        if (e.text == "||") return "if not " + paren_cond(*e.kids[0]) + " then " + expr_statement(*e.kids[1]) + " end";
        break;
      case K::Cond:
        return "if " + cond(*e.kids[0]) + " then " + expr_statement(*e.kids[1]) + " else " + expr_statement(*e.kids[2]) + " end";
      case K::Seq: {
        std::string out;
        for (size_t i = 0; i < e.kids.size(); ++i) out += (i ? "\n" : "") + expr_statement(*e.kids[i]);
        return out;
      }
      case K::Unary:
        if (e.text == "delete") return target(*e.kids[0]) + " = nil";
        break;
      default: break;
    }
    return "local _ = " + expr(e);
  }

  std::string target(const Node& t) {
    if (t.kind == K::Ident) return lua_name(t.text);
    if (t.kind == K::Member || t.kind == K::Index) return member(t);
    fail(t, "cannot assign to this");
  }

  std::string assign(const Node& e) {
    const Node& t = *e.kids[0];
    const Node& v = *e.kids[1];
    if (t.kind == K::Ident) {
      if (e.text == "=") {
        if (!is_numeric(v)) scope_.numeric.erase(t.text);
        if (!is_stringy(v)) scope_.strings.erase(t.text);
      }
    }
    if (t.kind == K::Array || t.kind == K::Object) fail(t, "destructuring assignment is not supported");
    const std::string lhs = target(t);
    if (e.text == "=") return lhs + " = " + expr(v);
    const std::string op = e.text.substr(0, e.text.size() - 1);
    if (op == "&&" || op == "||" || op == "??") {
      const std::string test = op == "??" ? lhs + " == nil" : op == "||" ? "not js.bool(" + lhs + ")" : "js.bool(" + lhs + ")";
      return "if " + test + " then " + lhs + " = " + expr(v) + " end";
    }
    return lhs + " = " + binary_text(op, t, v);
  }

  // [SECTION] expressions
  static int prec(const Node& n) {
    if (n.kind == K::Logical) return n.text == "&&" ? 2 : 1;
    if (n.kind != K::Binary) return 100;
    static const std::map<std::string, int> p = {{"|", 3}, {"^", 4}, {"&", 5}, {"==", 6}, {"!=", 6}, {"===", 6},
                                                 {"!==", 6}, {"<", 7}, {">", 7}, {"<=", 7}, {">=", 7}, {"in", 7},
                                                 {"instanceof", 7}, {"<<", 8}, {">>", 8}, {">>>", 8}, {"+", 9},
                                                 {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10}, {"**", 11}};
    auto it = p.find(n.text);
    return it == p.end() ? 100 : it->second;
  }

  bool is_numeric(const Node& n) const {
    switch (n.kind) {
      case K::Num: return true;
      case K::Unary: return n.text == "-" || n.text == "+" || n.text == "~";
      case K::Update: return true;
      case K::Binary:
        if (n.text == "+") return is_numeric(*n.kids[0]) && is_numeric(*n.kids[1]);
        return n.text == "-" || n.text == "*" || n.text == "/" || n.text == "%" || n.text == "**" || n.text == "<<" ||
               n.text == ">>" || n.text == ">>>" || n.text == "&" || n.text == "|" || n.text == "^";
      case K::Member: return n.text == "length" || (n.kids[0]->kind == K::Ident && n.kids[0]->text == "Math");
      case K::Ident: return scope_.numeric.count(n.text) > 0 || n.text == "NaN" || n.text == "Infinity";
      case K::Call: {
        const Node& c = *n.kids[0];
        if (c.kind == K::Ident) return c.text == "parseInt" || c.text == "parseFloat" || c.text == "Number";
        if (c.kind == K::Member && c.kids[0]->kind == K::Ident && c.kids[0]->text == "Math") return true;
        return false;
      }
      default: return false;
    }
  }

  static bool is_plain_string(const Node& n) {
    if (n.kind == K::Str && n.quote == '\'') return true;
    if (n.kind == K::Call && n.kids[0]->kind == K::Ident && n.kids[0]->text == "String") return true;
    if (n.kind == K::Call && n.kids[0]->kind == K::Member &&
        (n.kids[0]->text == "join" || n.kids[0]->text == "toString" || n.kids[0]->text == "toUpperCase" ||
         n.kids[0]->text == "toLowerCase" || n.kids[0]->text == "toFixed"))
      return true;
    if (n.kind == K::Binary && n.text == "+") return is_plain_string(*n.kids[0]) || is_plain_string(*n.kids[1]);
    return false;
  }

  // A plain string at run time: Strudel gives it to pattern functions as one value, never parsed.
  bool is_stringy(const Node& n) const {
    if (is_plain_string(n)) return true;
    if (n.kind == K::Ident) return scope_.strings.count(n.text) > 0;
    if (n.kind == K::Binary && n.text == "+") return is_stringy(*n.kids[0]) || is_stringy(*n.kids[1]);
    return false;
  }

  static bool is_boolean(const Node& n) {
    switch (n.kind) {
      case K::Binary: {
        static const std::set<std::string> cmp = {"==", "!=", "===", "!==", "<", ">", "<=", ">=", "in", "instanceof"};
        return cmp.count(n.text) > 0;
      }
      case K::Unary: return n.text == "!";
      case K::Ident: return n.text == "true" || n.text == "false";
      case K::Logical: return n.text != "??" && is_boolean(*n.kids[0]) && is_boolean(*n.kids[1]);
      case K::Call: {
        const Node& c = *n.kids[0];
        if (c.kind == K::Member)
          return c.text == "includes" || c.text == "startsWith" || c.text == "endsWith" || c.text == "isArray" ||
                 c.text == "some" || c.text == "every" || c.text == "isInteger";
        return c.kind == K::Ident && (c.text == "isNaN" || c.text == "Boolean");
      }
      default: return false;
    }
  }

  // Never nil or false in Lua, so `c and a or b` picks a.
  bool never_falsy(const Node& n) const {
    switch (n.kind) {
      case K::Num:
      case K::Str:
      case K::Template:
      case K::Array:
      case K::Object:
      case K::Func:
      case K::Call:
      case K::New:
      case K::Binary: return n.kind != K::Binary || !is_boolean(n);
      case K::Ident: return n.text != "false" && n.text != "null" && n.text != "undefined";
      case K::Member: return true;
      default: return false;
    }
  }

  static bool simple(const Node& n) {
    if (n.kind == K::Ident || n.kind == K::Num || n.kind == K::Str) return true;
    if (n.kind == K::Member) return simple(*n.kids[0]);
    return false;
  }

  std::string cond(const Node& n) {
    if (is_boolean(n)) return expr(n);
    return "js.bool(" + expr(n) + ")";
  }
  std::string paren_cond(const Node& n) {
    std::string c = cond(n);
    if (c.rfind("js.bool(", 0) == 0 || n.kind == K::Ident || n.kind == K::Call) return c;
    return "(" + c + ")";
  }

  std::string sub(const Node& child, const Node& parent, bool right) {
    std::string s = expr(child);
    const int pc = prec(child), pp = prec(parent);
    if ((child.kind == K::Binary || child.kind == K::Logical) && (pc < pp || (right && pc == pp))) return "(" + s + ")";
    if (child.kind == K::Cond || child.kind == K::Func) return "(" + s + ")";
    return s;
  }

  std::string binary_text(const std::string& op, const Node& a, const Node& b, const Node* parent = nullptr) {
    auto A = [&] { return parent ? sub(a, *parent, false) : expr(a); };
    auto B = [&] { return parent ? sub(b, *parent, true) : expr(b); };
    if (op == "===" || op == "==") return A() + " == " + B();
    if (op == "!==" || op == "!=") return A() + " ~= " + B();
    if (op == "<" || op == ">" || op == "<=" || op == ">=") return A() + " " + op + " " + B();
    if (op == "+") {
      if (is_numeric(a) && is_numeric(b)) return A() + " + " + B();
      return "js.add(" + expr(a) + ", " + expr(b) + ")";
    }
    if (op == "-" || op == "*" || op == "/") return A() + " " + op + " " + B();
    if (op == "%") return "math.fmod(" + expr(a) + ", " + expr(b) + ")";
    if (op == "**") return "(" + expr(a) + ") ^ (" + expr(b) + ")";
    if (op == "in") return "(" + expr(b) + ")[" + expr(a) + "] ~= nil";
    if (op == "instanceof") return "js.instanceof(" + expr(a) + ", " + expr(b) + ")";
    return "js.bit(" + lua_string(op) + ", " + expr(a) + ", " + expr(b) + ")";
  }

  // A mini-notation string of the JavaScript, written as a Lua string (recorded for highlighting).
  std::string mini_string(const Node& n) {
    std::string text;
    int32_t at = n.text_offset;
    bool escaped = n.escaped;
    if (n.kind == K::Template) {
      const Node& q = *n.kids[0];
      text = q.kids[0]->text;  // Strudel takes the first part's raw text
      at = q.text_offset;
      escaped = false;
    } else {
      text = n.quote == '`' ? n.kids[0]->text : n.text;
    }
    if (!escaped) out_.minis.push_back({text, at});
    return lua_string(text);
  }

  bool is_mini(const Node& n) const { return (n.kind == K::Str && n.quote != '\'') || n.kind == K::Template; }

  // An expression as a method call's receiver.
  std::string receiver(const Node& n) {
    if (is_mini(n)) return "mini(" + mini_string(n) + ")";
    if (n.kind == K::Str) return "(" + lua_string(n.text) + ")";
    std::string s = expr(n);
    if (n.kind == K::Ident || n.kind == K::Member || n.kind == K::Index || n.kind == K::Call) return s;
    return "(" + s + ")";
  }

  std::string args(const Node& call, size_t from, bool plain_args, bool table_args) {
    bool spread = false;
    for (size_t i = from; i < call.kids.size(); ++i) spread |= call.kids[i]->kind == K::Spread;
    if (spread) {
      std::string out = "table.unpack(js.spread(";
      std::string group;
      bool first = true;
      auto flush = [&] {
        if (group.empty()) return;
        out += (first ? "" : ", ") + std::string("{") + group + "}";
        first = false;
        group.clear();
      };
      for (size_t i = from; i < call.kids.size(); ++i) {
        const Node& a = *call.kids[i];
        if (a.kind == K::Spread) {
          flush();
          out += (first ? "" : ", ") + expr(*a.kids[0]);
          first = false;
        } else {
          group += (group.empty() ? "" : ", ") + arg(a, plain_args, table_args);
        }
      }
      flush();
      return out + "))";
    }
    std::string out;
    for (size_t i = from; i < call.kids.size(); ++i) {
      const Node& a = *call.kids[i];
      if (i > from) out += a.line != call.kids[i - 1]->line ? ",\n" + mark(a) : ", ";
      out += arg(a, plain_args, table_args);
    }
    return out;
  }

  // An argument: strings stay strings (pattern functions read them as mini-notation); a
  // single-quoted string that mini-notation would read differently is pure(...) for a pattern.
  std::string arg(const Node& a, bool plain_args, bool table_args) {
    if (is_mini(a)) return mini_string(a);
    if (a.kind == K::Str && !plain_args && !plain_name(a.text)) return "pure(" + lua_string(a.text) + ")";
    if (a.kind != K::Str && !plain_args && is_stringy(a)) return "pure(" + expr(a) + ")";
    if (a.kind == K::Array && table_args) {
      // A nested sequence: its strings follow the same rule (['D locrian', 'G phrygian'] are two
      // plain values, not mini-notation).
      bool spread = false;
      for (const NodeP& k : a.kids) spread |= !k || k->kind == K::Spread || k->kind == K::Hole;
      if (spread) return array(a, false);
      std::string out = "{";
      for (size_t i = 0; i < a.kids.size(); ++i) out += (i ? ", " : "") + arg(*a.kids[i], plain_args, true);
      return out + "}";
    }
    return expr(a);
  }

  std::string call(const Node& n) {
    const Node& c = *n.kids[0];
    if (c.kind == K::Member && c.kids[0]->kind == K::Member && kOperatorModes.count(c.text) &&
        !(c.kids[0]->kids[0]->kind == K::Ident && kNamespaces.count(c.kids[0]->kids[0]->text))) {
      // Strudel's operator variants: pat.add.out(x) is pat:addOut(x)
      const Node& op = *c.kids[0];
      std::string mode = c.text;
      mode[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(mode[0])));
      std::string nl = op.escaped ? "\n" + mark(op) + "  " : "";
      return receiver(*op.kids[0]) + nl + ":" + op.text + mode + "(" + args(n, 1, false, true) + ")";
    }
    if (c.kind == K::Member && n.kids.size() == 1) {
      // pat.fmap(f).innerJoin() (and outer, squeeze, reset, restart): a value here cannot hold a
      // pattern, so the map and the join are one step, pat:innerBind(f).
      static const std::map<std::string, std::string> kJoins = {{"innerJoin", "innerBind"}, {"outerJoin", "outerBind"},
                                                               {"squeezeJoin", "squeezeBind"}, {"resetJoin", "resetBind"},
                                                               {"restartJoin", "restartBind"}};
      const Node& inner = *c.kids[0];
      auto j = kJoins.find(c.text);
      if (j != kJoins.end() && inner.kind == K::Call && inner.kids.size() == 2 && inner.kids[0]->kind == K::Member &&
          (inner.kids[0]->text == "fmap" || inner.kids[0]->text == "withValue"))
        return receiver(*inner.kids[0]->kids[0]) + ":" + j->second + "(" + expr(*inner.kids[1]) + ")";
    }
    if (c.kind == K::Member) {
      const Node& obj = *c.kids[0];
      const bool ns = obj.kind == K::Ident && (kNamespaces.count(obj.text) || scope_.objects.count(obj.text));
      const bool plain = ns || kPlainArgMethods.count(c.text);
      std::string name = c.text;
      std::string nl = c.escaped ? "\n" + mark(c) + "  " : "";
      if (ns) return lua_name(obj.text) + nl + "." + lua_name(name) + "(" + args(n, 1, true, false) + ")";
      if (is_lua_keyword(name)) name += "_";
      return receiver(obj) + nl + ":" + name + "(" + args(n, 1, plain, !plain && !registered_.count(c.text)) + ")";
    }
    if (c.kind == K::Ident) {
      // A function of the program gets its arguments as they are (as in JavaScript).
      const bool user = user_functions_.count(c.text) > 0;
      const bool plain = kPlainArgFunctions.count(c.text) > 0 || user;
      return lua_name(c.text) + "(" + args(n, 1, plain, !plain && !registered_.count(c.text)) + ")";
    }
    return receiver(c) + "(" + args(n, 1, false, false) + ")";
  }

  std::string member(const Node& n) {
    const Node& obj = *n.kids[0];
    if (n.kind == K::Member) {
      if (n.text == "length") return "#" + receiver(obj);
      // Pattern.prototype is the method table (Lua's Pattern): a method assigned there is
      // pat:name(...) for every pattern, as in JavaScript.
      if (n.text == "prototype" && obj.kind == K::Ident && obj.text == "Pattern") return "Pattern";
      std::string nl = n.escaped ? "\n" + mark(n) + "  " : "";
      if (is_lua_keyword(n.text) || n.text.find('$') != std::string::npos)
        return receiver(obj) + nl + "[" + lua_string(n.text) + "]";
      return receiver(obj) + nl + "." + n.text;
    }
    const Node& ix = *n.kids[1];
    if (ix.kind == K::Num) {
      std::string t = lua_number(ix.text);
      if (t.find_first_not_of("0123456789") == std::string::npos) return receiver(obj) + "[" + std::to_string(std::stoll(t) + 1) + "]";
    }
    if (ix.kind == K::Str) return receiver(obj) + "[" + lua_string(ix.text) + "]";
    if (is_numeric(ix)) return receiver(obj) + "[" + expr(ix) + " + 1]";
    return "js.index(" + expr(obj) + ", " + expr(ix) + ")";
  }

  std::string array(const Node& n, bool as_list) {
    bool spread = false;
    for (const NodeP& k : n.kids) spread |= k->kind == K::Spread;
    std::string items;
    if (spread) {
      std::string out = "js.spread(";
      std::string group;
      bool first = true;
      auto flush = [&] {
        if (group.empty()) return;
        out += (first ? "" : ", ") + std::string("{") + group + "}";
        first = false;
        group.clear();
      };
      for (const NodeP& k : n.kids) {
        if (k->kind == K::Spread) {
          flush();
          out += (first ? "" : ", ") + expr(*k->kids[0]);
          first = false;
        } else {
          group += (group.empty() ? "" : ", ") + element(*k);
        }
      }
      flush();
      return out + ")";
    }
    for (size_t i = 0; i < n.kids.size(); ++i) {
      const Node& k = *n.kids[i];
      if (i) items += (k.line != n.kids[i - 1]->line) ? ",\n" + mark(k) + "  " : ", ";
      else if (k.line != n.line) items += "\n" + mark(k) + "  ";
      items += element(k);
    }
    return (as_list ? "list{" : "{") + items + "}";
  }

  std::string element(const Node& k) {
    if (k.kind == K::Hole) return "nil";
    return expr(k);
  }

  std::string object(const Node& n) {
    bool spread = false;
    for (const NodeP& k : n.kids) spread |= k->kind == K::Spread;
    std::string out, group;
    bool first = true;
    auto flush = [&] {
      if (group.empty() && !first) return;
      out += (first ? "" : ", ") + std::string("{") + group + "}";
      first = false;
      group.clear();
    };
    // An object whose keys are all whole numbers from 0 ({0: a, 1: b}) is indexed as an array
    // (o[0] is the Lua o[1]), so its keys shift by one as an array's; numbers among other keys
    // ({'': x, 7: y}, a voicing dictionary) are keys by their text, as in JavaScript.
    bool array_like = !n.kids.empty();
    for (const NodeP& k : n.kids) {
      if (k->kind == K::Spread || k->flag || k->quote != '0') {
        array_like = false;
        break;
      }
      const double x = std::strtod(k->text.c_str(), nullptr);
      if (!(x >= 0 && x == std::floor(x) && x < 1e15)) array_like = false;
    }
    for (size_t i = 0; i < n.kids.size(); ++i) {
      const Node& p = *n.kids[i];
      if (p.kind == K::Spread) {
        flush();
        out += ", " + expr(*p.kids[0]);
        continue;
      }
      std::string key;
      if (p.flag) key = "[" + expr(*p.kids[0]) + "]";
      else if (p.quote == '0' && array_like)
        key = "[" + std::to_string(static_cast<long long>(std::strtod(p.text.c_str(), nullptr)) + 1) + "]";
      else if (p.quote == '0') {
        const double x = std::strtod(p.text.c_str(), nullptr);
        key = "[" + lua_string(x == std::floor(x) && std::fabs(x) < 1e15 ? std::to_string(static_cast<long long>(x)) : p.text) + "]";
      }
      else if (plain_name(p.text) && !is_lua_keyword(p.text)) key = p.text;
      else key = "[" + lua_string(p.text) + "]";
      const Node& v = p.flag ? *p.kids[1] : *p.kids[0];
      std::string sep = group.empty() ? "" : (p.line != n.kids[i - 1]->line ? ",\n" + mark(p) + "  " : ", ");
      if (group.empty() && p.line != n.line) sep = "\n" + mark(p) + "  ";
      group += sep + key + " = " + (is_mini(v) ? mini_string(v) : expr(v));
    }
    if (!spread) return "{" + group + "}";
    flush();
    return "js.assign(" + out + ")";
  }

  std::string function(const Node& f) { return "function" + function_rest(f); }

  // Whether a function's own `this` is used: in its body, arrows included (their `this` is the
  // enclosing one), other functions not.
  static bool uses_this(const Node& n) {
    if (n.kind == K::Ident && n.text == "this") return true;
    for (const NodeP& k : n.kids) {
      if (!k) continue;
      if (k->kind == K::Func && k->quote != '>') continue;
      if (k->kind == K::FuncDecl) continue;
      if (uses_this(*k)) return true;
    }
    return false;
  }

  std::string function_rest(const Node& f) {
    std::vector<std::string> names;
    std::string pre;
    Scope saved = scope_;
    const size_t nparams = f.kids.size() - 1;
    // A function (not an arrow) that uses `this` is a method: Lua passes the receiver of
    // pat:name(...) first, as `self`.
    if (f.kind == K::Func && f.quote != '>' && uses_this(*f.kids.back())) names.push_back("self");
    for (size_t i = 0; i < nparams; ++i) {
      const Node& p = *f.kids[i];
      if (p.kind == K::Ident) {
        names.push_back(lua_name(p.text));
        scope_.numeric.erase(p.text);
        scope_.strings.erase(p.text);
      } else if (p.kind == K::DefaultPat && p.kids[0]->kind == K::Ident) {
        const std::string nm = lua_name(p.kids[0]->text);
        names.push_back(nm);
        pre += "if " + nm + " == nil then " + nm + " = " + expr(*p.kids[1]) + " end\n";
      } else if (p.kind == K::RestPat && p.kids[0]->kind == K::Ident) {
        names.push_back("...");
        pre += "local " + lua_name(p.kids[0]->text) + " = list{...}\n";
      } else {
        const std::string tmp = "arg" + std::to_string(i + 1) + "_";
        names.push_back(tmp);
        pre += destructure(p, tmp, true);
      }
    }
    std::string head = "(";
    for (size_t i = 0; i < names.size(); ++i) head += (i ? ", " : "") + names[i];
    head += ")";
    const Node& body = *f.kids.back();
    std::vector<std::pair<std::string, bool>> saved_loops;
    saved_loops.swap(loops_);
    std::string out;
    if (f.flag) {
      std::string e = expr(body);
      if (pre.empty() && e.find('\n') == std::string::npos) out = head + " return " + e + " end";
      else out = head + "\n" + indented(pre + "return " + e) + "end";
    } else {
      std::set<std::string> saved_pre = predeclared_;
      out = head + "\n" + indented(pre + block_body(body.kids, false)) + "end";
      predeclared_ = saved_pre;
    }
    loops_.swap(saved_loops);
    scope_ = saved;
    return out;
  }

  std::string expr(const Node& n) {
    switch (n.kind) {
      case K::Num: return lua_number(n.text);
      case K::Str: return is_mini(n) ? "mini(" + mini_string(n) + ")" : lua_string(n.text);
      case K::Template: return "mini(" + mini_string(n) + ")";
      case K::Ident:
        if (n.text == "undefined" || n.text == "null") return "nil";
        if (n.text == "NaN") return "(0/0)";
        if (n.text == "Infinity") return "math.huge";
        if (n.text == "this") return "self";
        if (n.text == "true" || n.text == "false") return n.text;
        return lua_name(n.text);
      case K::Array: return array(n, true);
      case K::Object: return object(n);
      case K::Func: return function(n);
      case K::Call: return call(n);
      case K::New: {
        std::string callee = expr(*n.kids[0]);
        return "js.new(" + callee + (n.kids.size() > 1 ? ", " + args(n, 1, true, false) : "") + ")";
      }
      case K::Member:
      case K::Index: return member(n);
      case K::Unary: {
        const Node& x = *n.kids[0];
        if (n.text == "!") return "not " + (is_boolean(x) ? (x.kind == K::Binary || x.kind == K::Logical ? "(" + expr(x) + ")" : expr(x)) : "js.bool(" + expr(x) + ")");
        if (n.text == "-") {
          std::string s = expr(x);
          if (x.kind == K::Binary || x.kind == K::Logical || s[0] == '-') return "-(" + s + ")";
          return "-" + s;
        }
        if (n.text == "+") return "js.tonumber(" + expr(x) + ")";
        if (n.text == "typeof") return "js.typeof(" + expr(x) + ")";
        if (n.text == "void") return "nil";
        if (n.text == "~") return "js.bit(\"~\", " + expr(x) + ")";
        fail(n, "'" + n.text + "' is not supported here");
      }
      case K::Binary: return binary_text(n.text, *n.kids[0], *n.kids[1], &n);
      case K::Logical: {
        const Node& a = *n.kids[0];
        const Node& b = *n.kids[1];
        if (n.text == "&&") {
          if (is_boolean(a)) return sub(a, n, false) + " and " + sub(b, n, true);
          return "js.and_(" + expr(a) + ", function() return " + expr(b) + " end)";
        }
        if (n.text == "||") {
          if (is_boolean(a)) return sub(a, n, false) + " or " + sub(b, n, true);
          if (simple(a)) return "(js.bool(" + expr(a) + ") and " + expr(a) + " or " + sub(b, n, true) + ")";
          return "js.or_(" + expr(a) + ", function() return " + expr(b) + " end)";
        }
        if (simple(a) && never_falsy(b)) return "(" + expr(a) + " == nil and " + expr(b) + " or " + expr(a) + ")";
        return "js.nullish(" + expr(a) + ", function() return " + expr(b) + " end)";
      }
      case K::Cond: {
        const Node& c = *n.kids[0];
        const Node& a = *n.kids[1];
        const Node& b = *n.kids[2];
        if (never_falsy(a)) {
          std::string cs = cond(c);
          if (c.kind == K::Logical) cs = "(" + cs + ")";
          return cs + " and " + sub(a, n, false) + " or " + sub(b, n, true);
        }
        return "(function() if " + cond(c) + " then return " + expr(a) + " end return " + expr(b) + " end)()";
      }
      case K::Await: return expr(*n.kids[0]);
      case K::Seq: {
        std::string out = "js.last(";
        for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? ", " : "") + expr(*n.kids[i]);
        return out + ")";
      }
      case K::Assign: fail(n, "an assignment inside an expression is not supported (write it as its own statement)");
      case K::Update: fail(n, "'" + n.text + "' inside an expression is not supported (write it as its own statement)");
      case K::Spread: fail(n, "'...' is not supported here");
      default: fail(n, "this expression is not supported");
    }
  }

  std::string_view src_;
  const Program& prog_;
  Translation& out_;
  size_t next_comment_ = 0;
  Scope scope_;
  std::set<std::string> predeclared_;
  std::set<std::string> user_functions_;
  std::set<std::string> registered_;  // names given to register()
  std::vector<std::pair<std::string, bool>> loops_;  // continue label, used
  int temps_ = 0;
};

// Strips the position marks, writing each Lua line's JavaScript position.
void finish_output(const std::string& marked, Translation& t) {
  std::string out;
  out.reserve(marked.size());
  Position cur{1, 1};
  bool line_has = false;
  for (size_t i = 0; i < marked.size(); ++i) {
    const char c = marked[i];
    if (c == '\x01') {
      const size_t e = marked.find('\x02', i);
      const std::string p = marked.substr(i + 1, e - i - 1);
      const size_t colon = p.find(':');
      Position pos{std::stoi(p.substr(0, colon)), std::stoi(p.substr(colon + 1))};
      if (!line_has) {
        cur = pos;
        line_has = true;
      }
      i = e;
      continue;
    }
    if (c == '\n') {
      t.lua_lines.push_back(cur);
      line_has = false;
    }
    out += c;
  }
  t.lua_lines.push_back(cur);
  // Trailing spaces left by indentation of empty lines.
  std::string clean;
  size_t start = 0;
  while (start <= out.size()) {
    size_t e = out.find('\n', start);
    std::string line = out.substr(start, e == std::string::npos ? std::string::npos : e - start);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    clean += line;
    if (e == std::string::npos) break;
    clean += '\n';
    start = e + 1;
  }
  t.lua = clean;
}

}  // namespace

Position Translation::js_position(int lua_line) const {
  if (lua_line < 1 || lua_lines.empty()) return {};
  const size_t i = std::min(static_cast<size_t>(lua_line - 1), lua_lines.size() - 1);
  return lua_lines[i];
}

Translation translate(std::string_view js, const TranslateOptions& options) {
  Translation t;
  try {
    Program prog = parse_program(js);
    Translator tr(js, prog, t);
    finish_output(tr.program(options.whole_program), t);
    t.ok = true;
  } catch (const SyntaxError& e) {
    t.ok = false;
    t.error = e.what();
    t.error_at = {e.line, e.column};
    t.lua.clear();
    t.minis.clear();
  }
  return t;
}

bool is_strudel_file(std::string_view path, std::string_view text) {
  auto ends = [&](std::string_view suf) { return path.size() >= suf.size() && path.substr(path.size() - suf.size()) == suf; };
  if (ends(".js") || ends(".mjs") || ends(".strudel")) return true;
  if (ends(".lua")) return false;
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.substr(i, 2) != "//") return false;
  i += 2;
  while (i < text.size() && text[i] == ' ') ++i;
  return text.substr(i, 7) == "strudel";
}

bool looks_like_javascript(std::string_view text) {
  if (text.find("$:") != std::string_view::npos || text.find("=>") != std::string_view::npos) return true;
  size_t line = 0;
  while (line < text.size()) {
    size_t e = text.find('\n', line);
    std::string_view l = text.substr(line, e == std::string_view::npos ? std::string_view::npos : e - line);
    size_t i = l.find_first_not_of(" \t");
    if (i != std::string_view::npos) {
      l = l.substr(i);
      if (l.substr(0, 2) == "//" || l.substr(0, 6) == "const " || l.substr(0, 4) == "let ") return true;
      if (l.substr(0, 6) == "local " || l.substr(0, 2) == "--" || l.substr(0, 9) == "function ") {
        if (l.find('{') == std::string_view::npos) return false;
      }
      // a method chain on a string literal: "a b".fast(2)
      if (l.find("\").") != std::string_view::npos || l.find("\".") != std::string_view::npos) return true;
    }
    if (e == std::string_view::npos) break;
    line = e + 1;
  }
  return false;
}

}  // namespace mr::strudel
