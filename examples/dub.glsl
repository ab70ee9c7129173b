// Echo Chamber: concentric echoes fading out, one per delay repeat.
uniform float echo;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float r = length(uv);
  float e = 0.0;
  for (int i = 0; i < 5; i++) {
    float fi = float(i);
    float rad = fract(iTime * 0.2 + fi * 0.2);
    e += smoothstep(0.01, 0.0, abs(r - rad)) * (1.0 - rad) * pow(0.7, fi);
  }
  vec3 col = vec3(0.02, 0.04, 0.05) + vec3(0.1, 0.3, 0.35) * e * (0.4 + echo + fft(0.02));
  fragColor = vec4(col, 1.0);
}
