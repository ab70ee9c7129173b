// moonrave: shadertoy
// cells: drifting Voronoi cells whose borders light up on each beat; each orbit's level tints a
// family of cells, so you can see which part is playing.
// Uniforms: iTime (s), iResolution (px), uBeat (0..1), uBeatCount (beats), uOrbit[12] (0..1 RMS).
vec2 hash2(vec2 p) {
  p = vec2(dot(p, vec2(127.1, 311.7)), dot(p, vec2(269.5, 183.3)));
  return fract(sin(p) * 43758.5453);
}
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = (p - 0.5 * iResolution.xy) / iResolution.y * 5.0;
  vec2 cell = floor(uv), f = fract(uv);
  float d1 = 8.0, d2 = 8.0;
  vec2 id = vec2(0.0);
  for (int y = -1; y <= 1; ++y) {
    for (int x = -1; x <= 1; ++x) {
      vec2 g = vec2(x, y);
      vec2 h = hash2(cell + g);
      vec2 c = g + 0.5 + 0.4 * sin(iTime * 0.6 + 6.2831 * h) - f;
      float d = dot(c, c);
      if (d < d1) { d2 = d1; d1 = d; id = cell + g; } else if (d < d2) { d2 = d; }
    }
  }
  float edge = sqrt(d2) - sqrt(d1);
  float h = hash2(id).x;
  int orbit = int(h * 4.0);
  float level = uOrbit[orbit];
  float pulse = exp(-4.0 * uBeat);
  float lit = step(0.75, fract(h * 7.0 + floor(uBeatCount) * 0.37));   // a few cells take the beat
  vec3 tint = 0.5 + 0.5 * cos(6.2831 * (h + vec3(0.0, 0.15, 0.3)) + iTime * 0.1);
  vec3 col = tint * (0.06 + 0.25 * level + 0.25 * lit * pulse);
  col += vec3(0.4, 0.7, 1.0) * smoothstep(0.08, 0.0, edge) * (0.25 + 0.5 * pulse);
  vec2 s = (p - 0.5 * iResolution.xy) / iResolution.y;
  col *= 0.5 + 0.5 * smoothstep(0.0, 0.6, length(s * vec2(0.7, 1.0)));
  o = vec4(col, 1.0);
}
