// `moonrave reference [WORD] [--markdown] [--examples] [--out FILE]`: the reference of every Lua
// function and control, generated from the code's own documentation, so there is one source of
// truth: the pattern registry (src/pattern/registry*.cpp: name, aliases, signature, doc, example,
// category), the table of performance functions below, and the `---` doc comments with
// `-- @example` lines of the Lua library in patterns/*.lua. docs/reference.md is this command's
// --markdown output; a test checks that it is up to date and that every example runs.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "app/paths.hpp"
#include "pattern/registry.hpp"

namespace mr::app {

namespace {

// One documented name, whatever its source.
struct Entry {
  std::string section;    // "Performance", "Pattern functions: time", "Library: grooves"
  std::string name;
  std::string signature;  // how it is called
  std::string doc;
  std::string example;    // runnable Lua
  bool expression = true;  // the example is a pattern expression (moonrave query runs it)
  std::vector<std::string> aliases;
  std::vector<std::string> variants;  // operator structure variants: addOut, addSqueeze...
};

// The performance vocabulary the runtime defines around the pattern functions (slots, tempo,
// one-shots, shader uniforms). The runtime's Lua bindings carry no doc text of their own, so it
// lives here; the reference test runs every example against the real runtime.
struct PerfDoc {
  const char* name;
  const char* signature;
  const char* doc;
  const char* example;
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
    {"hush", "hush()", "Stops every slot.", "d1(s(\"bd*4\"))\nhush()"},
    {"mute", "mute(name, ...)", "Silences the named slots without forgetting them; unmute(name, ...) brings them back.",
     "d1(s(\"bd*4\"))\nd2(s(\"hh*8\"))\nmute(\"d2\")\nunmute(\"d2\")"},
    {"solo", "solo(name, ...)", "Only the named slots play; unsolo() ends the solo.",
     "d1(s(\"bd*4\"))\nd2(s(\"hh*8\"))\nsolo(\"d1\")\nunsolo()"},
    {"setcps", "setcps(cps)", "Sets the tempo in cycles per second (0.5 cps is 120 bpm with four beats a cycle).",
     "setcps(0.5)\nd1(s(\"bd*4\"))"},
    {"setbpm", "setbpm(bpm)", "Sets the tempo in beats per minute, four beats a cycle: setbpm(bpm) is setcps(bpm / 240).",
     "setbpm(128)\nd1(s(\"bd*4\"))"},
    {"once", "once(pat)", "Plays one cycle of `pat` once, from the next cycle, without taking a slot.",
     "once(s(\"cp*4\"):room(0.5))"},
    {"uniform", "uniform(name, pat)",
     "Feeds the pattern's values to the shader's `uniform float name;` as the music plays, so visuals "
     "follow the patterns.",
     "uniform(\"pulse\", \"1 0.3 0.6 0.3\")\nuniform(\"sweep\", sine:slow(8))"},
    {"mini", "mini(str)", "Parses mini-notation explicitly (strings are parsed wherever a pattern is expected).",
     "d1(s(mini(\"bd [sn sn]\")))"},
    {"operators", "pat + x, pat - x, pat * x, pat / x",
     "Arithmetic on patterns, with the structure from the left (like add, sub, mul, div).",
     "d1(n(mini(\"0 2 4\") + \"<0 3>\"):scale(\"C:minor\"):s(\"pluck\"))"},
    {"require", "require(module)",
     "Loads a module of the Lua library in patterns/ (grooves, basslines, chords, scales, fills, helpers).",
     "local grooves = require(\"grooves\")\nd1(grooves.four_floor(\"tr909\"))"},
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string title_case(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
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
  for (const char* w : {"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "p(", "once(", "setcps(", "setbpm(",
                        "hush(", "uniform(", "local "}) {
    if (starts_with(code, w)) return true;
  }
  return false;
}

// The structure suffixes of the operators (registry_core.cpp registers name + suffix).
const char* const kModeSuffixes[] = {"In", "Out", "Mix", "Squeeze", "Squeezeout", "Reset", "Restart", "Poly"};

std::vector<Entry> pattern_entries() {
  const auto& all = pattern::Registry::instance().all();
  std::map<std::string, size_t> index;  // base operator name -> position in out
  std::vector<Entry> out;
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
    Entry e;
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
struct Module {
  std::string name;
  std::string doc;
  std::vector<Entry> entries;
};

Module read_module(const std::filesystem::path& file) {
  Module m;
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
    }
    if (!name.empty() && !doc.empty()) {
      Entry e;
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

std::vector<Module> library_modules() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(data_dir() / "patterns", ec)) {
    // prelude.lua is the runtime's start-up code, not a module for require().
    if (e.path().extension() == ".lua" && e.path().stem() != "prelude") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Module> mods;
  for (const auto& f : files) mods.push_back(read_module(f));
  return mods;
}

std::vector<Entry> performance_entries() {
  std::vector<Entry> out;
  for (const PerfDoc& d : kPerformance) {
    Entry e;
    e.section = "performance";
    e.name = d.name;
    e.signature = d.signature;
    e.doc = d.doc;
    e.example = d.example;
    e.expression = false;
    out.push_back(std::move(e));
  }
  return out;
}

std::string anchor(const std::string& title) {
  std::string a;
  for (char c : lower(title)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') a += c;
    else if (c == ' ') a += '-';
  }
  return a;
}

void entry_markdown(std::ostringstream& o, const Entry& e, const char* level = "####") {
  o << level << " " << e.name << "\n\n";
  o << "`" << e.signature << "`";
  if (!e.aliases.empty()) {
    o << " (also";
    for (size_t i = 0; i < e.aliases.size(); ++i) o << (i ? ", " : " ") << "`" << e.aliases[i] << "`";
    o << ")";
  }
  o << "\n\n" << e.doc << "\n\n";
  if (!e.variants.empty()) {
    o << "Structure variants:";
    for (size_t i = 0; i < e.variants.size(); ++i) o << (i ? ", " : " ") << "`" << e.variants[i] << "`";
    o << ".\n\n";
  }
  if (!e.example.empty()) o << "```lua\n" << e.example << "\n```\n\n";
}

std::string markdown() {
  std::ostringstream o;
  const auto perf = performance_entries();
  const auto pats = pattern_entries();
  const auto mods = library_modules();
  std::vector<std::string> cats;
  for (const auto& e : pats)
    if (std::find(cats.begin(), cats.end(), e.section) == cats.end()) cats.push_back(e.section);

  o << "# moonrave reference\n\n"
       "Every Lua function and control of moonrave, one entry each: how to call it, what it does and an\n"
       "example that runs. This file is generated by `moonrave reference --markdown` from the code's own\n"
       "documentation: the pattern registry (`src/pattern/registry*.cpp`), the performance functions\n"
       "(`src/app/cmd_reference.cpp`) and the `---` doc comments of the Lua library (`patterns/*.lua`).\n"
       "Do not edit it by hand; regenerate it with\n"
       "`moonrave reference --markdown --out docs/reference.md`. In a terminal, `moonrave reference WORD`\n"
       "searches it. New to moonrave? Start with the [tutorial](tutorial.md).\n\n"
       "A function of a pattern is both a method and a global function: `pat:fast(2)`, `fast(2, pat)`,\n"
       "and curried `fast(2)` (a function of a pattern, for `every(3, fast(2))`). Strings are\n"
       "mini-notation wherever a pattern is expected.\n\n";
  o << "## Contents\n\n";
  o << "- [Performance](#performance): slots, tempo, one-shots, shader uniforms\n";
  o << "- [Pattern functions](#pattern-functions):";
  for (size_t i = 0; i < cats.size(); ++i) o << (i ? "," : "") << " [" << cats[i] << "](#" << anchor(title_case(cats[i])) << ")";
  o << "\n- [Library](#library):";
  for (size_t i = 0; i < mods.size(); ++i) o << (i ? "," : "") << " [" << mods[i].name << "](#" << anchor(mods[i].name) << ")";
  o << "\n\n";

  o << "## Performance\n\n";
  for (const auto& e : perf) entry_markdown(o, e, "###");

  o << "## Pattern functions\n\n";
  for (const auto& c : cats) {
    o << "### " << title_case(c) << "\n\n";
    if (c == "control") {
      o << "Controls set the sound's parameters. Each is a constructor (`gain(0.8)`) and a method "
           "(`s(\"bd\"):gain(0.8)`); their values may be patterns.\n\n";
    }
    for (const auto& e : pats)
      if (e.section == c) entry_markdown(o, e);
  }

  o << "## Library\n\n"
       "Lua modules in `patterns/`, loaded with `require`. Each function returns a pattern, so it\n"
       "composes with every method above.\n\n";
  for (const auto& m : mods) {
    o << "### " << m.name << "\n\n";
    if (!m.doc.empty()) o << m.doc << "\n\n";
    for (const auto& e : m.entries) entry_markdown(o, e);
  }
  std::string s = o.str();
  while (s.size() > 1 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n') s.pop_back();
  return s;
}

std::vector<Entry> every_entry() {
  std::vector<Entry> all = performance_entries();
  for (auto& e : pattern_entries()) all.push_back(std::move(e));
  for (auto& m : library_modules())
    for (auto& e : m.entries) all.push_back(std::move(e));
  return all;
}

// One line a match: name, signature, doc; then the example, indented. Entries named WORD (or
// with WORD as an alias or variant) come first, then those that mention it.
int search(const std::string& word) {
  const std::string w = lower(word);
  std::vector<Entry> named, mentioned;
  for (auto& e : every_entry()) {
    bool is_named = lower(e.name) == w;
    for (const auto& a : e.aliases) is_named = is_named || lower(a) == w;
    for (const auto& v : e.variants) is_named = is_named || lower(v) == w;
    std::string hay = lower(e.name + " " + e.signature + " " + e.doc);
    for (const auto& a : e.aliases) hay += " " + lower(a);
    for (const auto& v : e.variants) hay += " " + lower(v);
    if (is_named) named.push_back(std::move(e));
    else if (w.empty() || hay.find(w) != std::string::npos) mentioned.push_back(std::move(e));
  }
  for (auto& e : mentioned) named.push_back(std::move(e));
  int found = 0;
  for (const auto& e : named) {
    ++found;
    std::printf("%s  [%s]\n  %s\n", e.signature.c_str(), e.section.c_str(), e.doc.c_str());
    if (!e.aliases.empty()) {
      std::string s;
      for (const auto& a : e.aliases) s += (s.empty() ? "" : ", ") + a;
      std::printf("  also: %s\n", s.c_str());
    }
    if (!e.example.empty()) {
      std::string ex = e.example;
      for (size_t p = ex.find('\n'); p != std::string::npos; p = ex.find('\n', p + 5)) ex.replace(p, 1, "\n    ");
      std::printf("  e.g. %s\n", ex.c_str());
    }
  }
  if (found == 0) {
    std::fprintf(stderr, "moonrave reference: nothing matches '%s'\n", word.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int run_reference(const ParsedArgs& args) {
  if (args.has("--examples")) {
    // For tests: "expr<TAB>code" (a pattern expression, for moonrave query) or "stmt<TAB>code"
    // (statements, for moonrave render); newlines in code as "\n".
    for (const auto& e : every_entry()) {
      if (e.example.empty()) continue;
      std::string code = e.example;
      for (size_t p = code.find('\n'); p != std::string::npos; p = code.find('\n', p + 2)) code.replace(p, 1, "\\n");
      std::printf("%s\t%s\t%s\n", e.expression ? "expr" : "stmt", e.name.c_str(), code.c_str());
    }
    return 0;
  }
  if (args.has("--markdown")) {
    const std::string md = markdown();
    if (auto out = args.get("--out")) {
      std::ofstream f(*out, std::ios::binary);
      f << md;
      if (!f) {
        std::fprintf(stderr, "moonrave reference: cannot write %s\n", out->c_str());
        return 1;
      }
      return 0;
    }
    std::fwrite(md.data(), 1, md.size(), stdout);
    return 0;
  }
  return search(args.positional.empty() ? std::string() : args.positional[0]);
}

}  // namespace mr::app
