/* The host's arguments to a root task: boot module 1, "key value" lines (./tern bench
 * and ./tern fuzz write them). The reading; what the keys mean is the program's. */
#include "libtern.h"

long tern_args_text(char *buf, unsigned long max, const char *who)
{
    tern_kip_t *k = tern_kip();
    buf[0] = 0;
    if (k->module_count < 1)
        return 0;                                    /* no arguments: defaults */
    unsigned long size = k->module[1];
    if (size >= max) {
        tern_printf("%s: argument module too large (%lu bytes)\n", who, size);
        return -1;
    }
    memcpy(buf, (const void *)k->module[0], size);
    buf[size] = 0;
    return (long)size;
}

char *tern_args_line(char **cursor)
{
    char *line = *cursor, *end = line;
    if (!*line)
        return NULL;
    while (*end && *end != '\n')
        end++;
    *cursor = *end ? end + 1 : end;
    *end = 0;
    return line;
}

const char *tern_args_value(const char *line, const char *key)
{
    unsigned long n = strlen(key);
    if (memcmp(line, key, n) != 0)
        return NULL;
    return line[n] == ' ' ? line + n + 1 : line[n] == 0 ? line + n : NULL;
}

const char *tern_args_digits(const char *s, unsigned long long *v)
{
    *v = 0;
    if (*s < '0' || *s > '9')
        return NULL;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (*v > (~0ULL - 9) / 10)
            return NULL;                             /* too large */
        *v = *v * 10 + (unsigned long long)(*s - '0');
    }
    return s;
}
