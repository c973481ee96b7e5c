#include "args.h"
#include "libtern.h"

#define MAX_TEXT 32768
#define MAX_SELECT 320
#define MAX_CONTEXT 16
#define MEASURED_KEY "instructions_per_tick"

static char text[MAX_TEXT];
static const char *select[MAX_SELECT];
static const char *context[2 * MAX_CONTEXT];

static int starts(const char *line, const char *key)
{
    unsigned long n = strlen(key);
    return !memcmp(line, key, n) && (line[n] == ' ' || line[n] == 0);
}

static long number(const char *s)
{
    long v = 0;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (*s - '0');
    return *s ? -1 : v;
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
    tern_kip_t *k = tern_kip();
    memset(o, 0, sizeof *o);
    o->clock = "cycles";
    o->repetitions = 1;
    o->min_time_s = TB_ONE / 1000;                  /* 1 ms unless told */
    if (k->module_count < 1)
        return 0;                                   /* no arguments: defaults */
    unsigned long size = k->module[1];
    if (size >= MAX_TEXT) {
        tern_printf("bench: argument module too large (%lu bytes)\n", size);
        return -1;
    }
    memcpy(text, (const void *)k->module[0], size);
    text[size] = 0;
    for (char *line = text; *line;) {
        char *end = line;
        while (*end && *end != '\n')
            end++;
        char *next = *end ? end + 1 : end;
        *end = 0;
        if (!*line || *line == '#') {
            /* blank or comment */
        } else if (starts(line, "clock")) {
            o->clock = line + 6;
        } else if (starts(line, "clock_meaning")) {
            o->clock_meaning = line + 14;
        } else if (starts(line, "clock_per_tick")) {
            if (strcmp(line + 15, "measured") != 0 || o->ncontext == MAX_CONTEXT)
                return bad(line);
            /* instructions per tick, measured against tern_known_loop (libtern) */
            unsigned long milli = tern_instructions_per_kilotick();
            o->clock_scale = (tb_fixed)milli * (TB_ONE / 1000);
            context[2 * o->ncontext] = MEASURED_KEY;
            context[2 * o->ncontext + 1] = thousandths(milli);
            o->ncontext++;
            o->context = context;
        } else if (starts(line, "repetitions")) {
            long n = number(line + 12);
            if (n < 1 || n > 25)
                return bad(line);
            o->repetitions = (int)n;
        } else if (starts(line, "min_time_us")) {
            long n = number(line + 12);
            if (n < 1)
                return bad(line);
            o->min_time_s = n;                      /* TB_ONE is 10^6: microseconds */
        } else if (starts(line, "select")) {
            if (o->nselect == MAX_SELECT)
                return bad(line);
            select[o->nselect++] = line + 7;
            o->select = select;
        } else if (starts(line, "context")) {
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
        } else if (starts(line, "list")) {
            o->list_only = 1;
        } else {
            return bad(line);
        }
        line = next;
    }
    return 0;
}
