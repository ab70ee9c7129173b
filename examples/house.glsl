// Late Night: warm bokeh lights drifting up through the dark; the mids make them glow.
uniform float glow;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float hash(float x) { return fract(sin(x * 12.9898) * 43758.5453); }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y;
  float aspect = iResolution.x / iResolution.y;
  vec2 c = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  vec3 col = mix(vec3(0.03, 0.015, 0.04), vec3(0.07, 0.03, 0.05), uv.y);
  for (int i = 0; i < 18; i++) {
    float f = float(i);
    float size = 0.04 + 0.08 * hash(f + 3.0);
    float speed = 0.02 + 0.04 * hash(f + 7.0);
    vec2 p = vec2(hash(f) * aspect + 0.05 * sin(0.3 * iTime + f), fract(hash(f + 1.0) + speed * iTime) * 1.4 - 0.2);
    float d = length(uv - p);
    float disc = smoothstep(size, size * 0.85, d) * (0.6 + 0.4 * smoothstep(size * 0.6, size, d));  // a brighter rim
    vec3 tint = mix(vec3(1.0, 0.55, 0.2), vec3(1.0, 0.3, 0.45), hash(f + 5.0));
    col += tint * disc * (0.22 + 0.15 * glow + 0.6 * fft(0.1 + f * 0.02));
  }
  col *= 0.4 + 0.6 * smoothstep(0.1, 0.75, length(c));
  fragColor = vec4(min(col, vec3(0.8)), 1.0);
}
