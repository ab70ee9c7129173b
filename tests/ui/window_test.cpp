// The real window under Xvfb: runs the `moonrave` binary with a script of keystrokes (pushed
// through SDL's event queue, so the real input path runs), then checks its report and the
// pixels of its screenshots: text over the shader, the error marker at the right line, the
// evaluated set playing with its atoms highlighted, typing and switching buffers.
#include <catch2/catch.hpp>
#include <stb/stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> px;  // RGBA
  const unsigned char* at(int x, int y) const { return &px[(static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)) * 4]; }
};

Image load_png(const fs::path& p) {
  Image img;
  int n = 0;
  unsigned char* d = stbi_load(p.c_str(), &img.w, &img.h, &n, 4);
  REQUIRE(d != nullptr);
  img.px.assign(d, d + static_cast<size_t>(img.w) * static_cast<size_t>(img.h) * 4);
  stbi_image_free(d);
  return img;
}

std::map<std::string, std::string> load_report(const fs::path& p) {
  std::map<std::string, std::string> r;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) {
    const size_t eq = line.find(" = ");
    if (eq != std::string::npos) r[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return r;
}

// A fresh folder with its own state and config homes (autosaves never leak between runs).
fs::path scratch(const std::string& name) {
  const fs::path d = fs::path(MR_BINARY_DIR) / "window-test" / name;
  fs::remove_all(d);
  fs::create_directories(d / "state");
  fs::create_directories(d / "config");
  return d;
}

// Runs moonrave on `set` with the script; returns its exit code.
int run_moonrave(const fs::path& dir, const std::string& set, const std::string& script, const std::string& extra = "") {
  REQUIRE(std::getenv("DISPLAY") != nullptr);  // run under xvfb-run (scripts/test.sh does)
  {
    std::ofstream s(dir / "script.txt");
    s << script;
  }
  const std::string cmd = "XDG_STATE_HOME='" + (dir / "state").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() +
                          "' '" MR_BINARY_DIR "/src/app/moonrave' '" + set + "' --size 1600x1000 --audio null --script '" +
                          (dir / "script.txt").string() + "' --report '" + (dir / "report.txt").string() + "' " + extra + " > '" +
                          (dir / "log.txt").string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream log(dir / "log.txt");
  std::stringstream ss;
  ss << log.rdbuf();
  INFO("moonrave output:\n" << ss.str());
  CHECK(rc == 0);
  return rc;
}

float luma(const unsigned char* p) { return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]; }

// Pixels in a rectangle that look like bright text (near white by default).
int bright_pixels(const Image& img, int x0, int y0, int x1, int y1, float above = 170) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.h, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.w, x1); ++x)
      if (luma(img.at(x, y)) > above) ++n;
  return n;
}

// Pixels close to an RGB colour.
int pixels_near(const Image& img, int x0, int y0, int x1, int y1, int r, int g, int b, int tol) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.h, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.w, x1); ++x) {
      const unsigned char* p = img.at(x, y);
      if (std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol) ++n;
    }
  return n;
}

}  // namespace

TEST_CASE("window: the code is drawn over the running shader", "[window]") {
  const fs::path dir = scratch("over");
  run_moonrave(dir, "examples/welcome.lua",
               "wait 10\nshot " + (dir / "code.png").string() + "\nkey Ctrl+Shift+H\nwait 3\nshot " + (dir / "visuals.png").string() +
                   "\nkey Ctrl+Shift+H\nwait 2\nreport " + (dir / "report.txt").string() + "\nquit\n",
               "--no-suggest");
  const Image code = load_png(dir / "code.png");
  const Image vis = load_png(dir / "visuals.png");
  REQUIRE(code.w == 1600);
  REQUIRE(code.h == 1000);
  auto r = load_report(dir / "report.txt");
  const float line0 = std::stof(r["layout.line0_y"]), lh = std::stof(r["layout.line_h"]), tx = std::stof(r["layout.text_x"]);
  // Line 10 of welcome.lua is d1(s("bd*4"):gain(0.9)): text pixels there with the code, none without.
  const int y = static_cast<int>(line0 + 9 * lh);
  const int with_code = bright_pixels(code, static_cast<int>(tx), y, static_cast<int>(tx) + 300, y + static_cast<int>(lh));
  const int without = bright_pixels(vis, static_cast<int>(tx), y, static_cast<int>(tx) + 300, y + static_cast<int>(lh));
  INFO("bright pixels on line 10: " << with_code << " with the code, " << without << " visuals only");
  CHECK(with_code > 200);
  CHECK(without < with_code / 10);
  // The shader paints the window: the visuals-only frame is neither black nor flat.
  float lo = 255, hi = 0;
  for (int yy = 0; yy < vis.h; yy += 7)
    for (int xx = 0; xx < vis.w; xx += 7) {
      lo = std::min(lo, luma(vis.at(xx, yy)));
      hi = std::max(hi, luma(vis.at(xx, yy)));
    }
  CHECK(hi > 20);
  CHECK(hi - lo > 10);
}

