// Strudel's functions that only draw (pianoroll, scope, spiral ... and their `_` inline forms),
// the output routings (midi, osc), log and logValues, core's cpm, seqPLoop and useRNG. Drawing
// and routing happen outside the pattern: these change no event (midi adds the channel that
// routes an event to the MIDI output when it has none).
#include "pattern/registry_util.hpp"

namespace mr::pattern {

using namespace reg;

namespace {

// The pattern a draw or output function applies to: the first argument that is a pattern and not
// a plain string (method form: the receiver), else the first. The others must be options: a
// table, or a string (a port name); anything else is an error, never silently dropped.
const Pattern& receiver(std::span<const Arg> a, const std::string& fn, size_t max_options) {
  if (a.empty() || a[0].kind != Arg::Kind::Pattern) throw ArgError(fn + ": needs a pattern, e.g. note(\"c e g\"):" + fn + "()");
  size_t at = 0;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].kind == Arg::Kind::Pattern && !a[i].text) {
      at = i;
      break;
    }
  for (size_t i = 0; i < a.size(); ++i) {
    if (i == at) continue;
    if (a[i].kind != Arg::Kind::List && !a[i].text)
      throw ArgError(fn + ": the options must be a table, e.g. {labels = 1}, or a name in quotes");
  }
  if (a.size() - 1 > max_options) throw ArgError(fn + ": takes at most " + std::to_string(max_options) + " option argument(s)");
  return a[at].pattern;
}

}  // namespace

