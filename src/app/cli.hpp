// A small command-line parser for moonrave's subcommands: declared options, generated --help,
// and one clear line on stderr for any mistake (exit code 2).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mr::app {

// Thrown for a bad command line; main() prints "moonrave <cmd>: <message>" and exits with 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;     // "--seconds"
  std::string metavar;  // "S"; empty for a flag
  std::string help;
};

struct CommandSpec {
  std::string name;      // "render"
  std::string synopsis;  // "FILE.lua (--seconds S | --cycles N) --out OUT.wav [--rate HZ] [--seed N]"
  std::string summary;   // one line for `moonrave --help`
  std::string details;   // paragraphs for `moonrave render --help`
  std::vector<OptionSpec> options;
  int min_positional = 0;
  int max_positional = 0;
};

class ParsedArgs {
 public:
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  double number(const std::string& name, double fallback, double min, double max) const;
  long long integer(const std::string& name, long long fallback, long long min, long long max) const;
  std::map<std::string, std::string> values_;
};

// Parses args (after the subcommand name). "--help" sets values_["--help"]. "--x=v" and "--x v".
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);
std::string command_help(const CommandSpec& spec);

}  // namespace mr::app
