#include "args.h"
#include "libtern.h"

#define MAX_TEXT 32768
#define MAX_SELECT 320
#define MAX_CONTEXT 16
#define MEASURED_KEY "instructions_per_tick"

static char text[MAX_TEXT];
static const char *select[MAX_SELECT];
static const char *context[2 * MAX_CONTEXT];

/* A number that is the whole value, or -1. */
static long number(const char *s)
{
    unsigned long long v;
    const char *end = tern_args_digits(s, &v);
    return end && !*end && v <= 0x7fffffffUL ? (long)v : -1;
}

/* "6.250" for 6250 */
static const char *thousandths(unsigned long milli)
{
    static char buf[24];
    char digits[24];
    int n = 0, len = 0;
    do {
        digits[n++] = (char)('0' + milli % 10);
        milli /= 10;
    } while (milli || n < 4);
    while (n > 3)
        buf[len++] = digits[--n];
    buf[len++] = '.';
    while (n)
        buf[len++] = digits[--n];
    buf[len] = 0;
    return buf;
}

static int bad(const char *line)
{
    tern_printf("bench: bad argument line '%s'\n", line);
    return -1;
}

int bench_args(struct tb_options *o)
{
    char *cursor = text, *line;
    const char *v;
    memset(o, 0, sizeof *o);
    o->clock = "cycles";
    o->repetitions = 1;
    o->min_time_s = TB_ONE / 1000;                  /* 1 ms unless told */
    if (tern_args_text(text, MAX_TEXT, "bench") < 0)
        return -1;
    while ((line = tern_args_line(&cursor))) {
        if (!*line || *line == '#') {
            /* blank or comment */
        } else if ((v = tern_args_value(line, "clock"))) {
            o->clock = v;
        } else if ((v = tern_args_value(line, "clock_meaning"))) {
            o->clock_meaning = v;
        } else if ((v = tern_args_value(line, "clock_per_tick"))) {
            if (strcmp(v, "measured") != 0 || o->ncontext == MAX_CONTEXT)
                return bad(line);
            /* instructions per tick, measured against tern_known_loop (libtern) */
            unsigned long milli = tern_instructions_per_kilotick();
            o->clock_scale = (tb_fixed)milli * (TB_ONE / 1000);
            context[2 * o->ncontext] = MEASURED_KEY;
            context[2 * o->ncontext + 1] = thousandths(milli);
            o->ncontext++;
            o->context = context;
        } else if ((v = tern_args_value(line, "repetitions"))) {
            long n = number(v);
            if (n < 1 || n > 25)
                return bad(line);
            o->repetitions = (int)n;
        } else if ((v = tern_args_value(line, "min_time_us"))) {
            long n = number(v);
            if (n < 1)
                return bad(line);
            o->min_time_s = n;                      /* TB_ONE is 10^6: microseconds */
        } else if ((v = tern_args_value(line, "iterations"))) {
            long n = number(v);
            if (n < 1)
                return bad(line);
            o->iterations = n;
        } else if (tern_args_value(line, "stopped_clock")) {
            extern int bench_clock_stopped;                 /* platform.c */
            bench_clock_stopped = 1;
        } else if ((v = tern_args_value(line, "select"))) {
            if (o->nselect == MAX_SELECT)
                return bad(line);
            select[o->nselect++] = v;
            o->select = select;
        } else if (tern_args_value(line, "context")) {
            char *key = line + 8, *value = key;
            while (*value && *value != ' ')
                value++;
            if (!*value || o->ncontext == MAX_CONTEXT)
                return bad(line);
            *value++ = 0;
            context[2 * o->ncontext] = key;
            context[2 * o->ncontext + 1] = value;
            o->ncontext++;
            o->context = context;
        } else if (tern_args_value(line, "list")) {
            o->list_only = 1;
        } else {
            return bad(line);
        }
    }
    return 0;
}
