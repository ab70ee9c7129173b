// The Strudel dialect alone: the parser's positions and errors, Strudel's string rules, the Lua
// it writes and the map from Lua lines back to the JavaScript.
#include <catch2/catch.hpp>

#include <string>

#include "strudel/ast.hpp"
#include "strudel/strudel.hpp"

using namespace mr::strudel;

namespace {

std::string lua_of(const std::string& js) {
  Translation t = translate(js, TranslateOptions{false});
  INFO(t.error);
  REQUIRE(t.ok);
  return t.lua;
}

}  // namespace

TEST_CASE("parser: nodes carry their line and column") {
  Program p = parse_program("let a = 1\n  $: s(\"bd\")\nconst f = (x) => x.fast(2)\n");
  REQUIRE(p.body.size() == 3);
  CHECK(p.body[0]->kind == K::Var);
  CHECK(p.body[1]->kind == K::Label);
  CHECK(p.body[1]->text == "$");
  CHECK(p.body[1]->line == 2);
  CHECK(p.body[1]->column == 3);
  const Node& call = *p.body[1]->kids[0]->kids[0];
  CHECK(call.kind == K::Call);
  const Node& str = *call.kids[1];
  CHECK(str.kind == K::Str);
  CHECK(str.quote == '"');
  CHECK(str.text == "bd");
  CHECK(str.text_offset == 18);  // the byte after the quote (at 17)
  CHECK(p.body[2]->kids[0]->kids[1]->kind == K::Func);
}

TEST_CASE("parser: syntax errors name the JavaScript line and column") {
  auto where = [](const std::string& js) {
    try {
      parse_program(js);
    } catch (const SyntaxError& e) {
      return std::to_string(e.line) + ":" + std::to_string(e.column);
    }
    return std::string("no error");
  };
  CHECK(where("s(\"bd\")\nnote(\"c\" e)\n") == "2:10");
  CHECK(where("let x = \n") == "2:1");
  CHECK(where("const a = [1, 2\n$: s(\"x\")") == "2:1");
  CHECK(where("s('bd)") == "1:3");
  CHECK(where("x = `a ${b") == "1:11");
  Translation t = translate("$: s(\"bd\")\n\n  .fast(2))\n");
  CHECK_FALSE(t.ok);
  CHECK(t.error_at.line == 3);
  CHECK(t.error_at.column == 11);
}

TEST_CASE("parser: automatic semicolons, chains across lines, trailing commas") {
  Program p = parse_program("const a = 1\nconst b = [1, 2,]\nf(a,)\ns(\"bd\")\n  .fast(2)\n  .gain(.5)\n");
  REQUIRE(p.body.size() == 4);
  CHECK(p.body[3]->kids[0]->kind == K::Call);
  CHECK(p.body[3]->kids[0]->kids[0]->text == "gain");
}

TEST_CASE("translate: double quotes and backticks are mini-notation, single quotes plain strings") {
  CHECK(lua_of("s(\"bd sd\")") == "return s(\"bd sd\")\n");
  CHECK(lua_of("\"bd sd\".fast(2)") == "return mini(\"bd sd\"):fast(2)\n");
  CHECK(lua_of("`bd`.fast(2)") == "return mini(\"bd\"):fast(2)\n");
  CHECK(lua_of("const x = \"a b\"") == "local x = mini(\"a b\")\n");
  CHECK(lua_of("s('bd sd')") == "return s(pure(\"bd sd\"))\n");
  CHECK(lua_of("s('bd').bank('tr909')") == "return s(\"bd\"):bank(\"tr909\")\n");
  CHECK(lua_of("'a b'.split(' ')") == "return (\"a b\"):split(\" \")\n");
}

TEST_CASE("translate: labels, muted labels and the last expression") {
  CHECK(lua_of("$: s(\"bd\")\n_$: s(\"hh\")\nbass: note(\"c2\")") ==
        "s(\"bd\"):p(\"$\")\ns(\"hh\"):p(\"_$\")\nnote(\"c2\"):p(\"bass\")\n");
  Translation t = translate("setcps(1)\ns(\"bd\")");
  REQUIRE(t.ok);
  CHECK(t.lua == "hush() -- a Strudel program replaces everything playing\nsetcps(1)\nreturn s(\"bd\")\n");
}

