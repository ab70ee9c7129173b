// The syntax tree of the JavaScript subset Strudel songs use: one node type with a kind, a few
// strings and children, each with its byte offset, line and column in the source.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace mr::strudel {

enum class K {
  // expressions
  Num, Str, Template, Ident, Array, Object, Prop, Func, Call, New, Member, Index, Unary, Update, Binary,
  Logical, Assign, Cond, Seq, Spread, Await, Hole,
  // patterns (declaration targets)
  ArrayPat, ObjectPat, DefaultPat, RestPat,
  // statements
  Var, Declarator, FuncDecl, Return, If, For, ForOf, ForIn, While, DoWhile, Block, ExprStmt, Label, Break,
  Continue, Empty, Throw, Switch, Case, Try,
};

struct Node;
using NodeP = std::unique_ptr<Node>;

struct Node {
  K kind;
  int32_t offset = 0;  // byte offset of the node's first token
  int line = 1, column = 1;
  int32_t end = 0;     // byte offset after the node's last token
  std::string text;    // Num: literal; Str: value; Ident/Member/Prop/Label: name; op; Var: let/const/var
  char quote = 0;      // Str: the quote (' " `); Func: '>' for an arrow
  bool flag = false;   // Call/Member: optional; Update: prefix; Prop: computed; Func: expression body
  bool escaped = false;  // Str: had escapes (its value differs from its text)
  int32_t text_offset = 0;  // Str: byte where the value starts (inside the quote)
  std::vector<NodeP> kids;
  // Func: kids = params..., body (last). Call: callee, args... Template: quasis as Str, exprs.

  Node(K k, int32_t off, int l, int c) : kind(k), offset(off), line(l), column(c) {}
  Node* kid(size_t i) const { return i < kids.size() ? kids[i].get() : nullptr; }
};

// A syntax error with the JavaScript position.
struct SyntaxError : std::runtime_error {
  int line, column;
  SyntaxError(const std::string& m, int l, int c) : std::runtime_error(m), line(l), column(c) {}
};

struct Comment {
  int32_t offset;
  int line, column;
  std::string text;  // without the // or /* */
  bool own_line;     // nothing before it on its line
};

struct Program {
  std::vector<NodeP> body;
  std::vector<Comment> comments;
};

// Parses a whole program; throws SyntaxError.
Program parse_program(std::string_view src);

}  // namespace mr::strudel
