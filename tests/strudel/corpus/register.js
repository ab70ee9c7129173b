// register a new pattern method with a block body
register('stut3', (feedback, pat) => {
  const quiet = pat.gain(feedback)
  return stack(pat, quiet.late(1/8), quiet.gain(feedback).late(1/4))
})

$: s("bd sd").stut3(0.5)
