// Welcome: soft rings that breathe with the bass and the "pulse" uniform.
uniform float pulse;

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float bass = texture(iChannel0, vec2(0.02, 0.25)).x;
  float r = length(uv);
  float rings = 0.5 + 0.5 * sin(18.0 * r - iTime * 2.0 - bass * 6.0);
  vec3 col = mix(vec3(0.05, 0.02, 0.10), vec3(0.30, 0.10, 0.45), rings * (0.4 + 0.6 * pulse));
  col += vec3(0.2, 0.1, 0.3) * bass * exp(-4.0 * r);
  col *= 0.35 + 0.3 * smoothstep(1.0, 0.0, r);
  fragColor = vec4(col, 1.0);
}
