// The config file: defaults with no file, every section read, and clear errors naming the key
// and line for typos and wrong kinds of values.
#include <catch2/catch.hpp>

#include "runtime/config.hpp"

using mr::runtime::Config;
using mr::runtime::parse_config;

TEST_CASE("an empty config gives the documented defaults") {
  Config c;
  std::string err;
  REQUIRE(parse_config("", "config.lua", c, err));
  CHECK(c.audio.rate_hz == 48000);
  CHECK(c.audio.api == "auto");
  CHECK(c.runtime.lookahead_ms == 100.0);
  CHECK(c.runtime.eval_budget_ms == 200.0);
  CHECK(c.runtime.quantize == "immediate");
  CHECK_FALSE(c.runtime.trust);
  CHECK(c.suggest.enabled);
}

TEST_CASE("the default config text parses and equals the defaults") {
  Config c;
  std::string err;
  REQUIRE(parse_config(mr::runtime::default_config_text(), "config.lua", c, err));
  Config d;
  CHECK(c.audio.rate_hz == d.audio.rate_hz);
  CHECK(c.audio.buffer_frames == d.audio.buffer_frames);
  CHECK(c.editor.font_size == d.editor.font_size);
  CHECK(c.editor.backdrop == d.editor.backdrop);
  CHECK(c.visuals.gpu_budget_ms == d.visuals.gpu_budget_ms);
  CHECK(c.runtime.cps == d.runtime.cps);
}

TEST_CASE("every section is read") {
  Config c;
  std::string err;
  const char* text = R"(
audio = { api = "null", device = 3, rate = 44100, buffer = 128, latency_ms = 12.5 }
runtime = { lookahead_ms = 150, eval_budget_ms = 300, quantize = "cycle", trust = true, library = {"~/lib"} }
samples = { "~/samples", "/data/dirt" }
editor = { font = "Fira Code", font_size = 30, theme = "projector", backdrop = 0.8,
           keys = { evaluate_block = "Ctrl+Return" } }
visuals = { resolution_scale = 0.5, gpu_budget_ms = 33 }
suggest = { enabled = false, providers = { { kind = "ollama", url = "http://127.0.0.1:11434", model = "m", deadline_ms = 400 } } }
)";
  REQUIRE(parse_config(text, "config.lua", c, err));
  CHECK(c.audio.api == "null");
  CHECK(c.audio.device == "3");
  CHECK(c.audio.rate_hz == 44100);
  CHECK(c.audio.buffer_frames == 128);
  CHECK(c.audio.latency_ms == 12.5);
  CHECK(c.runtime.lookahead_ms == 150);
  CHECK(c.runtime.quantize == "cycle");
  CHECK(c.runtime.trust);
  REQUIRE(c.runtime.library_paths.size() == 1);
  REQUIRE(c.sample_paths.size() == 2);
  CHECK(c.sample_paths[1] == "/data/dirt");
  CHECK(c.editor.font == "Fira Code");
  CHECK(c.editor.theme == "projector");
  CHECK(c.editor.keys.at("evaluate_block") == "Ctrl+Return");
  CHECK(c.visuals.resolution_scale == 0.5);
  CHECK_FALSE(c.suggest.enabled);
  REQUIRE(c.suggest.providers.size() == 1);
  CHECK(c.suggest.providers[0].kind == "ollama");
  CHECK(c.suggest.providers[0].deadline_ms == 400);
}

TEST_CASE("a misspelt key is named with its line") {
  Config c;
  std::string err;
  REQUIRE_FALSE(parse_config("\n\naudio = { rat = 44100 }\n", "config.lua", c, err));
  CHECK(err.find("config.lua:3") != std::string::npos);
  CHECK(err.find("audio.rat") != std::string::npos);
  CHECK(err.find("unknown key") != std::string::npos);
}

TEST_CASE("an unknown section is named") {
  Config c;
  std::string err;
  REQUIRE_FALSE(parse_config("vidoes = {}\n", "config.lua", c, err));
  CHECK(err.find("vidoes") != std::string::npos);
  CHECK(err.find("unknown setting") != std::string::npos);
}

TEST_CASE("a value of the wrong kind or out of range is explained") {
  Config c;
  std::string err;
  REQUIRE_FALSE(parse_config("audio = { rate = \"fast\" }", "config.lua", c, err));
  CHECK(err.find("audio.rate") != std::string::npos);
  CHECK(err.find("expected a number") != std::string::npos);
  CHECK(err.find("\"fast\"") != std::string::npos);

  REQUIRE_FALSE(parse_config("audio = { rate = 5 }", "config.lua", c, err));
  CHECK(err.find("between 8000 and 192000") != std::string::npos);

  REQUIRE_FALSE(parse_config("editor = { theme = \"neon\" }", "config.lua", c, err));
  CHECK(err.find("one of night, projector, paper") != std::string::npos);
}

TEST_CASE("a failed config leaves the previous one untouched") {
  Config c;
  c.audio.rate_hz = 96000;
  std::string err;
  REQUIRE_FALSE(parse_config("audio = { rate = 44100, nope = 1 }", "config.lua", c, err));
  CHECK(c.audio.rate_hz == 96000);
}

TEST_CASE("syntax errors and endless loops in the config are reported, not hung on") {
  Config c;
  std::string err;
  REQUIRE_FALSE(parse_config("audio = {", "config.lua", c, err));
  CHECK(err.find("config.lua:1") != std::string::npos);
  REQUIRE_FALSE(parse_config("while true do end", "config.lua", c, err));
  CHECK(err.find("config.lua:1") != std::string::npos);
  CHECK(err.find("budget") != std::string::npos);
}

TEST_CASE("the config runs in the host's sandbox: its memory is capped too") {
  Config c;
  std::string err;
  // Doubling a string 40 times asks for a terabyte: stopped by the cap, not by the machine.
  REQUIRE_FALSE(parse_config("local s = 'x'\nfor i = 1, 40 do s = s .. s end\naudio = {}", "config.lua", c, err));
  CHECK(err.find("memory") != std::string::npos);
  for (const char* gone : {"load('x = 1')", "require('os')", "collectgarbage()", "dofile('/etc/passwd')"}) {
    INFO(gone);
    CHECK_FALSE(parse_config(gone, "config.lua", c, err));
  }
}

TEST_CASE("the config cannot reach io or os") {
  Config c;
  std::string err;
  REQUIRE_FALSE(parse_config("os.execute('true')", "config.lua", c, err));
  REQUIRE_FALSE(parse_config("io.open('/etc/passwd')", "config.lua", c, err));
}
