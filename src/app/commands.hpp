// The subcommands of the `moonrave` binary. Each has a spec (options, help) and a run function
// returning the process exit code; UsageError from a run function means a bad command line.
#pragma once

#include <vector>

#include "app/cli.hpp"

namespace mr::app {

struct Command {
  CommandSpec spec;
  int (*run)(const ParsedArgs& args);
};

// Every subcommand, in the order `moonrave --help` lists them.
const std::vector<Command>& commands();

int run_window(const ParsedArgs& args);  // `moonrave [FILE]`: the performance window
int run_render(const ParsedArgs& args);
// Output devices every compiled RtAudio API can open now; `found` names them (doctor, window).
int probe_audio_outputs(std::string& found);
int run_query(const ParsedArgs& args);
int run_port(const ParsedArgs& args);
int run_shot(const ParsedArgs& args);
int run_replay(const ParsedArgs& args);
int run_examples(const ParsedArgs& args);
int run_reference(const ParsedArgs& args);
int run_doctor(const ParsedArgs& args);
int run_suggest_eval(const ParsedArgs& args);
int run_serve(const ParsedArgs& args);

// The window command's spec (options of `moonrave [FILE]`).
const CommandSpec& window_spec();

}  // namespace mr::app
