// The embedded completion model: ranking, line extension, transformations and validity.
#include "suggest/predictor.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace mr::suggest {

namespace {

// Lua's keywords and the globals every set has: always valid names.
const char* const kLuaNames[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
    "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "require",
    "print", "math", "string", "table", "ipairs", "pairs", "tostring", "tonumber", "select", "type",
    "hush", "setcps", "setbpm", "once", "solo", "unsolo", "mute", "unmute", "p", "uniform", "mini",
};

// Musical transformations offered at the end of a complete line (ranked by the model).
const char* const kTransforms[] = {
    ":jux(rev)", ":every(4, fast(2))", ":sometimes(fast(2))", ":off(0.125, add(note(12)))",
    ":room(0.4)", ":delay(0.25)", ":lpf(sine:range(400, 4000):slow(8))", ":degradeBy(0.3)",
    ":every(3, rev)", ":chop(4)", ":ply(2)", ":iter(4)", ":swing(4)", ":palindrome()",
};

constexpr int kDocOrders = NgramModel::kOrder - 1;
constexpr double kDocBoost = 2.0;  // a match in the performer's own document counts double

// Followers of every earlier place in the document whose preceding k symbols equal the last k
// symbols of the context: the "cache" of what this performer typed, by context length.
struct DocStats {
  struct Order {
    double total = 0;
    std::vector<std::pair<SymbolId, double>> next;
    double count(SymbolId s) const {
      for (const auto& [id, c] : next)
        if (id == s) return c;
      return 0;
    }
    void add(SymbolId s) {
      total += 1;
      for (auto& [id, c] : next)
        if (id == s) {
          c += 1;
          return;
        }
      next.emplace_back(s, 1.0);
    }
  };
  std::array<Order, kDocOrders + 1> orders;  // [1..kDocOrders] used

  DocStats(const std::vector<SymbolId>& doc, const std::vector<SymbolId>& ctx) {
    if (ctx.empty()) return;
    const size_t window = 6000;  // the recent part of a long document is what matters
    const size_t first = doc.size() > window ? doc.size() - window : 1;
    for (size_t i = std::max<size_t>(first, 1); i < doc.size(); ++i) {
      int len = 0;
      while (len < kDocOrders && static_cast<size_t>(len) < i && static_cast<size_t>(len) < ctx.size() &&
             doc[i - 1 - static_cast<size_t>(len)] == ctx[ctx.size() - 1 - static_cast<size_t>(len)])
        ++len;
      for (int k = 1; k <= len; ++k) orders[static_cast<size_t>(k)].add(doc[i]);
    }
  }
};

}  // namespace

Predictor::Predictor() {
  newline_ = symbols_.intern("\n");
  for (const char* n : kLuaNames) known_names_.insert(n);
  for (int i = 1; i <= 16; ++i) known_names_.insert("d" + std::to_string(i));
  for (const char* t : kTransforms) transforms_.emplace_back(t);
}

void Predictor::set_vocabulary(const Vocabulary& v) {
  // Known names enter the unigram level with a small count: enough to be completed from a
  // prefix, never enough to outrank what the corpus and the document say.
  auto add = [&](const std::string& name, bool space) {
    known_names_.insert(name);
    corpus_.add_unigram(symbols_.intern(name), 0.05f);
    if (space) corpus_.add_unigram(symbols_.intern(" " + name), 0.05f);
  };
  for (const auto& f : v.functions) add(f.name, false);
  for (const auto& c : v.controls) add(c, false);
  for (const auto& s : v.sounds) {
    known_sounds_.insert(s);
    corpus_.add_unigram(symbols_.intern(s), 0.05f);
    corpus_.add_unigram(symbols_.intern(" " + s), 0.05f);
  }
  for (const auto& s : v.scales) corpus_.add_unigram(symbols_.intern(s), 0.02f);
}

void Predictor::train(std::string_view code, float weight) {
  std::vector<Token> toks = tokenize(code);
  std::vector<SymbolId> seq;
  seq.reserve(toks.size());
  for (const Token& t : toks) {
    seq.push_back(symbols_.intern(t.symbol()));
    if (t.kind == Token::Kind::Name) known_names_.insert(t.text);
  }
  corpus_.train(seq, weight);
  corpus_tokens_ += seq.size();
}

Predictor::Query Predictor::make_query(std::string_view before) {
  Query q;
  std::vector<Token> toks = tokenize(before);
  if (!toks.empty() && toks.back().extendable() && static_cast<size_t>(toks.back().end) == before.size()) {
    q.partial = toks.back().symbol();
    toks.pop_back();
    q.partial_complete = symbols_.find(q.partial) != SymbolTable::kNone;
  } else if (!before.empty() && (before.back() == ' ' || before.back() == '\t')) {
    q.partial = " ";
  }
  q.ctx.reserve(toks.size() + 1);
  for (const Token& t : toks) q.ctx.push_back(symbols_.intern(t.symbol()));
  q.doc = q.ctx;
  return q;
}

