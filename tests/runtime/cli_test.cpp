// `moonrave render` and `moonrave replay` through the real binary: the same set and seed give the
// same bytes, another seed other bytes, a log replays to the bytes the render of the same
// material gives, and mistakes are one line on stderr with a non-zero exit.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

fs::path dir() {
  fs::path p = fs::temp_directory_path() / ("mr_runtime_cli_" + std::to_string(getpid()));
  fs::create_directories(p);
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int moonrave(const std::string& args, std::string* err = nullptr) {
  const fs::path e = dir() / "stderr.txt";
  const std::string cmd = std::string("'") + MR_MOONRAVE_BIN + "' " + args + " 2>'" + e.string() + "'";
  const int status = std::system(cmd.c_str());
  if (err) *err = slurp(e);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("render is deterministic per seed and replay of the same material gives the same bytes", "[runtime][cli]") {
  const fs::path set = dir() / "set.lua";
  std::ofstream(set) << "setcps(0.55)\nd1(s('bd*4'))\nd2(s('hh*8'):gain(rand:range(0.2, 0.9)))\n"
                        "d3(n('0 3 7'):scale('C:minor'):s('saw'):lpf(900):sometimes(function(x) return x:fast(2) end))\n";
  const std::string base = "render '" + set.string() + "' --seconds 3 --out ";
  REQUIRE(moonrave(base + "'" + (dir() / "a.wav").string() + "'") == 0);
  REQUIRE(moonrave(base + "'" + (dir() / "b.wav").string() + "'") == 0);
  REQUIRE(moonrave(base + "'" + (dir() / "c.wav").string() + "' --seed 5") == 0);
  const std::string a = slurp(dir() / "a.wav");
  CHECK(a.size() == 58 + 3 * 48000 * 8);  // a 58-byte float WAV header, then the frames
  CHECK(a == slurp(dir() / "b.wav"));
  CHECK(a != slurp(dir() / "c.wav"));

  const fs::path log = dir() / "show.log";
  std::ofstream(log) << "--@ cycle=0 buffer=set\n" << slurp(set);
  REQUIRE(moonrave("replay '" + log.string() + "' --tail 3 --out '" + (dir() / "r.wav").string() + "'") == 0);
  CHECK(slurp(dir() / "r.wav") == a);
  fs::remove_all(dir());
}

TEST_CASE("render and replay say what is wrong in one line and fail", "[runtime][cli]") {
  std::string err;
  CHECK(moonrave("render '" + (dir() / "missing.lua").string() + "' --seconds 1 --out x.wav", &err) == 1);
  CHECK(err.find("cannot read") != std::string::npos);
  CHECK(moonrave("render '" + (dir() / "missing.lua").string() + "' --out x.wav", &err) == 2);
  const fs::path bad = dir() / "bad.lua";
  std::ofstream(bad) << "d1(s('bd'))\nd2(s('sn' +))\n";
  CHECK(moonrave("render '" + bad.string() + "' --cycles 1 --out '" + (dir() / "bad.wav").string() + "'", &err) == 1);
  CHECK(err.find("bad:2:") != std::string::npos);
  const fs::path log = dir() / "bad.log";
  std::ofstream(log) << "--@ cycle=x buffer=set\nd1(s('bd'))\n";
  CHECK(moonrave("replay '" + log.string() + "' --out '" + (dir() / "bad2.wav").string() + "'", &err) == 1);
  CHECK(err.find("line 1") != std::string::npos);
}
