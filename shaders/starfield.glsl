// moonrave: shadertoy
// starfield: stars streaming out of the dark centre, faster with the master level, with a
// warp streak on every beat.
// Uniforms: iTime (s), iResolution (px), uBeat (0..1), uLevel (0..1 master RMS), uCycle (cycles).
float hash(vec2 p) { return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453); }
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = (p - 0.5 * iResolution.xy) / iResolution.y;
  float a = atan(uv.y, uv.x);
  float r = length(uv);
  vec3 col = vec3(0.0);
  float speed = 0.35 + 1.5 * uLevel;
  float streak = 1.0 + 6.0 * exp(-8.0 * uBeat);
  for (int layer = 0; layer < 3; ++layer) {
    float fl = float(layer);
    float sectors = 90.0 + 50.0 * fl;
    float s = floor(a / 6.2831 * sectors);
    float h = hash(vec2(s, fl));
    float z = fract(h * 13.0 + iTime * speed * (0.2 + 0.1 * fl) + uCycle * 0.05);
    float sr = z * z * 1.4;                               // star radius: accelerates outward
    float da = abs(fract(a / 6.2831 * sectors) - 0.5) / sectors * 6.2831 * r;
    float dr = (r - sr) / streak;
    float star = smoothstep(0.004, 0.0, length(vec2(da, dr * 0.25)) - 0.002 * z);
    col += star * mix(vec3(0.6, 0.7, 1.0), vec3(1.0, 0.6, 0.8), h) * z * 1.5;
  }
  col += vec3(0.05, 0.02, 0.1) * smoothstep(1.2, 0.2, r) * 0.3;
  col *= smoothstep(0.0, 0.35, r);
  o = vec4(min(col, vec3(0.85)), 1.0);
}