TEST_CASE("window: typing, evaluating and switching buffers", "[window]") {
  const fs::path dir = scratch("typing");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+End\nkey Return\nkey Return\ntext d6(s(\"hh*2\"):gain(0.5))\nkey Ctrl+Return\nsettle\n"
               "key Ctrl+Tab\nkey Ctrl+Home\ntext // typed in the shader\nkey Return\nwait 2\nreport " +
                   (dir / "report.txt").string() + "\nquit\n");
  auto r = load_report(dir / "report.txt");
  CHECK(r["docs"] == "2");
  CHECK(r["doc.0.language"] == "lua");
  CHECK(r["doc.1.language"] == "glsl");
  CHECK(r["current"] == "1");  // switched to the visuals
  CHECK(r["doc.0.text"].find("\\n\\nd6(s(\"hh*2\"):gain(0.5))") != std::string::npos);
  CHECK(r["doc.0.modified"] == "1");
  CHECK(r["doc.1.text"].rfind("// typed in the shader\\n", 0) == 0);
  CHECK(std::stoi(r["evals_ok"]) >= 1);
  CHECK(r["evals_failed"] == "0");
  CHECK(r["doc.0.error_lines"].empty());
}

TEST_CASE("window: a bad evaluation marks its line and the music goes on", "[window]") {
  const fs::path dir = scratch("error");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  // welcome.lua has 29 lines (the last one empty); the bad call lands on line 31.
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+End\nkey Return\nkey Return\ntext d7(s(\"bd\"):no_such_function(2))\nkey Ctrl+Return\nsettle\n"
               "wait 3\nshot " + (dir / "error.png").string() + "\nreport " + (dir / "report.txt").string() + "\nquit\n",
               "--no-suggest");
  auto r = load_report(dir / "report.txt");
  const std::string text = r["doc.0.text"];
  int typed_line = 1;
  for (size_t i = 0; i < text.find("d7("); ++i)
    if (text.compare(i, 2, "\\n") == 0) ++typed_line;
  INFO("error: " << r["doc.0.error"]);
  CHECK(r["evals_failed"] == "1");
  CHECK(r["doc.0.error_lines"] == std::to_string(typed_line));
  CHECK(!r["doc.0.error"].empty());
  // The red marker in the gutter sits on that line, and on no other.
  const Image img = load_png(dir / "error.png");
  const float line0 = std::stof(r["layout.line0_y"]), lh = std::stof(r["layout.line_h"]);
  auto red_at = [&](int line) {
    const int y = static_cast<int>(line0 + static_cast<float>(line - 1) * lh + lh * 0.3f);
    return pixels_near(img, 0, y, 4, y + static_cast<int>(lh * 0.4f), 0xFF, 0x4D, 0x5E, 40);
  };
  CHECK(red_at(typed_line) > 0);
  CHECK(red_at(typed_line - 2) == 0);
  CHECK(red_at(10) == 0);
}

TEST_CASE("window: a bad shader keeps the last good one and marks its line", "[window]") {
  const fs::path dir = scratch("glsl");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+Tab\nkey Ctrl+End\nkey Return\ntext float oops = ;\nkey Ctrl+Return\nwait 3\nreport " +
                   (dir / "report.txt").string() + "\nquit\n",
               "--no-suggest");
  auto r = load_report(dir / "report.txt");
  CHECK(r["current"] == "1");
  const std::string text = r["doc.1.text"];
  int typed_line = 1;
  for (size_t i = 0; i < text.find("float oops"); ++i)
    if (text.compare(i, 2, "\\n") == 0) ++typed_line;
  INFO("shader error: " << r["doc.1.error"]);
  CHECK(r["doc.1.error_lines"].rfind(std::to_string(typed_line), 0) == 0);
  CHECK(r["doc.0.error_lines"].empty());
}

TEST_CASE("window: the audience window shows the visuals and the code, styled for projection", "[window]") {
  const fs::path dir = scratch("audience");
  run_moonrave(dir, "examples/welcome.lua",
               "wait 3\nkey F12\nwait 5\nshot-audience " + (dir / "audience.png").string() + "\nwait 2\nkey F12\nwait 2\nreport " +
                   (dir / "report.txt").string() + "\nquit\n",
               "--no-suggest");
  const Image img = load_png(dir / "audience.png");
  REQUIRE(img.w > 0);
  // Code (comments are grey, so a lower threshold): plenty of text pixels in the upper half.
  CHECK(bright_pixels(img, 0, 0, img.w, img.h / 2, 120) > 2000);
  auto r = load_report(dir / "report.txt");
  CHECK(r["docs"] == "2");
}

TEST_CASE("window: Tab accepts the suggestion shown at the cursor", "[window]") {
  const fs::path dir = scratch("suggest");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  run_moonrave(dir, (dir / "set.lua").string(),
               "sleep 1500\nkey Ctrl+End\nkey Return\ntext d6(s(\"hh*8\"):ga\nsleep 800\nreport " + (dir / "before.txt").string() +
                   "\nkey Tab\nwait 2\nreport " + (dir / "report.txt").string() + "\nquit\n");
  auto before = load_report(dir / "before.txt");
  auto r = load_report(dir / "report.txt");
  INFO("ghost before Tab: " << before["ghost"]);
  REQUIRE(!before["ghost"].empty());
  const std::string typed = "d6(s(\"hh*8\"):ga";
  CHECK(r["doc.0.text"].find(typed + before["ghost"]) != std::string::npos);
}

TEST_CASE("window: quitting with unsaved changes asks first", "[window]") {
  const fs::path dir = scratch("quit");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 2\ntext -- unsaved\nkey Ctrl+Q\nwait 2\nreport " + (dir / "asked.txt").string() + "\nkey Escape\nwait 2\nreport " +
                   (dir / "cancelled.txt").string() + "\nkey Ctrl+Q\nwait 2\nkey q\nwait 5\nreport " + (dir / "after.txt").string() +
                   "\nquit\n",
               "--no-suggest");
  CHECK(load_report(dir / "asked.txt")["prompt"] == "quit");
  CHECK(load_report(dir / "cancelled.txt")["prompt"].empty());
  CHECK(!fs::exists(dir / "after.txt"));  // Q quit at once
  CHECK(load_report(dir / "report.txt")["doc.0.modified"] == "1");
  std::ifstream in(dir / "set.lua");
  std::string first;
  std::getline(in, first);
  CHECK(first == "-- title: Welcome");  // quit without saving: the file is as it was
}

TEST_CASE("window: after a crash the autosaved buffer comes back", "[window]") {
  const fs::path dir = scratch("crash");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  run_moonrave(dir, (dir / "set.lua").string(), "wait 2\ntext -- typed before the crash\nkey Return\nsleep 1600\ncrash\n", "--no-suggest");
  run_moonrave(dir, (dir / "set.lua").string(), "wait 3\nreport " + (dir / "restored.txt").string() + "\nquit\n", "--no-suggest");
  auto r = load_report(dir / "restored.txt");
  CHECK(r["doc.0.text"].rfind("-- typed before the crash\\n-- title: Welcome", 0) == 0);
  CHECK(r["doc.0.modified"] == "1");
  CHECK(r["message"].find("restored 1 buffer") != std::string::npos);
  // A clean exit: the next start restores nothing.
  run_moonrave(dir, (dir / "set.lua").string(), "wait 3\nreport " + (dir / "clean.txt").string() + "\nquit\n", "--no-suggest");
  CHECK(load_report(dir / "clean.txt")["doc.0.modified"] == "0");
}

