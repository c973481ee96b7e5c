/* Output in Google Benchmark 1.7's two formats: the console table (rows as instances
 * finish) and the JSON document (context, then every run and aggregate). */
#include "internal.h"

void tb_print(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(tb_putc, fmt, ap);
    va_end(ap);
}

static void pad(int n)
{
    while (n-- > 0)
        tb_putc(' ');
}

static void right(const char *s, int width)
{
    pad(width - (int)strlen(s));
    tb_print("%s", s);
}

/* ---- Console ----------------------------------------------------------------------- */

void tb_console_header(int name_width)
{
    int total = name_width + 13 + 15 + 13 + 16;
    for (int i = 0; i < total; i++)
        tb_putc('-');
    tb_putc('\n');
    tb_print("Benchmark");
    pad(name_width - 9);
    right("Time", 14);
    right("CPU", 15);
    right("Iterations", 13);
    tb_print(" UserCounters...\n");
    for (int i = 0; i < total; i++)
        tb_putc('-');
    tb_putc('\n');
}

void tb_console_row(const char *name, const char *suffix, int name_width, const struct tb_result *r, int is_cv)
{
    char num[40], full[TB_NAME_LEN + 8];
    int len = 0;
    for (const char *p = name; *p; p++)
        full[len++] = *p;
    if (*suffix) {
        full[len++] = '_';
        for (const char *p = suffix; *p; p++)
            full[len++] = *p;
    }
    full[len] = 0;
    tb_print("%s", full);
    pad(name_width - len);
    if (r->error) {
        tb_print(" ERROR OCCURRED: '%s'\n", r->error);
        return;
    }
    for (int t = 0; t < 2; t++) {                    /* real, then CPU time (the same here) */
        int n = tb_format_human(num, is_cv ? r->real_ns * 100 : r->real_ns);
        num[n] = 0;
        right(num, t ? 10 : 9);
        tb_print(is_cv ? " %%   " : " ns   ");
    }
    tb_format_u64(num, (u64)r->iterations);
    right(num, 10);
    for (int c = 0; c < r->ncounters; c++) {
        tb_format_human(num, is_cv ? r->counters[c].value * 100 : r->counters[c].value);
        tb_print(" %s=%s%s", r->counters[c].name, num, is_cv ? "%" : "");
    }
    if (r->label)
        tb_print(" %s", r->label);
    tb_putc('\n');
}

/* ---- JSON ---------------------------------------------------------------------------- */

static void json_string(const char *s)
{
    tb_putc('"');
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            tb_putc('\\');
        if ((unsigned char)*s >= 0x20)
            tb_putc(*s);
    }
    tb_putc('"');
}

static void kv_string(const char *key, const char *value, int last)
{
    tb_print("      \"%s\": ", key);
    json_string(value);
    tb_print(last ? "\n" : ",\n");
}

static void kv_int(const char *key, tb_int value)
{
    char num[24];
    int n = 0;
    if (value < 0) {
        num[n++] = '-';
        value = -value;
    }
    tb_format_u64(num + n, (u64)value);
    tb_print("      \"%s\": %s,\n", key, num);
}

static void kv_fixed(const char *key, tb_fixed v, int comma)
{
    char num[40];
    tb_format_sci(num, v);
    tb_print("      \"%s\": %s%s", key, num, comma ? ",\n" : "");
}

static void context_pair(const char *key, const char *value)
{
    tb_print("    \"%s\": ", key);
    json_string(value);
}

static const char *const leading_keys[] = { "date", "host_name", "executable" };

static int is_leading(const char *key)
{
    for (unsigned i = 0; i < sizeof leading_keys / sizeof leading_keys[0]; i++)
        if (!strcmp(key, leading_keys[i]))
            return 1;
    return 0;
}

