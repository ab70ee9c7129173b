#version 410 core
// plasma (Bonzomatic format, as Bonzomatic writes it): a slow, deep plasma folded by the
// integrated spectrum, so it surges forward with the music and rests when it stops.
// Uniforms: fGlobalTime (s), v2Resolution (px), texFFTSmoothed / texFFTIntegrated (1D, bass at 0).
uniform float fGlobalTime;
uniform vec2 v2Resolution;
uniform sampler1D texFFTSmoothed;
uniform sampler1D texFFTIntegrated;
layout(location = 0) out vec4 out_color;

void main(void) {
  vec2 uv = (gl_FragCoord.xy - 0.5 * v2Resolution) / v2Resolution.y;
  float push = texture(texFFTIntegrated, 0.02).r * 0.02;
  float bass = texture(texFFTSmoothed, 0.02).r;
  float t = fGlobalTime * 0.25 + push;
  float v = sin(uv.x * 6.0 + t) + sin(uv.y * 5.0 - t * 1.3)
          + sin((uv.x + uv.y) * 4.0 + t * 0.7) + sin(length(uv * 7.0) - t * 2.0);
  float s = 0.5 + 0.5 * sin(v * 1.4 + t);
  vec3 col = mix(vec3(0.02, 0.03, 0.12), vec3(0.30, 0.05, 0.32), s);
  col += vec3(0.10, 0.45, 0.55) * pow(0.5 + 0.5 * sin(v * 3.0 - t * 1.5), 8.0) * (0.6 + bass * 4.0);
  col *= smoothstep(0.0, 0.8, length(uv)) * 0.7 + 0.3;
  out_color = vec4(col, 1.0);
}
