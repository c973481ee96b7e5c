/* Integer arithmetic for the harness: 64x64/64 with a 128-bit intermediate, square
 * roots of 128-bit sums, and fixed-point numbers printed the way Google Benchmark
 * prints doubles. No floating point and no compiler helpers beyond 64-bit division. */
#ifndef TB_FIXED_H
#define TB_FIXED_H
#include "tbench.h"

typedef unsigned long long u64;
struct u128 { u64 hi, lo; };

struct u128 u128_mul(u64 a, u64 b);
struct u128 u128_add(struct u128 a, struct u128 b);
u64 u128_div(struct u128 n, u64 d);        /* saturates when the quotient needs > 64 bits */
u64 u128_isqrt(struct u128 n);
u64 tb_muldiv(u64 a, u64 b, u64 c);        /* a * b / c, rounded down */

/* Decimal text: "1.1600000000000000e+02" (17 significant digits, as %.16e), a short
 * human form for the console ("232", "1.50k", "4.19M"), and plain unsigned. Each returns
 * the length written into buf (at least 32 bytes). */
int tb_format_sci(char *buf, tb_fixed v);
int tb_format_human(char *buf, tb_fixed v);
int tb_format_u64(char *buf, u64 v);
#endif
