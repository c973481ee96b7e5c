/*
 * The CP0 Count/Compare timer on IP7: Count runs at a fixed rate (the board's
 * hal_cycle_counter_khz measures it), and the interrupt comes when it reaches Compare;
 * writing Compare acknowledges it and sets the next one.
 */
#include <arch/mips64/cpu.h>
#include <generic/hal.h>

static unsigned long interval;           /* Count ticks per timer tick */

void hal_timer_init(unsigned hz)
{
    interval = hal_cycle_counter_khz() * 1000 / hz;
    cp0_write32(CP0_COMPARE, 0, (unsigned)(cp0_read32(CP0_COUNT, 0) + interval));
}

void timer_interrupt(void)
{
    /* the next tick one interval from now: a late tick does not bring a burst after it */
    cp0_write32(CP0_COMPARE, 0, (unsigned)(cp0_read32(CP0_COUNT, 0) + interval));
}
