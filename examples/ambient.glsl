// Tidepool: slow caustic water, barely moving.
uniform float drift;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y * 3.0;
  float t = iTime * 0.1 + drift;
  float c = 0.0;
  for (int i = 1; i < 5; i++) {
    float fi = float(i);
    uv += vec2(sin(uv.y * fi + t), cos(uv.x * fi - t)) * 0.3;
    c += 0.5 + 0.5 * sin(uv.x + uv.y);
  }
  c /= 4.0;
  vec3 col = mix(vec3(0.0, 0.04, 0.08), vec3(0.05, 0.25, 0.3), c * (0.6 + fft(0.05)));
  fragColor = vec4(col * 0.7, 1.0);
}
