// Amen Steps: a green phosphor scope with jittery scanlines and glitch bars on the snare.
uniform float snare;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float wave(float x) { return texture(iChannel0, vec2(x, 0.75)).x; }
float hash(float x) { return fract(sin(x * 91.3458) * 47453.5453); }

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float row = floor(uv.y * 40.0);
  float step8 = floor(iTime * 5.6);                    // the break's sixteenths, roughly
  float glitch = step(0.8, hash(row + step8 * 13.0));
  float shift = (hash(row * 1.7 + step8) - 0.5) * (0.04 + 0.2 * snare) * glitch;
  float x = fract(uv.x + shift);
  float ghost = 0.12 * sin(x * 25.0 + 3.0 * iTime) * sin(x * 6.0 - 1.3 * iTime);  // an idle trace
  float w = wave(x);
  float level = fft(0.03) + fft(0.1);
  float y = 0.5 + ghost + (w - 0.5) * 0.6 * step(0.001, level);
  float line = smoothstep(0.02, 0.0, abs(uv.y - y)) + 0.4 * smoothstep(0.08, 0.0, abs(uv.y - y));
  vec3 green = vec3(0.25, 0.9, 0.2);
  vec3 col = vec3(0.02, 0.045, 0.015);
  col += green * line * (0.35 + 0.6 * level);
  col += green * 0.07 * glitch * (0.5 + snare);         // the glitch bars
  col += green * 0.06 * step(0.9, fract(uv.x * 16.0)) * step(0.9, fract(uv.y * 9.0));  // scope grid
  col *= 0.75 + 0.25 * sin(fragCoord.y * 3.14159);      // scanlines
  col *= 1.0 - 0.8 * dot(uv - 0.5, uv - 0.5);
  fragColor = vec4(col, 1.0);
}