TEST_CASE("translate: JavaScript's semantics where Lua's differ") {
  CHECK(lua_of("const a = [1, 2]\nconst b = a[0] + a.length") == "local a = list{1, 2}\nlocal b = js.add(a[1], #a)\n");
  CHECK(lua_of("let x = 1 + 2 * 3") == "local x = 1 + 2 * 3\n");
  CHECK(lua_of("if (n) f()") == "if js.bool(n) then\n  f()\nend\n");
  CHECK(lua_of("const y = a === b ? 1 : 2") == "local y = a == b and 1 or 2\n");
  CHECK(lua_of("const z = x || 3") == "local z = (js.bool(x) and x or 3)\n");
  CHECK(lua_of("const m = 7 % 3") == "local m = math.fmod(7, 3)\n");
  CHECK(lua_of("const f = (x, y = 2) => x * y") ==
        "local function f(x, y)\n  if y == nil then y = 2 end\n  return x * y\nend\n");
  CHECK(lua_of("x.end(1)") == "return x:end_(1)\n");
  CHECK(lua_of("n(\"0 1\").add.out(\"<0 2>\")") == "return n(\"0 1\"):addOut(\"<0 2>\")\n");
  CHECK(lua_of("const o = { a: 1, 'b-c': \"x\" }\no.a") == "local o = {a = 1, [\"b-c\"] = \"x\"}\nreturn o.a\n");
  CHECK(lua_of("for (let i = 0; i < 3; i++) { if (i == 1) continue; f(i) }") ==
        "do\n  local i = 0\n  while i < 3 do\n    do\n      if i == 1 then\n        goto continue\n      end\n      f(i)\n"
        "    end\n    ::continue::\n    i = i + 1\n  end\nend\n");
}

TEST_CASE("translate: Lua lines map back to JavaScript positions; mini strings keep their offsets") {
  const std::string js = "// a song\nconst p = \"c e\"\n\n$: note(p)\n  .s('saw')\n  .lpf(\"<400 800>\")\n";
  Translation t = translate(js);
  REQUIRE(t.ok);
  // line 1 is the hush() header, then the comment, then the declaration...
  int decl = 0, lpf = 0, lua_line = 1;
  for (size_t i = 0, start = 0; i <= t.lua.size(); ++i) {
    if (i == t.lua.size() || t.lua[i] == '\n') {
      const std::string line = t.lua.substr(start, i - start);
      if (line.find("local p") != std::string::npos) decl = lua_line;
      if (line.find(":lpf") != std::string::npos) lpf = lua_line;
      ++lua_line;
      start = i + 1;
    }
  }
  REQUIRE(decl > 0);
  REQUIRE(lpf > 0);
  CHECK(t.js_position(decl).line == 2);
  CHECK(t.js_position(decl).column == 1);
  CHECK(t.js_position(lpf).line == 6);
  CHECK(t.js_position(lpf).column == 3);
  REQUIRE(t.minis.size() == 2);
  CHECK(t.minis[0].text == "c e");
  CHECK(js.substr(static_cast<size_t>(t.minis[0].offset), 3) == "c e");
  CHECK(js.substr(static_cast<size_t>(t.minis[1].offset), 9) == "<400 800>");
}

TEST_CASE("files and pasted text recognised as Strudel") {
  CHECK(is_strudel_file("song.js", ""));
  CHECK(is_strudel_file("song.strudel", ""));
  CHECK(is_strudel_file("song.txt", "// strudel\ns(\"bd\")"));
  CHECK_FALSE(is_strudel_file("song.lua", "// strudel"));
  CHECK_FALSE(is_strudel_file("song.txt", "d1(s(\"bd\"))"));
  CHECK(looks_like_javascript("$: s(\"bd\")"));
  CHECK(looks_like_javascript("const x = 1"));
  CHECK(looks_like_javascript("\"bd sd\".fast(2)"));
  CHECK_FALSE(looks_like_javascript("d1(s(\"bd sd\"):fast(2))"));
  CHECK_FALSE(looks_like_javascript("local x = 1\nd1(x)"));
}
