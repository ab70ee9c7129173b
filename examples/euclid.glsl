// Interlock: three rotating rings of 3, 5 and 7 dots.
uniform float layers;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  vec3 col = vec3(0.03, 0.02, 0.05);
  for (int k = 0; k < 3; k++) {
    float n = 3.0 + 2.0 * float(k);
    float rad = 0.15 + 0.12 * float(k);
    float a = atan(uv.y, uv.x) + iTime * (0.3 + 0.2 * float(k));
    float seg = fract(a / 6.28318 * n);
    float dot_ = smoothstep(0.05, 0.0, abs(length(uv) - rad)) * smoothstep(0.2, 0.0, abs(seg - 0.5) - 0.2);
    col += dot_ * vec3(0.3 + 0.1 * float(k), 0.15, 0.4 - 0.1 * float(k)) * (0.5 + fft(0.05 * n));
  }
  fragColor = vec4(col, 1.0);
}
