// The remote providers against a loopback fake server: answers within the deadline are used,
// late ones dropped, superseded requests closed, partial streamed text usable at the deadline,
// faults reported, the circuit breaker opens, the cache answers repeats. Every loop is bounded.
#include <catch2/catch.hpp>

#include <atomic>

#include "fake_server.hpp"
#include "suggest/engine.hpp"
#include "suggest/remote.hpp"

using namespace mr::suggest;
using mr::test::FakeKnobs;
using mr::test::FakeServer;

namespace {

RemoteConfig config(const FakeServer& srv, const std::string& kind, double deadline_ms = 400) {
  RemoteConfig c;
  c.kind = kind;
  c.url = srv.url();
  c.model = kind == "llama.cpp" ? "" : "fake";
  c.deadline_ms = deadline_ms;
  return c;
}

RemoteResult ask(RemoteProvider& p, const std::string& prefix = "d1(s(\"bd\"):") {
  std::atomic<uint64_t> current{1};
  return p.complete(prefix, ")\n", "d2(s(\"hh*8\"))", current, 1);
}

}  // namespace

TEST_CASE("each protocol's streamed answer within the deadline is used") {
  FakeServer srv;
  for (const char* kind : {"llama.cpp", "ollama", "openai"}) {
    INFO(kind);
    RemoteProvider p(config(srv, kind));
    srv.set(FakeKnobs{});
    RemoteResult r = ask(p);
    CHECK(r.outcome == RemoteResult::Outcome::Ok);
    CHECK(r.text == "fast(2)");
  }
  srv.settle();
  CHECK(srv.requests() == 3);
}

TEST_CASE("request bodies follow each protocol") {
  FakeServer srv;
  RemoteProvider llama(config(srv, "llama.cpp"));
  auto b = nlohmann::json::parse(llama.request_body("a\nd1(s(\"bd\")", ")\n", "ctx"));
  CHECK(b["input_prefix"] == "a\n");
  CHECK(b["prompt"] == "d1(s(\"bd\")");
  CHECK(b["input_suffix"] == ")\n");
  CHECK(b["stream"] == true);
  CHECK(b["input_extra"][0]["text"] == "ctx");
  RemoteProvider ollama(config(srv, "ollama"));
  auto o = nlohmann::json::parse(ollama.request_body("p", "s", ""));
  CHECK(o["suffix"] == "s");
  CHECK(o["model"] == "fake");
  CHECK(o["options"]["num_predict"].is_number());
  RemoteProvider openai(config(srv, "openai"));
  CHECK(openai.endpoint() == srv.url() + "/v1/completions");
}

TEST_CASE("a late answer is dropped at the deadline and the connection closed") {
  FakeServer srv;
  for (const char* kind : {"llama.cpp", "ollama", "openai"}) {
    INFO(kind);
    FakeKnobs k;
    k.first_token_ms = 1500;  // far beyond the 150 ms deadline
    srv.set(k);
    const int before = srv.disconnects();
    RemoteProvider p(config(srv, kind, 150));
    RemoteResult r = ask(p);
    CHECK(r.outcome == RemoteResult::Outcome::Timeout);
    CHECK(r.text.empty());
    srv.settle();
    // The server saw the client hang up before it could answer: the deadline was the client's.
    CHECK(srv.disconnects() == before + 1);
  }
}

TEST_CASE("partial streamed text is usable at the deadline") {
  FakeServer srv;
  FakeKnobs k;
  k.pieces = {"fast", "(2", ")", ":room", "(0.3)"};
  k.token_interval_ms = 1000;  // the first piece arrives, then the server drips
  srv.set(k);
  RemoteProvider p(config(srv, "llama.cpp", 200));
  RemoteResult r = ask(p);
  CHECK(r.outcome == RemoteResult::Outcome::Partial);
  CHECK(r.text == "fast");
  srv.settle();
}

TEST_CASE("a superseded request is aborted and closed") {
  FakeServer srv;
  FakeKnobs k;
  k.first_token_ms = 1500;
  srv.set(k);
  RemoteProvider p(config(srv, "ollama", 1500));
  std::atomic<uint64_t> current{7};
  std::thread newer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    current.store(8);
  });
  RemoteResult r = p.complete("d1(", ")", "", current, 7);
  newer.join();
  CHECK(r.outcome == RemoteResult::Outcome::Cancelled);
  srv.settle();
  CHECK(srv.disconnects() == 1);
}

