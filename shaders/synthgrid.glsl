// moonrave: shadertoy
// synthgrid: a neon perspective grid racing toward a low sun; the grid pulses on the beat and
// the sun's bands stretch with the bass.
// Uniforms: iTime (s), iResolution (px), uBeat (0..1), uBar (0..1 bar phase), uBass (0..1).
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = (p - 0.5 * iResolution.xy) / iResolution.y;
  float horizon = -0.12;
  vec3 col = mix(vec3(0.02, 0.0, 0.05), vec3(0.12, 0.02, 0.15), smoothstep(0.5, horizon, uv.y));
  float pulse = exp(-5.0 * uBeat);
  // Sun: a striped disc sitting on the horizon, behind the grid.
  vec2 sp = uv - vec2(0.0, horizon + 0.02);
  float d = length(sp);
  float stripes = step(0.0, sin((sp.y + iTime * 0.05) * 90.0 - uBass * 4.0)) + step(0.02, sp.y);
  float sun = smoothstep(0.22, 0.215, d) * min(stripes, 1.0);
  col += sun * mix(vec3(0.9, 0.25, 0.35), vec3(1.0, 0.7, 0.2), clamp(sp.y * 4.0 + 0.5, 0.0, 1.0)) * 0.45;
  col += vec3(0.5, 0.1, 0.4) * 0.04 / (d * d + 0.05) * 0.3;
  if (uv.y < horizon) {
    float depth = 0.25 / (horizon - uv.y);               // distance along the floor
    vec2 g = vec2(uv.x * depth, depth + iTime * 2.0);
    vec2 f = abs(fract(g) - 0.5);
    float line = smoothstep(0.06 * depth, 0.0, min(f.x, f.y) - 0.005);
    float fade = exp(-0.08 * depth);
    col += vec3(0.1, 0.6, 0.9) * line * fade * (0.35 + 0.6 * pulse);
  }
  col *= 0.55 + 0.45 * smoothstep(0.1, 0.7, abs(uv.x) + abs(uv.y - 0.1));  // keep the middle calm
  o = vec4(col, 1.0);
}
