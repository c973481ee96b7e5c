/* The Ski board's timer rate. It has no interrupt lines or I/O ports for users: those
 * requests are refused by drivers/no_user_lines.c (port.toml). */
#include <generic/hal.h>
#include <plat/ski/ski.h>

unsigned long hal_cycle_counter_khz(void)
{
    return SKI_ITC_KHZ;
}
