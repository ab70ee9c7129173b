// The real `moonrave` binary, run as a user would: help, version, errors on bad command lines,
// and doctor on a machine with no sound card and no GPU.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs moonrave with a shell-quoted argument string; stdout and stderr captured separately.
Result moonrave(const std::string& args) {
  static int n = 0;
  std::string base = std::filesystem::temp_directory_path() / ("mr_cli_" + std::to_string(getpid()) + "_" + std::to_string(n++));
  std::string cmd = std::string("'") + MR_MOONRAVE_BIN + "' " + args + " >" + base + ".out 2>" + base + ".err";
  int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::filesystem::remove(base + ".out");
  std::filesystem::remove(base + ".err");
  return r;
}

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("--help lists every subcommand") {
  Result r = moonrave("--help");
  CHECK(r.code == 0);
  for (const char* cmd : {"render", "query", "shot", "replay", "examples", "doctor"}) {
    INFO(cmd);
    CHECK(r.out.find(std::string("\n  ") + cmd + " ") != std::string::npos);
  }
}

TEST_CASE("--version prints the version") {
  Result r = moonrave("--version");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("moonrave ", 0) == 0);
}

TEST_CASE("every subcommand has --help") {
  for (const char* cmd : {"render", "query", "shot", "replay", "examples", "doctor"}) {
    INFO(cmd);
    Result r = moonrave(std::string(cmd) + " --help");
    CHECK(r.code == 0);
    CHECK(r.out.find(std::string("usage: moonrave ") + cmd) != std::string::npos);
  }
  Result w = moonrave("--help-window");
  CHECK(w.code == 0);
  CHECK(w.out.find("--shader") != std::string::npos);
}

TEST_CASE("an unknown subcommand is one clear line and a non-zero exit") {
  Result r = moonrave("rendr x.lua");
  CHECK(r.code == 2);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find("unknown command 'rendr'") != std::string::npos);
}

TEST_CASE("a bad option or a missing argument is one clear line") {
  Result r = moonrave("render set.lua --sconds 3");
  CHECK(r.code == 2);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find("unknown option '--sconds'") != std::string::npos);

  r = moonrave("render");
  CHECK(r.code == 2);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find("missing argument") != std::string::npos);

  r = moonrave("query");
  CHECK(r.code == 2);

  r = moonrave("examples extra");
  CHECK(r.code == 2);
  CHECK(r.err.find("unexpected argument 'extra'") != std::string::npos);
}

TEST_CASE("doctor runs without a sound card or GPU and says so plainly") {
  Result r = moonrave("doctor");
  CHECK((r.code == 0 || r.code == 1));
  for (const char* what : {"config", "audio APIs", "audio output", "display", "OpenGL", "font", "samples", "soundfont", "logs", "link", "midi inputs"}) {
    INFO(what);
    CHECK(r.out.find(what) != std::string::npos);
  }
  // Every check line starts with a status word.
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);  // title
  while (std::getline(lines, line)) {
    if (line.rfind("  ", 0) != 0) continue;
    INFO(line);
    CHECK((line.find("OK") == 2 || line.find("WARN") == 2 || line.find("FAIL") == 2));
  }
  CHECK(r.err.find("ALSA lib") == std::string::npos);  // no library noise
  CHECK(r.err.find("MidiIn") == std::string::npos);
}

TEST_CASE("doctor names a broken config file") {
  std::string path = std::filesystem::temp_directory_path() / ("mr_bad_config_" + std::to_string(getpid()) + ".lua");
  std::ofstream(path) << "audio = { rate = 'x' }\n";
  Result r = moonrave("doctor --config " + path);
  CHECK(r.code == 1);
  CHECK(r.out.find("audio.rate") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("a Strudel program's console.log prints its arguments as node does") {
  std::string path = std::filesystem::temp_directory_path() / ("mr_console_" + std::to_string(getpid()) + ".js");
  std::ofstream(path) << "console.log('tempo', 60 / 2, [1, 2], {a: 'b'})\nconsole.warn(`bd*2`)\ns(\"bd\")\n";
  Result r = moonrave("query --file " + path);
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("tempo 30 [1,2] {\"a\":\"b\"}\n") != std::string::npos);
  CHECK(r.out.find("bd*2\n") != std::string::npos);
  CHECK(r.out.find("\"s\":\"bd\"") != std::string::npos);
  std::filesystem::remove(path);
}
