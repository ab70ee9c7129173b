// Garden: a branching kaleidoscopic bloom that grows differently with each `seed`.
uniform float seed;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  vec2 p = uv * 2.2 + vec2(0.15 * sin(0.07 * iTime), 0.1 * cos(0.05 * iTime));
  float v = 0.0, hue = 0.0;
  vec2 c = vec2(0.9 + 0.08 * sin(0.11 * iTime + seed * 6.28), 0.6 + 0.05 * cos(0.13 * iTime));
  for (int i = 0; i < 7; i++) {
    p = abs(p) / dot(p, p) - c;
    float g = exp(-4.0 * abs(length(p) - 0.5));
    v += g;
    hue += g * float(i);
  }
  hue /= max(v, 1e-3);
  float lift = fft(0.1) + fft(0.2);
  vec3 pal = 0.5 + 0.5 * cos(vec3(2.0, 2.6, 3.4) + hue * 0.6 + 0.1 * iTime);
  vec3 col = vec3(0.01, 0.03, 0.015) + pal * vec3(0.55, 0.8, 0.5) * (v / 7.0) * (0.7 + 0.3 * lift);
  col *= 0.35 + 0.65 * smoothstep(0.05, 0.7, length(uv));
  fragColor = vec4(col, 1.0);
}
