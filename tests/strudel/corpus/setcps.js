// setcps and await samples(...): the tempo changes, no network is needed for the events
await samples('github:tidalcycles/dirt-samples')
setcps(0.7)
s("bd sd, hh*3")
