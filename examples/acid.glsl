// Squelch: acid-green plasma contours; their density follows the filter sweep (`cutoff`).
uniform float cutoff;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float k = 4.0 + 8.0 * cutoff + 1.5 * sin(0.2 * iTime);
  float v = sin(uv.x * k + iTime) + sin(uv.y * k * 0.7 - 1.3 * iTime) + sin(length(uv - vec2(0.3 * sin(0.3 * iTime), 0.0)) * k * 1.5 - 2.0 * iTime);
  float punch = fft(0.03) + fft(0.08);
  float lines = smoothstep(0.1, 0.0, abs(fract(v * 1.5) - 0.5));  // contour lines
  vec3 acid = mix(vec3(0.45, 0.85, 0.05), vec3(0.95, 0.9, 0.1), 0.5 + 0.5 * sin(v + iTime));
  vec3 col = vec3(0.015, 0.025, 0.0) + acid * (0.05 * (0.5 + 0.5 * sin(v * 2.0)) + lines * (0.4 + 0.6 * punch));
  col += vec3(0.6, 0.0, 0.5) * 0.08 * smoothstep(0.6, 1.0, sin(v * 0.5 + 0.7 * iTime));  // a magenta bleed
  col *= 0.3 + 0.7 * smoothstep(0.1, 0.8, length(uv));
  fragColor = vec4(col, 1.0);
}
