// moonrave window: not wired in yet; reports plainly that it is not available.
#include <cstdio>

#include "app/commands.hpp"

namespace mr::app {

int run_window(const ParsedArgs&) {
  std::fprintf(stderr, "moonrave window: not available in this build yet\n");
  return 1;
}

}  // namespace mr::app
