// log() and logValues(): the lines come out as the scheduler schedules the events (not when the
// pattern is queried elsewhere), with Strudel's text, through a queue that stays bounded; the
// marks survive the combinators that merge haps; in render they reach RenderOptions::log.
// queryArc's budget and limit, and log(func), are clear errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "pattern/hap_show.hpp"
#include "pattern/mini.hpp"
#include "pattern/ops.hpp"
#include "runtime/render.hpp"
#include "runtime/scheduler.hpp"
#include "render_util.hpp"

using namespace mr::runtime;
using mr::pattern::kLogHap;
using mr::pattern::kLogValues;
using mr::pattern::Pattern;
using mr::pattern::Rational;
using mr::pattern::Value;

namespace {

constexpr int64_t kRate = 48000;
constexpr int64_t kFramesPerCycle = 96000;  // at 1/2 cycle a second

Scheduler make_scheduler() {
  SchedulerOptions o;
  o.rate_hz = kRate;
  o.cps = Rational(1, 2);
  return Scheduler(o, [](const std::string&) { return mr::audio::SoundId{1}; });
}

Pattern saw_notes(const std::string& mini) {
  return mr::pattern::mini(mini).fmap([](const Value& v) { return Value::map({{"note", v}, {"s", "sawtooth"}}); });
}

std::vector<std::string> take_log(Scheduler& s) {
  std::vector<std::string> out;
  std::string line;
  while (s.poll_log(line)) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("log() writes Strudel's line for each onset as it is scheduled", "[runtime][log]") {
  Scheduler s = make_scheduler();
  s.set_slot("d1", mr::pattern::mark_triggers(saw_notes("c [e g]"), kLogHap), "set", Rational(0));
  std::vector<ScheduledHap> haps;
  CHECK(take_log(s).empty());
  s.advance(kFramesPerCycle * 6 / 10, haps);  // to cycle 0.6: the first two onsets
  CHECK(take_log(s) == std::vector<std::string>{"[hap] 0/1 → 1/2: note:c s:sawtooth", "[hap] 1/2 → 3/4: note:e s:sawtooth"});
  s.advance(kFramesPerCycle, haps);
  CHECK(take_log(s) == std::vector<std::string>{"[hap] 3/4 → 1/1: note:g s:sawtooth"});
  CHECK(haps.size() == 3);  // the events themselves are unchanged
  CHECK(s.log_lines() == 3);
  std::string message;
  CHECK_FALSE(s.poll_message(message));  // the log has its own queue
}

TEST_CASE("logValues() writes the values; both marks write both lines; unmarked events none", "[runtime][log]") {
  Scheduler s = make_scheduler();
  s.set_slot("d1", mr::pattern::mark_triggers(saw_notes("c e"), kLogValues), "set", Rational(0));
  s.set_slot("d2", mr::pattern::mark_triggers(mr::pattern::mark_triggers(mr::pattern::mini("3"), kLogHap), kLogValues), "set",
             Rational(0));
  s.set_slot("d3", saw_notes("a b c d"), "set", Rational(0));
  std::vector<ScheduledHap> haps;
  s.advance(kFramesPerCycle, haps);
  CHECK(take_log(s) == std::vector<std::string>{"[hap] note:c s:sawtooth", "[hap] note:e s:sawtooth", "[hap] 0/1 → 1/1: 3",
                                                "[hap] 3"});
}

TEST_CASE("the log queue stays bounded and says how many lines it dropped", "[runtime][log]") {
  Scheduler s = make_scheduler();
  s.set_slot("d1", mr::pattern::mark_triggers(saw_notes("c*1024"), kLogHap), "set", Rational(0));
  std::vector<ScheduledHap> haps;
  for (int c = 1; c <= 4; ++c) {  // four cycles, nobody taking the lines
    haps.clear();
    s.advance(kFramesPerCycle * c, haps);
    CHECK(haps.size() == 1024);
  }
  const std::vector<std::string> lines = take_log(s);
  REQUIRE(lines.size() == Scheduler::kMaxLogLines + 1);
  CHECK(lines.front() == "[hap] 0/1 → 1/1024: note:c s:sawtooth");
  CHECK(lines.back() == "[log] 3840 more line(s) dropped (at most 256 wait at a time)");
  CHECK(s.log_lines() == Scheduler::kMaxLogLines);
  CHECK(s.log_dropped() == 4096 - Scheduler::kMaxLogLines);
  // Taken, the queue fills again from the next events.
  s.advance(kFramesPerCycle * 4 + kFramesPerCycle / 512, haps);
  CHECK(take_log(s) == std::vector<std::string>{"[hap] 4/1 → 4097/1024: note:c s:sawtooth",
                                                "[hap] 4097/1024 → 2049/512: note:c s:sawtooth"});
}

TEST_CASE("the log mark survives the combinators that merge haps", "[pattern][log]") {
  using namespace mr::pattern;
  const Pattern logged = mark_triggers(mini("1 2"), kLogHap);
  const auto marks = [](const Pattern& p) {
    std::vector<int> out;
    for (const Hap& h : p.query_arc(0, 1)) out.push_back(h.marks);
    return out;
  };
  const BinOp add = [](const Value& a, const Value& b) { return num_op(a, b, '+'); };
  CHECK(marks(apply_op(mini("10 20 30"), logged, add, Structure::In)) == std::vector<int>{1, 1, 1, 1});
  CHECK(marks(apply_op(mini("10 20 30"), logged, add, Structure::Out)) == std::vector<int>{1, 1, 1, 1});
  CHECK(marks(apply_op(mini("10"), mark_triggers(mini("1"), kLogValues), add, Structure::Mix)) == std::vector<int>{2});
  CHECK(marks(apply_op(logged, mini("10"), add, Structure::Squeeze)) == std::vector<int>{1, 1});
  CHECK(marks(fast(logged, 2)) == std::vector<int>{1, 1, 1, 1});
  CHECK(marks(mini("1 2")) == std::vector<int>{0, 0});
  // The text of a fragment and of a signal (Hap.show).
  Hap h;
  h.whole = TimeSpan{Rational(0), Rational(1)};
  h.part = TimeSpan{Rational(1, 2), Rational(1)};
  h.value = Value::map({{"s", "bd"}});
  CHECK(show_hap(h, true) == "[ 0/1 ⇜ (1/2 → 1/1) | s:bd ]");
  CHECK(show_hap(h, false) == "[ 0/1 ⇜ (1/2 → 1/1) | {\"s\":\"bd\"} ]");
  CHECK(show_whole(h, false) == "0/1 → 1/1: {\"s\":\"bd\"}");
  h.whole.reset();
  h.value = Value(0.5);
  CHECK(show_whole(h, true) == "~: 0.5");
  CHECK(show_fraction(Rational(-3, 4)) == "-3/4");
}

TEST_CASE("render hands each log line to RenderOptions::log; queryArc and log(func) fail clearly", "[runtime][log]") {
  RenderOptions o = test::options(0, 2000);
  o.seconds.reset();
  o.cycles = Rational(1);
  o.prelude_paths.push_back(test::patterns_dir() + "/strudel.lua");
  std::vector<std::string> lines;
  o.log = [&](const std::string& l) { lines.push_back(l); };
  LogBlock b = test::block(0,
                           "const events = sequence(\"c3\", [\"e3\", \"g3\"]).queryArc(0, 1)\n"
                           "note(seq(...events.map((e) => e.value))).s('sawtooth').log()\n");
  b.fields["lang"] = "strudel";
  RenderReport report;
  test::render({b}, o, &report);
  CHECK(report.eval_errors == 0);
  CHECK(lines == std::vector<std::string>{"[hap] 0/1 → 1/3: note:c3 s:sawtooth", "[hap] 1/3 → 2/3: note:e3 s:sawtooth",
                                          "[hap] 2/3 → 1/1: note:g3 s:sawtooth"});
  CHECK(report.log_lines == 3);

  lines.clear();
  const auto fails = [&](const std::string& code, const std::string& says) {
    RenderReport r;
    test::render({test::block(0, code)}, o, &r);
    CHECK(r.eval_errors == 1);
    std::string all;
    for (const std::string& m : r.messages) all += m + "\n";
    INFO(all);
    CHECK(all.find(says) != std::string::npos);
  };
  fails("local e = note('c d'):queryArc(0, 1e12)\nreturn note('c')", "set:1: queryArc: building the pattern did more than");
  fails("local e = note('c d'):queryArc(0, 60000)\nreturn note('c')", "queryArc: 120000 events, more than 100000");
  fails("return s('bd'):log(function(h) return 'x' end)", "set:1: log: a custom function (Strudel's log(func)) is not supported");
  CHECK(lines.empty());
}

TEST_CASE("the draw marks reach the scheduled events with a pitch for the roll, and leave the sound alone", "[runtime][draw]") {
  using mr::pattern::kDrawInline;
  using mr::pattern::kDrawRoll;
  using mr::pattern::kDrawScope;
  Scheduler s = make_scheduler();
  s.set_slot("d1", mr::pattern::mark_triggers(saw_notes("c e"), kDrawRoll), "set", Rational(0));
  s.set_slot("d2", mr::pattern::mark_triggers(mr::pattern::mini("bd").fmap([](const Value& v) { return Value::map({{"s", v}}); }),
                                              kDrawScope | kDrawInline),
             "set", Rational(0));
  s.set_slot("d3", saw_notes("g"), "set", Rational(0));
  std::vector<ScheduledHap> haps;
  s.advance(kFramesPerCycle, haps);
  REQUIRE(haps.size() == 4);
  float c = 0, e = 0;
  for (const ScheduledHap& h : haps) {
    INFO(h.slot);
    CHECK(h.has_event);  // they sound as they would unmarked
    if (h.slot == "d1") {
      CHECK(h.draw == kDrawRoll);
      (h.cycle == Rational(0) ? c : e) = h.pitch;
    } else if (h.slot == "d2") {
      CHECK(h.draw == (kDrawScope | kDrawInline));
      CHECK(std::isnan(h.pitch));  // a drum has no pitch: the roll gives it a row of its own
    } else {
      CHECK(h.draw == 0);
    }
  }
  CHECK(e - c == Approx(4.0f));  // c to e: four semitones
  CHECK_FALSE(take_log(s).size());  // a draw mark writes no log line
}
