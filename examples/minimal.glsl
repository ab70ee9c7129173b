// Clicks: a sparse field of dots; a few light up on each tick and fade, drifting slowly.
uniform float tick;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float hash(vec2 p) { return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453); }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 c = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  vec2 uv = fragCoord / iResolution.y * 12.0 + vec2(0.15 * iTime, 0.0);
  vec2 id = floor(uv), f = fract(uv) - 0.5;
  float rnd = hash(id);
  float beat = iTime * 2.08;                           // 0.52 cycles a second, four ticks a cycle
  float k = floor(beat);
  float env = exp(-4.0 * fract(beat));
  float on = step(0.82, fract(rnd + k * 0.37));
  float dotd = smoothstep(0.13, 0.08, length(f));
  float ring = smoothstep(0.02, 0.0, abs(length(f) - 0.3 * (1.0 - env))) * on * env;
  vec3 col = vec3(0.025, 0.025, 0.03);
  col += vec3(0.16) * dotd * (1.0 + 1.2 * fft(0.02));  // the resting grid, pulsing with the kick
  col += vec3(0.8, 0.82, 0.9) * dotd * on * env * (0.8 + tick + fft(rnd * 0.5));
  col += vec3(0.4, 0.45, 0.6) * ring * 0.6;
  col *= 0.35 + 0.65 * smoothstep(0.1, 0.8, length(c));
  fragColor = vec4(col, 1.0);
}