double Predictor::prob(const std::vector<SymbolId>& ctx, const std::vector<SymbolId>& doc, SymbolId sym) const {
  double p = corpus_.prob(ctx, sym, symbols_.size());
  DocStats ds(doc, ctx);
  for (int k = 1; k <= kDocOrders; ++k) {
    const auto& o = ds.orders[static_cast<size_t>(k)];
    if (o.total == 0) break;
    const double t = static_cast<double>(o.next.size());
    p = (kDocBoost * o.count(sym) + t * p) / (kDocBoost * o.total + t);
  }
  return p;
}

void Predictor::rank(const std::vector<SymbolId>& ctx, const std::vector<SymbolId>& doc, std::string_view prefix,
                     size_t limit, std::vector<Scored>& out) {
  std::vector<SymbolId> cands;
  corpus_.continuations(ctx, 96, cands);
  DocStats ds(doc, ctx);
  for (int k = kDocOrders; k >= 1; --k)
    for (const auto& [id, c] : ds.orders[static_cast<size_t>(k)].next) cands.push_back(id);
  if (!prefix.empty()) symbols_.with_prefix(prefix, 400, cands);
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());

  std::vector<Scored> scored;
  scored.reserve(cands.size());
  for (SymbolId s : cands) {
    const std::string& str = symbols_.str(s);
    if (s == newline_ || str.size() <= prefix.size() || str.compare(0, prefix.size(), prefix) != 0) continue;
    // Interpolate with the document statistics computed once for this context.
    double p = corpus_.prob(ctx, s, symbols_.size());
    for (int k = 1; k <= kDocOrders; ++k) {
      const auto& o = ds.orders[static_cast<size_t>(k)];
      if (o.total == 0) break;
      const double t = static_cast<double>(o.next.size());
      p = (kDocBoost * o.count(s) + t * p) / (kDocBoost * o.total + t);
    }
    scored.push_back({s, p});
  }
  const size_t n = std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<ptrdiff_t>(n), scored.end(),
                    [](const Scored& a, const Scored& b) { return a.p > b.p || (a.p == b.p && a.sym < b.sym); });
  scored.resize(n);
  out.insert(out.end(), scored.begin(), scored.end());
}

std::string Predictor::extend_line(std::vector<SymbolId> ctx, const std::vector<SymbolId>& doc, double& p) {
  // Greedy: keep adding the most likely next token while the whole stays likely enough.
  constexpr double kKeep = 0.35;
  std::string text;
  std::vector<SymbolId> d = doc;
  for (int step = 0; step < 12; ++step) {
    std::vector<Scored> best;
    rank(ctx, d, "", 1, best);
    if (best.empty() || p * best[0].p < kKeep) break;
    p *= best[0].p;
    text += symbols_.str(best[0].sym);
    ctx.push_back(best[0].sym);
    d.push_back(best[0].sym);
  }
  return text;
}

namespace {
struct Candidate {
  std::string text;  // rest of the current token, or a whole next token
  SymbolId sym;      // the symbol completed (or the next symbol)
  bool after_partial;  // sym follows the partial taken as complete
  double p;
};
}  // namespace

std::vector<std::string> Predictor::next_tokens(std::string_view before, size_t k) {
  Query q = make_query(before);
  std::vector<Scored> a;
  rank(q.ctx, q.doc, q.partial, k, a);
  std::vector<std::pair<double, std::string>> merged;
  for (const Scored& s : a) merged.emplace_back(s.p, symbols_.str(s.sym).substr(q.partial.size()));
  if (q.partial_complete && !q.partial.empty()) {
    SymbolId ps = symbols_.find(q.partial);
    const double stop = prob(q.ctx, q.doc, ps);
    std::vector<SymbolId> ctx2 = q.ctx;
    ctx2.push_back(ps);
    std::vector<Scored> b;
    rank(ctx2, ctx2, "", k, b);
    for (const Scored& s : b) merged.emplace_back(stop * s.p, symbols_.str(s.sym));
  }
  std::stable_sort(merged.begin(), merged.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::string> out;
  for (auto& [p, t] : merged) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    if (out.size() >= k) break;
  }
  return out;
}

