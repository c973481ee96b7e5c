/* Console output through the debug system call, and a small printf. */
#include <stdarg.h>

#include "libtern.h"

void tern_putc(char c) { tern_sys_debug(TERN_DEBUG_PUTC, (word_t)(unsigned char)c, 0); }

void tern_print(const char *s)
{
    while (*s)
        tern_putc(*s++);
}

_Noreturn void tern_exit(int status)
{
    for (;;)
        tern_sys_debug(TERN_DEBUG_EXIT, (word_t)status, 0);
}

static void number(unsigned long long v, unsigned base, int width)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n < width && n < (int)sizeof buf)
        buf[n++] = '0';
    while (n)
        tern_putc(buf[--n]);
}

void tern_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            tern_putc(*fmt);
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
        case 's': tern_print(va_arg(ap, const char *)); break;
        case 'c': tern_putc((char)va_arg(ap, int)); break;
        case 'd': {
            long long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0) {
                tern_putc('-');
                v = -v;
            }
            number((unsigned long long)v, 10, width);
            break;
        }
        case 'u': number(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width); break;
        case 'x': number(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width); break;
        case 'p': tern_print("0x"); number((unsigned long)va_arg(ap, void *), 16, 0); break;
        default: tern_putc(*fmt); break;
        }
    }
    va_end(ap);
}
