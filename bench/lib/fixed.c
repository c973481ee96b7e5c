#include "fixed.h"

struct u128 u128_mul(u64 a, u64 b)
{
    u64 a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
    u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    u64 mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
    struct u128 r = { p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (p00 & 0xffffffffu) };
    return r;
}

struct u128 u128_add(struct u128 a, struct u128 b)
{
    struct u128 r = { a.hi + b.hi, a.lo + b.lo };
    r.hi += r.lo < a.lo;
    return r;
}

static int u128_ge(struct u128 a, struct u128 b) { return a.hi > b.hi || (a.hi == b.hi && a.lo >= b.lo); }

u64 u128_div(struct u128 n, u64 d)
{
    if (n.hi >= d)
        return ~0ULL;                         /* quotient does not fit: saturate */
    if (n.hi == 0)
        return n.lo / d;
    /* Restoring division, one bit at a time: rare (stats and rates only). */
    u64 rem = n.hi, q = 0;
    for (int i = 63; i >= 0; i--) {
        u64 top = rem >> 63;
        rem = rem << 1 | ((n.lo >> i) & 1);
        q <<= 1;
        if (top || rem >= d) {
            rem -= d;
            q |= 1;
        }
    }
    return q;
}

u64 u128_isqrt(struct u128 n)
{
    u64 root = 0;
    for (int bit = 63; bit >= 0; bit--) {
        u64 trial = root | (1ULL << bit);
        if (u128_ge(n, u128_mul(trial, trial)))
            root = trial;
    }
    return root;
}

u64 tb_muldiv(u64 a, u64 b, u64 c)
{
    return c ? u128_div(u128_mul(a, b), c) : 0;
}

int tb_format_u64(char *buf, u64 v)
{
    char tmp[24];
    int n = 0, len = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = 0;
    return len;
}

/* The decimal digits of |v| / TB_ONE as a digit string and a power of ten for its first
 * digit, rounded to `sig` significant digits. */
static int digits_of(tb_fixed v, int sig, char *digits, int *exp10)
{
    u64 m = (u64)(v < 0 ? -v : v);
    char all[24];
    int n = tb_format_u64(all, m);
    *exp10 = n - 1 - 6;                        /* TB_ONE is 10^6 */
    int i;
    for (i = 0; i < sig; i++)
        digits[i] = i < n ? all[i] : '0';
    if (n > sig && all[sig] >= '5') {          /* round half up, carrying leftwards */
        for (i = sig - 1; i >= 0 && digits[i] == '9'; i--)
            digits[i] = '0';
        if (i >= 0) {
            digits[i]++;
        } else {
            for (i = sig - 1; i > 0; i--)
                digits[i] = digits[i - 1];
            digits[0] = '1';
            (*exp10)++;
        }
    }
    digits[sig] = 0;
    return m == 0;
}

int tb_format_sci(char *buf, tb_fixed v)
{
    char d[24];
    int e, len = 0;
    int zero = digits_of(v, 17, d, &e);
    if (zero)
        e = 0;
    if (v < 0)
        buf[len++] = '-';
    buf[len++] = d[0];
    buf[len++] = '.';
    for (int i = 1; i < 17; i++)
        buf[len++] = d[i];
    buf[len++] = 'e';
    buf[len++] = e < 0 ? '-' : '+';
    if (e < 0)
        e = -e;
    if (e < 10)
        buf[len++] = '0';
    len += tb_format_u64(buf + len, (u64)e);
    return len;
}

int tb_format_human(char *buf, tb_fixed v)
{
    static const char suffix[] = " kMGT";
    int s = 0, len = 0;
    tb_fixed scaled = v < 0 ? -v : v;
    while (scaled >= 10000 * TB_ONE && s < 4) {   /* keep up to 4 integer digits */
        scaled /= 1000;
        s++;
    }
    if (v < 0)
        buf[len++] = '-';
    u64 whole = (u64)scaled / TB_ONE;
    int decimals = whole >= 100 ? 0 : whole >= 10 ? 1 : 2;
    u64 unit = decimals == 0 ? TB_ONE : decimals == 1 ? TB_ONE / 10 : TB_ONE / 100;
    u64 rounded = ((u64)scaled + unit / 2) / unit;   /* in units of the last digit shown */
    u64 pow = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    len += tb_format_u64(buf + len, rounded / pow);
    if (decimals) {
        buf[len++] = '.';
        u64 f = rounded % pow;
        if (decimals == 2 && f < 10)
            buf[len++] = '0';
        len += tb_format_u64(buf + len, f);
    }
    if (s)
        buf[len++] = suffix[s];
    buf[len] = 0;
    return len;
}
