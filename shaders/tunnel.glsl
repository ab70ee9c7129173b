// moonrave: shadertoy
// tunnel: an endless ring tunnel; rings flash on each beat, the walls breathe with the bass.
// Uniforms: iTime (s), iResolution (px), uBeat (0..1 beat phase), uBass (0..1), iChannel0 (audio).
// Text-safe: the far end (screen centre) is dark, colour lives at the edges.
void mainImage(out vec4 o, in vec2 p) {
  vec2 uv = (p - 0.5 * iResolution.xy) / iResolution.y;
  float r = length(uv);
  float a = atan(uv.y, uv.x);
  float z = 0.35 / max(r, 1e-3) + iTime * 1.2;           // depth along the tunnel
  float bass = max(uBass, texture(iChannel0, vec2(0.02, 0.25)).r);
  float dz = abs(fract(z * 2.0) - 0.5);                   // two rings per unit of depth
  float w = fwidth(z * 2.0);
  float rings = smoothstep(1.5 * w, 0.0, dz) + 0.02 * w / (dz + 0.02);  // crisp line, soft glow
  float spokes = pow(0.5 + 0.5 * sin(a * 8.0 + z * 0.7 + sin(iTime * 0.3) * 2.0), 6.0);
  float flash = exp(-6.0 * uBeat);
  float near = clamp(1.5 / (z - iTime * 1.2), 0.0, 1.0);   // far rings (centre) fade out
  vec3 hue = 0.5 + 0.5 * cos(6.2831 * (vec3(0.0, 0.33, 0.67) + floor(z * 2.0 + 0.5) * 0.13 + 0.05 * iTime));
  vec3 col = hue * (0.12 * spokes + rings * (0.7 + 0.8 * flash)) * (0.6 + 0.8 * bass) * near;
  col *= smoothstep(0.05, 0.6, r);                      // dark centre for the code
  col += vec3(0.01, 0.0, 0.02);
  o = vec4(min(col, vec3(0.8)), 1.0);
}
