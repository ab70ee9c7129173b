// What Lua code edits when it plays: the slots (d1..d16 and named ones) with mute and solo, and
// what one evaluation asks for (a hush, new patterns, uniforms, one-shots, a tempo). An
// evaluation edits a working copy; only when it succeeds are its edits applied to the scheduler,
// all at one cycle, so a failing evaluation leaves every slot as it was.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pattern/pattern.hpp"
#include "runtime/source_ref.hpp"

namespace mr::runtime {

struct SlotState {
  std::string name;
  pattern::Pattern pat;
  SourceRef source;  // where its code came from
  bool muted = false;
};

struct SetState {
  std::vector<SlotState> slots;  // in the order first filled
  std::optional<std::vector<std::string>> soloed;

  SlotState* find(const std::string& name) {
    for (SlotState& s : slots)
      if (s.name == name) return &s;
    return nullptr;
  }
  bool audible(const SlotState& s) const {
    if (s.muted) return false;
    if (!soloed) return true;
    for (const std::string& n : *soloed)
      if (n == s.name) return true;
    return false;
  }
  // "d1", "-bass" (muted or not soloed), in order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const SlotState& s : slots) out.push_back((audible(s) ? "" : "-") + s.name);
    return out;
  }
};

struct EvalEdits {
  bool hushed = false;
  std::vector<std::string> touched;  // slots given a new pattern
  struct Uniform {
    std::string name;
    pattern::Pattern pat;
  };
  std::vector<Uniform> uniforms;
  std::vector<pattern::Pattern> once;
  std::optional<double> cps;
  std::optional<bool> link;  // link(on): join or leave the Ableton Link session
  int anonymous = 0;  // `$` slots named so far ($0, $1, ... as Strudel's `$:`)
  int transforms = 0;  // all(f)/each(f) given (the functions are kept on the Lua side)
  std::vector<std::string> warnings;  // said once the evaluation is applied (samples from a URL...)
};

// The state the Lua functions of bind_performance.cpp edit.
class MidiInput;
struct EvalContext {
  SetState working;
  EvalEdits edits;
  SourceRef source;  // of the code being evaluated
  double cps = 0.5;  // the tempo as the evaluation sees it (setcps in it changes it), for cpm
  ControlInputs* inputs = nullptr;  // ctrl()'s values (control_inputs.hpp); none offline
  bool link_available = false;      // a live session, which can join Ableton Link
  MidiInput* midi = nullptr;        // cc(), midinote(), midivel()'s values (midi_input.hpp); none offline
};

class LuaHost;
class ControlInputs;
// Installs p, d1..d16, Pattern:play, hush, solo, unsolo, mute, unmute, setcps, setbpm, once,
// uniform and __moonrave_slots over `ctx` (which must outlive the host's use of them).
void bind_performance(LuaHost& host, EvalContext* ctx);

}  // namespace mr::runtime
