// Echo Chamber: echoes ripple outward through smoke, one ring per delay repeat.
uniform float echo;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
float noise(vec2 p) {
  vec2 i = floor(p), f = fract(p);
  f = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1.0, 0.0)), f.x), mix(hash(i + vec2(0.0, 1.0)), hash(i + vec2(1.0, 1.0)), f.x), f.y);
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float smoke = noise(uv * 3.0 + vec2(0.1 * iTime, 0.0)) * 0.6 + noise(uv * 7.0 - vec2(0.0, 0.15 * iTime)) * 0.4;
  float r = length(uv + 0.04 * (smoke - 0.5));
  float hit = fft(0.02) + fft(0.06);
  float e = 0.0;
  for (int i = 0; i < 6; i++) {
    float fi = float(i);
    float rad = fract(0.15 * iTime + fi / 6.0) * 1.2;
    e += smoothstep(0.025, 0.0, abs(r - rad)) * smoothstep(0.0, 0.35, rad) * smoothstep(1.2, 0.6, rad);
  }
  vec3 col = vec3(0.01, 0.03, 0.04) + vec3(0.03, 0.09, 0.1) * smoke;
  col += vec3(0.15, 0.5, 0.55) * e * (0.45 + 0.5 * echo + 0.8 * hit);
  col *= 0.4 + 0.6 * smoothstep(0.05, 0.6, r);
  fragColor = vec4(col, 1.0);
}