std::vector<Completion> Predictor::complete(std::string_view before, std::string_view after, size_t max) {
  std::vector<Completion> out;
  if (max == 0) return out;
  Query q = make_query(before);
  std::vector<Candidate> cands;
  {
    std::vector<Scored> a;
    rank(q.ctx, q.doc, q.partial, max + 2, a);
    for (const Scored& s : a) cands.push_back({symbols_.str(s.sym).substr(q.partial.size()), s.sym, false, s.p});
    if (q.partial_complete && !q.partial.empty()) {
      SymbolId ps = symbols_.find(q.partial);
      const double stop = prob(q.ctx, q.doc, ps);
      std::vector<SymbolId> ctx2 = q.ctx;
      ctx2.push_back(ps);
      std::vector<Scored> b;
      rank(ctx2, ctx2, "", max + 2, b);
      for (const Scored& s : b) cands.push_back({symbols_.str(s.sym), s.sym, true, stop * s.p});
    }
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) { return x.p > y.p; });
  }

  const std::string_view line_after = after.substr(0, after.find('\n'));
  auto offer = [&](Completion c) {
    if (c.text.empty() || out.size() >= max) return;
    // Never offer what is already written right after the cursor, or the same text twice.
    if (!line_after.empty() && line_after.substr(0, c.text.size()) == c.text) return;
    for (const auto& o : out)
      if (o.text == c.text) return;
    if (!valid(before, c.text)) return;
    out.push_back(std::move(c));
  };

  if (!cands.empty()) {
    // First: the best token, extended to the rest of the line while the model stays confident.
    const Candidate& best = cands[0];
    std::vector<SymbolId> ctx = q.ctx;
    if (best.after_partial) ctx.push_back(symbols_.find(q.partial));
    ctx.push_back(best.sym);
    double p = 1.0;
    std::string ext = extend_line(ctx, ctx, p);
    if (!ext.empty()) {
      offer({Completion::Kind::Line, best.text + ext, best.p * p});
    } else {
      offer({Completion::Kind::Token, best.text, best.p});
    }
    for (size_t i = 1; i < cands.size() && out.size() + 1 < max; ++i)
      offer({Completion::Kind::Token, cands[i].text, cands[i].p});
    if (out.size() < max && !ext.empty()) offer({Completion::Kind::Token, best.text, best.p});
  }

  // At the end of a finished line of pattern code: a musical transformation of it.
  const bool line_end = line_after.find_first_not_of(" \t") == std::string_view::npos;
  if (line_end && q.partial.empty() && !q.ctx.empty() && symbols_.str(q.ctx.back()) == ")") {
    double best_p = -1;
    std::string best_t;
    for (const std::string& t : transforms_) {
      // Score a transformation by the model's probability of its tokens, per token.
      std::vector<Token> tt = tokenize(t);
      std::vector<SymbolId> ctx = q.ctx;
      double lp = 1.0;
      for (const Token& tok : tt) {
        SymbolId s = symbols_.find(tok.symbol());
        if (s == SymbolTable::kNone) {
          lp = 0;
          break;
        }
        lp *= corpus_.prob(ctx, s, symbols_.size());  // the corpus alone: cheap, and enough to rank
        ctx.push_back(s);
      }
      if (lp <= 0 || !valid(before, t)) continue;
      double per_token = std::pow(lp, 1.0 / static_cast<double>(tt.size()));
      // Skip what the line already does.
      if (before.substr(before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n')).find(t) !=
          std::string_view::npos)
        continue;
      if (per_token > best_p) best_p = per_token, best_t = t;
    }
    if (!best_t.empty()) {
      if (out.size() >= max) out.pop_back();
      offer({Completion::Kind::Transform, best_t, best_p});
    }
  }
  return out;
}

bool Predictor::valid(std::string_view before, std::string_view text) const {
  std::string all(before);
  all += text;
  std::vector<Token> toks = tokenize(all);
  const int32_t from = static_cast<int32_t>(before.size());
  // Names defined or used by the document itself are valid (user functions, locals).
  std::unordered_set<std::string> doc_names;
  bool in_sound_string = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind == Token::Kind::Quote) {
      // A string opened right after s( or sound( holds sound names.
      in_sound_string = !in_sound_string && i >= 2 && toks[i - 1].text == "(" &&
                        (toks[i - 2].text == "s" || toks[i - 2].text == "sound");
      continue;
    }
    if (t.end <= from) {
      if (t.kind == Token::Kind::Name) doc_names.insert(t.text);
      if (t.kind == Token::Kind::MiniWord && in_sound_string) doc_names.insert(t.text);
      continue;
    }
    if (t.kind == Token::Kind::Name) {
      const bool field = i > 0 && toks[i - 1].text == ".";
      if (!field && !known_names_.count(t.text) && !doc_names.count(t.text)) return false;
    } else if (t.kind == Token::Kind::MiniWord && in_sound_string && !known_sounds_.empty()) {
      // Sample indices ("bd:3"), numbers and rests are not sound names.
      const bool index = i > 0 && toks[i - 1].text == ":";
      const char c0 = t.text[0];
      const bool numeric = (c0 >= '0' && c0 <= '9') || c0 == '.' || (c0 == '-' && t.text.size() > 1);
      if (!index && !numeric && t.text != "~" && t.text != "-" && !known_sounds_.count(t.text) &&
          !doc_names.count(t.text))
        return false;
    }
  }
  return true;
}

}  // namespace mr::suggest
