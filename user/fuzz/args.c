/* The fuzzer's arguments: boot module 1, "key value" lines written by ./tern fuzz. */
#include "fuzz.h"

struct fuzz_args args = { .seed = 1, .calls = 10000, .check_every = 200, .trace_from = ~0UL,
                          .fail_at = ~0UL, .fastpath = 1 };

#define MAX_TEXT 16384
static char text[MAX_TEXT];

/* A number that is the whole value. */
static int number(const char *v, unsigned long long *n)
{
    const char *end = tern_args_digits(v, n);
    return end && !*end ? 0 : -1;
}

static int word(const char *v, word_t *w)
{
    unsigned long long n;
    return number(v, &n) == 0 && (*w = (word_t)n, 1);
}

static int on_off(const char *v, int *flag)
{
    *flag = !strcmp(v, "on");
    return *flag || !strcmp(v, "off");
}

/* "FIRST LAST": the calls numbered FIRST to LAST, both in. */
static int skip_range(const char *v)
{
    unsigned long long first, last;
    const char *end = tern_args_digits(v, &first);
    if (!end || *end != ' ' || number(end + 1, &last) != 0 || last < first || args.skips >= MAX_SKIPS)
        return 0;
    args.skip[args.skips][0] = (word_t)first;
    args.skip[args.skips++][1] = (word_t)last;
    return 1;
}

int fuzz_args_read(void)
{
    char *cursor = text, *line;
    if (tern_args_text(text, MAX_TEXT, "fuzz") < 0)
        return -1;
    while ((line = tern_args_line(&cursor))) {
        const char *v;
        int ok;
        if (!*line || *line == '#')
            ok = 1;
        else if ((v = tern_args_value(line, "seed")))
            ok = number(v, &args.seed) == 0;
        else if ((v = tern_args_value(line, "calls")))
            ok = word(v, &args.calls);
        else if ((v = tern_args_value(line, "check_every")))
            ok = word(v, &args.check_every) && args.check_every > 0;
        else if ((v = tern_args_value(line, "trace_from")))
            ok = word(v, &args.trace_from);
        else if ((v = tern_args_value(line, "fail_at")))
            ok = word(v, &args.fail_at);
        else if ((v = tern_args_value(line, "fastpath")))
            ok = on_off(v, &args.fastpath);
        else if ((v = tern_args_value(line, "sanitizer_test")))
            ok = on_off(v, &args.sanitizer_test);
        else if ((v = tern_args_value(line, "skip")))    /* "skip FIRST LAST" */
            ok = skip_range(v);
        else
            ok = 0;
        if (!ok) {
            tern_printf("fuzz: bad argument line '%s'\n", line);
            return -1;
        }
    }
    return 0;
}

int fuzz_skipped(word_t call)
{
    for (word_t i = 0; i < args.skips; i++)
        if (args.skip[i][0] <= call && call <= args.skip[i][1])
            return 1;
    return 0;
}
