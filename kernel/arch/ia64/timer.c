/*
 * The ITC/ITM timer: the interval timer counter runs at the board's rate
 * (hal_cycle_counter_khz), and the interrupt comes through cr.itv's vector when it
 * reaches cr.itm; setting the next match acknowledges it.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>

static unsigned long interval;           /* ITC ticks per timer tick */

/* The next tick one interval from now. A match set in the past never fires (Ski arms a
 * host timer for itm - itc, which wraps), and under Ski the ITC follows host time, so a
 * host that stalls between the read and the write can make it so: then again. */
static void arm(void)
{
    unsigned long next;
    do {
        next = IA64_AR_READ(itc) + interval;
        IA64_CR_WRITE(itm, next);
    } while ((long)(IA64_AR_READ(itc) - next) >= 0);
}

void hal_timer_init(unsigned hz)
{
    interval = hal_cycle_counter_khz() * 1000 / hz;
    IA64_CR_WRITE(tpr, 0);                 /* every vector class unmasked */
    if (!board_ticks()) {
        IA64_CR_WRITE(itv, ITV_MASKED);    /* no tick: the clock stands still */
        return;
    }
    IA64_CR_WRITE(itv, TIMER_VECTOR);
    arm();
}

void timer_interrupt(void)
{
    arm();      /* from now: a late tick does not bring a burst after it */
}
