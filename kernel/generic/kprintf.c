#include <stdarg.h>

#include <freestanding.h>
#include <generic/hal.h>
#include <generic/kprintf.h>

/* Serial terminals want CR LF. */
static void console_put(char c)
{
    if (c == '\n')
        hal_console_putc('\r');
    hal_console_putc(c);
}

void kputs(const char *s)
{
    while (*s)
        console_put(*s++);
}

void kvprintf(const char *fmt, va_list ap)
{
    vformat(console_put, fmt, ap);
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}
