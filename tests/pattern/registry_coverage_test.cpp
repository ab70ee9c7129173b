// Every function the pattern issue lists exists in the registry under Strudel's name, with each
// operator's structure variants (addOut, setSqueeze, mulSqueezeout...) and the SuperDirt controls.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pattern/registry.hpp"

using namespace mr::pattern;

TEST_CASE("registry: every listed function exists with Strudel's name") {
  const std::vector<std::string> names = {
      // constructors
      "sequence", "seq", "cat", "slowcat", "fastcat", "stack", "timeCat", "timecat", "arrange", "polymeter", "pure",
      "silence", "run", "mini",
      // time
      "fast", "slow", "hurry", "early", "late", "rev", "palindrome", "iter", "iterBack", "ply", "segment", "range",
      "rangex", "inside", "outside", "brak", "linger", "zoom", "compress", "fastGap", "chop", "striate", "slice",
      "splice", "loopAt", "fit", "swingBy", "swing",
      // structure and conditions
      "struct", "mask", "euclid", "euclidRot", "euclidLegato", "euclidLegatoRot", "every", "firstOf", "lastOf", "when",
      "within", "chunk", "chunkBack", "jux", "juxBy", "off", "superimpose", "layer", "echo", "stut", "bite", "reset",
      "restart",
      // randomness
      "someCyclesBy", "sometimesBy", "sometimes", "often", "rarely", "almostNever", "almostAlways", "degradeBy",
      "degrade", "undegradeBy", "shuffle", "scramble", "randcat", "wchooseCycles", "seed", "choose", "wchoose",
      // signals
      "sine", "cosine", "saw", "isaw", "tri", "square", "rand", "irand", "perlin", "time", "brand",
      // values
      "set", "keep", "gt", "lt", "gte", "lte", "eq", "ne", "and", "or", "inv", "floor", "ceil", "round",
      // tonal
      "note", "n", "scale", "transpose", "scaleTranspose", "voicing", "arp",
  };
  const auto& reg = Registry::instance();
  for (const auto& name : names) {
    INFO(name);
    CHECK(reg.find(name) != nullptr);
  }
  for (const char* op : {"add", "sub", "mul", "div", "mod", "set", "keep"}) {
    for (const char* mode : {"", "In", "Out", "Mix", "Squeeze", "Squeezeout", "Reset", "Restart", "Poly"}) {
      const std::string name = std::string(op) + mode;
      INFO(name);
      CHECK(reg.find(name) != nullptr);
    }
  }
}

TEST_CASE("registry: the SuperDirt controls are constructors and methods") {
  const auto& reg = Registry::instance();
  for (const char* c : {"s", "n", "note", "gain", "pan", "speed", "begin", "end", "cut", "legato", "attack", "release",
                        "lpf", "cutoff", "resonance", "hpf", "room", "size", "delay", "delaytime", "delayfeedback",
                        "crush", "coarse", "shape", "vowel", "orbit", "accelerate", "unit", "loop", "squiz"}) {
    INFO(c);
    const FunctionInfo* f = reg.find(c);
    REQUIRE(f != nullptr);
    CHECK(f->category == "control");
    CHECK(f->is_method);
    CHECK(f->arity == 1);
  }
}
