// The Strudel conformance suite: every case in tests/conformance/cases/*.jsonl (recorded from
// @strudel/core and @strudel/mini 1.2.6 by scripts/conformance) is evaluated here through the
// Lua API, exactly as `moonrave query` does, queried over the same span (one query, or one per
// cycle), and its event lines are compared with Strudel's: whole, part, value JSON and order.
//
// A case may only differ when tests/conformance/known_differences.txt lists it with a reason.
// A listed case that now matches also fails the test, so the list stays true.
//
// Environment: MR_CONFORMANCE_FILTER=substring runs only the matching cases;
// MR_CONFORMANCE_VERBOSE=1 prints the first differing lines of every mismatch.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "pattern/json.hpp"
#include "pattern/rational.hpp"
#include "runtime/bindings.hpp"

namespace fs = std::filesystem;
using mr::pattern::Rational;

namespace {

struct Case {
  std::string theme, name, lua, js, query;
  std::string from, to;
  std::vector<std::string> events;
  std::string id() const { return theme + "/" + name; }
};

std::vector<Case> load_cases(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto j = nlohmann::json::parse(line);
      Case c;
      c.theme = f.stem().string();
      c.name = j.at("name").get<std::string>();
      c.lua = j.at("lua").get<std::string>();
      c.js = j.at("js").get<std::string>();
      c.query = j.at("query").get<std::string>();
      c.from = j.at("from").get<std::string>();
      c.to = j.at("to").get<std::string>();
      c.events = j.at("events").get<std::vector<std::string>>();
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

// "theme/name reason..." a line; blank lines and lines starting with '#' are comments.
std::map<std::string, std::string> load_known(const fs::path& file) {
  std::map<std::string, std::string> known;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.find_first_of(" \t");
    std::string id = line.substr(0, sp);
    std::string reason = sp == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", sp));
    known[id] = reason;
  }
  return known;
}

// The Lua API lets a method be called on a string literal, ("a b"):fast(2), as Strudel's
// "a b".fast(2). Where the bindings do not (yet) route a string's methods to the pattern methods,
// this does it for the test's state: pattern methods first, then the string library.
bool g_string_shim = false;
void install_string_methods(mr::runtime::LuaHost& host) {
  auto e = host.run(R"(
    if ("").fast == nil and Pattern ~= nil then
      local methods, strlib = Pattern, string
      getmetatable("").__index = function(s, k)
        local m = methods[k]
        if m ~= nil then return m end
        return strlib[k]
      end
      __moonrave_string_shim = true
    end)", "string-methods");
  REQUIRE(e.ok);
  auto check = host.run("assert(not __moonrave_string_shim)", "string-methods-check");
  if (!check.ok) g_string_shim = true;
}

// What our engine prints for the case, or an error message (prefixed "error: ").
std::vector<std::string> run_case(const Case& c, std::string& error) {
  mr::runtime::LuaHostOptions options;
  options.memory_limit_bytes = size_t{256} << 20;
  options.eval_budget_ms = 5000.0;
  options.require_paths = {"patterns"};
  mr::runtime::LuaHost host(options);
  mr::runtime::bind_patterns(host);
  install_string_methods(host);
  // The voicing dictionaries are the program's (as Strudel's are its module's): each case starts
  // from the built-in ones, as the generator resets them for each case.
  REQUIRE(host.run("resetVoicings()", "reset-voicings").ok);
  mr::pattern::Pattern pat;
  auto e = mr::runtime::eval_pattern(host, c.lua, pat);
  if (!e.ok) {
    error = "evaluation failed: " + e.message;
    return {};
  }
  try {
    const Rational from = Rational::parse(c.from), to = Rational::parse(c.to);
    if (c.query == "span") return mr::pattern::query_json_lines(pat, from, to);
    std::vector<std::string> out;
    for (Rational b = from; b < to; b = b.floor() + Rational(1)) {
      Rational e2 = b.floor() + Rational(1);
      if (to < e2) e2 = to;
      auto part = mr::pattern::query_json_lines(pat, b, e2);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  } catch (const std::exception& ex) {
    error = std::string("query failed: ") + ex.what();
    return {};
  }
}

std::string describe_mismatch(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::ostringstream os;
  os << "  strudel: " << want.size() << " events, moonrave: " << got.size() << " events\n";
  size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  os << "  first difference at event " << i << ":\n";
  for (size_t k = i; k < std::min(want.size(), i + 3); ++k) os << "    want " << want[k] << "\n";
  for (size_t k = i; k < std::min(got.size(), i + 3); ++k) os << "    got  " << got[k] << "\n";
  return os.str();
}

// The function a case is about: its name up to the first '-' or '@' ("fast-patterned" -> fast).
std::string function_of(const Case& c) {
  auto n = c.name.find_first_of("-@");
  return c.theme + "/" + c.name.substr(0, n);
}

}  // namespace

TEST_CASE("conformance: Strudel's events for every recorded case", "[conformance]") {
  const fs::path root = fs::path(MR_SOURCE_DIR) / "tests" / "conformance";
  const auto cases = load_cases(root / "cases");
  const auto known = load_known(root / "known_differences.txt");
  const char* filter = std::getenv("MR_CONFORMANCE_FILTER");
  const bool verbose = std::getenv("MR_CONFORMANCE_VERBOSE") != nullptr;
  REQUIRE(cases.size() >= 300);
  for (const auto& [id, reason] : known) {
    INFO("known difference without a reason: " << id);
    CHECK(!reason.empty());
    INFO("known difference naming no case: " << id);
    CHECK(std::any_of(cases.begin(), cases.end(), [&](const Case& c) { return c.id() == id; }));
  }

  struct Row { int total = 0, pass = 0, known = 0, fail = 0; };
  std::map<std::string, Row> table;
  int total = 0, pass = 0, known_count = 0;
  std::vector<std::string> unexpected, stale;
  for (const Case& c : cases) {
    if (filter && c.id().find(filter) == std::string::npos) continue;
    std::string error;
    const auto got = run_case(c, error);
    const bool ok = error.empty() && got == c.events;
    const bool listed = known.count(c.id()) > 0;
    Row& row = table[function_of(c)];
    ++row.total;
    ++total;
    if (ok) {
      ++row.pass;
      ++pass;
      if (listed) stale.push_back(c.id());
    } else if (listed) {
      ++row.known;
      ++known_count;
    } else {
      ++row.fail;
      std::string msg = c.id() + "  " + c.lua + "\n" + (error.empty() ? describe_mismatch(c.events, got) : "  " + error + "\n");
      unexpected.push_back(msg);
    }
    if (verbose && !ok) std::printf("MISMATCH %s%s", listed ? "(known) " : "", (c.id() + "  " + c.lua + "\n" + (error.empty() ? describe_mismatch(c.events, got) : "  " + error + "\n")).c_str());
  }

  std::printf("%-34s %6s %6s %6s %6s\n", "function", "cases", "pass", "known", "FAIL");
  for (const auto& [fn, r] : table)
    std::printf("%-34s %6d %6d %6d %6d%s\n", fn.c_str(), r.total, r.pass, r.known, r.fail, r.fail ? "  <--" : "");
  if (g_string_shim)
    std::printf("note: the Lua bindings do not route methods on strings to patterns; this test routes them itself\n");
  std::printf("conformance: %d/%d cases match Strudel exactly, %d known differences, %zu unexpected mismatches\n",
              pass, total, known_count, unexpected.size());

  for (const auto& m : unexpected) {
    INFO(m);
    CHECK(false);
  }
  for (const auto& id : stale) {
    INFO("listed in known_differences.txt but now matches Strudel; remove the entry: " << id);
    CHECK(false);
  }
}
