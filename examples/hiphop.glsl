// Dusty Loop: a warm spectrum on scratched film grain.
uniform float vinyl;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float bar = step(uv.y, fft(floor(uv.x * 32.0) / 64.0) * 0.8);
  float grain = fract(sin(dot(uv * iTime, vec2(12.9, 78.2))) * 43758.5);
  float scratch = step(0.998, fract(sin(floor(uv.x * 200.0) + vinyl * 10.0) * 999.0));
  vec3 col = vec3(0.08, 0.05, 0.03) + vec3(0.35, 0.2, 0.08) * bar + 0.04 * grain + 0.1 * scratch;
  fragColor = vec4(col * 0.6, 1.0);
}
