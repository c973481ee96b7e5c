/*
 * ia64 console and exit under Ski: a character goes out through SSC_PUTCHAR (bski
 * writes it to its stdout with -noconsole), and SSC_EXIT ends the simulation with a
 * status.
 */
#include <generic/hal.h>
#include <plat/ski/ski.h>

void hal_console_init(void)
{
}

void hal_console_putc(char c)
{
    ski_ssc((unsigned char)c, 0, 0, 0, SSC_PUTCHAR);
}

_Noreturn void hal_exit(int status)
{
    ski_ssc(status, 0, 0, 0, SSC_EXIT);
    for (;;)
        ;
}