void register_output(Registry& r) {
  Builder b{r};
  struct Draw {
    const char* name;
    std::vector<std::string> aliases;
    const char* what;
    uint8_t marks;  // what the stage draws (Hap::marks), 0 for the views it does not draw
  };
  const Draw draws[] = {
      {"pianoroll", {}, "a piano roll of the events", kDrawRoll},
      {"punchcard", {}, "a punch card of the events", kDrawRoll},
      {"wordfall", {"_wordfall"}, "the events as falling words", 0},
      {"spiral", {"_spiral"}, "the events on a spiral", 0},
      {"pitchwheel", {"_pitchwheel"}, "the notes on a pitch wheel", 0},
      {"scope", {"tscope"}, "an oscilloscope of the sound", kDrawScope},
      {"fscope", {"_fscope"}, "a frequency scope of the sound", 0},
      {"spectrum", {"_spectrum"}, "a scrolling spectrum of the sound", 0},
      {"markcss", {}, "CSS on the code of the sounding atoms", 0},
  };
  for (const Draw& d : draws) {
    const std::string nm = d.name;
    const std::string example = std::string("note(\"c2 a2 eb2\"):euclid(5, 8):") + d.name + "()";
    if (d.marks == 0) {
      b.add(d.name, d.aliases, nm + "(options, pat)",
            "Strudel draws " + std::string(d.what) +
                " (the `_` form inline in the code). moonrave's stage does not draw this view: the pattern plays "
                "unchanged and the options table is checked, not used.",
            example, "draw", -1, [nm](std::span<const Arg> a) { return receiver(a, nm, 1); });
      continue;
    }
    // The stage draws it: behind the code, or (the `_` form) inline, under the code the events
    // come from. The events play unchanged, marked for it.
    const bool roll = d.marks & kDrawRoll;
    const std::string view = roll ? "a scrolling roll of the marked events (time across, pitch or sound up; the events "
                                    "sounding now lit), the last cycles up to the playhead"
                                  : "the master output's waveform";
    const uint8_t marks = d.marks;
    b.add(d.name, d.aliases, nm + "(options, pat)",
          "Draws " + view + " behind the code, in the performer's and the audience's window (Strudel draws " +
              d.what + "). The events play unchanged; the options table is checked, not used.",
          example, "draw", -1, [nm, marks](std::span<const Arg> a) { return mark_triggers(receiver(a, nm, 1), marks); });
    std::vector<std::string> inline_aliases;
    for (const std::string& al : d.aliases) inline_aliases.push_back("_" + al);
    const std::string in_nm = "_" + nm;
    b.add(in_nm, inline_aliases, in_nm + "(options, pat)",
          "As " + nm + "(), drawn inline: a strip right of the line of the code whose atoms the events come from.",
          std::string("note(\"c2 a2 eb2\"):euclid(5, 8):") + in_nm + "()", "draw", -1,
          [in_nm, marks](std::span<const Arg> a) { return mark_triggers(receiver(a, in_nm, 1), marks | kDrawInline); });
  }
  // Strudel's sysex([id, data]): sysexid(id):sysexdata(data), each as the control itself sets it.
  b.add("sysex", {}, "sysex({id, data}, pat)",
        "Sets sysexid and sysexdata from one list {id, data}: a MIDI system-exclusive message per event (MIDI output).",
        "note(\"c4\"):sysex({\"0x77\", \"0x01:0x02:0x03:0x04\"}):midichan(1):midi()", "output", 1,
        [](std::span<const Arg> a) {
          if (a.empty() || a[0].kind != Arg::Kind::List || a[0].list.size() != 2 || !a[0].keyed.empty())
            throw ArgError("sysex: expects a list {id, data}, e.g. sysex({\"0x77\", \"0x01:0x02\"})");
          Arg pat = Arg::of(pat_arg(a, 1, "sysex"));
          for (size_t i = 0; i < 2; ++i) {
            const FunctionInfo* f = Registry::instance().find(i == 0 ? "sysexid" : "sysexdata");
            const Arg args[] = {a[0].list[i], pat};
            pat = Arg::of(f->impl(args));
          }
          return pat.pattern;
        });
  b.add("midi", {}, "midi(port, options, pat)",
        "Sends the events to the MIDI output (the `midi` port of the config; a port name given here is checked to be a "
        "string): an event without midichan gets midichan 1, which routes it there instead of the engine.",
        "note(\"c4\"):midichan(1):midi(\"IAC Driver Bus 1\")", "output", -1, [](std::span<const Arg> a) {
          const Pattern& p = receiver(a, "midi", 2);
          return p.fmap([](const Value& v) {
            if (v.is_map()) {
              if (v.get("midichan")) return v;
              ValueMap m = v.entries();
              m.push_back({"midichan", 1.0});
              return Value::map(std::move(m));
            }
            return Value::map({{"midichan", 1.0}, {"note", v}});
          });
        });
  b.add("osc", {}, "osc(pat)",
        "Strudel sends the events to SuperDirt by OSC. In moonrave every event goes to the OSC output when the config "
        "names one (SuperDirt's /dirt/play), besides the engine; osc() changes no event.",
        "s(\"bd*8\"):amp(\".1*2 .5 .1*2 .5 .1 .5\"):osc()", "output", -1,
        [](std::span<const Arg> a) { return receiver(a, "osc", 0); });
  // Strudel's log(func, getData): a function of the hap, called when it is triggered. The line is
  // written by the scheduler, off the evaluation, so a Lua function is not called there: an error
  // says so rather than dropping it.
  struct Log {
    const char* name;
    uint8_t bit;
    const char* doc;
    const char* example;
  };
  const Log logs[] = {
      {"log", kLogHap,
       "The events play unchanged; each writes \"[hap] 0/1 → 1/4: note:c s:sawtooth\" (its whole and values) to the "
       "messages when it is triggered (live: the status line; render: stderr). A custom function is an error.",
       "s(\"bd sd\"):log()"},
      {"logValues", kLogValues,
       "As log(), writing only the values: \"[hap] note:c s:sawtooth\".",
       "s(\"bd sd\"):gain(\"0.25 0.5 1\"):n(\"2 1 0\"):logValues()"},
  };
  for (const Log& l : logs) {
    const std::string nm = l.name;
    const uint8_t bit = l.bit;
    b.add(l.name, {}, nm + "(pat)", l.doc, l.example, "output", -1, [nm, bit](std::span<const Arg> a) {
      // (The bridge puts the name in front of the message.)
      if (a.empty() || a[0].kind != Arg::Kind::Pattern) throw ArgError("needs a pattern, e.g. s(\"bd sd\"):" + nm + "()");
      if (a.size() > 1)
        throw ArgError("a custom function (Strudel's " + nm + "(func)) is not supported; " + nm +
                       "() writes Strudel's own line");
      return mark_triggers(a[0].pattern, bit);
    });
  }
  b.values("cpm", {}, "cpm(cpm, pat)",
           "Plays the pattern at cpm cycles per minute whatever the tempo (in a set; `moonrave query`, with no tempo, "
           "counts a cycle a second as @strudel/core does).",
           "s(\"bd sd\"):cpm(90)", "time", 1,
           [](const auto& v, const Pattern& p) { return fast(p, Rational::from_double(num(v[0], "cpm") / 60.0)); });
  b.add("seqPLoop", {}, "seqPLoop({start, stop, pat}, ...)",
        "Plays each pattern from its start to its stop cycle ({stop, pat} starts where the previous stopped), looping the whole.",
        "s(seqPLoop({0, 2, \"bd(3,8)\"}, {1, 3, \"cp(3,8)\"}))", "structure", -1,
        [](std::span<const Arg> a) {
          struct Part {
            Rational start, stop;
            Pattern pat;
          };
          std::vector<Part> parts;
          Rational total = 0;
          for (const Arg& x : a) {
            if (x.kind != Arg::Kind::List || (x.list.size() != 2 && x.list.size() != 3))
              throw ArgError("seqPLoop: expects {start, stop, pat} or {stop, pat} lists");
            auto t = [&](size_t i) {
              const Value* v = x.list[i].kind == Arg::Kind::Pattern ? x.list[i].pattern.pure_value() : nullptr;
              if (!v) throw ArgError("seqPLoop: the start and stop must be numbers");
              return time(*v, "seqPLoop");
            };
            Part p;
            p.start = x.list.size() == 2 ? total : t(0);
            p.stop = t(x.list.size() - 2);
            p.pat = list_as_sequence(x.list.back(), "seqPLoop");
            total = p.stop;
            parts.push_back(std::move(p));
          }
          if (parts.empty() || total <= Rational(0)) return silence();
          std::vector<Pattern> marks, pats;
          for (size_t i = 0; i < parts.size(); ++i) {
            marks.push_back(compress(pure(Value(static_cast<double>(i))), parts[i].start / total, parts[i].stop / total));
            pats.push_back(parts[i].pat);
          }
          return inner_join({slow(stack(marks), total), [pats](const Value& v) {
                               return pats[static_cast<size_t>(v.number())];
                             }});
        },
        false);
  b.add("useRNG", {}, "useRNG(mode)",
        "Strudel's choice of random generator: 'legacy' (its default, and moonrave's only one) is accepted; 'precise' is "
        "an error, as moonrave does not have it.",
        "useRNG(\"legacy\")", "random", 1,
        [](std::span<const Arg> a) {
          const std::string mode = a.empty() ? "legacy" : a[0].text ? *a[0].text : std::string();
          if (mode != "legacy") throw ArgError("useRNG: only 'legacy' (Strudel's default generator) exists in moonrave");
          return silence();
        },
        false);
}

}  // namespace mr::pattern
