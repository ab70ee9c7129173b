// Monolith: a dark slab lit by a slowly breathing glow.
uniform float breath;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float slab = step(abs(uv.x), 0.12) * step(abs(uv.y), 0.35);
  float glow = exp(-6.0 * length(uv * vec2(2.5, 1.0))) * (0.3 + 0.5 * breath + fft(0.01));
  vec3 col = vec3(0.01, 0.01, 0.02) + vec3(0.25, 0.12, 0.05) * glow;
  col = mix(col, vec3(0.0), slab * 0.9);
  col += 0.02 * wave(uv.x + 0.5);
  fragColor = vec4(col, 1.0);
}
