// Late Night: warm bokeh lights drifting, brightness from the mids.
uniform float glow;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y;
  vec3 col = vec3(0.03, 0.02, 0.04);
  for (int i = 0; i < 12; i++) {
    float f = float(i);
    vec2 p = vec2(fract(sin(f * 12.9) * 43.7) * 1.8, fract(0.05 * iTime + fract(sin(f * 78.2) * 9.1)));
    float d = length(uv - p);
    col += vec3(0.5, 0.3, 0.1) * 0.012 / (d + 0.02) * (0.3 + glow * fft(0.1 + f * 0.03));
  }
  fragColor = vec4(min(col, vec3(0.5)), 1.0);
}
