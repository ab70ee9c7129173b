// Clicks: a sparse field of dots that light up with the ticks.
uniform float tick;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y * 12.0;
  vec2 id = floor(uv), f = fract(uv) - 0.5;
  float rnd = fract(sin(dot(id, vec2(12.9, 78.2))) * 43758.5);
  float on = step(0.85, fract(rnd + floor(iTime * 2.0) * 0.37));
  float d = smoothstep(0.12, 0.08, length(f));
  vec3 col = vec3(0.03) + vec3(0.5, 0.5, 0.55) * d * on * (0.3 + tick) * (0.5 + fft(rnd));
  fragColor = vec4(col * 0.6, 1.0);
}
