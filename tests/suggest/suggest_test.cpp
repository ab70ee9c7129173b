// The embedded suggestion model: tokens, ranking, completion inside mini-notation, validity,
// the engine's request ids, and the evaluation harness's arithmetic.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "suggest/controller.hpp"
#include "suggest/engine.hpp"
#include "suggest/evaluate.hpp"
#include "suggest/predictor.hpp"
#include "suggest/tokens.hpp"

using namespace mr::suggest;

namespace {

const char* kCorpus = R"(
d1(s("bd*4"):gain(0.9))
d2(s("~ sn ~ sn"):room(0.3))
d3(s("hh*8"):gain(0.5))
d4(note("c2 eb2 g2 bb2"):s("bass"):lpf(800))
d1(s("bd*4"):gain(0.9):every(4, fast(2)))
d2(s("~ sn ~ sn"):room(0.3):jux(rev))
d5(n("0 2 4 7"):scale("C:minor"):s("pluck"):delay(0.25))
)";

Vocabulary vocab() {
  Vocabulary v;
  for (const char* f : {"s", "note", "n", "gain", "room", "lpf", "every", "fast", "slow", "jux", "rev", "scale",
                        "delay", "sometimes", "off", "add", "degradeBy", "chop", "ply", "iter", "swing",
                        "palindrome", "sine", "range"})
    v.functions.push_back({f, 1, ""});
  for (const char* s : {"bd", "sn", "hh", "oh", "cp", "bass", "pluck", "pad", "sawtooth_lead"}) v.sounds.emplace_back(s);
  return v;
}

std::vector<std::string> texts(const std::vector<Token>& t) {
  std::vector<std::string> out;
  for (const auto& x : t) out.push_back(x.symbol());
  return out;
}

}  // namespace

TEST_CASE("tokenizer splits Lua and the mini-notation inside strings") {
  auto t = tokenize("d1(s(\"bd*2 [sn cp]\"):fast(2)) -- a comment\n");
  CHECK(texts(t) == std::vector<std::string>{"d1", "(", "s", "(", "\"", "bd", "*", "2", " [", "sn", " cp", "]", "\"",
                                              ")", ":", "fast", "(", "2", ")", ")", "\n"});
  CHECK(t[5].kind == Token::Kind::MiniWord);
  CHECK(t[6].kind == Token::Kind::MiniOp);
  CHECK(t[0].begin == 0);
  CHECK(t[5].begin == 6);
  bool in_string = false;
  auto u = tokenize("s(\"bd sn", &in_string);
  CHECK(in_string);
  CHECK(u.back().text == "sn");
  // Ranges and numbers keep their shape.
  CHECK(texts(tokenize("n(\"0 .. 7\")")) == std::vector<std::string>{"n", "(", "\"", "0", " ..", " 7", "\"", ")"});
  CHECK(texts(tokenize("x = 0.25 .. y")) == std::vector<std::string>{"x", " =", " 0.25", " ..", " y"});
}

TEST_CASE("completes the rest of a token from the corpus and the document") {
  Predictor p;
  p.set_vocabulary(vocab());
  p.train(kCorpus);
  auto top = p.next_tokens("d9(s(\"hh*8\"):ga", 3);
  REQUIRE(!top.empty());
  CHECK(top[0] == "in");
  auto c = p.complete("d9(s(\"hh*8\"):ga", "", 3);
  REQUIRE(!c.empty());
  CHECK(c[0].text.rfind("in", 0) == 0);  // "in(0.5))" or "in": starts with the token's rest
}

TEST_CASE("completes inside mini-notation with sound names") {
  Predictor p;
  p.set_vocabulary(vocab());
  p.train(kCorpus);
  auto top = p.next_tokens("d7(s(\"bd*4 h", 3);
  REQUIRE(!top.empty());
  CHECK(std::find(top.begin(), top.end(), "h") != top.end());  // " hh": the rest is "h"
  // A sound the corpus never used, known from the vocabulary, completes from its prefix.
  auto rare = p.next_tokens("d7(s(\"sawt", 3);
  REQUIRE(!rare.empty());
  CHECK(rare[0] == "ooth_lead");
}

