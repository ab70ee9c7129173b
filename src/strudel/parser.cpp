// A lexer and recursive-descent parser for the JavaScript subset of Strudel songs (ast.hpp):
// declarations, functions and arrows, control flow, labels, template literals, object and array
// literals with spread, optional chaining, automatic semicolon insertion at line breaks.
#include <cstring>
#include <string>
#include <string_view>

#include "strudel/ast.hpp"

namespace mr::strudel {

namespace {

enum class T { Eof, Name, Num, Str, Template, Punct, Regex };

struct Tok {
  T type = T::Eof;
  std::string text;   // name, punctuator, number text, string value
  char quote = 0;
  bool escaped = false;
  bool nl_before = false;
  int32_t offset = 0, end = 0;
  int line = 1, column = 1;
  int32_t text_offset = 0;
};

const char* const kPuncts[] = {">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=",
                               "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=",
                               "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", "{", "}", "(", ")", "[",
                               "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~",
                               "?", ":", "=", ".", "@", "#"};

bool is_id_start(unsigned char c) { return std::isalpha(c) || c == '_' || c == '$' || c >= 0x80; }
bool is_id_char(unsigned char c) { return is_id_start(c) || std::isdigit(c); }

class Lexer {
 public:
  Lexer(std::string_view s, std::vector<Comment>& comments) : s_(s), comments_(&comments) {}

  [[noreturn]] void fail(const std::string& m, int32_t at) {
    auto [l, c] = pos(at);
    throw SyntaxError(m, l, c);
  }

  std::pair<int, int> pos(int32_t at) const {
    int l = 1;
    int32_t ls = 0;
    for (int32_t i = 0; i < at && i < static_cast<int32_t>(s_.size()); ++i)
      if (s_[static_cast<size_t>(i)] == '\n') {
        ++l;
        ls = i + 1;
      }
    return {l, at - ls + 1};
  }

