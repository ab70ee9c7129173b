// Interlock: three rotating rings of 3, 5 and 7 beats around a sweeping playhead.
uniform float layers;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float r = length(uv), a = atan(uv.y, uv.x);
  vec3 col = mix(vec3(0.05, 0.03, 0.08), vec3(0.015, 0.01, 0.03), smoothstep(0.0, 0.9, r));
  float head = mod(-a + 0.8 * iTime, 6.28318);  // the playhead sweeps clockwise
  for (int k = 0; k < 3; k++) {
    float fk = float(k);
    float n = 3.0 + 2.0 * fk;
    float rad = 0.22 + 0.11 * fk;
    vec3 tint = mix(vec3(0.95, 0.35, 0.3), vec3(0.3, 0.5, 1.0), fk * 0.5);
    float ang = a + iTime * (0.25 + 0.12 * fk) * (k == 1 ? -1.0 : 1.0);
    float seg = fract(ang / 6.28318 * n) - 0.5;
    float arc = rad * 6.28318 / n;                      // distance between dots along the ring
    float d = length(vec2(r - rad, seg * arc));
    float dots = smoothstep(0.03, 0.018, d) + 0.25 * exp(-40.0 * d);  // a dot and its halo
    float track = smoothstep(0.005, 0.0, abs(r - rad)) * 0.35;
    float near = exp(-3.0 * head);
    col += tint * (track * (1.0 + 2.0 * fft(0.02)) + dots * (0.6 + 0.6 * near + 0.8 * fft(0.04 * n)));
  }
  col += vec3(0.5, 0.45, 0.6) * 0.12 * exp(-2.0 * head) * smoothstep(0.15, 0.5, r) * smoothstep(0.6, 0.45, r);
  col *= 0.35 + 0.65 * smoothstep(0.05, 0.3, r);
  fragColor = vec4(col, 1.0);
}