TEST_CASE("faults give a clear status, never a hang") {
  FakeServer srv;
  FakeKnobs down;
  down.status = 503;
  srv.set(down);
  RemoteProvider p(config(srv, "llama.cpp"));
  RemoteResult r = ask(p);
  CHECK(r.outcome == RemoteResult::Outcome::Error);
  CHECK(r.error.find("503") != std::string::npos);
  CHECK(r.error.find("Loading model") != std::string::npos);

  FakeKnobs bad;
  bad.malformed = true;
  srv.set(bad);
  RemoteProvider q(config(srv, "llama.cpp"));
  RemoteResult m = ask(q);
  CHECK(m.outcome == RemoteResult::Outcome::Error);
  srv.settle();

  RemoteConfig nowhere;
  nowhere.kind = "openai";
  nowhere.url = "http://127.0.0.1:1";  // nothing listens there
  RemoteProvider dead(nowhere);
  CHECK(ask(dead).outcome == RemoteResult::Outcome::Error);
}

TEST_CASE("the circuit breaker opens after repeated timeouts") {
  FakeServer srv;
  FakeKnobs k;
  k.first_token_ms = 1000;
  srv.set(k);
  RemoteConfig c = config(srv, "openai", 60);
  c.breaker_failures = 2;
  RemoteProvider p(c);
  CHECK(ask(p, "a").outcome == RemoteResult::Outcome::Timeout);
  CHECK(ask(p, "b").outcome == RemoteResult::Outcome::Timeout);
  const int requests = srv.requests();
  CHECK(ask(p, "c").outcome == RemoteResult::Outcome::CircuitOpen);
  CHECK(srv.requests() == requests);  // nothing was sent
  srv.settle();
}

TEST_CASE("the cache answers a repeat and typing through its start") {
  FakeServer srv;
  srv.set(FakeKnobs{});
  RemoteProvider p(config(srv, "llama.cpp"));
  CHECK(ask(p, "d1(s(\"bd\"):").text == "fast(2)");
  const int n = srv.requests();
  RemoteResult again = ask(p, "d1(s(\"bd\"):");
  CHECK(again.from_cache);
  RemoteResult typed = ask(p, "d1(s(\"bd\"):fa");
  CHECK(typed.from_cache);
  CHECK(typed.text == "st(2)");
  CHECK(srv.requests() == n);
}

TEST_CASE("SSE and NDJSON framing rules") {
  std::string text, err, buf;
  bool done = false;
  buf = "data:{\"content\":\"a\",\"stop\":false}\r\n\r\n: comment\n\ndata: {\"content\":\"b\",\"stop\":false,\"x\":1}\n\nda";
  parse_stream("llama.cpp", buf, text, done, err);
  CHECK(text == "ab");
  CHECK(buf == "da");  // an incomplete event waits for more bytes
  CHECK_FALSE(done);
  buf += "ta: {\"content\":\"\",\"stop\":true}\n\n";
  parse_stream("llama.cpp", buf, text, done, err);
  CHECK(done);
  text.clear(), done = false, buf = "data: {\"choices\":[{\"text\":\"x\",\"finish_reason\":null}]}\n\ndata: [DONE]\n\n";
  parse_stream("openai", buf, text, done, err);
  CHECK(text == "x");
  CHECK(done);
  text.clear(), done = false, buf = "{\"response\":\"q\",\"done\":false}\n{\"respo";
  parse_stream("ollama", buf, text, done, err);
  CHECK(text == "q");
  CHECK(buf == "{\"respo");
  buf = "{\"error\":\"fake does not support insert\"}\n";
  parse_stream("ollama", buf, text, done, err);
  CHECK(err == "fake does not support insert");
  err.clear(), buf = "error: {\"code\":500,\"message\":\"boom\"}\n\n";
  parse_stream("llama.cpp", buf, text, done, err);
  CHECK(err == "boom");
}

TEST_CASE("the engine shows the embedded answer at once and the remote one when it arrives in time") {
  FakeServer srv;
  FakeKnobs k;
  k.pieces = {"room", "(0.5))"};
  k.first_token_ms = 300;  // the embedded answer must not wait for this
  srv.set(k);
  Engine engine;
  Vocabulary v;  // processed before any request, so the remote answer's names are known
  v.functions = {{"room", 1, ""}, {"gain", 1, ""}};
  engine.set_vocabulary(v);
  engine.add_remote(std::make_unique<RemoteProvider>(config(srv, "llama.cpp", 1200)));
  engine.request({5, "d1(s(\"bd\"):", 11, ""});
  std::vector<Answer> got;
  for (int i = 0; i < 1000 && got.size() < 2; ++i) {
    Answer a;
    if (engine.poll(a)) got.push_back(a);
    else std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  INFO(engine.status()[0].state);
  REQUIRE(got.size() == 2);
  CHECK(got[0].provider == "embedded");
  CHECK(got[1].provider == "llama.cpp");
  CHECK(got[1].completions[0].text == "room(0.5))");
}
