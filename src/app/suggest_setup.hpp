// Builds the suggestion engine the way the window uses it: the vocabulary of this build, the
// corpus (patterns/, examples/, the user's library folders and recent performance logs) trained
// on the engine's own thread, and the remote providers the config lists.
#pragma once

#include <memory>

#include "runtime/config.hpp"
#include "suggest/engine.hpp"

namespace mr::app {

// nullptr when the config turns suggestions off (suggest.enabled = false).
std::unique_ptr<suggest::Engine> make_suggest_engine(const runtime::Config& config);

}  // namespace mr::app
