// moonrave: native
// rings (moonrave's own format: main() and the uniforms by name): concentric rings, one per
// orbit, each swelling with its orbit's level and spinning a dash pattern with the bar.
// Uniforms: iTime (s), iResolution (px), uOrbit[12] (0..1 RMS), uBar (0..1), uBeat (0..1).
out vec4 color;
void main() {
  vec2 uv = (gl_FragCoord.xy - 0.5 * iResolution.xy) / iResolution.y;
  float r = length(uv), a = atan(uv.y, uv.x);
  vec3 col = vec3(0.01, 0.01, 0.025);
  for (int i = 0; i < 6; ++i) {
    float fi = float(i);
    float radius = 0.22 + fi * 0.075;
    float level = uOrbit[i];
    float width = 0.005 + 0.012 * level + 0.004 * exp(-6.0 * uBeat) * step(fi, 0.5);
    float dash = step(0.35, fract(a / 6.2831 * (6.0 + fi * 4.0) + uBar * (fi + 1.0) * (mod(fi, 2.0) * 2.0 - 1.0) + iTime * 0.02));
    float ring = smoothstep(width, 0.0, abs(r - radius)) * mix(0.35, 1.0, dash);
    vec3 hue = 0.5 + 0.5 * cos(6.2831 * (fi * 0.12 + vec3(0.55, 0.65, 0.8)));
    col += hue * ring * (0.35 + 0.6 * level);
  }
  col += vec3(0.15, 0.05, 0.25) * 0.02 / (abs(r - 0.6) + 0.05);
  color = vec4(col, 1.0);
}
