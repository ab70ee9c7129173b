// JavaScript's Math.sin and Math.cos, bit for bit: V8 computes them with fdlibm's algorithm
// (argument reduction by pi/2 in up to three steps, then the kernel polynomials), which differs
// from the C library's in the last bit for about one argument in thirty. Strudel's sine and
// cosine signals go through Math.sin, so moonrave's do through these to give the same numbers.
#pragma once

namespace mr::pattern {

double js_sin(double x);
// JavaScript's Math.pow and `**`: V8 computes them with fdlibm's pow, which differs from the
// C library's (correctly rounded) in the last bit for about one argument in ten; Strudel's
// perlin goes through `**`.
double js_pow(double x, double y);
double js_cos(double x);

}  // namespace mr::pattern
