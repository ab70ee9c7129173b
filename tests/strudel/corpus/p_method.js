// .p() names a pattern like a label; a name ending in _ mutes it
s("bd*2").p('kick')
s("~ sd").p('snare')
s("hh*16").p('hats_')
