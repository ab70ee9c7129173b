// The test-script driver: its steps reach the host in order, a frame apart where they should,
// key releases a frame after their press, and sleep and settle hold the script.
#include <catch2/catch.hpp>

#include <SDL2/SDL_keycode.h>

#include <string>
#include <vector>

#include "ui/script_driver.hpp"

using namespace mr::ui;

namespace {

struct Recorder : ScriptHost {
  std::vector<std::string> log;
  uint32_t script_window_id() override { return 7; }
  void script_push(const SDL_Event& e) override {
    if (e.type == SDL_TEXTINPUT) log.push_back(std::string("text:") + e.text.text + "@" + std::to_string(e.text.windowID));
    if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP)
      log.push_back(std::string(e.type == SDL_KEYDOWN ? "down:" : "up:") + std::to_string(e.key.keysym.sym) +
                    ((e.key.keysym.mod & KMOD_LCTRL) ? "+ctrl" : ""));
  }
  void script_shot(const std::string& p) override { log.push_back("shot:" + p); }
  void script_shot_audience(const std::string& p) override { log.push_back("shot-audience:" + p); }
  void script_report(const std::string& p) override { log.push_back("report:" + p); }
  void script_quit() override { log.push_back("quit"); }
  std::vector<std::string> take() {
    auto out = log;
    log.clear();
    return out;
  }
};

}  // namespace

TEST_CASE("script: text and keys a frame apart, each release a frame after its press") {
  ScriptDriver d;
  d.load_text("# a comment\n\ntext hé\nkey Ctrl+Return\nreport r.txt\n");
  REQUIRE(d.remaining() == 3);
  Recorder h;
  d.tick(0.0, false, h);
  CHECK(h.take() == std::vector<std::string>{"text:h@7", "text:\xC3\xA9@7"});  // one event per UTF-8 character
  d.tick(0.01, false, h);  // the frame the text waits for
  CHECK(h.take().empty());
  d.tick(0.02, false, h);
  CHECK(h.take() == std::vector<std::string>{"down:" + std::to_string(SDLK_RETURN) + "+ctrl"});
  CHECK_FALSE(d.finished());
  d.tick(0.03, false, h);
  CHECK(h.take() == std::vector<std::string>{"up:" + std::to_string(SDLK_RETURN) + "+ctrl"});
  d.tick(0.04, false, h);
  CHECK(h.take() == std::vector<std::string>{"report:r.txt"});
  CHECK(d.finished());
}

TEST_CASE("script: wait counts frames, sleep counts milliseconds, settle waits for evaluations") {
  ScriptDriver d;
  d.load_text("wait 2\nshot a.png\nsleep 500\nshot b.png\nsettle\nshot-audience c.png\nquit\nshot never.png\n");
  Recorder h;
  d.tick(0.0, false, h);  // wait 2: this frame and the next two pass
  d.tick(0.1, false, h);
  d.tick(0.2, false, h);
  CHECK(h.take().empty());
  d.tick(0.3, false, h);
  CHECK(h.take() == std::vector<std::string>{"shot:a.png"});  // then the sleep starts
  d.tick(0.7, false, h);
  CHECK(h.take().empty());
  d.tick(0.81, true, h);  // slept: b, then settle holds while an evaluation is pending
  CHECK(h.take() == std::vector<std::string>{"shot:b.png"});
  d.tick(5.0, true, h);
  CHECK(h.take().empty());
  d.tick(5.1, false, h);
  CHECK(h.take() == std::vector<std::string>{"shot-audience:c.png"});
  d.tick(5.2, false, h);  // the frame the audience window draws in
  CHECK(h.take().empty());
  d.tick(5.3, false, h);
  CHECK(h.take() == std::vector<std::string>{"quit"});  // and nothing after the quit
  CHECK(d.finished());
}

TEST_CASE("script: settle gives up after 10 s; a bad chord is skipped; a missing file is an error") {
  ScriptDriver d;
  d.load_text("settle\nkey Ctrl+Nowhere\nshot s.png\n");
  Recorder h;
  d.tick(0.0, true, h);
  d.tick(9.9, true, h);
  CHECK(h.take().empty());
  d.tick(10.1, true, h);  // settle gave up; the unreadable chord is reported and skipped
  CHECK(h.take().empty());
  d.tick(10.2, true, h);  // a key step's frame, even for a bad chord
  CHECK(h.take().empty());
  d.tick(10.3, true, h);
  CHECK(h.take() == std::vector<std::string>{"shot:s.png"});
  ScriptDriver missing;
  std::string err;
  CHECK_FALSE(missing.load("/nonexistent/script.txt", err));
  CHECK(err.find("/nonexistent/script.txt") != std::string::npos);
  CHECK_FALSE(missing.loaded());
}

TEST_CASE("script: report values keep to one line") {
  CHECK(report_value("a\nb\\c") == "a\\nb\\\\c");
  CHECK(report_value("plain") == "plain");
}