TEST_CASE("window: Ctrl+R records the output to a WAV file", "[window]") {
  const fs::path dir = scratch("record");
  run_moonrave(dir, "examples/welcome.lua",
               "wait 2\nkey Ctrl+R\nwait 2\nreport " + (dir / "recording.txt").string() + "\nsleep 1500\nkey Ctrl+R\nwait 2\nreport " +
                   (dir / "stopped.txt").string() + "\nquit\n",
               "--eval-on-start --no-suggest");
  CHECK(load_report(dir / "recording.txt")["message"].rfind("recording to ", 0) == 0);
  CHECK(load_report(dir / "stopped.txt")["message"].rfind("recording saved: ", 0) == 0);
  int wavs = 0;
  for (const auto& e : fs::directory_iterator(dir / "state" / "moonrave" / "recordings"))
    // 1.5 s of stereo float at 44.1 kHz or more is over 500 kB: a quarter second at least.
    if (e.path().extension() == ".wav" && fs::file_size(e.path()) > 88200) ++wavs;
  CHECK(wavs == 1);
}

TEST_CASE("window: go to line and find through their prompts", "[window]") {
  const fs::path dir = scratch("prompts");
  run_moonrave(dir, "examples/welcome.lua",
               "wait 2\nkey Ctrl+G\nwait 2\ntext 12\nwait 1\nkey Return\nwait 2\nreport " + (dir / "goto.txt").string() +
                   "\nkey Ctrl+F\nwait 2\nkey Ctrl+A\ntext bank(\nwait 1\nkey Return\nwait 2\nreport " + (dir / "find.txt").string() +
                   "\nquit\n",
               "--no-suggest");
  auto g = load_report(dir / "goto.txt");
  CHECK(g["doc.0.cursor"].rfind("12:", 0) == 0);
  CHECK(g["prompt"].empty());
  // The first "bank(" after the cursor is on line 12 itself (in the comment), bytes 42-46; the
  // match is selected with the cursor after it (column 48, 1-based).
  auto f = load_report(dir / "find.txt");
  CHECK(f["doc.0.cursor"] == "12:48");
  // The docs of the function at the cursor are shown: bank's signature and line.
  INFO("docs: " << f["docs_line"]);
  CHECK(f["docs_line"].rfind("bank", 0) == 0);
}

TEST_CASE("window: the atoms sounding now are highlighted while the set plays", "[window]") {
  const fs::path dir = scratch("playing");
  run_moonrave(dir, "examples/welcome.lua",
               "sleep 1500\nshot " + (dir / "playing.png").string() + "\nreport " + (dir / "report.txt").string() + "\nquit\n",
               "--eval-on-start");
  auto r = load_report(dir / "report.txt");
  INFO("last evaluation: " << r["last_eval_message"]);
  CHECK(std::stoi(r["evals_ok"]) >= 1);
  CHECK(std::stoi(r["spans_max"]) > 0);
  CHECK(std::stoi(r["spans_now"]) > 0);
  // The highlight's outline colour (the night theme's "active", #FFD166) is on screen.
  const Image img = load_png(dir / "playing.png");
  CHECK(pixels_near(img, 0, 0, img.w, img.h, 0xFF, 0xD1, 0x66, 30) > 50);
}

