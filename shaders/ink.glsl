// moonrave: shadertoy
// ink: multipass feedback. Buffer A advects its own previous frame along a slow curl flow and
// drops coloured ink at the edges on every beat; the image shows it darkened in the middle.
// Uniforms: iTime (s), iResolution (px), iFrame, uBeat (0..1), uBeatCount (beats), uBass (0..1);
// buffer A reads itself through iChannel0 (its previous frame).
//! common
vec2 flow(vec2 uv, float t) {
  return vec2(sin(uv.y * 6.0 + t * 0.5) + sin(uv.y * 13.0 - t * 0.3) * 0.3,
              cos(uv.x * 5.0 - t * 0.4) + cos(uv.x * 11.0 + t * 0.6) * 0.3);
}
//! buffer A iChannel0=A
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = p / iResolution.xy;
  vec2 v = flow(uv, iTime) * 0.004;
  vec3 prev = texture(iChannel0, uv - v).rgb * 0.993;     // advect and fade
  if (iFrame == 0) prev = vec3(0.0);
  float beat = floor(uBeatCount);
  float ang = fract(sin(beat * 12.9898) * 43758.5) * 6.2831;
  vec2 drop = 0.5 + vec2(cos(ang), sin(ang)) * vec2(0.42, 0.38);
  vec2 d = (uv - drop) * vec2(iResolution.x / iResolution.y, 1.0);
  vec3 ink = 0.5 + 0.5 * cos(6.2831 * (beat * 0.17 + vec3(0.0, 0.33, 0.67)));
  float splash = exp(-dot(d, d) * 150.0) * exp(-3.0 * uBeat) * (0.8 + 0.6 * uBass) * 0.6;
  // Three slow emitters keep the flow visible when nothing plays.
  vec3 trickle = vec3(0.0);
  for (int i = 0; i < 3; ++i) {
    float fi = float(i), t = iTime * (0.7 + 0.2 * fi) + fi * 2.1;
    vec2 e = (uv - 0.5 - vec2(0.38 * cos(t), 0.32 * sin(t * 1.3))) * vec2(iResolution.x / iResolution.y, 1.0);
    trickle += (0.5 + 0.5 * cos(6.2831 * (fi * 0.3 + iTime * 0.03 + vec3(0.5, 0.6, 0.8)))) * exp(-dot(e, e) * 500.0);
  }
  o = vec4(min(prev + ink * splash + trickle * 0.1, vec3(1.5)), 1.0);
}
//! image iChannel0=A
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = p / iResolution.xy;
  vec3 c = texture(iChannel0, uv).rgb;
  c = c / (1.0 + c);                                      // soft tone map
  vec2 s = (uv - 0.5) * vec2(iResolution.x / iResolution.y, 1.0);
  c *= 0.45 + 0.55 * smoothstep(0.1, 0.7, length(s));
  o = vec4(c + vec3(0.01, 0.01, 0.02), 1.0);
}
