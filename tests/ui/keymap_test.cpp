// Key bindings: chord parsing, defaults, config overrides and clear errors.
#include <catch2/catch.hpp>

#include <SDL2/SDL_keycode.h>

#include "ui/keymap.hpp"
#include "ui/syntax.hpp"

using namespace mr::ui;

TEST_CASE("chords parse with modifiers in any case") {
  auto c = parse_chord("Ctrl+Shift+Return", nullptr);
  REQUIRE(c);
  CHECK(c->mods == (kCtrl | kShift));
  CHECK(c->key == SDLK_RETURN);
  auto d = parse_chord("ctrl+.", nullptr);
  REQUIRE(d);
  CHECK(d->key == SDLK_PERIOD);
  auto f = parse_chord("F11", nullptr);
  REQUIRE(f);
  CHECK(f->mods == 0);
  CHECK(f->key == SDLK_F11);
  auto plus = parse_chord("Ctrl++", nullptr);
  REQUIRE(plus);
  CHECK(plus->key == SDLK_PLUS);
  CHECK(chord_name(*c) == "Ctrl+Shift+Return");
}

TEST_CASE("bad chords are explained") {
  std::string err;
  CHECK_FALSE(parse_chord("Hyper+x", &err));
  CHECK(err.find("unknown modifier 'Hyper'") != std::string::npos);
  CHECK_FALSE(parse_chord("Ctrl+Nokey", &err));
  CHECK(err.find("unknown key 'Nokey'") != std::string::npos);
}

TEST_CASE("the default bindings are the documented ones, with no two actions on one chord") {
  Keymap k;
  CHECK(k.match(*parse_chord("Ctrl+Return", nullptr)) == Action::EvaluateBlock);
  CHECK(k.match(*parse_chord("Ctrl+Shift+Return", nullptr)) == Action::EvaluateBuffer);
  CHECK(k.match(*parse_chord("Ctrl+.", nullptr)) == Action::Hush);
  CHECK(k.match(*parse_chord("Ctrl+Y", nullptr)) == Action::Redo);
  CHECK(k.match(*parse_chord("F1", nullptr)) == Action::Help);
  CHECK(k.match(*parse_chord("F2", nullptr)) == Action::Reference);
  CHECK(k.match(*parse_chord("Ctrl+E", nullptr)) == Action::Examples);
  CHECK_FALSE(k.match(*parse_chord("Ctrl+Alt+Return", nullptr)));
  const auto& t = action_table();
  for (size_t i = 0; i < t.size(); ++i)
    for (size_t j = i + 1; j < t.size(); ++j) {
      INFO(t[i].name << " vs " << t[j].name);
      CHECK_FALSE(k.chord_of(t[i].action) == k.chord_of(t[j].action));
    }
}

TEST_CASE("config overrides rebind, and a bad one changes nothing") {
  Keymap k;
  std::string err;
  REQUIRE(k.apply({{"evaluate_block", "Alt+Return"}}, err));
  CHECK(k.match(*parse_chord("Alt+Return", nullptr)) == Action::EvaluateBlock);
  CHECK_FALSE(k.match(*parse_chord("Ctrl+Return", nullptr)));
  CHECK_FALSE(k.apply({{"evaluate_blok", "F5"}}, err));
  CHECK(err.find("evaluate_blok") != std::string::npos);
  CHECK_FALSE(k.apply({{"hush", "Ctrl+Foo"}}, err));
  CHECK(k.match(*parse_chord("Ctrl+.", nullptr)) == Action::Hush);
}

TEST_CASE("a key bound to two actions is an error naming both, and changes nothing") {
  Keymap k;
  std::string err;
  // Ctrl+E is the examples browser's key by default.
  CHECK_FALSE(k.apply({{"evaluate_block", "Ctrl+E"}}, err));
  CHECK(err.find("evaluate_block") != std::string::npos);
  CHECK(err.find("examples") != std::string::npos);
  CHECK(k.match(*parse_chord("Ctrl+Return", nullptr)) == Action::EvaluateBlock);
  CHECK(k.match(*parse_chord("Ctrl+E", nullptr)) == Action::Examples);
  // Moving the other action away too is fine.
  REQUIRE(k.apply({{"evaluate_block", "Ctrl+E"}, {"examples", "Ctrl+Shift+E"}}, err));
  CHECK(k.match(*parse_chord("Ctrl+E", nullptr)) == Action::EvaluateBlock);
  // Two overrides on one key.
  CHECK_FALSE(k.apply({{"hush", "F5"}, {"panic", "F5"}}, err));
  CHECK(err.find("F5") != std::string::npos);
}

TEST_CASE("Lua lines are coloured by token") {
  SyntaxState st;
  auto toks = tokenize_line("d1(s(\"bd sn\"):fast(2)) -- kick", Language::Lua, st);
  REQUIRE(toks.size() >= 6);
  CHECK(toks[0].kind == TokenKind::Builtin);  // d1
  bool saw_string = false, saw_number = false, saw_comment = false, saw_fn = false;
  for (auto& t : toks) {
    saw_string |= t.kind == TokenKind::String && t.end - t.begin == 7;  // "bd sn" with its quotes
    saw_number |= t.kind == TokenKind::Number;
    saw_comment |= t.kind == TokenKind::Comment;
    saw_fn |= t.kind == TokenKind::Function;
  }
  CHECK(saw_string);
  CHECK(saw_number);
  CHECK(saw_comment);
  CHECK(saw_fn);
}

TEST_CASE("block comments carry across lines") {
  SyntaxState st;
  auto a = tokenize_line("float x; /* start", Language::Glsl, st);
  CHECK(st.in_block_comment);
  auto b = tokenize_line("still comment */ vec3 y;", Language::Glsl, st);
  CHECK_FALSE(st.in_block_comment);
  REQUIRE(!b.empty());
  CHECK(b[0].kind == TokenKind::Comment);
  bool type = false;
  for (auto& t : b) type |= t.kind == TokenKind::Type;
  CHECK(type);
}