// On demand (hidden tag): the overlay's frame-time cost at 1920x1080 with 200 lines of code and
// the set playing, as the window measures it (ImGui build + draw, GL finished). Prints numbers,
// asserts none: `ui_window_tests "[.bench]"` under xvfb-run.
TEST_CASE("window: overlay cost at 1920x1080 with 200 lines", "[.bench]") {
  const fs::path dir = scratch("bench");
  std::string text, line;
  {
    std::ifstream in("examples/welcome.lua");
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  std::string big;
  int lines = 0;
  while (lines < 200) {
    std::istringstream in(text);
    while (lines < 200 && std::getline(in, line)) {
      big += line + "\n";
      ++lines;
    }
  }
  std::ofstream(dir / "big.lua") << big;
  fs::copy_file("examples/welcome.glsl", dir / "big.glsl");
  const std::string cmd = "XDG_STATE_HOME='" + (dir / "state").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() +
                          "' '" MR_BINARY_DIR "/src/app/moonrave' '" + (dir / "big.lua").string() +
                          "' --size 1920x1080 --audio null --eval-on-start --script '" + (dir / "script.txt").string() + "'";
  std::ofstream(dir / "script.txt") << "sleep 4000\nreport " + (dir / "report.txt").string() + "\nquit\n";
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto r = load_report(dir / "report.txt");
  std::printf("overlay at %s, 200 lines, %s atoms highlighted at most: mean %s ms (draw lists %s ms on the CPU), max %s ms "
              "over %s frames\n",
              r["drawable"].c_str(), r["spans_max"].c_str(), r["ui_ms_mean"].c_str(), r["ui_cpu_ms_mean"].c_str(),
              r["ui_ms_max"].c_str(), r["frames"].c_str());
}

TEST_CASE("window: the examples browser opens a set in new tabs, its shader at once, the music on evaluation", "[window]") {
  const fs::path dir = scratch("examples_browser");
  const std::string rep = (dir / "report").string();
  run_moonrave(dir, "examples/welcome.lua",
               "wait 3\nkey Ctrl+E\nwait 2\nreport " + rep + "1.txt\nkey Down\nkey Down\nwait 2\nreport " + rep +
                   "2.txt\ntext dub\nwait 2\nreport " + rep + "2b.txt\nkey Return\nsleep 1500\nwait 5\nreport " + rep + "3.txt\nkey Ctrl+Shift+Return\nsettle\nwait 2\nreport " + rep +
                   "4.txt\nquit\n",
               "--no-suggest");
  auto r1 = load_report(rep + "1.txt");
  CHECK(r1["help"] == "1");
  CHECK(r1["help.tab"] == "examples");
  CHECK(std::stoi(r1["help.examples"]) >= 12);
  auto r2 = load_report(rep + "2.txt");
  CHECK(r2["help.example"] != r1["help.example"]);  // the arrows pick
  auto r2b = load_report(rep + "2b.txt");
  const std::string set = r2b["help.example"];
  CHECK(set == "dub");  // and so does typing
  REQUIRE(!set.empty());
  auto r3 = load_report(rep + "3.txt");
  CHECK(r3["help"] == "0");
  CHECK(r3["docs"] == "4");
  CHECK(r3["current"] == "2");
  CHECK(r3["doc.2.name"] == set);
  CHECK(r3["doc.2.language"] == "lua");
  CHECK(r3["doc.2.text"].find("-- title:") == 0);
  CHECK(r3["doc.3.name"] == set);
  CHECK(r3["doc.3.language"] == "glsl");
  CHECK(r3["doc.3.error_lines"] == "");
  CHECK(r3["visuals"] == set + ".glsl");  // its shader shows at once
  CHECK(r3["evals_ok"] == "0");            // what played goes on until the performer evaluates
  auto r4 = load_report(rep + "4.txt");
  CHECK(r4["evals_ok"] == "1");
  CHECK(r4["evals_failed"] == "0");
}

TEST_CASE("window: the reference is searched as the performer types and its example goes into the buffer", "[window]") {
  const fs::path dir = scratch("reference_search");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  const std::string rep = (dir / "report").string();
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+End\nkey Return\nkey Return\ntext -- fast\nwait 3\nshot " + rep + "-code.png\nkey F2\nwait 2\nreport " + rep +
                   "1.txt\ntext hurr\nwait 2\nshot " + rep + "-pane.png\nreport " + rep + "2.txt\nkey BackSpace\nkey BackSpace\nkey BackSpace\nkey BackSpace\nwait 2\nreport " +
                   rep + "3.txt\nkey Escape\nwait 1\nkey F2\nwait 2\nkey Return\nwait 2\nkey Ctrl+Return\nsettle\nwait 2\nreport " + rep +
                   "4.txt\nquit\n",
               "--no-suggest");
  auto r1 = load_report(rep + "1.txt");
  CHECK(r1["help"] == "1");
  CHECK(r1["help.tab"] == "reference");
  CHECK(r1["help.query"] == "fast");  // the word at the cursor
  CHECK(r1["help.first"] == "fast");
  const int all = std::stoi(r1["help.entries"]);
  CHECK(all > 150);
  CHECK(std::stoi(r1["help.hits"]) < 20);
  auto r2 = load_report(rep + "2.txt");
  CHECK(r2["help.query"] == "hurr");  // typing replaced the word from the cursor
  CHECK(r2["help.first"] == "hurry");
  // The pane is drawn, opaque, over the code: the d5 line's text is hidden where the list is empty.
  {
    const Image code = load_png(rep + "-code.png");
    const Image pane = load_png(rep + "-pane.png");
    const std::string text = r2["doc.0.text"];
    int line = 0;
    for (size_t p = text.find("\\n"); p != std::string::npos && p < text.find("d5("); p = text.find("\\n", p + 2)) ++line;
    const float line0 = std::stof(r2["layout.line0_y"]), lh = std::stof(r2["layout.line_h"]), tx = std::stof(r2["layout.text_x"]);
    const int y = static_cast<int>(line0 + static_cast<float>(line) * lh);
    REQUIRE(y > 100);
    const int with_code = bright_pixels(code, static_cast<int>(tx), y, static_cast<int>(tx) + 250, y + static_cast<int>(lh), 150);
    const int with_pane = bright_pixels(pane, static_cast<int>(tx), y, static_cast<int>(tx) + 250, y + static_cast<int>(lh), 150);
    INFO("bright pixels on line " << line + 1 << " (y " << y << "): " << with_code << " with the code, " << with_pane << " under the pane");
    CHECK(with_code > 200);
    CHECK(with_pane < with_code / 10);
  }
  auto r3 = load_report(rep + "3.txt");
  CHECK(r3["help.query"] == "");
  CHECK(std::stoi(r3["help.hits"]) == all);
  CHECK(r3["doc.0.text"] == r1["doc.0.text"]);  // nothing typed in the pane reached the code
  auto r4 = load_report(rep + "4.txt");
  CHECK(r4["help"] == "0");
  const std::string ins = r4["last_insert"];
  INFO("inserted: " << ins);
  CHECK(ins.find("fast(") != std::string::npos);
  CHECK(r4["doc.0.text"].find(r1["doc.0.text"].substr(0, 40)) == 0);
  CHECK(r4["doc.0.text"].find("-- fast\\n\\n" + ins) != std::string::npos);  // a block of its own
  CHECK(r4["evals_ok"] == "1");  // and it plays
  CHECK(r4["evals_failed"] == "0");
}

TEST_CASE("window: a tutorial section's snippet goes into the buffer and plays", "[window]") {
  const fs::path dir = scratch("tutorial");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  const std::string rep = (dir / "report").string();
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+End\nkey F1\nwait 2\nreport " + rep + "1.txt\nkey Tab\nkey Down\nkey Down\nkey Down\nwait 2\nreport " + rep +
                   "2.txt\nkey Ctrl+Return\nsettle\nwait 2\nreport " + rep + "3.txt\nquit\n",
               "--no-suggest");
  auto r1 = load_report(rep + "1.txt");
  CHECK(r1["help"] == "1");
  CHECK(r1["help.tab"] == "keys");
  CHECK(std::stoi(r1["help.tutorial_sections"]) >= 20);
  auto r2 = load_report(rep + "2.txt");
  CHECK(r2["help.tab"] == "tutorial");
  CHECK(r2["help.tutorial_section"].rfind("2.", 0) == 0);  // the fourth entry: introduction, 0., 1., 2.
  auto r3 = load_report(rep + "3.txt");
  CHECK(r3["help"] == "0");
  const std::string ins = r3["last_insert"];
  INFO("inserted: " << ins);
  CHECK(ins.find("d1(") != std::string::npos);
  CHECK(r3["doc.0.text"].find(ins) != std::string::npos);
  CHECK(r3["evals_ok"] == "1");
  CHECK(r3["evals_failed"] == "0");
}