TEST_CASE("the document's own repetitions outrank the corpus") {
  Predictor p;
  p.set_vocabulary(vocab());
  p.train(kCorpus);
  const std::string doc = "d1(s(\"cp*3\"):gain(0.7):room(0.9))\nd2(s(\"cp*3\"):gain(0.7):ro";
  auto c = p.complete(doc, "", 3);
  REQUIRE(!c.empty());
  CHECK(c[0].text.rfind("om(0.9)", 0) == 0);
}

TEST_CASE("a transformation is offered at the end of a finished line") {
  Predictor p;
  p.set_vocabulary(vocab());
  p.train(kCorpus);
  auto c = p.complete("d3(s(\"hh*8\"):gain(0.5))", "", 3);
  bool has_transform = false;
  for (const auto& x : c) has_transform |= x.kind == Completion::Kind::Transform && x.text[0] == ':';
  CHECK(has_transform);
}

TEST_CASE("validity rejects unknown functions and sounds, accepts the document's own names") {
  Predictor p;
  p.set_vocabulary(vocab());
  CHECK(p.valid("d1(s(\"bd\"))", ":fast(2)"));
  CHECK_FALSE(p.valid("d1(s(\"bd\"))", ":fastt(2)"));
  CHECK_FALSE(p.valid("d1(s(\"", "kick*4\"))"));
  CHECK(p.valid("d1(s(\"", "bd:3 ~ sn\"))"));
  CHECK(p.valid("local function wobble(x) return x end\nd1(s(\"bd\")", ":wobble())"));
  CHECK(p.valid("d1(note(\"", "c4 e4\"))"));  // note names are not sounds
}

TEST_CASE("strip_comments keeps code and drops comment-only lines") {
  CHECK(strip_comments("-- title\nd1(s(\"bd\")) -- kick\n") == "d1(s(\"bd\"))\n");
  CHECK(strip_comments("s(\"a -- b\")\n") == "s(\"a -- b\")\n");
}

TEST_CASE("the harness counts keystrokes saved by accepting correct suggestions") {
  Predictor p;
  p.set_vocabulary(vocab());
  p.train(kCorpus);
  const std::string code = "d1(s(\"bd*4\"):gain(0.9))\nd1(s(\"bd*4\"):gain(0.9))\n";
  EvalStats s = evaluate_file(p, code);
  CHECK(s.chars == code.size());
  CHECK(s.keystrokes < s.chars / 2);  // the second line is one Tab away
  CHECK(s.top3 >= s.top1);
  CHECK(s.positions > 0);
  CHECK(s.latency_ms.size() == s.keystrokes);
  Predictor empty;
  EvalStats e = evaluate_file(empty, "xyzzy");
  CHECK(e.keystrokes == e.chars);
}

