// Warehouse: a tunnel of strobing grid lines pushed by the kick; the far end stays dark.
uniform float kick;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  uv += 0.05 * vec2(sin(0.3 * iTime), cos(0.23 * iTime));  // the camera sways
  float a = atan(uv.y, uv.x), r = length(uv) + 1e-3;
  float bass = fft(0.02);
  float z = 1.2 / r + iTime * (1.2 + bass);
  float rings = smoothstep(0.08, 0.0, 0.5 - abs(fract(z) - 0.5));
  float spokes = smoothstep(0.03, 0.0, 0.5 - abs(fract(a * 8.0 / 6.28318 + 0.02 * iTime) - 0.5));
  float pulse = exp(-4.0 * fract(iTime * 2.16));        // a four-to-the-floor pulse, even in silence
  float depth = smoothstep(0.05, 0.8, r);               // dark far end: readable code in the middle
  vec3 red = vec3(1.0, 0.22, 0.08), ice = vec3(0.35, 0.6, 1.0);
  vec3 col = vec3(0.015, 0.01, 0.02);
  col += red * rings * depth * (0.45 + 0.3 * pulse + 0.5 * kick + 0.8 * bass);
  col += ice * spokes * depth * (0.3 + 0.4 * bass);
  col += red * 0.06 * depth * pulse;
  fragColor = vec4(col, 1.0);
}
