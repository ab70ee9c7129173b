// objects as small tables of settings
const settings = { cutoff: 1200, room: 0.3, shape: 0.2 }
const sounds = { kick: "bd*2", snare: "~ sd" }

$: s(sounds.kick).room(settings.room)
$: s(sounds['snare']).lpf(settings.cutoff).shape(settings.shape)