// Real key events from the X server (xdotool through XTEST), not pushed into SDL's queue: on a
// slow frame (MR_TEST_FRAME_DELAY_MS) the chord's key-down, its text and the release of Ctrl all
// arrive in one batch, so by the time the text event is handled Ctrl is up again.
TEST_CASE("window: a hush pressed on a slow frame inserts nothing", "[window]") {
  REQUIRE(std::system("command -v xdotool > /dev/null") == 0);  // scripts/setup.sh installs it
  const fs::path dir = scratch("slow_hush");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  {
    std::ofstream s(dir / "script.txt");
    s << "wait 2\nreport " << (dir / "ready.txt").string() << "\nwait 60\nreport " << (dir / "after.txt").string() << "\nquit\n";
  }
  const std::string cmd =
      "cd '" + fs::current_path().string() + "' && MR_TEST_FRAME_DELAY_MS=150 XDG_STATE_HOME='" + (dir / "state").string() +
      "' XDG_CONFIG_HOME='" + (dir / "config").string() + "' '" MR_BINARY_DIR "/src/app/moonrave' '" + (dir / "set.lua").string() +
      "' --size 1000x600 --audio null --no-suggest --script '" + (dir / "script.txt").string() + "' > '" + (dir / "log.txt").string() +
      "' 2>&1 & pid=$!; "
      "for i in $(seq 100); do [ -f '" + (dir / "ready.txt").string() + "' ] && break; sleep 0.1; done; "
      "xdotool search --sync --name '^moonrave$' windowfocus --sync; sleep 0.5; "
      "xdotool key --delay 30 ctrl+period ctrl+period ctrl+equal ctrl+minus ctrl+period; sleep 0.5; xdotool key x; "
      "wait $pid";
  const int rc = std::system(cmd.c_str());
  CHECK(rc == 0);
  auto r = load_report(dir / "after.txt");
  INFO("buffer: " << r["doc.0.text"].substr(0, 80) << "\nmessage: " << r["message"]);
  // The plain key reached the buffer (so the chords did too), and no chord typed anything.
  CHECK(r["doc.0.text"].rfind("x-- title: Welcome\\n", 0) == 0);
  auto ready = load_report(dir / "ready.txt");
  CHECK(std::stoi(r["evals_ok"]) > std::stoi(ready["evals_ok"]));  // the hushes were heard
  CHECK(r["doc.0.lines"] == ready["doc.0.lines"]);
}

TEST_CASE("window: the first Ctrl+Enter on a set's comment header plays the set, and the hint row names it", "[window]") {
  const fs::path dir = scratch("header_play");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  run_moonrave(dir, (dir / "set.lua").string(), "wait 3\nkey Ctrl+Return\nsettle\nsleep 3000\nwait 2\nreport " + (dir / "played.txt").string() + "\nquit\n",
               "--no-suggest");
  auto r = load_report(dir / "played.txt");
  CHECK(r["doc.0.cursor"] == "1:1");  // on the header's first line, a comment
  CHECK(r["evals_ok"] == "1");
  CHECK(r["evals_failed"] == "0");
  CHECK(std::stoi(r["spans_max"]) > 0);  // the set's atoms sound
  CHECK(r["hint_line"].rfind("Ctrl+Return play", 0) == 0);
}

namespace {

// Starts moonrave on `set` with the script, waits for the report file `ready` that the script
// writes once its edits are autosaved, then kills it with SIGKILL (no clean-up of any kind).
void run_and_kill(const fs::path& dir, const std::string& set, const std::string& script, const fs::path& ready) {
  {
    std::ofstream s(dir / "script.txt");
    s << script;
  }
  const std::string cmd = "XDG_STATE_HOME='" + (dir / "state").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() + "' '" MR_BINARY_DIR
                          "/src/app/moonrave' '" + set + "' --size 1000x600 --audio null --no-suggest --script '" + (dir / "script.txt").string() +
                          "' > '" + (dir / "killed-log.txt").string() + "' 2>&1 & pid=$!; for i in $(seq 300); do [ -f '" + ready.string() +
                          "' ] && break; sleep 0.1; done; kill -9 $pid; wait $pid; [ -f '" + ready.string() + "' ]";
  const int rc = std::system(cmd.c_str());
  std::ifstream log(dir / "killed-log.txt");
  std::stringstream ss;
  ss << log.rdbuf();
  INFO("moonrave output:\n" << ss.str());
  REQUIRE(rc == 0);  // the script got to its report, then the kill
}

}  // namespace

