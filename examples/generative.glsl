// Garden: branching flow field that grows differently each run.
uniform float seed;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y;
  vec2 p = uv * 4.0;
  float v = 0.0;
  for (int i = 0; i < 6; i++) {
    p = abs(p) / dot(p, p) - vec2(0.9 + 0.1 * sin(iTime * 0.1 + seed * 6.28), 0.6);
    v += exp(-3.0 * abs(length(p) - 0.5));
  }
  vec3 col = vec3(0.02, 0.05, 0.02) + vec3(0.1, 0.3, 0.15) * v / 6.0 * (0.5 + fft(0.2));
  fragColor = vec4(col, 1.0);
}