  // Reads the next token; `regex_ok` when a '/' here starts a regular expression.
  Tok next(bool regex_ok) {
    Tok t;
    bool nl = false;
    for (;;) {
      while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n' ||
                                static_cast<unsigned char>(s_[i_]) == 0xEF)) {
        if (static_cast<unsigned char>(s_[i_]) == 0xEF) {  // a BOM (EF BB BF)
          if (i_ + 2 < s_.size() && static_cast<unsigned char>(s_[i_ + 1]) == 0xBB) {
            i_ += 3;
            continue;
          }
          break;
        }
        if (s_[i_] == '\n') {
          nl = true;
          ++line_;
          line_start_ = i_ + 1;
        }
        ++i_;
      }
      if (i_ + 1 < s_.size() && s_[i_] == '/' && (s_[i_ + 1] == '/' || s_[i_ + 1] == '*')) {
        const bool own = own_line(i_);
        const size_t start = i_;
        const int cl = line_, cc = static_cast<int>(i_ - line_start_) + 1;
        if (s_[i_ + 1] == '/') {
          size_t e = s_.find('\n', i_);
          if (e == std::string_view::npos) e = s_.size();
          comments_->push_back({static_cast<int32_t>(start), cl, cc, std::string(s_.substr(i_ + 2, e - i_ - 2)), own});
          i_ = e;
        } else {
          size_t e = s_.find("*/", i_ + 2);
          if (e == std::string_view::npos) fail("unterminated comment", static_cast<int32_t>(i_));
          comments_->push_back({static_cast<int32_t>(start), cl, cc, std::string(s_.substr(i_ + 2, e - i_ - 2)), own});
          for (size_t k = i_; k < e; ++k)
            if (s_[k] == '\n') {
              nl = true;
              ++line_;
              line_start_ = k + 1;
            }
          i_ = e + 2;
        }
        continue;
      }
      break;
    }
    t.nl_before = nl;
    t.offset = static_cast<int32_t>(i_);
    t.line = line_;
    t.column = static_cast<int>(i_ - line_start_) + 1;
    if (i_ >= s_.size()) {
      t.type = T::Eof;
      t.end = t.offset;
      return t;
    }
    const unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (is_id_start(c)) {
      size_t j = i_;
      while (j < s_.size() && is_id_char(static_cast<unsigned char>(s_[j]))) ++j;
      t.type = T::Name;
      t.text = std::string(s_.substr(i_, j - i_));
      i_ = j;
    } else if (std::isdigit(c) || (c == '.' && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1])))) {
      size_t j = i_;
      if (c == '0' && j + 1 < s_.size() && std::strchr("xXbBoO", s_[j + 1])) {
        j += 2;
        while (j < s_.size() && (std::isxdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
      } else {
        while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
        if (j < s_.size() && s_[j] == '.') {
          ++j;
          while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
        }
        if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
          size_t k = j + 1;
          if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
          if (k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k]))) {
            j = k;
            while (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) ++j;
          }
        }
      }
      if (j < s_.size() && s_[j] == 'n') fail("BigInt literals are not supported", static_cast<int32_t>(i_));
      t.type = T::Num;
      t.text = std::string(s_.substr(i_, j - i_));
      std::erase(t.text, '_');
      i_ = j;
    } else if (c == '"' || c == '\'') {
      t.type = T::Str;
      t.quote = static_cast<char>(c);
      t.text_offset = static_cast<int32_t>(i_ + 1);
      size_t j = i_ + 1;
      while (true) {
        if (j >= s_.size() || s_[j] == '\n') fail("unterminated string", static_cast<int32_t>(i_));
        if (s_[j] == static_cast<char>(c)) break;
        if (s_[j] == '\\') {
          t.escaped = true;
          j = escape(j, t.text);
          continue;
        }
        t.text += s_[j++];
      }
      i_ = j + 1;
    } else if (c == '`') {
      t.type = T::Template;
      t.quote = '`';
      t.text_offset = static_cast<int32_t>(i_ + 1);
      i_ += 1;  // the parser reads the template's parts with template_part()
    } else if (c == '/' && regex_ok) {
      size_t j = i_ + 1;
      bool cls = false;
      while (j < s_.size() && s_[j] != '\n') {
        if (s_[j] == '\\') {
          j += 2;
          continue;
        }
        if (s_[j] == '[') cls = true;
        else if (s_[j] == ']') cls = false;
        else if (s_[j] == '/' && !cls) break;
        ++j;
      }
      if (j >= s_.size() || s_[j] != '/') fail("unterminated regular expression", static_cast<int32_t>(i_));
      ++j;
      while (j < s_.size() && std::isalpha(static_cast<unsigned char>(s_[j]))) ++j;
      t.type = T::Regex;
      t.text = std::string(s_.substr(i_, j - i_));
      i_ = j;
    } else {
      t.type = T::Punct;
      for (const char* p : kPuncts) {
        const size_t n = std::strlen(p);
        if (s_.substr(i_, n) == p) {
          t.text = p;
          break;
        }
      }
      if (t.text.empty()) fail(std::string("unexpected character '") + static_cast<char>(c) + "'", static_cast<int32_t>(i_));
      // `?.` followed by a digit is a conditional and a number (a ?.5 : b)
      if (t.text == "?." && i_ + 2 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 2]))) t.text = "?";
      i_ += t.text.size();
    }
    t.end = static_cast<int32_t>(i_);
    return t;
  }

  // Inside a template: reads raw text up to '`' (returns true) or "${" (false); the position
  // is left after it. `cooked` gets the value, `raw` the text.
  bool template_part(std::string& cooked, std::string& raw, int32_t& start) {
    start = static_cast<int32_t>(i_);
    while (true) {
      if (i_ >= s_.size()) fail("unterminated template literal", start);
      const char c = s_[i_];
      if (c == '`') {
        ++i_;
        return true;
      }
      if (c == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '{') {
        i_ += 2;
        return false;
      }
      if (c == '\\') {
        const size_t b = i_;
        i_ = escape(i_, cooked);
        raw += std::string(s_.substr(b, i_ - b));
        continue;
      }
      if (c == '\n') {
        ++line_;
        line_start_ = i_ + 1;
      }
      cooked += c;
      raw += c;
      ++i_;
    }
  }

  size_t offset() const { return i_; }
  void seek(size_t at, int line, size_t line_start) {
    i_ = at;
    line_ = line;
    line_start_ = line_start;
  }
  int line() const { return line_; }
  size_t line_start() const { return line_start_; }

 private:
  bool own_line(size_t at) const {
    for (size_t k = at; k > 0; --k) {
      const char ch = s_[k - 1];
      if (ch == '\n') return true;
      if (ch != ' ' && ch != '\t') return false;
    }
    return true;
  }

  size_t escape(size_t j, std::string& out) {
    ++j;  // the backslash
    if (j >= s_.size()) return j;
    const char e = s_[j];
    switch (e) {
      case 'n': out += '\n'; return j + 1;
      case 't': out += '\t'; return j + 1;
      case 'r': out += '\r'; return j + 1;
      case 'b': out += '\b'; return j + 1;
      case 'f': out += '\f'; return j + 1;
      case 'v': out += '\v'; return j + 1;
      case '0': out += '\0'; return j + 1;
      case '\n':
        ++line_;
        line_start_ = j + 1;
        return j + 1;
      case 'x':
      case 'u': {
        unsigned cp = 0;
        size_t k = j + 1;
        if (e == 'u' && k < s_.size() && s_[k] == '{') {
          ++k;
          while (k < s_.size() && s_[k] != '}') cp = cp * 16 + static_cast<unsigned>(std::stoi(std::string(1, s_[k++]), nullptr, 16));
          ++k;
        } else {
          const size_t n = e == 'x' ? 2 : 4;
          for (size_t m = 0; m < n && k < s_.size(); ++m, ++k) {
            if (!std::isxdigit(static_cast<unsigned char>(s_[k]))) fail("bad escape in a string", static_cast<int32_t>(j));
            cp = cp * 16 + static_cast<unsigned>(std::stoi(std::string(1, s_[k]), nullptr, 16));
          }
        }
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) {
          out += static_cast<char>(0xC0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return k;
      }
      default: out += e; return j + 1;
    }
  }

  std::string_view s_;
  std::vector<Comment>* comments_;
  size_t i_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

class Parser {
 public:
  Parser(std::string_view s, Program& prog) : lex_(s, prog.comments), prog_(prog) { advance(true); }

  void program() {
    while (tok_.type != T::Eof) prog_.body.push_back(statement());
  }

 private:
  // [SECTION] tokens
  void advance(bool regex_ok = false) {
    prev_end_ = tok_.end;
    tok_ = lex_.next(regex_ok);
  }
  bool is(const char* p) const { return tok_.type == T::Punct && tok_.text == p; }
  bool is_name(const char* n) const { return tok_.type == T::Name && tok_.text == n; }
  bool eat(const char* p) {
    if (!is(p)) return false;
    advance(regex_after(p));
    return true;
  }
  static bool regex_after(const std::string& p) { return p != ")" && p != "]" && p != "}"; }
  void expect(const char* p) {
    if (!is(p)) fail(std::string("expected '") + p + "'");
    advance(regex_after(p));
  }
  [[noreturn]] void fail(const std::string& m) {
    std::string got = tok_.type == T::Eof ? "the end" : tok_.type == T::Str ? "a string" : "'" + tok_.text + "'";
    throw SyntaxError(m + ", found " + got, tok_.line, tok_.column);
  }
  NodeP node(K k) { return std::make_unique<Node>(k, tok_.offset, tok_.line, tok_.column); }
  NodeP node_at(K k, const Node& at) { return std::make_unique<Node>(k, at.offset, at.line, at.column); }
  NodeP finish(NodeP n) {
    n->end = prev_end_;
    return n;
  }
  void semicolon() {
    if (eat(";")) return;
    if (tok_.nl_before || is("}") || tok_.type == T::Eof) return;
    fail("expected ';' or a new line");
  }

  // [SECTION] statements
  NodeP statement() {
    if (is("{")) return block();
    if (is(";")) {
      NodeP n = node(K::Empty);
      advance(true);
      return finish(std::move(n));
    }
    if (tok_.type == T::Name) {
      const std::string& w = tok_.text;
      if (w == "let" || w == "const" || w == "var") {
        NodeP n = var_decl();
        semicolon();
        return n;
      }
      if (w == "function" || (w == "async" && peek_name("function"))) return func_decl();
      if (w == "return") {
        NodeP n = node(K::Return);
        advance(true);
        if (!is(";") && !is("}") && tok_.type != T::Eof && !tok_.nl_before) n->kids.push_back(expression());
        semicolon();
        return finish(std::move(n));
      }
      if (w == "if") {
        NodeP n = node(K::If);
        advance();
        expect("(");
        n->kids.push_back(expression());
        expect(")");
        n->kids.push_back(statement());
        if (is_name("else")) {
          advance(true);
          n->kids.push_back(statement());
        }
        return finish(std::move(n));
      }
      if (w == "for") return for_statement();
      if (w == "while") {
        NodeP n = node(K::While);
        advance();
        expect("(");
        n->kids.push_back(expression());
        expect(")");
        n->kids.push_back(statement());
        return finish(std::move(n));
      }
      if (w == "do") {
        NodeP n = node(K::DoWhile);
        advance(true);
        n->kids.push_back(statement());
        if (!is_name("while")) fail("expected 'while'");
        advance();
        expect("(");
        n->kids.push_back(expression());
        expect(")");
        eat(";");
        return finish(std::move(n));
      }
      if (w == "break" || w == "continue") {
        NodeP n = node(w == "break" ? K::Break : K::Continue);
        advance();
        if (tok_.type == T::Name && !tok_.nl_before) fail("labelled break/continue is not supported");
        semicolon();
        return finish(std::move(n));
      }
      if (w == "throw") {
        NodeP n = node(K::Throw);
        advance(true);
        n->kids.push_back(expression());
        semicolon();
        return finish(std::move(n));
      }
      if (w == "switch") return switch_statement();
      if (w == "try") return try_statement();
      if (w == "import" || w == "export" || w == "class")
        fail("'" + w + "' is not supported in a Strudel program");
      // label: `name:` (not `name::`)
      if (!is_keyword(w)) {
        Lexer save = lex_;
    const size_t ncomments = prog_.comments.size();
        Tok t = tok_;
        int32_t pe = prev_end_;
        advance();
        if (is(":")) {
          NodeP n = std::make_unique<Node>(K::Label, t.offset, t.line, t.column);
          n->text = t.text;
          advance(true);
          n->kids.push_back(statement());
          return finish(std::move(n));
        }
        lex_ = save;
    prog_.comments.resize(ncomments);
        tok_ = t;
        prev_end_ = pe;
      }
    }
    NodeP n = node(K::ExprStmt);
    n->kids.push_back(expression());
    semicolon();
    return finish(std::move(n));
  }

  static bool is_keyword(const std::string& w) {
    static const char* const kw[] = {"if", "else", "for", "while", "do", "return", "function", "let", "const",
                                     "var", "new", "typeof", "void", "delete", "in", "of", "true", "false",
                                     "null", "this", "switch", "case", "default", "break", "continue", "throw",
                                     "try", "catch", "finally", "class", "import", "export", "instanceof"};
    for (const char* k : kw)
      if (w == k) return true;
    return false;
  }

  bool peek_name(const char* n) {
    Lexer save = lex_;
    const size_t ncomments = prog_.comments.size();
    Tok t = tok_;
    int32_t pe = prev_end_;
    advance();
    bool r = is_name(n) && !tok_.nl_before;
    lex_ = save;
    prog_.comments.resize(ncomments);
    tok_ = t;
    prev_end_ = pe;
    return r;
  }

  NodeP block() {
    NodeP n = node(K::Block);
    expect("{");
    while (!is("}")) {
      if (tok_.type == T::Eof) fail("expected '}'");
      n->kids.push_back(statement());
    }
    advance(true);
    return finish(std::move(n));
  }

  NodeP var_decl() {
    NodeP n = node(K::Var);
    n->text = tok_.text;
    advance();
    do {
      NodeP d = node(K::Declarator);
      d->kids.push_back(binding_target());
      if (eat("=")) d->kids.push_back(assignment());
      n->kids.push_back(finish(std::move(d)));
    } while (eat(","));
    return finish(std::move(n));
  }

  NodeP func_decl() {
    NodeP n = node(K::FuncDecl);
    if (is_name("async")) advance();
    advance();  // function
    eat("*");
    if (tok_.type != T::Name) fail("expected the function's name");
    n->text = tok_.text;
    NodeP f = node(K::Func);
    f->text = tok_.text;
    advance();
    params(*f);
    f->kids.push_back(block());
    n->kids.push_back(finish(std::move(f)));
    return finish(std::move(n));
  }

  void params(Node& f) {
    expect("(");
    while (!is(")")) {
      f.kids.push_back(binding_element());
      if (!is(")")) expect(",");
    }
    advance();
  }

  // A parameter or an element of a destructuring pattern: target [= default] or ...rest.
  NodeP binding_element() {
    if (is("...")) {
      NodeP r = node(K::RestPat);
      advance();
      r->kids.push_back(binding_target());
      return finish(std::move(r));
    }
    NodeP t = binding_target();
    if (is("=")) {
      NodeP d = node_at(K::DefaultPat, *t);
      advance(true);
      d->kids.push_back(std::move(t));
      d->kids.push_back(assignment());
      return finish(std::move(d));
    }
    return t;
  }

  NodeP binding_target() {
    if (tok_.type == T::Name && !is_keyword(tok_.text)) {
      NodeP n = node(K::Ident);
      n->text = tok_.text;
      advance();
      return finish(std::move(n));
    }
    if (is("[")) {
      NodeP n = node(K::ArrayPat);
      advance();
      while (!is("]")) {
        if (is(",")) {
          n->kids.push_back(node(K::Hole));
          advance();
          continue;
        }
        n->kids.push_back(binding_element());
        if (!is("]")) expect(",");
      }
      advance();
      return finish(std::move(n));
    }
    if (is("{")) {
      NodeP n = node(K::ObjectPat);
      advance();
      while (!is("}")) {
        if (is("...")) {
          n->kids.push_back(binding_element());
        } else {
          NodeP p = node(K::Prop);
          if (tok_.type != T::Name && tok_.type != T::Str) fail("expected a property name");
          p->text = tok_.text;
          advance();
          if (eat(":")) {
            p->kids.push_back(binding_element());
          } else {
            NodeP id = node_at(K::Ident, *p);
            id->text = p->text;
            if (is("=")) {
              NodeP d = node_at(K::DefaultPat, *p);
              advance(true);
              d->kids.push_back(std::move(id));
              d->kids.push_back(assignment());
              p->kids.push_back(finish(std::move(d)));
            } else {
              p->kids.push_back(std::move(id));
            }
          }
          n->kids.push_back(finish(std::move(p)));
        }
        if (!is("}")) expect(",");
      }
      advance();
      return finish(std::move(n));
    }
    fail("expected a name");
  }

  NodeP for_statement() {
    NodeP start = node(K::For);
    advance();
    if (is_name("await")) advance();
    expect("(");
    NodeP init;
    if (tok_.type == T::Name && (tok_.text == "let" || tok_.text == "const" || tok_.text == "var")) {
      NodeP v = node(K::Var);
      v->text = tok_.text;
      advance();
      NodeP d = node(K::Declarator);
      d->kids.push_back(binding_target());
      if (is_name("of") || is_name("in")) {
        const bool of = tok_.text == "of";
        advance(true);
        v->kids.push_back(finish(std::move(d)));
        NodeP n = node_at(of ? K::ForOf : K::ForIn, *start);
        n->kids.push_back(finish(std::move(v)));
        n->kids.push_back(of ? assignment() : expression());
        expect(")");
        n->kids.push_back(statement());
        return finish(std::move(n));
      }
      if (eat("=")) d->kids.push_back(assignment_no_in());
      v->kids.push_back(finish(std::move(d)));
      while (eat(",")) {
        NodeP d2 = node(K::Declarator);
        d2->kids.push_back(binding_target());
        if (eat("=")) d2->kids.push_back(assignment_no_in());
        v->kids.push_back(finish(std::move(d2)));
      }
      init = finish(std::move(v));
    } else if (!is(";")) {
      NodeP e = node(K::ExprStmt);
      no_in_ = true;
      e->kids.push_back(expression());
      no_in_ = false;
      if (is_name("of") || is_name("in")) {
        const bool of = tok_.text == "of";
        advance(true);
        NodeP n = node_at(of ? K::ForOf : K::ForIn, *start);
        n->kids.push_back(std::move(e->kids[0]));
        n->kids.push_back(expression());
        expect(")");
        n->kids.push_back(statement());
        return finish(std::move(n));
      }
      init = finish(std::move(e));
    }
    expect(";");
    NodeP n = std::move(start);
    n->kids.push_back(init ? std::move(init) : node(K::Empty));
    n->kids.push_back(is(";") ? node(K::Empty) : expression());
    expect(";");
    n->kids.push_back(is(")") ? node(K::Empty) : expression());
    expect(")");
    n->kids.push_back(statement());
    return finish(std::move(n));
  }

  NodeP assignment_no_in() {
    no_in_ = true;
    NodeP e = assignment();
    no_in_ = false;
    return e;
  }

  NodeP switch_statement() {
    NodeP n = node(K::Switch);
    advance();
    expect("(");
    n->kids.push_back(expression());
    expect(")");
    expect("{");
    while (!is("}")) {
      NodeP c = node(K::Case);
      if (is_name("case")) {
        advance(true);
        c->kids.push_back(expression());
      } else if (is_name("default")) {
        advance();
        c->kids.push_back(node(K::Empty));
      } else {
        fail("expected 'case' or 'default'");
      }
      expect(":");
      while (!is("}") && !is_name("case") && !is_name("default")) {
        if (tok_.type == T::Eof) fail("expected '}'");
        c->kids.push_back(statement());
      }
      n->kids.push_back(finish(std::move(c)));
    }
    advance(true);
    return finish(std::move(n));
  }

  NodeP try_statement() {
    NodeP n = node(K::Try);
    advance();
    n->kids.push_back(block());
    if (is_name("catch")) {
      advance();
      if (eat("(")) {
        n->kids.push_back(binding_target());
        expect(")");
      } else {
        n->kids.push_back(node(K::Empty));
      }
      n->kids.push_back(block());
    } else {
      n->kids.push_back(node(K::Empty));
      n->kids.push_back(node(K::Empty));
    }
    if (is_name("finally")) {
      advance();
      n->kids.push_back(block());
    }
    return finish(std::move(n));
  }

  // [SECTION] expressions
  NodeP expression() {
    NodeP e = assignment();
    if (is(",")) {
      NodeP s = node_at(K::Seq, *e);
      s->kids.push_back(std::move(e));
      while (eat(",")) s->kids.push_back(assignment());
      return finish(std::move(s));
    }
    return e;
  }

  bool arrow_ahead() {
    // at '(' or a name: is this the head of an arrow function?
    if (tok_.type == T::Name) return peek_punct("=>");
    if (!is("(")) return false;
    Lexer save = lex_;
    const size_t ncomments = prog_.comments.size();
    Tok t = tok_;
    int32_t pe = prev_end_;
    int depth = 0;
    bool arrow = false;
    for (;;) {
      if (tok_.type == T::Eof) break;
      if (is("(") || is("[") || is("{")) ++depth;
      if (is(")") || is("]") || is("}")) {
        --depth;
        if (depth == 0) {
          advance();
          arrow = is("=>") && !tok_.nl_before;
          break;
        }
      }
      if (tok_.type == T::Template) skip_template();
      advance(true);
    }
    lex_ = save;
    prog_.comments.resize(ncomments);
    tok_ = t;
    prev_end_ = pe;
    return arrow;
  }

  bool peek_punct(const char* p) {
    Lexer save = lex_;
    const size_t ncomments = prog_.comments.size();
    Tok t = tok_;
    int32_t pe = prev_end_;
    advance();
    bool r = is(p);
    lex_ = save;
    prog_.comments.resize(ncomments);
    tok_ = t;
    prev_end_ = pe;
    return r;
  }

  void skip_template() {
    std::string c, r;
    int32_t st = 0;
    while (!lex_.template_part(c, r, st)) {
      int depth = 1;
      advance(true);
      while (tok_.type != T::Eof) {
        if (is("{")) ++depth;
        if (is("}") && --depth == 0) break;
        if (tok_.type == T::Template) skip_template();
        advance(true);
      }
    }
  }

  NodeP arrow(bool is_async) {
    NodeP f = node(K::Func);
    f->quote = '>';
    if (tok_.type == T::Name) {
      NodeP p = node(K::Ident);
      p->text = tok_.text;
      advance();
      f->kids.push_back(finish(std::move(p)));
    } else {
      params(*f);
    }
    (void)is_async;
    expect("=>");
    if (is("{")) {
      f->kids.push_back(block());
    } else {
      f->flag = true;
      const bool save = no_in_;
      no_in_ = false;
      f->kids.push_back(assignment());
      no_in_ = save;
    }
    return finish(std::move(f));
  }

  NodeP assignment() {
    if (is_name("async") && peek_arrow_after_async()) {
      advance();
      return arrow(true);
    }
    if ((tok_.type == T::Name && !is_keyword(tok_.text)) || is("(")) {
      if (arrow_ahead()) return arrow(false);
    }
    NodeP left = conditional();
    static const char* const ops[] = {"=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "?\?="};
    for (const char* op : ops) {
      if (is(op)) {
        if (left->kind != K::Ident && left->kind != K::Member && left->kind != K::Index && left->kind != K::Array &&
            left->kind != K::Object)
          fail("cannot assign to this");
        NodeP a = node_at(K::Assign, *left);
        a->text = op;
        advance(true);
        a->kids.push_back(std::move(left));
        a->kids.push_back(assignment());
        return finish(std::move(a));
      }
    }
    return left;
  }

  bool peek_arrow_after_async() {
    Lexer save = lex_;
    const size_t ncomments = prog_.comments.size();
    Tok t = tok_;
    int32_t pe = prev_end_;
    advance();
    bool r = !tok_.nl_before && (tok_.type == T::Name || is("(")) && arrow_ahead();
    lex_ = save;
    prog_.comments.resize(ncomments);
    tok_ = t;
    prev_end_ = pe;
    return r;
  }

  NodeP conditional() {
    NodeP c = binary(0);
    if (is("?")) {
      NodeP n = node_at(K::Cond, *c);
      advance(true);
      n->kids.push_back(std::move(c));
      const bool save = no_in_;
      no_in_ = false;
      n->kids.push_back(assignment());
      no_in_ = save;
      expect(":");
      n->kids.push_back(assignment());
      return finish(std::move(n));
    }
    return c;
  }

  int precedence() const {
    if (tok_.type == T::Name) {
      if (tok_.text == "instanceof") return 7;
      if (tok_.text == "in" && !no_in_) return 7;
      return -1;
    }
    if (tok_.type != T::Punct) return -1;
    static const std::pair<const char*, int> table[] = {
        {"??", 1}, {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5}, {"==", 6}, {"!=", 6}, {"===", 6},
        {"!==", 6}, {"<", 7}, {">", 7}, {"<=", 7}, {">=", 7}, {"<<", 8}, {">>", 8}, {">>>", 8}, {"+", 9},
        {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10}, {"**", 11}};
    for (auto& [op, p] : table)
      if (tok_.text == op) return p;
    return -1;
  }

  NodeP binary(int min) {
    NodeP left = unary();
    for (;;) {
      const int p = precedence();
      if (p < 0 || p < min) return left;
      std::string op = tok_.text;
      advance(true);
      NodeP right = op == "**" ? binary(p) : binary(p + 1);
      NodeP b = node_at(op == "&&" || op == "||" || op == "??" ? K::Logical : K::Binary, *left);
      b->text = op;
      b->kids.push_back(std::move(left));
      b->kids.push_back(std::move(right));
      left = finish(std::move(b));
    }
  }

  NodeP unary() {
    if (tok_.type == T::Punct && (is("!") || is("-") || is("+") || is("~"))) {
      NodeP n = node(K::Unary);
      n->text = tok_.text;
      advance(true);
      n->kids.push_back(unary());
      return finish(std::move(n));
    }
    if (is("++") || is("--")) {
      NodeP n = node(K::Update);
      n->text = tok_.text;
      n->flag = true;
      advance(true);
      n->kids.push_back(unary());
      return finish(std::move(n));
    }
    if (tok_.type == T::Name && (tok_.text == "typeof" || tok_.text == "void" || tok_.text == "delete")) {
      NodeP n = node(K::Unary);
      n->text = tok_.text;
      advance(true);
      n->kids.push_back(unary());
      return finish(std::move(n));
    }
    if (is_name("await")) {
      NodeP n = node(K::Await);
      advance(true);
      n->kids.push_back(unary());
      return finish(std::move(n));
    }
    NodeP e = postfix_chain(primary());
    if ((is("++") || is("--")) && !tok_.nl_before) {
      NodeP n = node_at(K::Update, *e);
      n->text = tok_.text;
      advance();
      n->kids.push_back(std::move(e));
      return finish(std::move(n));
    }
    return e;
  }

  void arguments(Node& call) {
    expect("(");
    while (!is(")")) {
      if (is("...")) {
        NodeP s = node(K::Spread);
        advance(true);
        s->kids.push_back(assignment());
        call.kids.push_back(finish(std::move(s)));
      } else {
        call.kids.push_back(assignment());
      }
      if (!is(")")) expect(",");
    }
    advance();
  }

  NodeP postfix_chain(NodeP e) {
    for (;;) {
      if (is(".") || is("?.")) {
        const bool opt = is("?.");
        const Tok dot = tok_;
        advance();
        if (opt && is("(")) {
          NodeP c = node_at(K::Call, *e);
          c->flag = true;
          c->kids.push_back(std::move(e));
          arguments(*c);
          e = finish(std::move(c));
          continue;
        }
        if (opt && is("[")) {
          NodeP ix = node_at(K::Index, *e);
          ix->flag = true;
          advance(true);
          ix->kids.push_back(std::move(e));
          ix->kids.push_back(expression());
          expect("]");
          e = finish(std::move(ix));
          continue;
        }
        if (tok_.type != T::Name && !is("#")) fail("expected a property name after '.'");
        NodeP m = std::make_unique<Node>(K::Member, dot.offset, dot.line, dot.column);
        m->text = tok_.text;
        m->flag = opt;
        m->escaped = dot.nl_before;  // the '.' starts a new line (kept in the Lua)
        advance();
        m->kids.push_back(std::move(e));
        e = finish(std::move(m));
      } else if (is("[") && !tok_.nl_before) {
        NodeP ix = node_at(K::Index, *e);
        advance(true);
        ix->kids.push_back(std::move(e));
        ix->kids.push_back(expression());
        expect("]");
        e = finish(std::move(ix));
      } else if (is("(")) {
        NodeP c = node_at(K::Call, *e);
        c->kids.push_back(std::move(e));
        arguments(*c);
        e = finish(std::move(c));
      } else if (tok_.type == T::Template) {
        fail("tagged template literals are not supported");
      } else {
        return e;
      }
    }
  }

  NodeP template_literal() {
    NodeP n = node(K::Template);
    n->text_offset = tok_.text_offset;
    for (;;) {
      std::string cooked, raw;
      int32_t start = 0;
      const bool done = lex_.template_part(cooked, raw, start);
      NodeP q = std::make_unique<Node>(K::Str, start, tok_.line, tok_.column);
      q->text = cooked;
      q->quote = '`';
      q->escaped = cooked != raw;
      q->text_offset = start;
      q->end = start + static_cast<int32_t>(raw.size());
      q->flag = false;
      q->kids.clear();
      q->column = 0;
      // raw kept in a Num child for Strudel's rule (a backtick string is its raw text)
      NodeP r = std::make_unique<Node>(K::Num, start, 0, 0);
      r->text = raw;
      q->kids.push_back(std::move(r));
      n->kids.push_back(std::move(q));
      if (done) break;
      advance(true);
      n->kids.push_back(expression());
      if (!is("}")) fail("expected '}' in a template literal");
      // continue the template right after the '}'
      lex_.seek(static_cast<size_t>(tok_.end), lex_.line(), lex_.line_start());
    }
    advance();
    return finish(std::move(n));
  }

  NodeP primary() {
    switch (tok_.type) {
      case T::Num: {
        NodeP n = node(K::Num);
        n->text = tok_.text;
        advance();
        return finish(std::move(n));
      }
      case T::Str: {
        NodeP n = node(K::Str);
        n->text = tok_.text;
        n->quote = tok_.quote;
        n->escaped = tok_.escaped;
        n->text_offset = tok_.text_offset;
        advance();
        return finish(std::move(n));
      }
      case T::Template: return template_literal();
      case T::Regex: fail("regular expressions are not supported");
      case T::Name: {
        const std::string w = tok_.text;
        if (w == "function" || (w == "async" && peek_name("function"))) {
          if (w == "async") advance();
          NodeP f = node(K::Func);
          advance();
          eat("*");
          if (tok_.type == T::Name) {
            f->text = tok_.text;
            advance();
          }
          params(*f);
          f->kids.push_back(block());
          return finish(std::move(f));
        }
        if (w == "new") {
          NodeP n = node(K::New);
          advance();
          NodeP callee = primary();
          while (is(".")) {
            advance();
            NodeP m = node_at(K::Member, *callee);
            m->text = tok_.text;
            advance();
            m->kids.push_back(std::move(callee));
            callee = finish(std::move(m));
          }
          n->kids.push_back(std::move(callee));
          if (is("(")) arguments(*n);
          return finish(std::move(n));
        }
        if (is_keyword(w) && w != "true" && w != "false" && w != "null" && w != "this")
          fail("unexpected '" + w + "'");
        NodeP n = node(K::Ident);
        n->text = w;
        advance();
        return finish(std::move(n));
      }
      case T::Punct: {
        if (is("(")) {
          advance(true);
          NodeP e = expression();
          expect(")");
          e->end = prev_end_;
          return e;
        }
        if (is("[")) {
          NodeP n = node(K::Array);
          advance(true);
          while (!is("]")) {
            if (is(",")) {
              n->kids.push_back(node(K::Hole));
              advance(true);
              continue;
            }
            if (is("...")) {
              NodeP s = node(K::Spread);
              advance(true);
              s->kids.push_back(assignment());
              n->kids.push_back(finish(std::move(s)));
            } else {
              n->kids.push_back(assignment());
            }
            if (!is("]")) expect(",");
          }
          advance();
          return finish(std::move(n));
        }
        if (is("{")) return object_literal();
        break;
      }
      default: break;
    }
    fail("expected an expression");
  }

  NodeP object_literal() {
    NodeP n = node(K::Object);
    advance();
    while (!is("}")) {
      if (is("...")) {
        NodeP s = node(K::Spread);
        advance(true);
        s->kids.push_back(assignment());
        n->kids.push_back(finish(std::move(s)));
      } else {
        NodeP p = node(K::Prop);
        if (is("[")) {
          advance(true);
          p->flag = true;
          p->kids.push_back(assignment());
          expect("]");
        } else if (tok_.type == T::Name || tok_.type == T::Str || tok_.type == T::Num) {
          p->text = tok_.text;
          p->quote = tok_.type == T::Num ? '0' : 0;
          if (tok_.type == T::Name && (tok_.text == "get" || tok_.text == "set" || tok_.text == "async") &&
              !peek_punct(":") && !peek_punct("(") && !peek_punct(",") && !peek_punct("}"))
            advance();
          p->text = tok_.text;
          advance();
        } else {
          fail("expected a property name");
        }
        if (eat(":")) {
          p->kids.push_back(assignment());
        } else if (is("(")) {
          NodeP f = node(K::Func);
          f->text = p->text;
          params(*f);
          f->kids.push_back(block());
          p->kids.push_back(finish(std::move(f)));
        } else {
          NodeP id = node_at(K::Ident, *p);
          id->text = p->text;
          p->kids.push_back(std::move(id));
        }
        n->kids.push_back(finish(std::move(p)));
      }
      if (!is("}")) expect(",");
    }
    advance();
    return finish(std::move(n));
  }

  Lexer lex_;
  Program& prog_;
  Tok tok_;
  int32_t prev_end_ = 0;
  bool no_in_ = false;
};

}  // namespace

Program parse_program(std::string_view src) {
  Program p;
  Parser parser(src, p);
  parser.program();
  return p;
}

}  // namespace mr::strudel
