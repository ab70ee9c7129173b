// MR_ASSERT: for moonrave's own bugs only. The user's mistakes (Lua, mini-notation, GLSL, the
// config) get a result value with a message and a source range instead.
#pragma once

#include <cstdio>
#include <cstdlib>

#define MR_ASSERT(cond)                                                                   \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "moonrave: internal error: %s:%d: assertion failed: %s\n",      \
                   __FILE__, __LINE__, #cond);                                            \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)
