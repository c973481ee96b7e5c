/* tbench on the host with a scripted clock, for tests/test_bench.py: every number
 * the harness prints is known in advance. `bench_harness_main slower` makes fixed_cost
 * 5% dearer (the report's synthetic regression). */
#include <stdio.h>
#include <string.h>
#include "tbench.h"
#include "tb_platform.h"

static unsigned long long now;
static int slower, runs;

unsigned long long tb_clock(void) { return now; }
unsigned long tb_clock_khz(void) { return 1000000; }       /* 1 tick = 1 ns */
void tb_putc(char c) { putchar(c); }

/* cost ticks per iteration, plus 0..2 that changes from run to run (so repetitions differ) */
static void fixed_cost(struct tb_state *s)
{
    unsigned long long cost = (unsigned long long)tb_range_arg(s, 0), jitter = (unsigned long long)(runs++ % 3);
    if (slower)
        cost += cost / 20;
    while (tb_keep_running(s))
        now += cost + jitter;
}

static void paused(struct tb_state *s)
{
    while (tb_keep_running(s)) {
        tb_pause_timing(s);
        now += 1000;                      /* not measured */
        tb_resume_timing(s);
        now += 7;
    }
}

static void bytes(struct tb_state *s)
{
    tb_int n = tb_range_arg(s, 0);
    while (tb_keep_running(s))
        now += (unsigned long long)n / 2;  /* 2 bytes per ns: 2e9 bytes per second */
    tb_set_bytes_processed(s, tb_iterations_of(s) * n);
}

static void counters(struct tb_state *s)
{
    while (tb_keep_running(s))
        now += 100;
    tb_counter(s, "per_iteration", tb_iterations_of(s) * 3 * TB_ONE, TB_COUNTER_AVG_ITERATIONS);
    tb_counter(s, "rate", tb_iterations_of(s) * TB_ONE, TB_COUNTER_IS_RATE);
    tb_counter(s, "plain", 42 * TB_ONE + TB_ONE / 2, TB_COUNTER_DEFAULT);
}

static void round_trip(struct tb_state *s)
{
    while (tb_keep_running(s))
        now += 250;
}

/* Timed by hand: 30 ticks an iteration, whatever the clock does between. */
static void manual(struct tb_state *s)
{
    while (tb_keep_running(s)) {
        now += 1000;
        tb_set_iteration_clock(s, 30);
    }
}

static void broken(struct tb_state *s)
{
    tb_skip_with_error(s, "deliberate \"error\"");
}

static void ranged(struct tb_state *s)
{
    while (tb_keep_running(s))
        now += 100000;
}

int main(int argc, char **argv)
{
    slower = argc > 1 && !strcmp(argv[1], "slower");
    tb_arg_name(tb_range(tb_range_multiplier(tb_register("fixed_cost", fixed_cost), 10), 10, 1000), "cost");
    tb_register("paused", paused);
    tb_arg_name(tb_arg(tb_register("bytes", bytes), 4096), "bytes");
    tb_register("counters", counters);
    tb_messages(tb_register("round_trip", round_trip), 2);
    tb_register("broken", broken);
    tb_iterations(tb_manual_time(tb_register("manual", manual)), 10);
    tb_iterations(tb_repetitions(tb_register("fixed", round_trip), 3), 17);
    tb_arg_name(tb_range(tb_range_multiplier(tb_register("ranged", ranged), 4), 8, 4L << 20), "bytes");
    static const char *const context[] = { "host_name", "testhost", "date", "2026-11-21T12:00:00+00:00",
                                           "executable", "bench_harness_main", "tern_extra", "yes" };
    const char *select_env = argc > 2 ? argv[2] : 0;
    const char *select[1] = { select_env };
    struct tb_options o = {
        .clock = "instructions", .clock_meaning = "scripted ticks", .min_time_s = TB_ONE / 1000,
        .repetitions = 5, .context = context, .ncontext = 4,
        .select = select_env ? select : 0, .nselect = select_env ? 1 : 0,
        .list_only = argc > 1 && !strcmp(argv[1], "list"),
    };
    int errors = tb_run(&o);
    return o.list_only ? errors : errors == 1 ? 0 : 1;   /* exactly one error: "broken" */
}
