// The reference of every Lua function and control, collected from the code's own documentation
// (one source of truth): the pattern registry, the performance vocabulary below the pattern
// functions, and the `---` doc comments with `-- @example` lines of the Lua library in
// patterns/*.lua. `moonrave reference` prints it; the stage's help pane searches it. The
// tutorial (docs/tutorial.md) is read here too, split into sections and runnable snippets.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mr::runtime {

// One documented name, whatever its source.
struct RefEntry {
  std::string section;    // "performance", a registry category ("time"), a library module ("grooves")
  std::string name;
  std::string signature;  // how it is called
  std::string doc;
  std::string example;     // runnable Lua
  bool expression = true;  // the example is a pattern expression (moonrave query runs it)
  std::vector<std::string> aliases;
  std::vector<std::string> variants;  // operator structure variants: addOut, addSqueeze...
};

// A module of the Lua library: its first `---` paragraph and its documented functions.
struct RefModule {
  std::string name;
  std::string doc;
  std::vector<RefEntry> entries;
};

std::vector<RefEntry> performance_entries();  // d1, hush, setcps, uniform...
std::vector<RefEntry> pattern_entries();      // the registry, structure variants folded in
RefModule read_library_module(const std::filesystem::path& file);
// patterns/*.lua under data_dir (the prelude excepted), sorted by file name.
std::vector<RefModule> library_modules(const std::filesystem::path& data_dir);
// Performance, then pattern functions, then the library: the order of the reference.
std::vector<RefEntry> all_reference_entries(const std::filesystem::path& data_dir);

// Indices into `entries` matching `query` (case-insensitive), best first: entries named it (name,
// alias or variant), then those whose name or an alias starts with it, then those whose name
// contains it, then those that mention it in their signature or doc. Within a rank the
// reference's order is kept. An empty query matches everything.
std::vector<size_t> search_reference(const std::vector<RefEntry>& entries, std::string_view query);

// docs/tutorial.md, split at its `## ` headings into text and fenced code blocks.
struct TutorialBlock {
  std::string text;      // a paragraph (markup stripped) or the code of a snippet
  std::string language;  // "lua", "glsl", "sh" for code; empty for a paragraph
  bool is_code() const { return !language.empty(); }
};
struct TutorialSection {
  std::string title;  // "1. The first sound"
  std::vector<TutorialBlock> blocks;
  size_t snippet_count() const;  // runnable code blocks (lua and glsl)
};
std::vector<TutorialSection> parse_tutorial(std::string_view markdown);
// data_dir/docs/tutorial.md parsed; empty when it cannot be read.
std::vector<TutorialSection> read_tutorial(const std::filesystem::path& data_dir);

}  // namespace mr::runtime