TEST_CASE("window: kill -9 mid-edit: every buffer comes back, however it was opened, with its path and cursor", "[window]") {
  const fs::path dir = scratch("kill9");
  fs::copy_file("examples/welcome.lua", dir / "set.lua");
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");
  { std::ofstream(dir / "other.lua") << "d1(s('bd'))\n"; }
  const fs::path ready = dir / "edited.txt";
  // The command line's set, a file opened with Ctrl+O, an example opened with Ctrl+E: each edited.
  run_and_kill(dir, (dir / "set.lua").string(),
               "wait 3\ntext -- edit one\nkey Return\n"
               "key Ctrl+O\nwait 2\nkey Ctrl+A\ntext " + (dir / "other.lua").string() + "\nwait 1\nkey Return\nwait 2\n"
               "key Ctrl+End\nkey Return\ntext -- edit two\n"
               "key Ctrl+E\nwait 2\ntext dub\nwait 1\nkey Return\nsleep 1000\nwait 3\nkey Ctrl+Home\ntext -- edit three\nkey Return\n"
               "sleep 1800\nwait 3\nreport " + ready.string() + "\nwait 100000\n",
               ready);
  auto before = load_report(ready);
  REQUIRE(before["docs"] == "5");  // set.lua, set.glsl, other.lua, dub.lua, dub.glsl
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nreport " + (dir / "restored.txt").string() + "\nkey Ctrl+Z\nwait 2\nreport " + (dir / "undone.txt").string() + "\nquit\n",
               "--no-suggest");
  auto r = load_report(dir / "restored.txt");
  INFO("message: " << r["message"]);
  CHECK(r["docs"] == "5");
  CHECK(r["message"].find("restored 3 buffer") != std::string::npos);
  for (int i = 0; i < 5; ++i) {
    const std::string k = "doc." + std::to_string(i) + ".";
    INFO("doc " << i << ": " << before[k + "name"]);
    CHECK(r[k + "name"] == before[k + "name"]);
    CHECK(r[k + "text"] == before[k + "text"]);  // every edit came back
    CHECK(r[k + "path"] == before[k + "path"]);
    CHECK(r[k + "cursor"] == before[k + "cursor"]);
  }
  CHECK(r["doc.0.text"].rfind("-- edit one\\n-- title: Welcome", 0) == 0);
  CHECK(r["doc.2.text"] == "d1(s('bd'))\\n\\n-- edit two");
  CHECK(r["doc.3.name"] == "dub");
  CHECK(r["doc.3.text"].rfind("-- edit three\\n-- title:", 0) == 0);
  CHECK(r["current"] == before["current"]);
  // Undoing the restore gives the file back and leaves a cursor, not the whole buffer selected.
  auto u = load_report(dir / "undone.txt");
  const std::string cur = "doc." + r["current"] + ".";
  CHECK(u[cur + "selection"] == "0");
  CHECK(u[cur + "text"].rfind("-- title:", 0) == 0);

  // A new buffer (a set that has no file yet): its text comes back too.
  const fs::path dir2 = scratch("kill9_new");
  const fs::path ready2 = dir2 / "edited.txt";
  run_and_kill(dir2, (dir2 / "new.lua").string(),
               "wait 3\ntext d1(s(\"bd*2\"))\nkey Return\ntext -- new\nsleep 1800\nwait 3\nreport " + ready2.string() + "\nwait 100000\n", ready2);
  CHECK(!fs::exists(dir2 / "new.lua"));  // never saved
  run_moonrave(dir2, (dir2 / "new.lua").string(), "wait 3\nreport " + (dir2 / "restored.txt").string() + "\nquit\n", "--no-suggest");
  auto n = load_report(dir2 / "restored.txt");
  CHECK(n["doc.0.text"] == "d1(s(\"bd*2\"))\\n-- new");
  CHECK(n["doc.0.cursor"] == "2:7");
}

// The code fills the room: 30 to 36 lines of code in the window's height, in both windows, at
// 720p, 1080p and 4K (the screenshots are kept in the test's folder). A 4K window on a smaller
// virtual screen is still laid out at its own size (the report measures the layout).
TEST_CASE("window: the code's size follows the window: 30 to 36 lines at any resolution, in both windows", "[window]") {
  for (const std::string size : {"1280x720", "1920x1080", "3840x2160"}) {
    const fs::path dir = scratch("room_" + size);
    std::ofstream(dir / "script.txt") << "wait 4\nshot " << (dir / "performer.png").string() << "\nshot-audience "
                                      << (dir / "audience.png").string() << "\nwait 2\nreport " << (dir / "report.txt").string() << "\nquit\n";
    const std::string cmd = "XDG_STATE_HOME='" + (dir / "state").string() + "' XDG_CONFIG_HOME='" + (dir / "config").string() +
                            "' '" MR_BINARY_DIR "/src/app/moonrave' examples/welcome.lua --size " + size +
                            " --audio null --no-suggest --audience --script '" + (dir / "script.txt").string() + "' > '" +
                            (dir / "log.txt").string() + "' 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    auto r = load_report(dir / "report.txt");
    INFO(size << ": window " << r["window"] << ", audience " << r["audience.window"] << ", line " << r["layout.line_h"] << " px");
    const int h = std::stoi(size.substr(size.find('x') + 1));
    REQUIRE(r["window"] == size);
    const double perf_lines = (h - std::stod(r["layout.line0_y"])) / std::stod(r["layout.line_h"]);
    CHECK(perf_lines >= 30.0);
    CHECK(perf_lines <= 37.0);  // the status line takes part of the last
    const int ah = std::stoi(r["audience.window"].substr(r["audience.window"].find('x') + 1));
    const double aud_lines = ah / std::stod(r["audience.line_h"]);
    CHECK(aud_lines >= 30.0);
    CHECK(aud_lines <= 37.0);
  }
}

