// The editor's text buffer: every editing operation, undo/redo, and position mapping.
#include <catch2/catch.hpp>

#include "ui/text_buffer.hpp"

using mr::ui::Language;
using mr::ui::TextBuffer;
using mr::ui::TextPos;
using mr::ui::TextRange;

TEST_CASE("typing, newlines and text round-trip") {
  TextBuffer b;
  for (char c : std::string("d1(s(\"bd\"))")) b.type_char(std::string(1, c));
  CHECK(b.text() == "d1(s(\"bd\"))");
  b.newline();
  b.insert("hush()");
  CHECK(b.text() == "d1(s(\"bd\"))\nhush()");
  CHECK(b.line_count() == 2);
  CHECK(b.cursor() == TextPos{1, 6});
  CHECK(b.modified());
  b.mark_saved();
  CHECK_FALSE(b.modified());
}

TEST_CASE("CRLF input becomes LF") {
  TextBuffer b("a\r\nb\r\n");
  CHECK(b.text() == "a\nb\n");
  CHECK(b.line_count() == 3);
}

TEST_CASE("undo merges a run of typing and redo restores it") {
  TextBuffer b;
  for (char c : std::string("fast")) b.type_char(std::string(1, c));
  b.type_char(" ");
  for (char c : std::string("slow")) b.type_char(std::string(1, c));
  CHECK(b.text() == "fast slow");
  REQUIRE(b.undo());
  CHECK(b.text() == "fast ");  // a word and its space are one step
  REQUIRE(b.undo());
  CHECK(b.text() == "");
  CHECK_FALSE(b.undo());
  REQUIRE(b.redo());
  REQUIRE(b.redo());
  CHECK_FALSE(b.redo());
  CHECK(b.text() == "fast slow");
  CHECK(b.cursor() == TextPos{0, 9});
}

TEST_CASE("a new edit after undo clears redo") {
  TextBuffer b("abc");
  b.move_doc_end();
  b.backspace();
  b.undo();
  b.insert("x");
  CHECK_FALSE(b.redo());
  CHECK(b.text() == "abcx");
}

TEST_CASE("selection, replace, delete and clipboard text") {
  TextBuffer b("s(\"bd sn\")");
  b.set_cursor({0, 3});
  b.set_cursor({0, 5}, true);
  CHECK(b.selected_text() == "bd");
  b.insert("hh");
  CHECK(b.text() == "s(\"hh sn\")");
  b.select_all();
  CHECK(b.selected_text() == "s(\"hh sn\")");
  b.backspace();
  CHECK(b.text() == "");
  b.undo();
  CHECK(b.text() == "s(\"hh sn\")");
}

TEST_CASE("moving by character, word, line and document, UTF-8 aware") {
  TextBuffer b("héllo world\nab\nlonger line");
  b.set_cursor({0, 0});
  b.move_right();
  b.move_right();
  CHECK(b.cursor() == TextPos{0, 3});  // é is two bytes
  b.move_left();
  CHECK(b.cursor() == TextPos{0, 1});
  b.move_right(false, true);
  CHECK(b.cursor() == TextPos{0, 6});  // end of "héllo"
  b.move_down();
  CHECK(b.cursor() == TextPos{1, 2});  // clamped to the short line
  b.move_down();
  CHECK(b.cursor().line == 2);
  CHECK(b.cursor().col == 5);  // the remembered column (5 characters)
  b.move_doc_start(true);
  CHECK(b.selection().begin == TextPos{0, 0});
  b.move_doc_end();
  CHECK(b.cursor() == TextPos{2, 11});
}

TEST_CASE("backspace and delete across lines and indentation") {
  TextBuffer b("a\n    b");
  b.set_cursor({1, 4});
  b.backspace();
  CHECK(b.line(1) == "  b");  // back to the previous tab stop
  b.set_cursor({1, 0});
  b.backspace();
  CHECK(b.text() == "a  b");
  b.set_cursor({0, 0});
  b.delete_forward();
  CHECK(b.text() == "  b");
}

