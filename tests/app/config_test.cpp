// The config file: defaults with no file, every section read, and clear errors naming the key
// and line for typos and wrong kinds of values; the keys and settings the README names are ones
// it takes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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
  CHECK(c.runtime.link == d.runtime.link);
  CHECK(c.runtime.beats_per_cycle == d.runtime.beats_per_cycle);
  CHECK(c.inputs.midi == d.inputs.midi);
  CHECK(c.inputs.midi_api == d.inputs.midi_api);
  CHECK(c.inputs.midi_clock == d.inputs.midi_clock);
}

TEST_CASE("every section is read") {
  Config c;
  std::string err;
  const char* text = R"(
audio = { api = "null", device = 3, rate = 44100, buffer = 128, latency_ms = 12.5 }
runtime = { lookahead_ms = 150, eval_budget_ms = 300, quantize = "cycle", trust = true, library = {"~/lib"},
            link = true, beats_per_cycle = 3 }
samples = { "~/samples", "/data/dirt" }
editor = { font = "Fira Code", font_size = 30, theme = "projector", backdrop = 0.8,
           keys = { evaluate_block = "Ctrl+Return" } }
visuals = { resolution_scale = 0.5, gpu_budget_ms = 33 }
inputs = { ctrl_port = 6010, midi = "nanoKONTROL", midi_api = "jack", midi_clock = true }
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
  CHECK(c.runtime.link);
  CHECK(c.runtime.beats_per_cycle == 3);
  REQUIRE(c.runtime.library_paths.size() == 1);
  REQUIRE(c.sample_paths.size() == 2);
  CHECK(c.sample_paths[1] == "/data/dirt");
  CHECK(c.editor.font == "Fira Code");
  CHECK(c.editor.theme == "projector");
  CHECK(c.editor.keys.at("evaluate_block") == "Ctrl+Return");
  CHECK(c.visuals.resolution_scale == 0.5);
  CHECK(c.inputs.ctrl_port == 6010);
  CHECK(c.inputs.midi == "nanoKONTROL");
  CHECK(c.inputs.midi_api == "jack");
  CHECK(c.inputs.midi_clock);
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
  // A list of folders with a named entry: refused, not half read.
  REQUIRE_FALSE(parse_config("samples = { \"~/a\", extra = \"~/b\" }", "config.lua", c, err));
  CHECK(err.find("samples.extra") != std::string::npos);
  REQUIRE_FALSE(parse_config("runtime = { library = { sample_paths = { \"~/b\" } } }", "config.lua", c, err));
  CHECK(err.find("runtime.library.sample_paths") != std::string::npos);
  REQUIRE(parse_config("samples = { \"~/a\", \"~/b\" }", "config.lua", c, err));
  CHECK(c.sample_paths == std::vector<std::string>{"~/a", "~/b"});
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

// [SECTION] the README's config keys against the schema
namespace {

// The keys the schema knows under `section` ("" for the top level), from its own error message.
std::vector<std::string> known_keys(const std::string& section) {
  Config c;
  std::string err;
  const std::string text = section.empty() ? "zz_not_a_key = 1" : section + " = { zz_not_a_key = 1 }";
  if (parse_config(text, "config.lua", c, err)) return {};
  const size_t open = err.find("(known");
  if (open == std::string::npos) return {};
  const size_t colon = err.find(':', open), close = err.find(')', open);
  std::vector<std::string> out;
  std::stringstream ss(err.substr(colon + 1, close - colon - 1));
  for (std::string k; std::getline(ss, k, ',');) {
    k.erase(0, k.find_first_not_of(' '));
    out.push_back(k);
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& k) { return std::find(v.begin(), v.end(), k) != v.end(); }

}  // namespace

TEST_CASE("every config key the README names is one the config accepts") {
  const auto top = known_keys("");
  REQUIRE(has(top, "audio"));
  REQUIRE(has(top, "samples"));
  std::ifstream in(std::string(MR_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  int checked = 0, lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    const bool about_config = line.find("config") != std::string::npos;
    for (size_t a = line.find('`'); a != std::string::npos; a = line.find('`', a + 1)) {
      const size_t b = line.find('`', a + 1);
      if (b == std::string::npos) break;
      const std::string tok = line.substr(a + 1, b - a - 1);
      a = b;
      if (tok.empty() || tok.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") != std::string::npos) continue;
      const size_t dot = tok.find('.');
      const std::string head = tok.substr(0, dot);
      INFO("README.md:" << lineno << ": `" << tok << "`");
      if (dot != std::string::npos && has(top, head)) {  // section.key
        const std::string key = tok.substr(dot + 1, tok.find('.', dot + 1) - dot - 1);
        CHECK(has(known_keys(head), key));
        ++checked;
      } else if (dot == std::string::npos && about_config && tok.find('_') != std::string::npos) {
        // a bare key in a sentence about the config: a section, or a key of one
        bool found = has(top, tok);
        for (const auto& s : top) found = found || has(known_keys(s), tok);
        CHECK(found);
        ++checked;
      }
    }
  }
  CHECK(checked >= 4);  // the README does name some: the check ran on them
}

TEST_CASE("every config setting the README shows is one the config takes, value and all") {
  const auto top = known_keys("");
  std::ifstream in(std::string(MR_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  auto takes = [](const std::string& text) {
    Config c;
    std::string err;
    return parse_config(text, "config.lua", c, err);
  };
  int checked = 0, lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    for (size_t a = line.find('`'); a != std::string::npos; a = line.find('`', a + 1)) {
      const size_t b = line.find('`', a + 1);
      if (b == std::string::npos) break;
      const std::string span = line.substr(a + 1, b - a - 1);
      a = b;
      // `key = value`, `section.key = value` or `section = { ... }`: a setting as written in the file.
      const size_t eq = span.find(" = ");
      if (eq == std::string::npos || eq == 0 || span.substr(0, eq).find_first_not_of("abcdefghijklmnopqrstuvwxyz_.") != std::string::npos)
        continue;
      INFO("README.md:" << lineno << ": `" << span << "`");
      const std::string key = span.substr(0, eq), value = span.substr(eq + 3);
      bool ok = false;
      if (const size_t dot = key.find('.'); dot != std::string::npos) {
        ok = takes(key.substr(0, dot) + " = { " + key.substr(dot + 1) + " = " + value + " }");
      } else {
        // A top-level setting, or a key of the section the sentence names.
        ok = takes(span);
        for (const auto& s : top) ok = ok || takes(s + " = { " + span + " }");
      }
      CHECK(ok);
      ++checked;
    }
  }
  CHECK(checked >= 8);  // the README shows some: the check ran on them
}
