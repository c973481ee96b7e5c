/*
 * The ITC/ITM timer: the interval timer counter runs at the board's rate
 * (hal_cycle_counter_khz), and the interrupt comes through cr.itv's vector when it
 * reaches cr.itm; setting the next match acknowledges it.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>

static unsigned long interval;           /* ITC ticks per timer tick */

void hal_timer_init(unsigned hz)
{
    interval = hal_cycle_counter_khz() * 1000 / hz;
    IA64_CR_WRITE(tpr, 0);                 /* every vector class unmasked */
    if (!board_ticks()) {
        IA64_CR_WRITE(itv, ITV_MASKED);    /* no tick: the clock stands still */
        return;
    }
    IA64_CR_WRITE(itv, TIMER_VECTOR);
    IA64_CR_WRITE(itm, IA64_AR_READ(itc) + interval);
}

void timer_interrupt(void)
{
    /* the next tick one interval from now: a late tick does not bring a burst after it */
    IA64_CR_WRITE(itm, IA64_AR_READ(itc) + interval);
}