TEST_CASE("auto-indent keeps the indentation and deepens after an opener") {
  TextBuffer b("  d1(stack(");
  b.move_doc_end();
  b.newline();
  CHECK(b.line(1) == "    ");
  TextBuffer lua("for i = 1, 4 do");
  lua.move_doc_end();
  lua.newline();
  CHECK(lua.line(1) == "  ");
  TextBuffer plain("  x");
  plain.move_doc_end();
  plain.newline();
  CHECK(plain.line(1) == "  ");
}

TEST_CASE("indent and outdent the selected lines") {
  TextBuffer b("a\nb\n\nc");
  b.select({{0, 0}, {3, 1}});
  b.indent();
  CHECK(b.text() == "  a\n  b\n\n  c");
  b.outdent();
  CHECK(b.text() == "a\nb\n\nc");
  b.undo();
  CHECK(b.text() == "  a\n  b\n\n  c");
}

TEST_CASE("comment toggle uses the language's comment") {
  TextBuffer lua("d1(s(\"bd\"))\n  d2(s(\"hh\"))");
  lua.select_all();
  lua.toggle_comment();
  CHECK(lua.text() == "-- d1(s(\"bd\"))\n--   d2(s(\"hh\"))");
  lua.select_all();
  lua.toggle_comment();
  CHECK(lua.text() == "d1(s(\"bd\"))\n  d2(s(\"hh\"))");

  TextBuffer glsl("float x = 1.0;", Language::Glsl);
  glsl.toggle_comment();
  CHECK(glsl.text() == "// float x = 1.0;");
}

TEST_CASE("bracket matching finds the partner in both directions") {
  TextBuffer b("d1(s(\"[bd sn]\"):fast(2))");
  b.set_cursor({0, 2});
  auto m = b.matching_bracket();
  REQUIRE(m);
  CHECK(*m == TextPos{0, 23});
  b.set_cursor({0, 24});  // just after the last ')'
  m = b.matching_bracket();
  REQUIRE(m);
  CHECK(*m == TextPos{0, 2});
  b.set_cursor({0, 6});
  m = b.matching_bracket();
  REQUIRE(m);
  CHECK(*m == TextPos{0, 12});
}

TEST_CASE("find selects the next match and wraps") {
  TextBuffer b("bd sn\nhh BD");
  REQUIRE(b.find("bd"));
  CHECK(b.selection().begin == TextPos{0, 0});
  REQUIRE(b.find("bd"));
  CHECK(b.selection().begin == TextPos{1, 3});  // case-insensitive
  REQUIRE(b.find("bd"));
  CHECK(b.selection().begin == TextPos{0, 0});  // wrapped
  CHECK_FALSE(b.find("cp"));
  REQUIRE(b.find("bd", true));
  CHECK(b.selection().begin == TextPos{1, 3});
}

TEST_CASE("the block under the cursor is the paragraph") {
  TextBuffer b("setcps(0.5)\n\nd1(s(\"bd\"))\n  :fast(2)\n\nd2(s(\"hh\"))");
  b.set_cursor({3, 2});
  TextRange r = b.block_at_cursor();
  CHECK(b.text_in(r) == "d1(s(\"bd\"))\n  :fast(2)");
  b.set_cursor({1, 0});
  CHECK(b.block_at_cursor().empty());
}

TEST_CASE("offsets and positions map both ways") {
  TextBuffer b("ab\ncde\n\nf");
  for (int64_t off = 0; off <= static_cast<int64_t>(b.text().size()); ++off) {
    INFO(off);
    CHECK(b.offset_of(b.pos_of(off)) == off);
  }
  CHECK(b.pos_of(4) == TextPos{1, 1});
  b.go_to_line(4);
  CHECK(b.cursor() == TextPos{3, 0});
  b.go_to_line(99);
  CHECK(b.cursor().line == 3);
}

TEST_CASE("delete line removes the whole line and joins its neighbours") {
  TextBuffer b("a\nb\nc");
  b.set_cursor({1, 0});
  b.delete_line();
  CHECK(b.text() == "a\nc");
  b.set_cursor({1, 0});
  b.delete_line();
  CHECK(b.text() == "a");
}

TEST_CASE("replace_all is one undo step that leaves the cursor, not a selection", "[ui][text]") {
  TextBuffer b("one\ntwo", Language::Lua);
  b.set_cursor({0, 0});
  b.replace_all("restored\ntext\nhere");
  CHECK(b.text() == "restored\ntext\nhere");
  b.set_cursor({2, 2});
  REQUIRE(b.undo());
  CHECK(b.text() == "one\ntwo");
  CHECK(!b.has_selection());
  CHECK(b.cursor() == TextPos{0, 0});
}

