// Dusty Loop: a warm spectrum on scratched, grainy film; the bars idle gently in silence.
uniform float vinyl;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float hash(vec2 p) { return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453); }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float i = floor(uv.x * 32.0);
  float idle = 0.08 + 0.2 * (0.5 + 0.5 * sin(i * 0.7 + 2.3 * iTime)) * (0.5 + 0.5 * sin(i * 0.23 - 0.9 * iTime));
  float h = idle + 0.6 * fft(i / 64.0);
  float inside = step(0.12, fract(uv.x * 32.0)) * step(uv.y, h);
  float seg = step(0.3, fract(uv.y * 60.0));           // LED-like segments
  vec3 warm = mix(vec3(0.85, 0.45, 0.12), vec3(1.0, 0.8, 0.45), uv.y / max(h, 0.01));
  vec3 col = vec3(0.06, 0.035, 0.02) + vec3(0.07, 0.04, 0.015) * (1.0 - uv.y);
  col += warm * inside * seg * 0.55;
  col += warm * 0.18 * exp(-30.0 * abs(uv.y - h)) * step(0.12, fract(uv.x * 32.0));  // glow over the tops
  float grain = hash(uv * 300.0 + fract(iTime * 24.0) * 17.0);
  col += 0.05 * (grain - 0.5);
  float line = floor(uv.x * 240.0 + 40.0 * sin(floor(iTime * 3.0) * 1.7 + vinyl * 10.0));
  col += 0.08 * step(0.993, hash(vec2(line, floor(iTime * 3.0))));  // scratches, a few frames each
  vec2 c = uv - 0.5;
  col *= 1.0 - 0.9 * dot(c, c);  // projector vignette
  col *= 1.0 - 0.4 * smoothstep(0.3, 0.05, abs(uv.y - 0.6));  // calmer behind the code
  fragColor = vec4(max(col, 0.0), 1.0);
}
