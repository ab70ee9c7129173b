// Pixel Quest: chunky pixels, a scrolling 8-bit skyline and a blinking star field.
uniform float blip;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 px = floor(fragCoord / 8.0);
  vec2 uv = px * 8.0 / iResolution.xy;
  float x = floor(px.x + iTime * 6.0);
  float h = 0.2 + 0.3 * fft(fract(x / 40.0) * 0.5);
  vec3 col = vec3(0.02, 0.02, 0.08);
  if (uv.y < h) col = vec3(0.1, 0.05, 0.25) + vec3(0.2, 0.0, 0.3) * step(0.5, fract(x * 0.5));
  float star = step(0.995, fract(sin(dot(px, vec2(3.1, 7.7))) * 9999.0));
  col += star * vec3(0.5) * (0.4 + blip);
  fragColor = vec4(col, 1.0);
}
