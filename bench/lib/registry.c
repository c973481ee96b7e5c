/* Families of benchmarks, their arguments, and the names of their instances
 * (Google Benchmark's rules: "family/argname:value/iterations:N/repeats:N/manual_time"). */
#include "internal.h"

struct tb_family tb_families[TB_MAX_FAMILIES];
int tb_nfamilies;

static void too_many(const char *what)
{
    tb_print("tbench: too many %s\n", what);
}

struct tb_family *tb_register(const char *name, tb_fn fn)
{
    static struct tb_family overflow;       /* keeps callers' chains safe; never run */
    if (tb_nfamilies == TB_MAX_FAMILIES) {
        too_many("families");
        return &overflow;
    }
    struct tb_family *f = &tb_families[tb_nfamilies++];
    memset(f, 0, sizeof *f);
    f->name = name;
    f->fn = fn;
    f->multiplier = 8;
    return f;
}

void tb_reset(void) { tb_nfamilies = 0; }

static void push_arg(struct tb_family *f, tb_int v)
{
    f->has_args = 1;
    if (f->nargs == TB_MAX_ARGS)
        too_many("arguments");
    else
        f->args[f->nargs++] = v;
}

struct tb_family *tb_arg(struct tb_family *f, tb_int v)
{
    push_arg(f, v);
    return f;
}

/* lo, then every power of the multiplier strictly between lo and hi, then hi. */
struct tb_family *tb_range(struct tb_family *f, tb_int lo, tb_int hi)
{
    push_arg(f, lo);
    if (lo >= hi)
        return f;
    for (tb_int p = 1; p <= hi - 1; p *= f->multiplier) {
        if (p >= lo + 1)
            push_arg(f, p);
        if (p > (tb_int)(~0ULL >> 1) / f->multiplier)
            break;
    }
    if (f->args[f->nargs - 1] != hi)
        push_arg(f, hi);
    return f;
}

struct tb_family *tb_dense_range(struct tb_family *f, tb_int lo, tb_int hi, tb_int step)
{
    for (tb_int v = lo; v <= hi; v += step > 0 ? step : 1)
        push_arg(f, v);
    return f;
}

struct tb_family *tb_range_multiplier(struct tb_family *f, tb_int m) { f->multiplier = m > 1 ? m : 2; return f; }
struct tb_family *tb_arg_name(struct tb_family *f, const char *name) { f->arg_name = name; return f; }
struct tb_family *tb_iterations(struct tb_family *f, tb_int n) { f->iterations = n; return f; }
struct tb_family *tb_repetitions(struct tb_family *f, int n) { f->repetitions = n; return f; }
struct tb_family *tb_messages(struct tb_family *f, int n) { f->messages = n; return f; }
struct tb_family *tb_manual_time(struct tb_family *f) { f->manual_time = 1; return f; }
struct tb_family *tb_data(struct tb_family *f, const void *data) { f->data = data; return f; }
struct tb_family *tb_setup(struct tb_family *f, tb_fn fn) { f->setup = fn; return f; }
struct tb_family *tb_teardown(struct tb_family *f, tb_fn fn) { f->teardown = fn; return f; }

static int append(char *buf, int len, const char *s)
{
    while (*s && len < TB_NAME_LEN - 1)
        buf[len++] = *s++;
    buf[len] = 0;
    return len;
}

static int append_int(char *buf, int len, tb_int v)
{
    char num[24];
    if (v < 0) {
        len = append(buf, len, "-");
        v = -v;
    }
    tb_format_u64(num, (u64)v);
    return append(buf, len, num);
}

int tb_instance_names(struct tb_family *f, int which, char *buf)
{
    int len = append(buf, 0, f->name);
    if (f->has_args) {
        len = append(buf, len, "/");
        if (f->arg_name) {
            len = append(buf, len, f->arg_name);
            len = append(buf, len, ":");
        }
        len = append_int(buf, len, f->args[which]);
    }
    if (f->iterations) {
        len = append(buf, len, "/iterations:");
        len = append_int(buf, len, f->iterations);
    }
    if (f->repetitions) {
        len = append(buf, len, "/repeats:");
        len = append_int(buf, len, f->repetitions);
    }
    if (f->manual_time)
        len = append(buf, len, "/manual_time");
    return len;
}
