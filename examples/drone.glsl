// Monolith: a dark slab before a slow aurora; the glow breathes with the drone.
uniform float breath;
float fft(float x) { return texture(iChannel0, vec2(x, 0.25)).x; }
float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
float noise(vec2 p) {
  vec2 i = floor(p), f = fract(p);
  f = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1.0, 0.0)), f.x), mix(hash(i + vec2(0.0, 1.0)), hash(i + vec2(1.0, 1.0)), f.x), f.y);
}
float fbm(vec2 p) {
  float v = 0.0, amp = 0.5;
  for (int i = 0; i < 5; i++) { v += amp * noise(p); p = p * 2.03 + vec2(1.7, 9.2); amp *= 0.5; }
  return v;
}

void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float t = 0.05 * iTime;
  float low = fft(0.01) + fft(0.03);
  float b = 0.5 + 0.5 * sin(0.4 * iTime);  // breathes even in silence
  vec3 amber = vec3(0.95, 0.5, 0.18), teal = vec3(0.1, 0.45, 0.55);
  float curtain = fbm(vec2(1.5 * uv.x + t, 0.6 * uv.y - 0.5 * t) + fbm(2.0 * uv - t));
  float band = exp(-6.0 * pow(uv.y - 0.12 * sin(2.0 * uv.x + 0.1 * iTime) - 0.05, 2.0));
  vec3 col = mix(teal, amber, smoothstep(0.35, 0.75, curtain)) * curtain;
  col *= (0.28 + 0.2 * b + 0.3 * breath + 0.3 * low) * (0.4 + band);
  col += amber * exp(-5.0 * length(uv * vec2(2.2, 1.0))) * (0.12 + 0.15 * b + 0.2 * low);
  vec2 d = abs(uv) - vec2(0.12, 0.36);
  float edge = max(d.x, d.y);
  col = mix(col, vec3(0.004), smoothstep(0.004, -0.004, edge));  // the slab
  col += amber * smoothstep(0.025, 0.0, abs(edge)) * (0.12 + 0.12 * b + 0.3 * low);  // its rim light
  fragColor = vec4(col, 1.0);
}
