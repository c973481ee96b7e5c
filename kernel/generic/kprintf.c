#include <stdarg.h>

#include "hal.h"
#include "kprintf.h"

void kputs(const char *s)
{
    while (*s) {
        if (*s == '\n')
            hal_console_putc('\r');     /* serial terminals want CR LF */
        hal_console_putc(*s++);
    }
}

/* Word-sized arithmetic only: 32-bit arches have no 64-bit division without libgcc. */
static void put_number(unsigned long v, unsigned base, int width, int negative)
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
        hal_console_putc('-');
    while (n)
        hal_console_putc(buf[--n]);
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            if (*fmt == '\n')
                hal_console_putc('\r');
            hal_console_putc(*fmt);
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
        case 's': kputs(va_arg(ap, const char *)); break;
        case 'c': hal_console_putc((char)va_arg(ap, int)); break;
        case 'd': {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            put_number(v < 0 ? -(unsigned long)v : (unsigned long)v, 10, width, v < 0);
            break;
        }
        case 'u': put_number(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, 0); break;
        case 'x': put_number(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, 0); break;
        case 'p':
            kputs("0x");
            put_number((unsigned long)va_arg(ap, void *), 16, (int)sizeof(void *) * 2, 0);
            break;
        case '%': hal_console_putc('%'); break;
        default: hal_console_putc('?'); break;
        }
    }
    va_end(ap);
}
