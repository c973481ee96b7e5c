/* tbench's own structures, shared by its files (registry, run, stats, reporters). */
#ifndef TB_INTERNAL_H
#define TB_INTERNAL_H
#include "fixed.h"
#include "tb_platform.h"
#include "freestanding.h"

#define TB_MAX_FAMILIES 64
#define TB_MAX_ARGS 32           /* argument values of one family */
#define TB_MAX_INSTANCES 320
#define TB_MAX_REPS 25
#define TB_MAX_COUNTERS 8
#define TB_NAME_LEN 96

struct tb_family {
    const char *name, *arg_name;
    tb_fn fn, setup, teardown;
    const void *data;
    tb_int args[TB_MAX_ARGS];
    int nargs, has_args, repetitions, messages, manual_time;
    tb_int multiplier, iterations;
};

struct tb_counter_value {
    const char *name;
    tb_fixed value;
    unsigned flags;
};

struct tb_state {
    struct tb_state_head head;    /* first: tb_keep_running reads it inline */
    tb_int arg;
    tb_int iterations;
    u64 started_at, elapsed;
    int timing, finished, started, manual_time;
    tb_int bytes, items;
    struct tb_counter_value counters[TB_MAX_COUNTERS];
    int ncounters;
    const char *error, *label;
    void *user;
    const void *data;
};

/* One repetition, finished: times and counters per iteration, counters sorted by name. */
struct tb_result {
    tb_int iterations;
    tb_fixed real_ns;
    struct tb_counter_value counters[TB_MAX_COUNTERS];
    int ncounters;
    const char *error, *label;
};

struct tb_instance {
    struct tb_family *family;
    tb_int arg;
    char name[TB_NAME_LEN];
    int family_index, per_family_index, repetitions, nresults;
    struct tb_result results[TB_MAX_REPS];
};

/* registry.c */
extern struct tb_family tb_families[TB_MAX_FAMILIES];
extern int tb_nfamilies;
int tb_instance_names(struct tb_family *f, int which, char *buf);   /* name of the f's which-th instance */

/* stats.c: over n values (n >= 1) */
enum tb_stat { TB_MEAN, TB_MEDIAN, TB_STDDEV, TB_CV, TB_NSTATS };
extern const char *const tb_stat_names[TB_NSTATS];
tb_fixed tb_statistic(enum tb_stat which, const tb_fixed *v, int n);

/* Finished repetitions into an aggregate result (iterations = number of repetitions). */
void tb_aggregate(enum tb_stat which, const struct tb_result *runs, int n, struct tb_result *out);
/* Per-iteration counters of a run; the clock's counter is its ticks times scale / TB_ONE. */
void tb_finish_counters(struct tb_state *s, const char *clock, u64 scale, int messages, u64 khz,
                        struct tb_result *out);

/* reporters */
void tb_print(const char *fmt, ...);
void tb_print_fixed_sci(tb_fixed v);
void tb_console_header(int name_width);
void tb_console_row(const char *name, const char *suffix, int name_width, const struct tb_result *r, int is_cv);
void tb_json(const struct tb_options *o, struct tb_instance *inst, int n);
#endif
