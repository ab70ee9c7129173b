// The stage's views of the events marked for drawing: a piano roll (pianoroll(), punchcard()) and
// an oscilloscope of the master output (scope()), Strudel's visual feedback. Each draws into a
// rectangle it is given: the whole code area behind the code, or a strip right of the line the
// events come from (the `_` inline forms). Pure drawing, no state but what it is handed.
#pragma once

#include <string>
#include <vector>

#include "runtime/session.hpp"
#include "ui/editor_view.hpp"
#include "ui/theme.hpp"

struct ImDrawList;

namespace mr::ui {

struct RollOptions {
  double cycles = 4.0;     // the width of the roll, in cycles
  double playhead = 0.75;  // where now is, 0..1 of the width (the past to its left)
  float alpha = 1.0f;      // behind the code: lighter, so the code stays legible
  int min_rows = 12;       // the fewest pitch rows (an octave); the range grows with the notes
};

// Draws the events as boxes: time across (now at the playhead), pitch up (the events without a
// pitch on rows of their own, one a sound, below); the events sounding now lit. Returns how many
// boxes were drawn.
int draw_roll(ImDrawList* dl, const ScreenRect& r, const std::vector<const runtime::DrawEvent*>& events,
              const Theme& theme, const RollOptions& o);

// Draws the master output's last samples as a line across the rectangle (centre is silence).
// Returns the number of points drawn.
int draw_scope(ImDrawList* dl, const ScreenRect& r, const float* samples, int count, const Theme& theme, float alpha);

// The colour of an event on the roll: by its sound (or slot), from the theme's syntax colours.
Rgba roll_colour(const Theme& theme, const std::string& key);

}  // namespace mr::ui