namespace {

// The texts a report says were highlighted ("bd|hh"), one by one.
std::vector<std::string> seen(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + "|") {
    if (c != '|') {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  return out;
}

}  // namespace

TEST_CASE("window: the marks stay on their atoms while lines are typed above, and never show on the shader", "[window]") {
  const fs::path dir = scratch("marks");
  {
    std::ofstream set(dir / "set.lua");
    set << "-- marks\nd1(s(\"bd*2 hh*4 sd\"))\n";
  }
  fs::copy_file("examples/welcome.glsl", dir / "set.glsl");  // "set" too: the same buffer name
  const std::string before = (dir / "before.txt").string(), after = (dir / "after.txt").string(),
                    shader = (dir / "shader.txt").string();
  run_moonrave(dir, (dir / "set.lua").string(),
               "sleep 1500\nreport " + before + "\nshot " + (dir / "before.png").string() +
                   // Typed above the evaluated line, not evaluated again: every mark must follow.
                   "\nkey Ctrl+Home\ntext -- one line\nkey Return\ntext -- and a longer second line\nkey Return\n"
                   "sleep 1500\nreport " + after + "\nshot " + (dir / "after.png").string() +
                   "\nkey Ctrl+Tab\nsleep 1500\nreport " + shader + "\nshot " + (dir / "shader.png").string() + "\nquit\n",
               "--eval-on-start --no-suggest");
  const std::vector<std::string> atoms{"bd", "hh", "sd"};
  for (const std::string& path : {before, after}) {
    auto r = load_report(path);
    INFO(path << ": highlighted " << r["spans_seen"] << "; text " << r["doc.0.text"]);
    const std::vector<std::string> on = seen(r["spans_seen"]);
    CHECK(on.size() >= 2);  // at least two of the atoms sounded in 1.5 s
    for (const std::string& s : on) CHECK(std::find(atoms.begin(), atoms.end(), s) != atoms.end());
  }
  auto a = load_report(after);
  CHECK(a["doc.0.text"].rfind("-- one line", 0) == 0);  // the lines were typed
  // The highlight's colour (#FFD166) outlines an atom of line 4, where the evaluated line is now,
  // and nowhere over the shader's text in the same place.
  const float y0 = std::stof(a["layout.line0_y"]), lh = std::stof(a["layout.line_h"]);
  const int top = static_cast<int>(y0 + 3 * lh - lh * 0.2f), bottom = static_cast<int>(y0 + 4 * lh + lh * 0.2f);
  const int on_line = pixels_near(load_png(dir / "after.png"), 0, top, 800, bottom, 0xFF, 0xD1, 0x66, 30);
  const int above = pixels_near(load_png(dir / "after.png"), 0, static_cast<int>(y0), 800, top, 0xFF, 0xD1, 0x66, 30);
  const int on_shader = pixels_near(load_png(dir / "shader.png"), 0, static_cast<int>(y0), 800, bottom, 0xFF, 0xD1, 0x66, 30);
  INFO("highlight pixels: line 4 " << on_line << ", lines 1-3 " << above << ", the shader's lines 1-4 " << on_shader);
  CHECK(on_line > 20);
  CHECK(above < 5);
  CHECK(on_shader < 5);
  auto s = load_report(shader);
  CHECK(s["current"] == "1");
  CHECK(s["doc.1.language"] == "glsl");
  CHECK(s["spans_now"] == "0");
  CHECK(s["spans_seen"].empty());
}

TEST_CASE("window: a mini-notation error says line:column, underlines its atom, and both follow the edits", "[window]") {
  const fs::path dir = scratch("mini-error");
  {
    std::ofstream set(dir / "set.lua");
    set << "-- error\nd1(s(\"hh*4\"))\nd2(s(\"bd*x sd\"))\n";
  }
  const std::string first = (dir / "first.txt").string(), moved = (dir / "moved.txt").string();
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+End\nkey Up\nkey Ctrl+Return\nsettle\nwait 2\nreport " + first + "\nshot " +
                   (dir / "first.png").string() +
                   "\nkey Ctrl+Home\ntext -- typed above\nkey Return\nkey End\ntext  (and after)\nwait 2\nreport " + moved + "\nquit\n",
               "--no-suggest");
  auto r = load_report(first);
  INFO("message: " << r["message"] << "; error " << r["doc.0.error"]);
  CHECK(r["evals_failed"] == "1");
  CHECK(r["doc.0.error_lines"] == "3");
  CHECK(r["message"].rfind("set:3:10: mini-notation: expected a number after '*' but found 'x'", 0) == 0);
  CHECK(r["doc.0.error_underlined"] == "x");
  // The underline is drawn in the error colour under the x, on line 3.
  const Image img = load_png(dir / "first.png");
  const float y0 = std::stof(r["layout.line0_y"]), lh = std::stof(r["layout.line_h"]), tx = std::stof(r["layout.text_x"]),
              cw = std::stof(r["layout.char_w"]);
  const int top = static_cast<int>(y0 + 2 * lh + lh * 0.5f), bottom = static_cast<int>(y0 + 3 * lh + lh * 0.2f);
  auto red_under = [&](int col) {  // 1-based column of line 3
    return pixels_near(img, static_cast<int>(tx + (col - 1) * cw), top, static_cast<int>(tx + col * cw), bottom, 0xFF, 0x4D, 0x5E, 40);
  };
  INFO("underline pixels at columns 8, 10, 12: " << red_under(8) << ", " << red_under(10) << ", " << red_under(12));
  CHECK(red_under(10) > 6);
  CHECK(red_under(8) == 0);
  CHECK(red_under(12) == 0);
  // A line typed above and text typed on the line before: the mark and its underline move along.
  auto m = load_report(moved);
  CHECK(m["doc.0.error_lines"] == "4");
  CHECK(m["doc.0.error_underlined"] == "x");
}

TEST_CASE("window: the suggestion pane covers neither the code near the cursor nor an error", "[window]") {
  const fs::path dir = scratch("pane");
  const std::vector<std::string> lines{
      "-- pane",
      "d1(s(\"bd*4\"):gain(0.9):room(0.2):lpf(2000):delay(0.25):pan(sine):speed(1.5))",
      "d2(s(\"sd\"):no_such_function(1))",
      "",
      "d3(note(\"c e g\"):s(\"sawtooth\"):lpf(800):room(0.3):delay(0.5):gain(0.7):pan(0.3))",
      "d4(s(\"hh*8\"):gain(0.4))"};
  {
    std::ofstream set(dir / "set.lua");
    for (const std::string& l : lines) set << l << "\n";
  }
  const std::string typed = "d6(s(\"hh*8\"):ga";
  run_moonrave(dir, (dir / "set.lua").string(),
               "wait 3\nkey Ctrl+Home\nwait 1\nkey Down\nwait 1\nkey Down\nwait 1\nkey Down\nwait 1\ntext " + typed + "\nsleep 800\nreport " +
                   (dir / "typed.txt").string() + "\nshot " + (dir / "pane.png").string() +
                   // On an empty line: nothing at all.
                   "\nkey Return\nsleep 800\nreport " + (dir / "empty.txt").string() + "\nquit\n",
               "--eval-on-start");
  auto r = load_report(dir / "typed.txt");
  INFO("ghost " << r["ghost"] << "; pane " << r["suggest.pane"] << "; error lines " << r["doc.0.error_lines"]);
  CHECK(r["doc.0.error_lines"] == "3");
  REQUIRE(!r["ghost"].empty());
  REQUIRE(!r["suggest.pane"].empty());
  float p[4] = {0, 0, 0, 0};
  REQUIRE(std::sscanf(r["suggest.pane"].c_str(), "%f,%f,%f,%f", &p[0], &p[1], &p[2], &p[3]) == 4);
  const float y0 = std::stof(r["layout.line0_y"]), lh = std::stof(r["layout.line_h"]), tx = std::stof(r["layout.text_x"]),
              cw = std::stof(r["layout.char_w"]);
  std::vector<std::string> now = lines;
  now[3] = typed + r["ghost"];
  for (int li = 1; li <= 5; ++li) {  // lines 2..6: the cursor's line 4 and two each side
    float right = tx + static_cast<float>(now[static_cast<size_t>(li)].size()) * cw;
    if (li == 2) right += (2 + 60) * cw * 0.8f;  // the error's message follows its line
    const float top = y0 + static_cast<float>(li) * lh, bottom = top + lh * 0.8f;
    INFO("line " << li + 1 << ": " << tx << ".." << right << " x " << top << ".." << bottom);
    CHECK_FALSE((p[0] < right && tx < p[2] && p[1] < bottom && top < p[3]));
  }
  auto e = load_report(dir / "empty.txt");
  CHECK(e["ghost"].empty());
  CHECK(e["suggest.pane"].empty());
}

