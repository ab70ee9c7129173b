// What the suggestion engine may name: the pattern functions, the controls, the sounds and the
// scales this build knows. One place, so the pane and the harness complete the same words.
#pragma once

#include "suggest/predictor.hpp"

namespace mr::app {

suggest::Vocabulary build_vocabulary();

}  // namespace mr::app
