// moonrave: shadertoy
// default: a dark, slow aurora that breathes with the bass (iChannel0 row 0) and the beat (uBeat).
// Uniforms: iTime, iResolution, iChannel0 (audio), uBeat (0..1 phase within the beat).
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = (p - 0.5 * iResolution.xy) / iResolution.y;
  float bass = texture(iChannel0, vec2(0.03, 0.25)).r;
  float pulse = exp(-4.0 * uBeat);
  float band = 0.0;
  for (int i = 0; i < 3; ++i) {
    float fi = float(i);
    float y = uv.y + 0.25 * sin(uv.x * (1.5 + fi) + iTime * (0.2 + 0.1 * fi)) - 0.2 * fi + 0.2;
    band += (0.012 / (abs(y) + 0.012) + 0.4 * exp(-abs(y) * 12.0)) * (0.6 + 0.6 * bass + 0.3 * pulse);
  }
  vec3 col = band * mix(vec3(0.1, 0.3, 0.5), vec3(0.4, 0.15, 0.5), 0.5 + 0.5 * sin(iTime * 0.1 + uv.x));
  col *= 0.55 * (0.45 + 0.55 * smoothstep(0.0, 0.5, length(uv * vec2(0.6, 1.0))));  // calm middle
  col += vec3(0.02, 0.02, 0.04);
  o = vec4(col, 1.0);
}