// The atoms of "d1(s(\"bd sd\"))": bd at 6..8, sd at 9..11 of version v.
TEST_CASE("a byte range of an earlier version follows every edit made since, or is gone with its text") {
  TextBuffer b;
  b.set_text("d1(s(\"bd sd\"))");
  const uint64_t v = b.version();
  auto at = [&](int64_t begin, int64_t end) {
    int64_t bb = begin, ee = end;
    return b.map_range(v, bb, ee) ? b.text().substr(static_cast<size_t>(bb), static_cast<size_t>(ee - bb)) : std::string("<gone>");
  };
  CHECK(at(6, 8) == "bd");
  // Typing a line above moves both.
  b.set_cursor({0, 0});
  b.insert("-- kick\n");
  CHECK(at(6, 8) == "bd");
  CHECK(at(9, 11) == "sd");
  // Typing right before an atom pushes it on; right after it leaves it as it was.
  b.set_cursor({1, 6});
  b.insert("x");
  CHECK(at(6, 8) == "bd");
  b.set_cursor({1, 9});
  b.insert("y");
  CHECK(at(6, 8) == "bd");
  CHECK(at(9, 11) == "sd");
  // Typing inside an atom makes it longer.
  b.set_cursor({1, 8});  // "xb|dy"
  b.insert("Q");
  CHECK(at(6, 8) == "bQd");
  // Deleting an atom's text drops it; deleting part of it shortens it.
  b.select({{1, 12}, {1, 14}});  // "sd"
  CHECK(b.text_in(b.selection()) == "sd");
  b.insert("");
  CHECK(at(9, 11) == "<gone>");
  b.select({{1, 7}, {1, 8}});  // the b of bQd
  b.insert("");
  CHECK(at(6, 8) == "Qd");
  // Undo is an edit like another: the marks follow it too.
  b.undo();  // the b comes back before the mark, which moves on
  CHECK(b.text().find("xbQdy") != std::string::npos);
  CHECK(at(6, 8) == "Qd");
  // Setting the text whole forgets every mark.
  b.set_text("d1(s(\"bd sd\"))");
  CHECK(at(6, 8) == "<gone>");
  int64_t s = 6, e = 8;
  CHECK(b.map_range(b.version(), s, e));
  CHECK((s == 6 && e == 8));
}

TEST_CASE("a line of an earlier version follows the lines inserted and removed above it") {
  TextBuffer b;
  b.set_text("a\nb\nc\nd");
  const uint64_t v = b.version();
  auto line = [&](int l) { return b.map_line(v, l) ? l : -1; };
  b.set_cursor({0, 0});
  b.insert("x\ny\n");  // two lines above
  CHECK(line(2) == 4);
  CHECK(b.line(line(2)) == "c");
  CHECK(line(0) == 2);
  b.select({{3, 0}, {4, 1}});  // "b\nc": b's line removed, c's text gone and its line joined
  b.insert("");
  CHECK(line(1) == -1);  // b's line removed whole
  CHECK(line(2) == 3);   // what is left of c's line joined the line where the removal began
  CHECK(b.line(line(3)) == "d");
  b.select({{2, 0}, {4, 0}});  // the whole of "a\n" and the empty line
  b.insert("");
  CHECK(line(0) == -1);  // a's line removed from its start through its newline
  CHECK(b.line(line(3)) == "d");
}

TEST_CASE("marks older than the remembered edits are dropped, not misplaced") {
  TextBuffer b;
  b.set_text("d1(s(\"bd\"))");
  const uint64_t v = b.version();
  for (size_t i = 0; i < TextBuffer::kMaxChanges + 1; ++i) {
    b.set_cursor({0, 0});
    b.insert(" ");
  }
  int64_t s = 6, e = 8;
  CHECK_FALSE(b.map_range(v, s, e));
  int64_t s2 = 8, e2 = 10;  // bd after the first two spaces
  CHECK(b.map_range(v + 2, s2, e2));  // the last kMaxChanges are remembered
  CHECK(b.text().substr(static_cast<size_t>(s2), 2) == "bd");
}
