/* Running instances: the state loop, Google Benchmark's choice of iteration count (grow
 * until a run lasts min_time, the count then fixed for the remaining repetitions), and
 * the order of output: console rows as instances finish, JSON at the end. */
#include "internal.h"

#define MAX_ITERATIONS 1000000000LL

static struct tb_instance instances[TB_MAX_INSTANCES];

/* ---- The state loop ------------------------------------------------------------------ */

int tb_keep_running_slow(struct tb_state *s)
{
    if (!s->finished && !s->error && !s->started && s->iterations > 0) {
        s->started = 1;                            /* first call: the clock starts */
        s->head.remaining = s->iterations - 1;
        if (!s->manual_time)
            tb_resume_timing(s);
        return 1;
    }
    if (s->timing)
        tb_pause_timing(s);
    s->head.remaining = 0;
    s->finished = 1;
    return 0;
}

void tb_pause_timing(struct tb_state *s)
{
    if (s->timing) {
        s->elapsed += tb_clock() - s->started_at;
        s->timing = 0;
    }
}

void tb_set_iteration_clock(struct tb_state *s, tb_int ticks)
{
    if (s->manual_time && ticks > 0)
        s->elapsed += (u64)ticks;
}

void tb_resume_timing(struct tb_state *s)
{
    if (!s->timing && !s->manual_time) {
        s->timing = 1;
        s->started_at = tb_clock();
    }
}

tb_int tb_range_arg(const struct tb_state *s, int i) { return i == 0 ? s->arg : 0; }
tb_int tb_iterations_of(const struct tb_state *s) { return s->iterations; }
const void *tb_data_of(const struct tb_state *s) { return s->data; }
void tb_set_bytes_processed(struct tb_state *s, tb_int bytes) { s->bytes = bytes; }
void tb_set_items_processed(struct tb_state *s, tb_int items) { s->items = items; }
void tb_set_label(struct tb_state *s, const char *label) { s->label = label; }
void *tb_user(struct tb_state *s) { return s->user; }
void tb_set_user(struct tb_state *s, void *p) { s->user = p; }

void tb_skip_with_error(struct tb_state *s, const char *message)
{
    if (!s->error)
        s->error = message;
    s->head.remaining = 0;                         /* the next tb_keep_running stops */
}

void tb_counter(struct tb_state *s, const char *name, tb_fixed value, unsigned flags)
{
    for (int i = 0; i < s->ncounters; i++)
        if (!strcmp(s->counters[i].name, name)) {
            s->counters[i].value = value;
            s->counters[i].flags = flags;
            return;
        }
    if (s->ncounters < TB_MAX_COUNTERS - 4)       /* room kept for the automatic ones */
        s->counters[s->ncounters++] = (struct tb_counter_value){ name, value, flags };
}

/* ---- One instance ---------------------------------------------------------------------- */

static void run_once(struct tb_instance *in, struct tb_state *s, tb_int iterations)
{
    void *user = s->user;
    memset(s, 0, sizeof *s);
    s->user = user;
    s->data = in->family->data;
    s->arg = in->arg;
    s->iterations = iterations;                    /* head.remaining 0: the first call starts */
    s->manual_time = in->family->manual_time;
    in->family->fn(s);
    if (!s->finished && !s->error)
        tb_skip_with_error(s, "the benchmark did not run its loop to the end");
}

/* Google Benchmark's prediction: aim at 1.4 x min_time, at most 10x at a time while the
 * runs are still short (under a tenth of min_time). */
static tb_int next_iterations(tb_int iters, u64 elapsed, u64 needed)
{
    u64 next;
    if (elapsed * 10 > needed)
        next = tb_muldiv((u64)iters, needed * 14, elapsed * 10);
    else
        next = (u64)iters * 10;
    if (next < (u64)iters + 1)
        next = (u64)iters + 1;
    return next > (u64)MAX_ITERATIONS ? MAX_ITERATIONS : (tb_int)next;
}

static void run_instance(const struct tb_options *o, struct tb_instance *in, int name_width)
{
    static struct tb_state state;
    struct tb_family *f = in->family;
    u64 khz = tb_clock_khz();
    u64 needed = tb_muldiv((u64)o->min_time_s, (khz ? khz : 1000000) * 1000, TB_ONE);
    memset(&state, 0, sizeof state);
    state.arg = in->arg;
    state.data = f->data;
    if (f->setup)
        f->setup(&state);
    const char *setup_error = state.error;
    tb_int fixed = o->iterations ? (tb_int)o->iterations : f->iterations;
    tb_int iters = fixed ? fixed : 1;
    in->nresults = 0;
    for (int rep = 0; rep < in->repetitions; rep++) {
        for (;;) {
            if (setup_error) {                 /* the benchmark cannot run at all */
                state.error = setup_error;
                state.iterations = 0;
                break;
            }
            run_once(in, &state, iters);
            if (rep > 0 || fixed || state.error || state.elapsed >= needed || iters >= MAX_ITERATIONS)
                break;
            iters = next_iterations(iters, state.elapsed, needed);
        }
        struct tb_result *r = &in->results[in->nresults++];
        tb_finish_counters(&state, o->clock, o->clock_scale ? (u64)o->clock_scale : TB_ONE,
                           f->messages, khz, r);
        tb_console_row(in->name, "", name_width, r, 0);
        if (state.error)
            break;                       /* an error ends the instance: no aggregates */
    }
    if (f->teardown)
        f->teardown(&state);
    if (in->nresults > 1 && !in->results[0].error)
        for (int a = 0; a < TB_NSTATS; a++) {
            struct tb_result agg;
            tb_aggregate((enum tb_stat)a, in->results, in->nresults, &agg);
            tb_console_row(in->name, tb_stat_names[a], name_width, &agg, a == TB_CV);
        }
}

static int selected(const struct tb_options *o, const char *name)
{
    if (!o->select)
        return 1;
    for (int i = 0; i < o->nselect; i++)
        if (!strcmp(o->select[i], name))
            return 1;
    return 0;
}

int tb_run(const struct tb_options *o)
{
    int n = 0, families = 0, width = 10, errors = 0;
    for (int fi = 0; fi < tb_nfamilies; fi++) {
        struct tb_family *f = &tb_families[fi];
        int count = f->has_args ? f->nargs : 1, in_family = 0;
        for (int a = 0; a < count; a++) {
            struct tb_instance *in = &instances[n];
            tb_instance_names(f, a, in->name);
            if (o->list_only) {
                tb_print("BENCH-LIST %s\n", in->name);
                tb_print("BENCH-MESSAGES %s %d\n", in->name, f->messages);
                continue;
            }
            if (!selected(o, in->name))
                continue;
            if (n == TB_MAX_INSTANCES) {
                tb_print("tbench: too many instances\n");
                return 1;
            }
            in->family = f;
            in->arg = f->has_args ? f->args[a] : 0;
            in->family_index = families;
            in->per_family_index = in_family++;
            in->repetitions = f->repetitions ? f->repetitions : o->repetitions > 0 ? o->repetitions : 1;
            if (in->repetitions > TB_MAX_REPS)
                in->repetitions = TB_MAX_REPS;
            int len = (int)strlen(in->name) + (in->repetitions > 1 ? 7 : 0);
            if (len > width)
                width = len;
            n++;
        }
        if (in_family)
            families++;                   /* only families with a selected instance count */
    }
    if (o->list_only)
        return 0;
    tb_console_header(width);
    for (int i = 0; i < n; i++) {
        run_instance(o, &instances[i], width);
        errors += instances[i].results[0].error != 0;
    }
    tb_json(o, instances, n);
    return errors;
}
