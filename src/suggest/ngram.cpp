// Interpolated Witten-Bell n-gram model over interned token symbols.
#include "suggest/ngram.hpp"

#include <algorithm>

namespace mr::suggest {

SymbolId SymbolTable::intern(std::string_view s) {
  auto it = ids_.find(std::string(s));
  if (it != ids_.end()) return it->second;
  SymbolId id = static_cast<SymbolId>(strings_.size());
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), id);
  return id;
}

SymbolId SymbolTable::find(std::string_view s) const {
  auto it = ids_.find(std::string(s));
  return it == ids_.end() ? kNone : it->second;
}

void SymbolTable::with_prefix(std::string_view prefix, size_t limit, std::vector<SymbolId>& out) const {
  size_t n = 0;
  for (SymbolId i = 0; i < strings_.size() && n < limit; ++i) {
    const std::string& s = strings_[i];
    if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0) {
      out.push_back(i);
      ++n;
    }
  }
}

float NgramModel::Stats::count(SymbolId s) const {
  for (const auto& [id, c] : next)
    if (id == s) return c;
  return 0;
}

uint64_t NgramModel::context_hash(std::span<const SymbolId> ctx, int order) {
  // FNV-1a over the last `order` symbols, with the order mixed in so short and long contexts
  // never share a key.
  uint64_t h = 1469598103934665603ull ^ static_cast<uint64_t>(order);
  for (size_t i = ctx.size() - static_cast<size_t>(order); i < ctx.size(); ++i) {
    h ^= ctx[i] + 0x9e3779b97f4a7c15ull;
    h *= 1099511628211ull;
  }
  return h;
}

void NgramModel::train(std::span<const SymbolId> seq, float weight) {
  for (size_t i = 0; i < seq.size(); ++i) {
    const std::span<const SymbolId> ctx = seq.subspan(0, i);
    for (int k = 0; k < kOrder && static_cast<size_t>(k) <= i; ++k) {
      Stats& st = tables_[k][context_hash(ctx, k)];
      st.total += weight;
      auto it = std::find_if(st.next.begin(), st.next.end(), [&](const auto& p) { return p.first == seq[i]; });
      if (it == st.next.end()) {
        st.next.emplace_back(seq[i], weight);
      } else {
        it->second += weight;
      }
    }
  }
}

void NgramModel::add_unigram(SymbolId id, float count) {
  Stats& st = tables_[0][context_hash({}, 0)];
  st.total += count;
  auto it = std::find_if(st.next.begin(), st.next.end(), [&](const auto& p) { return p.first == id; });
  if (it == st.next.end()) {
    st.next.emplace_back(id, count);
  } else {
    it->second += count;
  }
}

void NgramModel::clear() {
  for (auto& t : tables_) t.clear();
}

double NgramModel::prob(std::span<const SymbolId> ctx, SymbolId sym, size_t vocab_size) const {
  double p = 1.0 / static_cast<double>(std::max<size_t>(vocab_size, 1));
  const int max_k = static_cast<int>(std::min<size_t>(kOrder - 1, ctx.size()));
  for (int k = 0; k <= max_k; ++k) {
    auto it = tables_[k].find(context_hash(ctx, k));
    if (it == tables_[k].end()) break;  // a longer context containing an unseen one is unseen too
    const Stats& st = it->second;
    // Witten-Bell: the escape weight grows with the number of distinct followers.
    const double t = static_cast<double>(st.next.size());
    p = (st.count(sym) + t * p) / (st.total + t);
  }
  return p;
}

void NgramModel::continuations(std::span<const SymbolId> ctx, size_t limit, std::vector<SymbolId>& out) const {
  const size_t start = out.size();
  const int max_k = static_cast<int>(std::min<size_t>(kOrder - 1, ctx.size()));
  for (int k = max_k; k >= 1 && out.size() - start < limit; --k) {
    auto it = tables_[k].find(context_hash(ctx, k));
    if (it == tables_[k].end()) continue;
    for (const auto& [id, c] : it->second.next) {
      if (std::find(out.begin() + static_cast<ptrdiff_t>(start), out.end(), id) == out.end()) out.push_back(id);
      if (out.size() - start >= limit) break;
    }
  }
}

}  // namespace mr::suggest
