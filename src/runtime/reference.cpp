// The reference's entries from their three sources, the search the stage and `moonrave
// reference WORD` share, and the tutorial's sections.
#include "runtime/reference.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "pattern/registry.hpp"

namespace mr::runtime {

namespace {

// The performance vocabulary the runtime defines around the pattern functions (slots, tempo,
// one-shots, shader uniforms). The runtime's Lua bindings (bind_performance.cpp, bind_vocab.cpp,
// bind_tonal.cpp) carry no doc text of their own, so it lives here; tests/runtime/reference_test.cpp
// fails when a global they bind has no entry or an entry names nothing bound, and tests/examples
// runs every example against the real runtime.
struct PerfDoc {
  const char* name;
  const char* signature;
  const char* doc;
  const char* example;
  std::vector<std::string> aliases = {};
};

const PerfDoc kPerformance[] = {
    {"d1 .. d16", "d1(pat)",
     "Plays `pat` in slot d1 (d2 ... d16 likewise), replacing what the slot played before while the "
     "music keeps playing. A string is mini-notation. Returns the pattern.",
     "d1(s(\"bd*4\"))\nd2(note(\"c3 eb3 g3\"):s(\"pluck\"))"},
    {"p", "p(name, pat)", "Plays `pat` in the slot called `name` (any string), like d1 but named.",
     "p(\"drums\", s(\"bd sn\"))"},
    {"play", "pat:play([name])", "Method form of a slot: plays the pattern in slot `name` (default \"d1\").",
     "s(\"hh*8\"):gain(0.5):play(\"hats\")"},
    {"hush", "hush()", "Stops every slot. As a method, pat:hush() is silence (Strudel's .hush()).", "d1(s(\"bd*4\"))\nhush()"},
    {"mute", "mute(name, ...)", "Silences the named slots without forgetting them; unmute(name, ...) brings them back.",
     "d1(s(\"bd*4\"))\nd2(s(\"hh*8\"))\nmute(\"d2\")\nunmute(\"d2\")"},
    {"unmute", "unmute(name, ...)", "Brings back the named slots that mute() silenced.",
     "d1(s(\"bd*4\"))\nmute(\"d1\")\nunmute(\"d1\")"},
    {"solo", "solo(name, ...)", "Only the named slots play; unsolo() ends the solo.",
     "d1(s(\"bd*4\"))\nd2(s(\"hh*8\"))\nsolo(\"d1\")\nunsolo()"},
    {"unsolo", "unsolo()", "Ends a solo: every slot that is not muted plays again.",
     "d1(s(\"bd*4\"))\nd2(s(\"hh*8\"))\nsolo(\"d2\")\nunsolo()"},
    {"all", "all(fn)",
     "Applies `fn` (a function of a pattern) to every pattern the evaluation plays, those given before it and "
     "after, as Strudel's all and each (here both transform each slot's pattern on its own).",
     "d1(s(\"bd*4\"))\nd2(s(\"hh*8\"))\nall(function(p) return p:gain(0.7) end)", {"each"}},
    {"samples", "samples(map or place [, base])",
     "Strudel's sample loading, which fetches sample maps from the network: there is none here, so a URL "
     "(github:, http(s):, shabda:) is one warning naming it and nothing is loaded. Sample folders come from "
     "the config's `samples = { ... }` instead.",
     "-- samples(\"github:tidalcycles/dirt-samples\") says that nothing was loaded;\n"
     "-- the folders of the config's samples = { ... } play instead\nd1(s(\"bd:1*4\"))"},
    {"setcps", "setcps(cps)", "Sets the tempo in cycles per second (0.5 cps is 120 bpm with four beats a cycle).",
     "setcps(0.5)\nd1(s(\"bd*4\"))"},
    {"setbpm", "setbpm(bpm)", "Sets the tempo in beats per minute, four beats a cycle: setbpm(bpm) is setcps(bpm / 240).",
     "setbpm(128)\nd1(s(\"bd*4\"))"},
    {"setcpm", "setcpm(cpm)", "Sets the tempo in cycles per minute, as Strudel's setcpm (setcpm(140/4) is 140 bpm in 4/4).",
     "setcpm(140 / 4)\nd1(s(\"bd*4,[- sd]*2\"))", {"setCpm"}},
    {"setCps", "setCps(cps)", "Strudel's spelling of setcps.", "setCps(0.6)\nd1(s(\"bd*4\"))"},
    {"register", "register(name, fn)",
     "Defines a chainable pattern function, as Strudel's register: fn(arg, ..., pat) returns a pattern; "
     "pat:name(arg, ...) and name(arg, ..., pat) call it with patterned arguments (each plain value as it is, "
     "patterns of them through an inner join), name(arg, ...) curried.",
     "register(\"vlpf\", function(freq, pat) return pat:lpf(freq) end)\nd1(s(\"saw*8\"):vlpf(\"<400 800>\"))"},
    {"slider", "slider(value, min, max, step)",
     "A value the performer can change while it plays, as Strudel's slider: a pattern of the slider's current "
     "value (one event a cycle). The window draws it as a small track right of its line: dragging it with the mouse "
     "changes the value while it plays, and on release writes the number into the code (its first argument, when that "
     "is a number), so the next evaluation plays what was heard.",
     "d1(s(\"saw*4\"):lpf(slider(800, 100, 4000)))", {"sliderWithID"}},
    {"ctrl", "ctrl(name [, default])",
     "A continuous pattern of the latest value sent to `name` from outside, as Tidal's controller input: OSC "
     "`/ctrl name value` on the UDP port `inputs.ctrl_port` of the config (Tidal's is 6010; name a string or a number). `default` (0) until a value comes; "
     "offline (render, replay) always `default`. Sampled when the pattern is queried (about the lookahead ahead).",
     "d1(s(\"saw*8\"):lpf(ctrl(\"cutoff\", 0.5):range(200, 4000)))"},
    {"cc", "cc(number [, channel [, port]])",
     "A continuous pattern of the latest value (0..1, the value / 127) of MIDI control change `number` from a "
     "controller, on `channel` (1-16; nil: any) of the input ports whose name contains `port` (nil: any; a number: "
     "the open port of that index). The config's `inputs.midi` names the ports opened (`\"all\"`: every one). 0 until "
     "a value comes; offline (render, replay) always 0. Sampled when the pattern is queried (about the lookahead ahead).",
     "d1(s(\"saw*8\"):lpf(cc(74):range(200, 4000)))"},
    {"midin", "midin([port])",
     "Strudel's MIDI input: returns a function `cc(number [, channel])` reading the control changes of the open "
     "input ports whose name contains `port` (a number: the open port of that index; nil: any), as cc() does. "
     "Strudel's `let cc = await midin('IAC Driver Bus 1')` runs as it is.",
     "local knob = midin(\"nanoKONTROL\")\nd1(s(\"saw*8\"):lpf(knob(0):range(200, 4000)):lpq(knob(1):range(0, 10)))"},
    {"midinote", "midinote([channel [, port]])",
     "The MIDI notes held on a controller's keys, a continuous pattern with one value (the note number) per key "
     "held, lowest first; nothing while none is, so a structure that samples it plays the chord held and rests "
     "when no key is down. Offline (render, replay) nothing.",
     "d1(s(\"saw*8\"):note(midinote()):velocity(midivel()))"},
    {"midivel", "midivel([channel [, port]])",
     "The velocity (0..1) of the MIDI note pressed last of those held; 0 when none is, and always offline.",
     "d1(s(\"pluck*4\"):note(\"c3\"):gain(midivel():range(0.2, 1)))"},
    {"link", "link([on])",
     "Joins (link() or link(true)) or leaves (link(false)) the Ableton Link session on the network, live "
     "(the window, serve): the cycle follows the session's beat and phase, one cycle a quantum of "
     "`runtime.beats_per_cycle` beats (4); setcps and its kin then change every peer's tempo. The config's "
     "`runtime.link = true` and the window's `--link` join at start. Offline (render, replay) it says that "
     "it does nothing, and the set's own tempo plays.",
     "link(true)\nsetcpm(30)\nd1(s(\"bd*4\"))"},
    {"once", "once(pat)", "Plays one cycle of `pat` once, from the next cycle, without taking a slot.",
     "once(s(\"cp*4\"):room(0.5))"},
    {"uniform", "uniform(name, pat)",
     "Feeds the pattern's values to the shader's `uniform float name;` as the music plays, so visuals "
     "follow the patterns.",
     "uniform(\"pulse\", \"1 0.3 0.6 0.3\")\nuniform(\"sweep\", sine:slow(8))"},
    {"mini", "mini(str)", "Parses mini-notation explicitly (strings are parsed wherever a pattern is expected).",
     "d1(s(mini(\"bd [sn sn]\")))"},
    {"queryArc", "pat:queryArc(begin, end)",
     "The pattern's haps over [begin, end), as Strudel's pattern.queryArc: a list of haps, each with `whole` and "
     "`part` ({begin, end} in cycles, with show()), `value`, `duration`, and show(), showWhole(), hasOnset() and "
     "wholeOrPart(). It runs under the evaluation's work budget, and more than 100000 haps is an error.",
     "local haps = sequence(\"c3\", {\"e3\", \"g3\"}):queryArc(0, 1)\n"
     "d1(note(haps[2].value):s(\"pluck\"))"},
    {"operators", "pat + x, pat - x, pat * x, pat / x",
     "Arithmetic on patterns, with the structure from the left (like add, sub, mul, div).",
     "d1(n(mini(\"0 2 4\") + \"<0 3>\"):scale(\"C:minor\"):s(\"pluck\"))"},
    {"addVoicings", "addVoicings(name, dictionary, range)",
     "Adds a voicing dictionary for voicing() (dict(name)) and voicings(name): chord symbol = list of "
     "voicings, each intervals above the root (\"3M 7m 9M\") or semitones (\"4 10 14\"); range (default "
     "{\"F3\", \"A4\"}) bounds voicings(). registerVoicings(name, dictionary, {range = ...}) is the newer form.",
     "addVoicings(\"cookie\", {[\"^7\"] = {\"3M 6M 9M 12P 14M\"}, m7 = {\"5P 8P 11P 14m 17m\"}}, {\"C3\", \"C6\"})\n"
     "d1(chord(\"<C^7 Dm7>\"):dict(\"cookie\"):voicing():s(\"pluck\"))",
     {"registerVoicings"}},
    {"setVoicingRange", "setVoicingRange(name, range)", "Sets the range voicings(name) picks voicings within.",
     "setVoicingRange(\"lefthand\", {\"C3\", \"C5\"})\nd1(mini(\"<C^7 A7 Dm7 G7>\"):voicings(\"lefthand\"):note())"},
    {"setDefaultVoicings", "setDefaultVoicings(name)",
     "The dictionary voicing() uses when no dict is given (ireal until set; resetVoicings() restores it and "
     "the built-in dictionaries).",
     "setDefaultVoicings(\"legacy\")\nd1(chord(\"<C^7 Dm7>\"):voicing():s(\"pluck\"))"},
    {"resetVoicings", "resetVoicings()",
     "Restores the built-in voicing dictionaries and ireal as the default, undoing addVoicings and "
     "setDefaultVoicings.",
     "setDefaultVoicings(\"legacy\")\nresetVoicings()\nd1(chord(\"<C^7 Dm7>\"):voicing():s(\"pluck\"))"},
    {"require", "require(module)",
     "Loads a module of the Lua library in patterns/ (grooves, basslines, chords, scales, fills, helpers).",
     "local grooves = require(\"grooves\")\nd1(grooves.four_floor(\"tr909\"))"},
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// Library examples are pattern expressions unless they are statements: several of them, or a
// call of the performance vocabulary (d1(...), once(...), setcps(...)).
bool is_statement(const std::string& code) {
  if (code.find(';') != std::string::npos || code.find('\n') != std::string::npos) return true;
  for (const char* w : {"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "p(", "once(", "setcps(", "setbpm(", "setcpm(", "setCpm(", "setCps(", "register(",
                        "hush(", "uniform(", "local "}) {
    if (starts_with(code, w)) return true;
  }
  return false;
}

// The structure suffixes of the operators (registry_core.cpp registers name + suffix).
const char* const kModeSuffixes[] = {"In", "Out", "Mix", "Squeeze", "Squeezeout", "Reset", "Restart", "Poly"};

}  // namespace

std::vector<RefEntry> pattern_entries() {
  const auto& all = pattern::Registry::instance().all();
  std::map<std::string, size_t> index;  // base operator name -> position in out
  std::vector<RefEntry> out;
  for (const auto& f : all) {
    // An operator's structure variant joins its base entry (addOut -> add).
    bool variant = false;
    for (const char* suf : kModeSuffixes) {
      const std::string s = suf;
      if (f.name.size() > s.size() && f.name.compare(f.name.size() - s.size(), s.size(), s) == 0) {
        auto it = index.find(f.name.substr(0, f.name.size() - s.size()));
        if (it != index.end()) {
          out[it->second].variants.push_back(f.name);
          variant = true;
        }
        break;
      }
    }
    if (variant) continue;
    RefEntry e;
    e.section = f.category.empty() ? "other" : f.category;
    e.name = f.name;
    e.signature = f.signature;
    if (f.is_method && f.arity >= 0 && f.category != "control") {
      // pat:fast(2) reads better than fast(2, pat); the global form is in the signature.
      e.signature += "  ·  pat:" + f.name + "(...)";
    }
    e.doc = f.doc;
    e.example = f.example;
    e.aliases = f.aliases;
    index[f.name] = out.size();
    out.push_back(std::move(e));
  }
  return out;
}

// `--- doc` lines, an optional `-- @example code` line, then `function M.name(args)` or
// `M.name = value`: one entry. The file's first `---` paragraph describes the module.
RefModule read_library_module(const std::filesystem::path& file) {
  RefModule m;
  m.name = file.stem().string();
  std::ifstream in(file);
  std::string line, doc, example;
  bool header_done = false;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (starts_with(t, "---")) {
      std::string text = trim(t.substr(3));
      doc += (doc.empty() ? "" : " ") + text;
      continue;
    }
    if (starts_with(t, "-- @example")) {
      example = trim(t.substr(11));
      continue;
    }
    if (!header_done && !doc.empty() && !starts_with(t, "--")) {
      m.doc = doc;
      doc.clear();
      header_done = true;
    }
    std::string name, sig;
    if (starts_with(t, "function M.")) {
      size_t paren = t.find('(');
      name = t.substr(11, paren - 11);
      sig = "require(\"" + m.name + "\")." + t.substr(11);
    } else if (starts_with(t, "M.") && t.find('=') != std::string::npos) {
      name = trim(t.substr(2, t.find('=') - 2));
      sig = "require(\"" + m.name + "\")." + name;
    } else if (starts_with(t, "function ") && t.find('(') != std::string::npos &&
               t.find_first_of(".:") > t.find('(')) {
      // A global the module defines (strudel.lua's id, createParam): called by its name.
      const size_t paren = t.find('('), close = t.find(')', paren);
      name = t.substr(9, paren - 9);
      sig = t.substr(9, close == std::string::npos ? std::string::npos : close + 1 - 9);
    }
    if (!name.empty() && !doc.empty()) {
      RefEntry e;
      e.section = m.name;
      e.name = name;
      e.signature = sig;
      e.doc = doc;
      e.example = example;
      e.expression = !is_statement(example);
      m.entries.push_back(std::move(e));
    }
    if (!starts_with(t, "--")) {
      doc.clear();
      example.clear();
    }
  }
  return m;
}

std::vector<RefModule> library_modules(const std::filesystem::path& data_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(data_dir / "patterns", ec)) {
    // prelude.lua is the runtime's start-up code, not a module for require().
    if (e.path().extension() == ".lua" && e.path().stem() != "prelude") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<RefModule> mods;
  for (const auto& f : files) mods.push_back(read_library_module(f));
  return mods;
}

std::vector<RefEntry> performance_entries() {
  std::vector<RefEntry> out;
  for (const PerfDoc& d : kPerformance) {
    RefEntry e;
    e.section = "performance";
    e.name = d.name;
    e.signature = d.signature;
    e.doc = d.doc;
    e.example = d.example;
    e.aliases = d.aliases;
    e.expression = false;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<RefEntry> all_reference_entries(const std::filesystem::path& data_dir) {
  std::vector<RefEntry> all = performance_entries();
  for (auto& e : pattern_entries()) all.push_back(std::move(e));
  for (auto& m : library_modules(data_dir))
    for (auto& e : m.entries) all.push_back(std::move(e));
  return all;
}

std::vector<size_t> search_reference(const std::vector<RefEntry>& entries, std::string_view query) {
  const std::string w = lower(trim(std::string(query)));
  // Rank 0: named it; 1: a name starts with it; 2: the name contains it; 3: mentioned.
  std::vector<size_t> ranked[4];
  for (size_t i = 0; i < entries.size(); ++i) {
    const RefEntry& e = entries[i];
    if (w.empty()) {
      ranked[3].push_back(i);
      continue;
    }
    std::vector<std::string> names = {lower(e.name)};
    for (const auto& a : e.aliases) names.push_back(lower(a));
    for (const auto& v : e.variants) names.push_back(lower(v));
    int rank = 4;
    for (const auto& n : names) {
      if (n == w) rank = std::min(rank, 0);
      else if (n.compare(0, w.size(), w) == 0) rank = std::min(rank, 1);
    }
    if (rank > 2 && names[0].find(w) != std::string::npos) rank = 2;
    if (rank > 3) {
      std::string hay = lower(e.signature + " " + e.doc);
      for (size_t k = 1; k < names.size(); ++k) hay += " " + names[k];
      if (hay.find(w) != std::string::npos) rank = 3;
    }
    if (rank < 4) ranked[rank].push_back(i);
  }
  std::vector<size_t> out;
  for (const auto& r : ranked) out.insert(out.end(), r.begin(), r.end());
  return out;
}

// [SECTION] the tutorial

namespace {

// Markdown's inline markup away: **bold**, `code`, [text](link) -> text.
std::string plain(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "**") == 0) {
      ++i;
      continue;
    }
    if (s[i] == '`') continue;
    if (s[i] == '[') {
      const size_t close = s.find("](", i);
      const size_t end = close == std::string::npos ? close : s.find(')', close);
      if (end != std::string::npos && s.find('\n', i) > end) {
        o += s.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    o += s[i];
  }
  return o;
}

}  // namespace

size_t TutorialSection::snippet_count() const {
  size_t n = 0;
  for (const auto& b : blocks) n += (b.language == "lua" || b.language == "glsl") ? 1 : 0;
  return n;
}

std::vector<TutorialSection> parse_tutorial(std::string_view markdown) {
  std::vector<TutorialSection> out;
  std::istringstream in{std::string(markdown)};
  std::string line, para, code, lang;
  bool in_code = false;
  auto section = [&]() -> TutorialSection& {
    if (out.empty()) out.push_back(TutorialSection{"Introduction", {}});
    return out.back();
  };
  auto flush = [&] {
    if (!para.empty()) section().blocks.push_back(TutorialBlock{plain(para), ""});
    para.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (in_code) {
      if (starts_with(line, "```")) {
        section().blocks.push_back(TutorialBlock{code, lang});
        in_code = false;
      } else {
        code += (code.empty() ? "" : "\n") + line;
      }
      continue;
    }
    if (starts_with(line, "```")) {
      flush();
      lang = trim(line.substr(3));
      if (lang.empty()) lang = "text";
      code.clear();
      in_code = true;
    } else if (starts_with(line, "## ") || (starts_with(line, "# ") && out.empty())) {
      flush();
      // The document's own title opens the introduction.
      out.push_back(TutorialSection{line[1] == '#' ? plain(trim(line.substr(3))) : "Introduction", {}});
    } else if (trim(line).empty()) {
      flush();
    } else if (starts_with(trim(line), "- ") || starts_with(trim(line), "* ")) {
      para += (para.empty() ? "" : "\n") + std::string("\xE2\x80\xA2 ") + trim(line).substr(2);  // a bullet
    } else {
      para += (para.empty() ? "" : " ") + trim(line);
    }
  }
  flush();
  return out;
}

std::vector<TutorialSection> read_tutorial(const std::filesystem::path& data_dir) {
  std::ifstream in(data_dir / "docs" / "tutorial.md", std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return parse_tutorial(s.str());
}

}  // namespace mr::runtime
