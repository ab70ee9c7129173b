// methods assigned to Pattern.prototype (their `this` the pattern) and the REPL's cpm with a
// plain number: an event across a cycle boundary stays whole (no cut at the cycle)
Pattern.prototype.micro = function (...timestamps) {
  const durations = timestamps.map((x, i, a) => (i < a.length - 1 ? a[i + 1] : 1) - x)
  return this.struct(timeCat(...durations.map(d => [d, 1]))).late(timestamps[0])
}
Pattern.prototype.twice = function () { return this.fast(2) }
$: s('hh').micro(0, 1/5, 1/2, 2/3)
$: s("bd hh").cpm(110)
$: note("c e").twice().cpm("<20 40>")
