// Subcommands whose engines are being wired in; each reports plainly that it is not available.
#include <cstdio>

#include "app/commands.hpp"

namespace mr::app {

namespace {
int unavailable(const char* what) {
  std::fprintf(stderr, "moonrave %s: not available in this build yet\n", what);
  return 1;
}
}  // namespace

int run_render(const ParsedArgs&) { return unavailable("render"); }
int run_replay(const ParsedArgs&) { return unavailable("replay"); }
int run_window(const ParsedArgs&) { return unavailable("window"); }

}  // namespace mr::app
