/* Console output through the debug system call, and a small printf. */
#include <stdarg.h>

#include "freestanding.h"
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

void tern_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(tern_putc, fmt, ap);
    va_end(ap);
}
