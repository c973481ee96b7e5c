/* The fuzzer's arguments: boot module 1, "key value" lines written by ./tern fuzz. */
#include "fuzz.h"

struct fuzz_args args = { .seed = 1, .calls = 10000, .check_every = 200, .trace_from = ~0UL,
                          .fail_at = ~0UL, .fastpath = 1 };

#define MAX_TEXT 16384
static char text[MAX_TEXT];

static int number(const char *s, unsigned long long *v)
{
    *v = 0;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++)
        *v = *v * 10 + (unsigned long long)(*s - '0');
    return *s && *s != ' ' ? -1 : 0;
}

/* "FIRST LAST": the calls numbered FIRST to LAST, both in. */
static int skip_range(const char *v)
{
    unsigned long long first, last;
    const char *space = v;
    while (*space && *space != ' ')
        space++;
    if (!*space || number(v, &first) != 0 || number(space + 1, &last) != 0 || last < first ||
        args.skips >= MAX_SKIPS)
        return 0;
    args.skip[args.skips][0] = (word_t)first;
    args.skip[args.skips++][1] = (word_t)last;
    return 1;
}

static const char *after(const char *line, const char *key)
{
    unsigned long n = strlen(key);
    return !memcmp(line, key, n) && line[n] == ' ' ? line + n + 1 : NULL;
}

int fuzz_args_read(void)
{
    tern_kip_t *k = tern_kip();
    if (k->module_count < 1)
        return 0;                                     /* no arguments: defaults */
    unsigned long size = k->module[1];
    if (size >= MAX_TEXT) {
        tern_printf("fuzz: argument module too large (%lu bytes)\n", size);
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
        const char *v;
        unsigned long long n = 0;
        int ok = 1;
        if (!*line || *line == '#')
            ;
        else if ((v = after(line, "seed")))
            ok = number(v, &args.seed) == 0;
        else if ((v = after(line, "calls")))
            ok = number(v, &n) == 0 && (args.calls = (word_t)n, 1);
        else if ((v = after(line, "check_every")))
            ok = number(v, &n) == 0 && n > 0 && (args.check_every = (word_t)n, 1);
        else if ((v = after(line, "trace_from")))
            ok = number(v, &n) == 0 && (args.trace_from = (word_t)n, 1);
        else if ((v = after(line, "fail_at")))
            ok = number(v, &n) == 0 && (args.fail_at = (word_t)n, 1);
        else if ((v = after(line, "fastpath")))
            ok = (args.fastpath = !strcmp(v, "on")) || !strcmp(v, "off");
        else if ((v = after(line, "sanitizer_test")))
            ok = (args.sanitizer_test = !strcmp(v, "on")) || !strcmp(v, "off");
        else if ((v = after(line, "skip")))              /* "skip FIRST LAST" */
            ok = skip_range(v);
        else
            ok = 0;
        if (!ok) {
            tern_printf("fuzz: bad argument line '%s'\n", line);
            return -1;
        }
        line = next;
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
