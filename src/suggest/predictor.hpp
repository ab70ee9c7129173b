// The embedded, offline completion model: a token n-gram model trained on pattern code, a
// document model built from what the performer has typed above the cursor, and the program's
// own vocabulary (function names, controls, sounds on this machine, scales, notes). Answers in
// well under a millisecond; every candidate is checked for validity before it is offered.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "suggest/ngram.hpp"
#include "suggest/tokens.hpp"

namespace mr::suggest {

// What the program knows, filled by the app from the pattern registry and the audio engine.
struct Vocabulary {
  struct Function {
    std::string name;
    int arity = 0;          // arguments before the pattern; -1 variadic
    std::string signature;  // e.g. "fast(factor, pat)"
  };
  std::vector<Function> functions;
  std::vector<std::string> controls;  // s, n, note, gain, lpf, room ...
  std::vector<std::string> sounds;    // synths, drums, sample banks on this machine
  std::vector<std::string> scales;    // "major", "minor", "dorian" ...
};

struct Completion {
  enum class Kind : uint8_t { Token, Line, Transform };
  Kind kind = Kind::Token;
  std::string text;  // what to insert at the cursor
  double score = 0;  // the model's probability of it (comparable within one answer)
};

class Predictor {
 public:
  Predictor();

  void set_vocabulary(const Vocabulary& v);
  // Adds code to the corpus (a pattern file, an example, a performance log).
  void train(std::string_view code, float weight = 1.0f);
  size_t corpus_tokens() const { return corpus_tokens_; }

  // Up to `max` ranked completions for the cursor between `before` and `after`.
  std::vector<Completion> complete(std::string_view before, std::string_view after, size_t max = 3);
  // The ranked rest-of-token candidates alone (what the evaluation's top-k accuracy measures).
  std::vector<std::string> next_tokens(std::string_view before, size_t k);
  // Whether inserting `text` after `before` names only functions, controls and sounds that exist
  // (or that the document itself defines). Used for remote suggestions too.
  bool valid(std::string_view before, std::string_view text) const;

 private:
  struct Scored {
    SymbolId sym;
    double p;
  };
  struct Query {
    std::vector<SymbolId> ctx;   // symbols before the token being typed
    std::string partial;         // the typed start of that token (with its leading space)
    std::vector<SymbolId> doc;   // the document's symbols (for the document model)
    bool partial_complete = false;  // the partial is itself a known symbol
  };
  Query make_query(std::string_view before);
  // p(sym | ctx) mixing the corpus model with the document model.
  double prob(const std::vector<SymbolId>& ctx, const std::vector<SymbolId>& doc, SymbolId sym) const;
  void rank(const std::vector<SymbolId>& ctx, const std::vector<SymbolId>& doc, std::string_view prefix,
            size_t limit, std::vector<Scored>& out);
  std::string extend_line(std::vector<SymbolId> ctx, const std::vector<SymbolId>& doc, double& p);

  SymbolTable symbols_;
  NgramModel corpus_;
  size_t corpus_tokens_ = 0;
  SymbolId newline_ = 0;
  std::unordered_set<std::string> known_names_;   // functions, controls, Lua words and globals
  std::unordered_set<std::string> known_sounds_;  // empty: sounds are not checked
  std::vector<std::string> transforms_;           // ":jux(rev)", ":every(4, fast(2))" ...
};

}  // namespace mr::suggest
