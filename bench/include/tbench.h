/*
 * tbench: a Google-Benchmark-like harness for freestanding guests.
 *
 *     static void bm_null(struct tb_state *s) { while (tb_keep_running(s)) null_call(); }
 *     tb_range(tb_arg_name(tb_register("ipc", bm_ipc), "mrs"), 0, 8);
 *
 * Families take arguments (tb_arg, tb_range with a multiplier, tb_dense_range) and become
 * one instance per argument, named "family/name:value" as Google Benchmark names them.
 * The state loop picks its iteration count like Google Benchmark (grow until min_time),
 * repetitions give mean/median/stddev/cv aggregates, and the output is Google Benchmark
 * 1.7's JSON and console table. Numbers are fixed-point (integers scaled by TB_ONE) so
 * the guest needs no floating point.
 *
 * The clock is the platform's cycle counter (tb_platform.h); what it counts is named by
 * the caller (tb_options.clock): "instructions" under QEMU -icount shift=0, "cycles"
 * otherwise. Each instance reports <clock> per iteration and, when the family says how
 * many messages an iteration carries, <clock>_one_way.
 */
#ifndef TBENCH_H
#define TBENCH_H

typedef long long tb_int;
typedef long long tb_fixed;              /* value * TB_ONE */
#define TB_ONE 1000000LL

struct tb_state;
struct tb_family;
typedef void (*tb_fn)(struct tb_state *);

/* ---- Registration ----------------------------------------------------------------- */
struct tb_family *tb_register(const char *name, tb_fn fn);
struct tb_family *tb_arg(struct tb_family *f, tb_int value);
struct tb_family *tb_range(struct tb_family *f, tb_int lo, tb_int hi);        /* lo, powers of the multiplier, hi */
struct tb_family *tb_dense_range(struct tb_family *f, tb_int lo, tb_int hi, tb_int step);
struct tb_family *tb_range_multiplier(struct tb_family *f, tb_int multiplier); /* default 8 */
struct tb_family *tb_arg_name(struct tb_family *f, const char *name);
struct tb_family *tb_iterations(struct tb_family *f, tb_int n);               /* fixed count */
struct tb_family *tb_repetitions(struct tb_family *f, int n);                 /* overrides the default */
struct tb_family *tb_messages(struct tb_family *f, int per_iteration);        /* adds <clock>_one_way */
/* The benchmark measures each iteration itself (tb_set_iteration_clock), as Google
 * Benchmark's UseManualTime: for what the clock cannot bracket in the loop, such as an
 * interrupt's way to its handler. Use with tb_iterations (min_time needs the loop's time). */
struct tb_family *tb_manual_time(struct tb_family *f);
/* Data of the family that its functions read back (tb_data_of): C has no closures. */
struct tb_family *tb_data(struct tb_family *f, const void *data);
/* Called around all runs of one instance (Google Benchmark calls them around each run). */
struct tb_family *tb_setup(struct tb_family *f, tb_fn setup);
struct tb_family *tb_teardown(struct tb_family *f, tb_fn teardown);

/* ---- Inside a benchmark ----------------------------------------------------------- */
/* while (tb_keep_running(s)) { ... }: inline while iterations remain, so the loop adds a
 * compare and a decrement to what is measured, as Google Benchmark's does. The first
 * call (which starts the clock), the last and any after an error take the slow path. */
struct tb_state_head {
    tb_int remaining;             /* iterations the inline path may still hand out */
};
int tb_keep_running_slow(struct tb_state *s);
static inline int tb_keep_running(struct tb_state *s)
{
    struct tb_state_head *h = (struct tb_state_head *)s;
    if (h->remaining > 0) {
        h->remaining--;
        return 1;
    }
    return tb_keep_running_slow(s);
}
void tb_pause_timing(struct tb_state *s);
/* With tb_manual_time: one iteration took `ticks` of the clock (Google Benchmark's
 * SetIterationTime, in the clock's units). */
void tb_set_iteration_clock(struct tb_state *s, tb_int ticks);
void tb_resume_timing(struct tb_state *s);
tb_int tb_range_arg(const struct tb_state *s, int i);
tb_int tb_iterations_of(const struct tb_state *s);
const void *tb_data_of(const struct tb_state *s);
void tb_set_bytes_processed(struct tb_state *s, tb_int bytes);  /* -> bytes_per_second */
void tb_set_items_processed(struct tb_state *s, tb_int items);  /* -> items_per_second */
void tb_skip_with_error(struct tb_state *s, const char *message);
void tb_set_label(struct tb_state *s, const char *label);
void *tb_user(struct tb_state *s);              /* per-instance scratch, kept from setup to teardown */
void tb_set_user(struct tb_state *s, void *p);

enum tb_counter_flags {
    TB_COUNTER_DEFAULT = 0,
    TB_COUNTER_IS_RATE = 1,                   /* divided by the elapsed seconds */
    TB_COUNTER_AVG_ITERATIONS = 2,            /* divided by the iterations */
    TB_COUNTER_ITERATION_INVARIANT = 4,       /* multiplied by the iterations */
};
void tb_counter(struct tb_state *s, const char *name, tb_fixed value, unsigned flags);

/* ---- Running ----------------------------------------------------------------------- */
struct tb_options {
    const char *clock;            /* counter name of the platform clock: "instructions" or "cycles" */
    const char *clock_meaning;    /* one sentence for the JSON context */
    tb_fixed clock_scale;         /* the clock counter per tick (0: the ticks themselves) */
    tb_fixed min_time_s;          /* per run, as in --benchmark_min_time */
    int repetitions;              /* default for families without their own */
    const char *const *select;    /* run only these instance names (NULL: all) */
    int nselect;
    const char *const *context;   /* extra context pairs: key, value, key, value, ... */
    int ncontext;                 /* number of pairs */
    int list_only;                /* print "BENCH-LIST <name>" per instance and stop */
    long iterations;              /* a fixed count for every run (0: grown to min_time) */
};
/* Runs the selected instances: console table as they finish, then the JSON between
 * lines "BENCH-JSON-BEGIN" and "BENCH-JSON-END". Returns the number of errors. */
int tb_run(const struct tb_options *o);
/* Forget every family (the host tests register several sets). */
void tb_reset(void);
#endif
