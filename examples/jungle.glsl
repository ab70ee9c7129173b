// Amen Steps: jittery scanlines and glitch bars on the snare.
uniform float snare;
float fft(float x){return texture(iChannel0, vec2(x, 0.25)).x;}
float wave(float x){return texture(iChannel0, vec2(x, 0.75)).x;}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float row = floor(uv.y * 40.0);
  float shift = (fract(sin(row * 91.3 + floor(iTime * 8.0)) * 4375.5) - 0.5) * snare * 0.2;
  float w = wave(fract(uv.x + shift));
  float line = smoothstep(0.02, 0.0, abs(uv.y - 0.5 - (w - 0.5) * 0.6));
  vec3 col = vec3(0.05, 0.08, 0.02) + vec3(0.2, 0.6, 0.1) * line;
  col += vec3(0.1, 0.2, 0.05) * step(0.97, fract(uv.y * 40.0)) * fft(0.05);
  fragColor = vec4(col * 0.6, 1.0);
}
