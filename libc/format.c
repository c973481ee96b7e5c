#include "freestanding.h"

static void number(void (*put)(char), unsigned long v, unsigned base, int width, int negative)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n < width && n < (int)sizeof buf)
        buf[n++] = '0';
    if (negative)
        put('-');
    while (n)
        put(buf[--n]);
}

void vformat(void (*put)(char), const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(*fmt);
            continue;
        }
        int width = 0, lng = 0;
        fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        switch (*fmt) {
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) put(*s); break;
        case 'c': put((char)va_arg(ap, int)); break;
        case 'd': {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            number(put, v < 0 ? -(unsigned long)v : (unsigned long)v, 10, width, v < 0);
            break;
        }
        case 'u': number(put, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, 0); break;
        case 'x': number(put, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, 0); break;
        case 'p':
            put('0');
            put('x');
            number(put, (unsigned long)va_arg(ap, void *), 16, (int)sizeof(void *) * 2, 0);
            break;
        case '%': put('%'); break;
        default: put('?'); break;
        }
    }
}
