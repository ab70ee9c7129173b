// moonrave: entry point. `moonrave [FILE]` opens the performance window; other first words name
// a subcommand (render, query, shot, replay, examples, doctor).
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "mr_version.hpp"

namespace {

void print_main_help() {
  std::printf(
      "moonrave %s: a live-coding instrument for music and visuals\n\n"
      "usage: moonrave [FILE.lua] [options]     open the performance window (default: the welcome set)\n"
      "       moonrave COMMAND [options]\n\ncommands:\n",
      MR_VERSION);
  for (const auto& c : mr::app::commands())
    std::printf("  %-10s %s\n", c.spec.name.c_str(), c.spec.summary.c_str());
  std::printf(
      "\n'moonrave COMMAND --help' describes a command; 'moonrave --help-window' the window's options.\n"
      "  --version  print the version\n");
}

int run(const mr::app::CommandSpec& spec, int (*fn)(const mr::app::ParsedArgs&),
        const std::vector<std::string>& rest) {
  try {
    mr::app::ParsedArgs args = mr::app::parse_args(spec, rest);
    if (args.has("--help")) {
      std::fputs(mr::app::command_help(spec).c_str(), stdout);
      return 0;
    }
    return fn(args);
  } catch (const mr::app::UsageError& e) {
    std::fprintf(stderr, "moonrave %s: %s\n", spec.name.c_str(), e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "moonrave %s: error: %s\n", spec.name.c_str(), e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty()) {
    const std::string& first = args[0];
    if (first == "--version" || first == "-V") {
      std::printf("moonrave %s\n", MR_VERSION);
      return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
      if (first == "help" && args.size() > 1) {
        for (const auto& c : mr::app::commands())
          if (c.spec.name == args[1]) return run(c.spec, c.run, {"--help"});
      }
      print_main_help();
      return 0;
    }
    if (first == "--help-window") return run(mr::app::window_spec(), mr::app::run_window, {"--help"});
    for (const auto& c : mr::app::commands()) {
      if (c.spec.name == first) return run(c.spec, c.run, {args.begin() + 1, args.end()});
    }
    // Not a command: a set to open, or an option of the window. A bare word that is neither a
    // file nor a command is most likely a mistyped command.
    if (first[0] != '-' && first.find('.') == std::string::npos && first.find('/') == std::string::npos) {
      std::fprintf(stderr, "moonrave: unknown command '%s' (see 'moonrave --help')\n", first.c_str());
      return 2;
    }
  }
  return run(mr::app::window_spec(), mr::app::run_window, args);
}
