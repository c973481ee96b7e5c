/*
 * 64-bit division on 32-bit targets. The compiler turns `/` and `%` on 64-bit operands
 * into calls to these (libgcc's names); Tern links no libgcc with clang, so they live
 * here, for the kernel and user programs alike. Shift-and-subtract: short, exact, and
 * only on paths that divide 64-bit values (clock conversions, statistics), never IPC.
 * On 64-bit targets the compiler divides inline and nothing here is compiled.
 */
#if __SIZEOF_LONG__ == 4

typedef unsigned long long u64;
typedef long long s64;

static u64 divmod(u64 n, u64 d, u64 *rem)
{
    if (d == 0) {                       /* C leaves it undefined; never trap in the kernel */
        *rem = n;
        return ~0ULL;
    }
    u64 q = 0, r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1ULL << i;
        }
    }
    *rem = r;
    return q;
}

u64 __udivdi3(u64 n, u64 d);
u64 __umoddi3(u64 n, u64 d);
s64 __divdi3(s64 n, s64 d);
s64 __moddi3(s64 n, s64 d);

u64 __udivdi3(u64 n, u64 d) { u64 r; return divmod(n, d, &r); }
u64 __umoddi3(u64 n, u64 d) { u64 r; divmod(n, d, &r); return r; }

static u64 magnitude(s64 v) { return v < 0 ? -(u64)v : (u64)v; }

s64 __divdi3(s64 n, s64 d)
{
    u64 r, q = divmod(magnitude(n), magnitude(d), &r);
    return (s64)((n < 0) != (d < 0) ? -q : q);
}

s64 __moddi3(s64 n, s64 d)
{
    u64 r;
    divmod(magnitude(n), magnitude(d), &r);
    return (s64)(n < 0 ? -r : r);        /* the remainder takes the dividend's sign */
}
#endif
