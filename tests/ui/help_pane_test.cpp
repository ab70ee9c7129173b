// The help pane's keys and typing, on the real tutorial, reference and example sets: pages,
// search, selections, and what it asks the stage to do (it owns no buffers).
#include <catch2/catch.hpp>

#include <SDL2/SDL_keycode.h>

#include "ui/help_pane.hpp"

using namespace mr::ui;

namespace {

HelpPane pane() {
  HelpPane p;
  p.set_data_dir(MR_SOURCE_DIR);
  return p;
}

bool press(HelpPane& p, int key, unsigned mods = 0, std::optional<Action> action = std::nullopt) {
  return p.key(Chord{mods, key}, action, 0.0);
}

}  // namespace

TEST_CASE("help pane: Tab and Shift+Tab walk the pages, Escape closes") {
  HelpPane p = pane();
  CHECK_FALSE(p.is_open());
  p.open(HelpTab::Keys);
  CHECK(p.is_open());
  CHECK(press(p, SDLK_TAB));
  CHECK(p.tab() == HelpTab::Tutorial);
  CHECK(press(p, SDLK_TAB, kShift));
  CHECK(p.tab() == HelpTab::Keys);
  CHECK(press(p, SDLK_TAB, kShift));
  CHECK(p.tab() == HelpTab::Examples);  // round
  CHECK(press(p, SDLK_ESCAPE));
  CHECK_FALSE(p.is_open());
  CHECK_FALSE(p.take_request());
}

TEST_CASE("help pane: typing searches the reference; Enter asks for the example, the evaluate chord plays it") {
  HelpPane p = pane();
  p.open(HelpTab::Keys);
  REQUIRE(p.entries().size() > 100);  // the real registry
  p.text("fast", 0.0);                // typing anywhere starts a search
  CHECK(p.tab() == HelpTab::Reference);
  CHECK(p.query() == "fast");
  REQUIRE_FALSE(p.hits().empty());
  CHECK(p.selected_name() == "fast");
  CHECK(press(p, SDLK_BACKSPACE));
  CHECK(p.query() == "fas");
  p.text("t", 0.0);
  CHECK(press(p, SDLK_RETURN));
  auto r = p.take_request();
  REQUIRE(r);
  CHECK(r->kind == HelpRequest::Kind::Insert);
  CHECK(r->language == Language::Lua);
  CHECK(r->code.find("fast") != std::string::npos);
  CHECK_FALSE(p.is_open());  // the snippet goes into a buffer: the pane closes
  CHECK_FALSE(p.take_request());  // once

  p.open(HelpTab::Reference);
  CHECK(press(p, SDLK_RETURN, kCtrl, Action::EvaluateBlock));
  r = p.take_request();
  REQUIRE(r);
  CHECK(r->kind == HelpRequest::Kind::Play);
}

TEST_CASE("help pane: F2's word is replaced by the first key typed; arrows move the selection") {
  HelpPane p = pane();
  p.open_reference("jux");
  CHECK(p.query() == "jux");
  CHECK(p.selected_name() == "jux");
  p.text("s", 0.0);
  CHECK(p.query() == "s");
  const std::string first = p.selected_name();
  CHECK(press(p, SDLK_DOWN));
  CHECK(p.selected_name() != first);
  CHECK(press(p, SDLK_UP));
  CHECK(p.selected_name() == first);
}

TEST_CASE("help pane: the examples' type-ahead picks a set and Enter asks to open it") {
  HelpPane p = pane();
  p.open(HelpTab::Examples);
  REQUIRE(p.examples().size() >= 10);
  p.text("d", 1.0);  // a word starting with d: drone or dub, not acid
  CHECK(press(p, SDLK_RETURN));
  auto r = p.take_request();
  REQUIRE(r);
  CHECK(r->kind == HelpRequest::Kind::OpenExample);
  REQUIRE(r->example < p.examples().size());
  const auto& e = p.examples()[r->example];
  CHECK(e.name[0] == 'd');
  CHECK(p.is_open());  // open until the stage has opened the set
}

TEST_CASE("help pane: the tutorial's snippet goes in by Enter; other bound chords are the stage's") {
  HelpPane p = pane();
  p.open(HelpTab::Tutorial);
  CHECK(press(p, SDLK_RETURN));  // the first section has no snippet: a message says so
  auto r = p.take_request();
  REQUIRE(r);
  CHECK(r->kind == HelpRequest::Kind::Message);
  CHECK(r->message.find("no snippet") != std::string::npos);
  for (int i = 0; i < 3 && r && r->kind == HelpRequest::Kind::Message; ++i) {  // to the first sound
    CHECK(press(p, SDLK_DOWN));
    CHECK(press(p, SDLK_RETURN));
    r = p.take_request();
  }
  REQUIRE(r);
  CHECK(r->kind == HelpRequest::Kind::Insert);
  CHECK_FALSE(r->code.empty());
  p.open(HelpTab::Keys);
  CHECK_FALSE(press(p, SDLK_PERIOD, kCtrl, Action::Hush));  // hush still works under the pane
  CHECK(press(p, SDLK_a));  // a plain key stops here
  CHECK(p.report().find("help.tab = keys\n") != std::string::npos);
}
