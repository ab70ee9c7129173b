// Pixel Quest: chunky pixels, a scrolling 8-bit skyline with lit windows and a blinking star field.
uniform float blip;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float hash(float x) { return fract(sin(x * 17.13) * 43758.5453); }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  float cell = max(4.0, floor(iResolution.y / 45.0));
  vec2 px = floor(fragCoord / cell);
  vec2 grid = floor(iResolution.xy / cell);
  float y = px.y / grid.y;
  float x = floor(px.x + iTime * 6.0);                 // the near street scrolls
  float b = floor(x / 5.0);                            // one building every 5 columns
  float h = 0.18 + 0.22 * hash(b) + 0.25 * fft(fract(b / 16.0) * 0.4);
  float xf = floor(px.x + iTime * 2.0);                // the far skyline, slower
  float hf = 0.3 + 0.2 * hash(floor(xf / 7.0) + 40.0);
  vec3 col = mix(vec3(0.05, 0.02, 0.12) * (1.0 + 1.5 * fft(0.03)), vec3(0.02, 0.02, 0.05), y);   // sky, glowing with the bass
  float star = step(0.985, hash(px.x * 13.0 + px.y * 71.0));
  float twinkle = step(0.5, fract(iTime * 0.7 + hash(px.x + px.y * 3.0)));
  col += star * twinkle * vec3(0.7, 0.7, 0.9) * (0.6 + blip) * smoothstep(0.4, 0.7, y);
  vec2 moon = vec2(grid.x * 0.82, grid.y * 0.8);
  if (length(px - moon) < 3.5) col = vec3(0.75, 0.7, 0.45);
  if (y < hf) col = vec3(0.08, 0.04, 0.16);
  if (y < h) {
    col = vec3(0.14, 0.06, 0.28) + vec3(0.12, 0.0, 0.16) * step(0.5, hash(b + 3.0));
    float win = step(0.5, fract(px.x * 0.5)) * step(0.5, fract(px.y * 0.5)) * step(px.y, h * grid.y - 2.0);
    float lit = step(0.45, hash(x * 3.1 + floor(px.y * 0.5) * 7.7 + floor(iTime * 0.5)));
    col = mix(col, vec3(0.95, 0.75, 0.25) * (0.7 + blip * 0.3), win * lit);
  }
  float mid = smoothstep(0.15, 0.5, abs(fragCoord.y / iResolution.y - 0.55));
  col *= 0.45 + 0.55 * mid;  // dimmer behind the code in the middle band
  fragColor = vec4(col, 1.0);
}
