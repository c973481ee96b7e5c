/* Per-run counters (Google Benchmark's Finish rules) and the statistics over repetitions:
 * mean, median, sample standard deviation and coefficient of variation. */
#include "internal.h"

const char *const tb_stat_names[TB_NSTATS] = { "mean", "median", "stddev", "cv" };

/* a * b / c for signed a, nonnegative b and c */
static tb_fixed smuldiv(tb_fixed a, u64 b, u64 c)
{
    u64 m = tb_muldiv((u64)(a < 0 ? -a : a), b, c);
    return a < 0 ? -(tb_fixed)m : (tb_fixed)m;
}

static void sort(tb_fixed *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            tb_fixed t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

static tb_fixed mean(const tb_fixed *v, int n)
{
    tb_fixed sum = 0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    return sum / n;
}

static tb_fixed stddev(const tb_fixed *v, int n)
{
    if (n < 2)
        return 0;
    tb_fixed m = mean(v, n);
    struct u128 sum = { 0, 0 };
    for (int i = 0; i < n; i++) {
        u64 d = (u64)(v[i] > m ? v[i] - m : m - v[i]);
        sum = u128_add(sum, u128_mul(d, d));
    }
    /* sum is in TB_ONE^2 units: divide by n - 1 (high word first, then the remainder
     * with the low word), and the root is in TB_ONE units */
    u64 d = (u64)(n - 1);
    struct u128 var = { sum.hi / d, u128_div((struct u128){ sum.hi % d, sum.lo }, d) };
    return (tb_fixed)u128_isqrt(var);
}

tb_fixed tb_statistic(enum tb_stat which, const tb_fixed *v, int n)
{
    tb_fixed copy[TB_MAX_REPS];
    switch (which) {
    case TB_MEAN:
        return mean(v, n);
    case TB_MEDIAN:
        memcpy(copy, v, (unsigned long)n * sizeof *v);
        sort(copy, n);
        return n % 2 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    case TB_STDDEV:
        return stddev(v, n);
    case TB_CV: {
        tb_fixed m = mean(v, n);
        return n < 2 || m == 0 ? 0 : smuldiv(stddev(v, n), TB_ONE, (u64)(m < 0 ? -m : m));
    }
    default:
        return 0;
    }
}

void tb_aggregate(enum tb_stat which, const struct tb_result *runs, int n, struct tb_result *out)
{
    tb_fixed v[TB_MAX_REPS];
    memset(out, 0, sizeof *out);
    out->iterations = n;
    out->label = runs[0].label;
    for (int i = 0; i < n; i++)
        v[i] = runs[i].real_ns;
    out->real_ns = tb_statistic(which, v, n);
    out->ncounters = runs[0].ncounters;
    for (int c = 0; c < runs[0].ncounters; c++) {
        for (int i = 0; i < n; i++)
            v[i] = runs[i].counters[c].value;     /* same instance: same counters, same order */
        out->counters[c] = runs[0].counters[c];
        out->counters[c].value = tb_statistic(which, v, n);
    }
}

static void add(struct tb_result *r, const char *name, tb_fixed value)
{
    if (r->ncounters < TB_MAX_COUNTERS)
        r->counters[r->ncounters++] = (struct tb_counter_value){ name, value, 0 };
}

static char clock_one_way[40];

void tb_finish_counters(struct tb_state *s, const char *clock, u64 scale, int messages, u64 khz,
                        struct tb_result *out)
{
    u64 iters = (u64)(s->iterations > 0 ? s->iterations : 1), ticks = s->elapsed ? s->elapsed : 1;
    u64 ticks_per_second = (khz ? khz : 1000000) * 1000;   /* unknown rate: ticks as ns */
    memset(out, 0, sizeof *out);
    out->iterations = s->iterations;
    out->error = s->error;
    out->label = s->label;
    out->real_ns = (tb_fixed)tb_muldiv(s->elapsed, 1000000000ULL * TB_ONE / 1000, ticks_per_second / 1000 * iters);
    for (int i = 0; i < s->ncounters; i++) {
        tb_fixed v = s->counters[i].value;
        unsigned f = s->counters[i].flags;
        if (f & TB_COUNTER_IS_RATE)
            v = smuldiv(v, ticks_per_second, ticks);
        if (f & TB_COUNTER_ITERATION_INVARIANT)
            v *= (tb_fixed)iters;
        if (f & TB_COUNTER_AVG_ITERATIONS)
            v /= (tb_fixed)iters;
        add(out, s->counters[i].name, v);
    }
    if (s->bytes)
        add(out, "bytes_per_second", smuldiv(s->bytes * TB_ONE, ticks_per_second, ticks));
    if (s->items)
        add(out, "items_per_second", smuldiv(s->items * TB_ONE, ticks_per_second, ticks));
    add(out, clock, (tb_fixed)tb_muldiv(s->elapsed, scale, iters));
    if (messages > 0) {
        int len = 0;
        for (const char *p = clock; *p && len < 30; p++)
            clock_one_way[len++] = *p;
        memcpy(clock_one_way + len, "_one_way", 9);
        add(out, clock_one_way, (tb_fixed)tb_muldiv(s->elapsed, scale, iters * (u64)messages));
    }
    /* Google Benchmark keeps counters in a std::map: sorted by name */
    for (int i = 1; i < out->ncounters; i++)
        for (int j = i; j > 0 && strcmp(out->counters[j - 1].name, out->counters[j].name) > 0; j--) {
            struct tb_counter_value t = out->counters[j];
            out->counters[j] = out->counters[j - 1];
            out->counters[j - 1] = t;
        }
}
