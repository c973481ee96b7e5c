/*
 * ia64 CPU setup beyond boot.S (which pinned the direct map and set IVA): the regions
 * users have no business in get region id 0, which nothing is ever inserted under; the
 * TC starts empty. Idling and preemption points open interrupts for one group.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>

void tlb_purge_all(void)
{
    /* ptc.e purges the whole local TC in one step on Ski (PAL's loop counts are 1) */
    __asm__ __volatile__("ptc.e %0 ;; srlz.d ;; srlz.i ;;" : : "r"(0UL) : "memory");
}

void hal_cpu_init(void)
{
    for (unsigned long region = 0; region < 7; region++)
        ia64_rr_write(region << 61, RR_VALUE(0UL, TERN_PAGE_BITS));
    tlb_purge_all();
}

void hal_idle(void)
{
    ia64_interrupt_window();
}

void hal_preemption_point(void)
{
    ia64_interrupt_window();
}
