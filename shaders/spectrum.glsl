// moonrave: shadertoy
// spectrum: the sound itself: mirrored spectrum bars rising from the bottom and top edges, and
// the waveform as a thin ribbon; silence still shows a slow idle wave.
// Uniforms: iTime (s), iResolution (px), iChannel0 (audio: row 0 spectrum 0..1, row 1 wave),
// uBeat (0..1).
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = p / iResolution.xy;
  float x = abs(uv.x - 0.5) * 2.0;                        // bass in the middle, highs outside
  float bins = 64.0;
  float bx = (floor(x * bins) + 0.5) / bins;
  float idle = 0.08 + 0.06 * sin(bx * 9.0 - iTime * 1.5) + 0.04 * sin(bx * 23.0 + iTime);
  float level = max(texture(iChannel0, vec2(bx * 0.7, 0.25)).r, idle);
  float gap = step(0.18, fract(x * bins));
  float edge = min(uv.y, 1.0 - uv.y);                     // distance to the nearest edge
  float bar = step(edge, level * 0.35) * gap;
  vec3 hue = mix(vec3(0.1, 0.5, 0.9), vec3(0.9, 0.2, 0.6), bx);
  vec3 col = hue * bar * (0.35 + 0.4 * (level * 0.35 - edge + 0.3));
  float wave = texture(iChannel0, vec2(uv.x, 0.75)).r - 0.5;
  float yw = 0.5 + wave * 0.3 + 0.02 * sin(uv.x * 12.0 + iTime * 2.0);
  col += vec3(0.6, 0.9, 1.0) * smoothstep(0.006, 0.0, abs(uv.y - yw)) * (0.25 + 0.3 * exp(-5.0 * uBeat));
  col += vec3(0.015, 0.01, 0.03);
  o = vec4(col, 1.0);
}
