// moonrave: shadertoy
// fractal: neon contour lines of a folded, repeated field in sixfold symmetry; the lines drift
// outward, the palette turns each cycle and the glow swells with the mids.
// Uniforms: iTime (s), iResolution (px), uBar (0..1 bar phase), uCycle (cycles), uMid (0..1).
vec3 palette(float t) { return 0.5 + 0.5 * cos(6.2831 * (t + vec3(0.26, 0.42, 0.56))); }
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = (p - 0.5 * iResolution.xy) / iResolution.y;
  float r0 = length(uv);
  float a = atan(uv.y, uv.x);
  float seg = 6.2831 / 6.0;
  a = abs(mod(a + iTime * 0.02, seg) - 0.5 * seg);
  vec2 q = r0 * vec2(cos(a), sin(a));
  vec3 col = vec3(0.0);
  for (int i = 0; i < 4; ++i) {
    float fi = float(i);
    q = fract(q * 1.45 + 0.05 * sin(iTime * 0.07 + fi)) - 0.5;
    float d = length(q) * exp(-1.5 * r0);
    float line = 0.008 / max(abs(sin(d * 9.0 - iTime * 0.5 + fi) / 9.0), 1e-4);
    col += palette(r0 * 0.8 + fi * 0.3 + iTime * 0.03 + floor(uCycle) * 0.13) * pow(min(line, 4.0), 1.4);
  }
  col *= 0.1 * (1.0 + 0.8 * uMid) * (0.9 + 0.1 * (1.0 - uBar));
  col *= 0.35 + 0.65 * smoothstep(0.05, 0.6, r0);         // a calm centre for the code
  o = vec4(min(col, vec3(0.8)), 1.0);
}
