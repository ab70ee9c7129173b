// The example sets: the index lives in the runtime library (the stage's browser reads it too).
#pragma once

#include "runtime/example_index.hpp"

namespace mr::app {

using runtime::ExampleSet;
using runtime::list_examples;
using runtime::read_example_header;

}  // namespace mr::app