/* Google Benchmark's context keys in its order, then ours (strings, as it allows). */
static void context(const struct tb_options *o)
{
    char num[24];
    tb_print("{\n  \"context\": {\n");
    for (unsigned k = 0; k < sizeof leading_keys / sizeof leading_keys[0]; k++)
        for (int i = 0; i < o->ncontext; i++)
            if (!strcmp(o->context[2 * i], leading_keys[k])) {
                context_pair(o->context[2 * i], o->context[2 * i + 1]);
                tb_print(",\n");
            }
    tb_print("    \"num_cpus\": 1,\n");
    tb_format_u64(num, ((u64)tb_clock_khz() + 500) / 1000);
    tb_print("    \"mhz_per_cpu\": %s,\n", num);
    tb_print("    \"cpu_scaling_enabled\": false,\n");
    tb_print("    \"caches\": [\n    ],\n");
    tb_print("    \"load_avg\": [],\n");
    tb_print("    \"library_build_type\": \"release\"");
    if (o->clock_meaning) {
        char key[48] = "counter_";
        int len = 8;
        for (const char *p = o->clock; *p && len < 47; p++)
            key[len++] = *p;
        key[len] = 0;
        tb_print(",\n");
        context_pair(key, o->clock_meaning);
    }
    for (int i = 0; i < o->ncontext; i++)
        if (!is_leading(o->context[2 * i])) {
            tb_print(",\n");
            context_pair(o->context[2 * i], o->context[2 * i + 1]);
        }
    tb_print("\n  },\n  \"benchmarks\": [\n");
}

static void entry(const struct tb_instance *in, const struct tb_result *r, int rep, int agg, int first)
{
    char name[TB_NAME_LEN + 8];
    int len = 0;
    for (const char *p = in->name; *p; p++)
        name[len++] = *p;
    if (agg >= 0) {
        name[len++] = '_';
        for (const char *p = tb_stat_names[agg]; *p; p++)
            name[len++] = *p;
    }
    name[len] = 0;
    tb_print(first ? "    {\n" : ",\n    {\n");
    kv_string("name", name, 0);
    kv_int("family_index", in->family_index);
    kv_int("per_family_instance_index", in->per_family_index);
    kv_string("run_name", in->name, 0);
    kv_string("run_type", agg >= 0 ? "aggregate" : "iteration", 0);
    kv_int("repetitions", in->repetitions);
    if (agg < 0)
        kv_int("repetition_index", rep);
    kv_int("threads", 1);
    if (agg >= 0) {
        kv_string("aggregate_name", tb_stat_names[agg], 0);
        kv_string("aggregate_unit", agg == TB_CV ? "percentage" : "time", 0);
    }
    if (r->error) {
        tb_print("      \"error_occurred\": true,\n");
        kv_string("error_message", r->error, 0);
    }
    kv_int("iterations", r->iterations);
    kv_fixed("real_time", r->real_ns, 1);
    kv_fixed("cpu_time", r->real_ns, 1);
    tb_print("      \"time_unit\": \"ns\"");
    for (int c = 0; c < r->ncounters; c++) {
        tb_print(",\n");
        kv_fixed(r->counters[c].name, r->counters[c].value, 0);
    }
    if (r->label) {
        tb_print(",\n");
        kv_string("label", r->label, 1);
        tb_print("    }");
        return;
    }
    tb_print("\n    }");
}

void tb_json(const struct tb_options *o, struct tb_instance *inst, int n)
{
    int first = 1;
    tb_print("BENCH-JSON-BEGIN\n");
    context(o);
    for (int i = 0; i < n; i++) {
        struct tb_instance *in = &inst[i];
        for (int r = 0; r < in->nresults; r++, first = 0)
            entry(in, &in->results[r], r, -1, first);
        if (in->nresults > 1 && !in->results[0].error)
            for (int a = 0; a < TB_NSTATS; a++) {
                struct tb_result agg;
                tb_aggregate((enum tb_stat)a, in->results, in->nresults, &agg);
                entry(in, &agg, 0, a, first);
                first = 0;
            }
    }
    tb_print("\n  ]\n}\n");
    tb_print("BENCH-JSON-END\n");
}
