// Arpeggios: the notes of each chord (events sharing whole and part) one after another.
#include <algorithm>
#include <cmath>

#include "pattern/ops.hpp"

namespace mr::pattern {

Pattern arp(const Pattern& pat, const std::string& mode) {
  // Groups the events that share a whole (a chord) and plays them one after another, in the
  // order the mode gives: up, down, updown, downup, converge, diverge, or indices "0 2 1".
  return Pattern([pat, mode](const State& st, Haps& out) {
    Haps hs;
    pat.query_into(st, hs);
    std::vector<std::vector<Hap>> groups;
    for (Hap& h : hs) {
      if (!h.whole) continue;
      bool placed = false;
      for (auto& g : groups) {
        if (g[0].whole == h.whole && g[0].part == h.part) {
          g.push_back(h);
          placed = true;
          break;
        }
      }
      if (!placed) groups.push_back({h});
    }
    for (auto& g : groups) {
      std::vector<size_t> order;
      const size_t n = g.size();
      std::vector<size_t> up(n);
      for (size_t i = 0; i < n; ++i) up[i] = i;
      if (mode == "up") {
        order = up;
      } else if (mode == "down") {
        order.assign(up.rbegin(), up.rend());
      } else if (mode == "updown") {
        order = up;
        for (size_t i = n > 1 ? n - 2 : 0; i > 0; --i) order.push_back(i);
      } else if (mode == "downup") {
        order.assign(up.rbegin(), up.rend());
        for (size_t i = 1; i + 1 < n; ++i) order.push_back(i);
      } else if (mode == "converge" || mode == "diverge") {
        size_t lo = 0, hi = n - 1;
        while (lo <= hi && hi < n) {
          order.push_back(lo++);
          if (lo <= hi) order.push_back(hi--);
          if (hi == static_cast<size_t>(-1)) break;
        }
        if (mode == "diverge") std::reverse(order.begin(), order.end());
      } else {
        for (size_t i = 0, j = 0; i <= mode.size(); ++i) {
          if (i == mode.size() || mode[i] == ' ') {
            if (i > j) order.push_back(static_cast<size_t>(std::stoll(mode.substr(j, i - j))) % n);
            j = i + 1;
          }
        }
      }
      if (order.empty()) continue;
      const TimeSpan w = *g[0].whole;
      const Rational step = w.duration() / static_cast<int64_t>(order.size());
      for (size_t k = 0; k < order.size(); ++k) {
        TimeSpan sw{w.begin + step * static_cast<int64_t>(k), w.begin + step * static_cast<int64_t>(k + 1)};
        auto part = sw.intersection(g[0].part);
        if (!part || (part->begin == part->end && sw.begin != sw.end)) continue;
        Hap h = g[order[k]];
        h.whole = sw;
        h.part = *part;
        out.push_back(std::move(h));
      }
    }
  });
}


Pattern arp_indices(const Pattern& pat, const Pattern& indices) {
  // Strudel: pat.collect() groups the haps with equal whole and part (in order of appearance),
  // each group's index pattern is queried over the group's part (an inner join: the index
  // events give the structure), and index i plays the group's note i % size.
  return Pattern([pat, indices](const State& st, Haps& out) {
    Haps hs;
    pat.query_into(st, hs);
    std::vector<std::vector<const Hap*>> groups;
    for (const Hap& h : hs) {
      bool placed = false;
      for (auto& g : groups) {
        if (g[0]->whole == h.whole && g[0]->part == h.part) {
          g.push_back(&h);
          placed = true;
          break;
        }
      }
      if (!placed) groups.push_back({&h});
    }
    Haps ih;
    for (const auto& g : groups) {
      ih.clear();
      indices.query_into(st.with_span(g[0]->part), ih);
      const auto n = static_cast<double>(g.size());
      for (Hap& i : ih) {
        double x = 0;
        if (!i.value.to_number(x)) continue;
        const double k = std::fmod(x, n);  // JavaScript %: a negative index finds no note
        if (!(k >= 0) || k != std::floor(k)) continue;
        const Hap& note = *g[static_cast<size_t>(k)];
        Hap h;
        h.whole = i.whole;
        h.part = i.part;
        h.value = note.value;
        h.locations = note.locations;
        h.locations.append(i.locations.begin(), i.locations.end());
        h.marks = note.marks | i.marks;
        out.push_back(std::move(h));
      }
    }
  });
}

}  // namespace mr::pattern
