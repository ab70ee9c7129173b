// Warehouse: a tunnel of strobing grid lines pushed by the kick.
uniform float kick;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float a = atan(uv.y, uv.x), r = length(uv) + 1e-3;
  float z = 1.0 / r + iTime * (1.0 + fft(0.02));
  float grid = step(0.92, fract(z * 2.0)) + step(0.95, fract(a * 6.0 / 3.14159));
  vec3 col = vec3(0.6, 0.1, 0.05) * grid * (0.3 + 0.7 * kick) * r;
  fragColor = vec4(col * 0.5 + vec3(0.02), 1.0);
}
