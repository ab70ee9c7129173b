// Welcome: soft rings that breathe with the bass and the "pulse" uniform.
// Alive in silence (the rings drift with iTime); the bass and `pulse` make them glow.
uniform float pulse;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float bass = fft(0.02);
  float r = length(uv), a = atan(uv.y, uv.x);
  float wobble = 0.03 * sin(3.0 * a + 0.7 * iTime) + 0.02 * sin(5.0 * a - 0.4 * iTime);
  float rings = pow(0.5 + 0.5 * sin(22.0 * (r + wobble) - 1.5 * iTime - 6.0 * bass), 3.0);
  vec3 hue = 0.5 + 0.5 * cos(vec3(3.5, 5.6, 7.7) + 3.0 * r - 0.3 * iTime);
  vec3 col = vec3(0.03, 0.015, 0.06) + hue * rings * (0.3 + 0.3 * pulse + 0.6 * bass);
  col *= 0.25 + 0.75 * smoothstep(0.08, 0.75, r);  // a calm middle keeps the code readable
  fragColor = vec4(col, 1.0);
}
