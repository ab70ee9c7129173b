// Tidepool: slow caustic light on deep water, barely moving; the music lifts the highlights.
uniform float drift;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y * 3.0;
  vec2 c0 = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float t = 0.15 * iTime + drift;
  vec2 p = uv;
  float c = 0.0;
  for (int i = 1; i < 6; i++) {
    float fi = float(i);
    p += vec2(sin(p.y * fi * 0.9 + t), cos(p.x * fi * 0.8 - t * 1.1)) * 0.35 / fi * 1.6;
    c += abs(sin(p.x + p.y));
  }
  c /= 5.0;
  float caustic = pow(1.0 - c, 4.0);
  float lift = fft(0.05) + fft(0.12);
  vec3 deep = mix(vec3(0.0, 0.05, 0.1), vec3(0.02, 0.12, 0.16), 0.5 + 0.5 * sin(c0.y * 2.0 + 0.2 * iTime));
  vec3 col = deep + vec3(0.25, 0.7, 0.75) * caustic * (0.5 + 0.8 * lift);
  col *= 0.35 + 0.65 * smoothstep(0.1, 0.85, length(c0));
  fragColor = vec4(col, 1.0);
}