TEST_CASE("window: pianoroll() draws the events behind the code, _pianoroll() and _scope() beside their lines", "[window]") {
  const fs::path dir = scratch("roll");
  {
    std::ofstream set(dir / "set.lua");
    set << "-- roll\nd1(note(\"c3 e3 g3 <b3 d4>\"):s(\"sawtooth\"):lpf(900):pianoroll())\nd2(s(\"bd*2 [~ sd] hh*4\"):_pianoroll())\n"
           "d3(note(\"c2*8\"):s(\"square\"):gain(0.3):_scope())\n";
  }
  run_moonrave(dir, (dir / "set.lua").string(),
               "sleep 3000\nreport " + (dir / "playing.txt").string() + "\nshot " + (dir / "roll.png").string() +
                   "\nkey F12\nwait 5\nshot-audience " + (dir / "audience.png").string() + "\nwait 2\nkey F12\nwait 2\nquit\n",
               "--eval-on-start --no-suggest");
  auto r = load_report(dir / "playing.txt");
  INFO("last evaluation: " << r["last_eval_message"]);
  CHECK(std::stoi(r["evals_ok"]) == 1);
  // Three cycles in: the roll holds more than the last few events, the scope all its points.
  CHECK(std::stoi(r["roll_now"]) >= 10);
  CHECK(std::stoi(r["scope_now"]) == 512);
  CHECK(std::stoi(r["inline_views_max"]) == 2);  // _pianoroll and _scope, each beside its line
  CHECK(fs::exists(dir / "audience.png"));
}

TEST_CASE("window: a slider is drawn beside its call, and dragging it changes the value live and the number in the code",
          "[window]") {
  const fs::path dir = scratch("slider");
  const std::string code = "-- sliders\nd1(note(\"c3 e3 g3\"):s(\"sawtooth\"):lpf(slider(800, 200, 4000)))\n";
  {
    std::ofstream set(dir / "set.lua");
    set << code;
  }
  // Where it is drawn (the same size and font give the same place in the second run).
  run_moonrave(dir, (dir / "set.lua").string(), "sleep 1000\nreport " + (dir / "where.txt").string() + "\nquit\n", "--eval-on-start --no-suggest");
  auto w = load_report(dir / "where.txt");
  REQUIRE(w["sliders"] == "1");
  float t[4] = {0, 0, 0, 0};
  char id[64] = {0};
  double value = 0;
  int line = 0;
  REQUIRE(std::sscanf(w["slider.0"].c_str(), "%63[^,],%lf,%d,%f,%f,%f,%f", id, &value, &line, &t[0], &t[1], &t[2], &t[3]) == 7);
  CHECK(std::string(id) == "slider_2_0");
  CHECK(value == 800);
  CHECK(line == 2);
  const float y = (t[1] + t[3]) / 2, x_800 = t[0] + (t[2] - t[0]) * 600.0f / 3800.0f;
  // The track is right of the line's text, on its line.
  const float tx = std::stof(w["layout.text_x"]), cw = std::stof(w["layout.char_w"]), y0 = std::stof(w["layout.line0_y"]),
              lh = std::stof(w["layout.line_h"]);
  CHECK(t[0] > tx + cw * 63);
  CHECK((y > y0 + lh && y < y0 + 2 * lh));
  auto at = [](float x, float yy) { return std::to_string(static_cast<int>(x)) + " " + std::to_string(static_cast<int>(yy)); };
  // Pressed on its knob and dragged to three quarters of the track: 200 + 0.75 * 3800 = 3050.
  const float x_3050 = t[0] + (t[2] - t[0]) * 0.75f;
  run_moonrave(dir, (dir / "set.lua").string(),
               "sleep 1000\nmouse-down " + at(x_800, y) + "\nmouse-move " + at((x_800 + x_3050) / 2, y) + "\nmouse-move " + at(x_3050, y) +
                   "\nwait 2\nreport " + (dir / "dragging.txt").string() + "\nmouse-up " + at(x_3050, y) + "\nwait 3\nreport " +
                   (dir / "released.txt").string() + "\nshot " + (dir / "slider.png").string() + "\nquit\n",
               "--eval-on-start --no-suggest");
  auto d = load_report(dir / "dragging.txt");
  INFO("dragging: " << d["slider.0"]);
  REQUIRE(std::sscanf(d["slider.0"].c_str(), "%63[^,],%lf", id, &value) == 2);
  CHECK(value == Approx(3050).margin(40));  // a pixel of the track is 35 in this range
  CHECK(d["doc.0.text"].find("slider(800, 200, 4000)") != std::string::npos);  // the code changes on release
  auto r = load_report(dir / "released.txt");
  INFO("released: " << r["doc.0.text"]);
  REQUIRE(std::sscanf(r["slider.0"].c_str(), "%63[^,],%lf", id, &value) == 2);
  char in_code[32];
  std::snprintf(in_code, sizeof in_code, "slider(%.4g, 200, 4000)", value);
  CHECK(r["doc.0.text"].find(in_code) != std::string::npos);
  CHECK(r["doc.0.modified"] == "1");
}
