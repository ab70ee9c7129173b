// Squelch: acid-green plasma whose frequency follows the filter sweep.
uniform float cutoff;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float k = 4.0 + 10.0 * cutoff;
  float v = sin(uv.x * k + iTime) + sin(uv.y * k * 0.7 - iTime * 1.3) + sin(length(uv) * k * 1.5 - iTime * 2.0);
  v = 0.5 + 0.5 * sin(v * 2.0 + fft(0.03) * 4.0);
  vec3 col = mix(vec3(0.02, 0.03, 0.0), vec3(0.35, 0.55, 0.0), v * v);
  fragColor = vec4(col * 0.55, 1.0);
}