TEST_CASE("the engine answers the newest request and drops stale ones") {
  Engine engine;
  engine.set_vocabulary(vocab());
  engine.train(kCorpus);
  engine.request({1, "d1(s(\"bd\"):ga", 13, ""});
  engine.request({2, "d1(s(\"bd\"):ro", 13, ""});
  Answer a;
  bool got = false;
  for (int i = 0; i < 500 && !got; ++i) {
    got = engine.poll(a);
    if (!got) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(got);
  CHECK(a.id == 2);
  CHECK(a.provider == "embedded");
  REQUIRE(!a.completions.empty());
  CHECK(a.completions[0].text.rfind("om", 0) == 0);
}

TEST_CASE("the controller debounces, shows the answer for what is on screen, accepts and dismisses") {
  Engine engine;
  engine.set_vocabulary(vocab());
  engine.train(kCorpus);
  Controller c(&engine, 50);
  const std::string text = "d9(s(\"hh*8\"):ga";
  c.on_edit(text, text.size(), 0);
  c.update(10);  // inside the debounce: nothing sent yet
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  c.update(10);
  CHECK(c.ghost().empty());
  bool shown = false;
  for (int i = 0; i < 500 && !shown; ++i) {
    c.update(100);
    shown = !c.ghost().empty();
    if (!shown) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(shown);
  CHECK(c.ghost().rfind("in", 0) == 0);
  CHECK(c.provider() == "embedded");
  // Typing the ghost's first character keeps the rest shown.
  const std::string typed = text + "i";
  c.on_edit(typed, typed.size(), 101);
  CHECK(c.ghost().rfind("n", 0) == 0);
  const std::string word = c.accept_word();
  CHECK(word == "n");
  c.dismiss();
  CHECK(c.ghost().empty());
  CHECK(c.accept().empty());
}

TEST_CASE("the controller suggests after an edit at a line's end, not on cursor moves or mid-line") {
  Engine engine;
  engine.set_vocabulary(vocab());
  engine.train(kCorpus);
  Controller c(&engine, 0);
  auto settle = [&](double t) {
    for (int i = 0; i < 500 && c.ghost().empty(); ++i) {
      c.update(t);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  };
  // Inside closing brackets counts as the end of the line.
  const std::string text = "d9(s(\"hh*8\"):ga)\nd1(s(\"bd\"))";
  const size_t at = text.find("ga") + 2;
  c.on_edit(text, at, 0);
  settle(1);
  REQUIRE(!c.ghost().empty());
  // Moving the cursor clears it, and nothing is asked for after the move.
  c.on_edit(text, at - 1, 2);
  CHECK(c.ghost().empty());
  c.update(100);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  c.update(200);
  CHECK(c.ghost().empty());
  // An edit with code after the cursor on its line: no suggestion drawn over it.
  std::string mid = text;
  mid.insert(text.find("d1(") + 1, "1");
  c.on_edit(mid, text.find("d1(") + 2, 300);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  c.update(400);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  c.update(500);
  CHECK(c.ghost().empty());
}

TEST_CASE("only completions that keep brackets and quotes balanced are shown") {
  // After a complete statement: nothing may close what is not open, or open what it leaves open.
  const std::string done = "d1(s(\"bd sd\"))";
  CHECK(keeps_balance(done, done.size(), ":fast(2)"));
  CHECK(keeps_balance(done, done.size(), " -- the kick"));
  CHECK_FALSE(keeps_balance(done, done.size(), ")"));
  CHECK_FALSE(keeps_balance(done, done.size(), ":fast("));
  CHECK_FALSE(keeps_balance(done, done.size(), ":s(\"hh"));
  // Inside a call and a string: closing them is right, opening another and leaving it is not.
  const std::string open = "d1(s(\"bd";
  CHECK(keeps_balance(open, open.size(), " sd\"))"));
  CHECK(keeps_balance(open, open.size(), " sd"));
  CHECK(keeps_balance(open, open.size(), " [sd )"));  // brackets inside the string are its own
  CHECK_FALSE(keeps_balance(open, open.size(), "\"):fast("));
  CHECK_FALSE(keeps_balance(open, open.size(), "\"))))"));
  // With the editor's closers after the cursor: the line must stay whole.
  const std::string closed = "d1(s(\"bd\"))";
  const size_t in_string = closed.find("bd") + 2;
  CHECK(keeps_balance(closed, in_string, " sd"));
  CHECK_FALSE(keeps_balance(closed, in_string, "\"):fast(2)"));
  // Brackets opened on the block's earlier lines count; a blank line ends the block.
  const std::string multi = "d1(stack(\n  s(\"bd\"),\n  s(\"hh\")";
  CHECK(keeps_balance(multi, multi.size(), "))"));
  CHECK_FALSE(keeps_balance(multi, multi.size(), ")))"));
  const std::string after_blank = "d1(stack(\n\nd2(s(\"bd\"))";
  CHECK_FALSE(keeps_balance(after_blank, after_blank.size(), ")"));
  // Quotes and brackets in comments are not code.
  const std::string commented = "d1(s(\"bd\")) -- don't (";
  CHECK(keeps_balance(commented, commented.size(), " yet"));
}

TEST_CASE("nothing is suggested on a line with nothing typed on it yet") {
  Engine engine;
  engine.set_vocabulary(vocab());
  engine.train(kCorpus);
  Controller c(&engine, 0);
  CHECK(Controller::blank_line_at("d1(s(\"bd\"))\n   ", 15));
  CHECK(Controller::blank_line_at("", 0));
  CHECK_FALSE(Controller::blank_line_at("d1(s(\"bd\"))\n  d", 15));
  const std::string text = "d1(s(\"bd*4\"):gain(0.9))\n";
  c.on_edit(text, text.size(), 0);
  for (int i = 0; i < 50; ++i) {
    c.update(10.0 + i);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  CHECK(c.ghost().empty());
  CHECK(c.list().empty());
  // The first character typed on it asks again.
  const std::string typed = text + "d";
  c.on_edit(typed, typed.size(), 100);
  for (int i = 0; i < 500 && c.ghost().empty(); ++i) {
    c.update(200.0 + i);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  CHECK(!c.ghost().empty());
}
