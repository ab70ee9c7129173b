// A token n-gram language model with interpolated Witten-Bell smoothing (PPM's method C, as a
// probability rather than a code length): every order from the empty context up to kOrder-1
// previous tokens contributes, weighted by how much evidence its context has. Small corpora
// (a few thousand lines of pattern code) are exactly where this beats fixed backoff.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mr::suggest {

using SymbolId = uint32_t;

// Interned symbols shared by the models of one engine.
class SymbolTable {
 public:
  SymbolId intern(std::string_view s);
  // kNone when the symbol was never seen.
  SymbolId find(std::string_view s) const;
  const std::string& str(SymbolId id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }
  // Every symbol starting with `prefix`, in no particular order (at most `limit`).
  void with_prefix(std::string_view prefix, size_t limit, std::vector<SymbolId>& out) const;
  static constexpr SymbolId kNone = 0xffffffffu;

 private:
  std::unordered_map<std::string, SymbolId> ids_;
  std::vector<std::string> strings_;
};

class NgramModel {
 public:
  static constexpr int kOrder = 6;  // up to 5 tokens of context

  // Adds one sequence (a file, or the document under the cursor) with the given weight.
  void train(std::span<const SymbolId> seq, float weight = 1.0f);
  // Adds a symbol the program knows (a function, a sample name) with a small unigram count, so
  // that valid names never seen in the corpus can still be suggested.
  void add_unigram(SymbolId id, float count);
  void clear();

  // P(sym | the last kOrder-1 symbols of ctx). Never zero for an interned symbol.
  double prob(std::span<const SymbolId> ctx, SymbolId sym, size_t vocab_size) const;
  // Symbols seen after the longest contexts of ctx that were seen at all (orders >= 1), best
  // evidence first; at most `limit` distinct symbols are appended.
  void continuations(std::span<const SymbolId> ctx, size_t limit, std::vector<SymbolId>& out) const;
  bool empty() const { return tables_[0].empty(); }

 private:
  struct Stats {
    float total = 0;
    std::vector<std::pair<SymbolId, float>> next;  // small: linear search beats a map here
    float count(SymbolId s) const;
  };
  static uint64_t context_hash(std::span<const SymbolId> ctx, int order);
  // tables_[k]: contexts of k previous symbols.
  std::unordered_map<uint64_t, Stats> tables_[kOrder];
};

}  // namespace mr::suggest
