/*
 * mips64 CPU setup: the exception base (the vectors in entry.S), Status for the kernel,
 * what user mode may read with rdhwr (the Count and its resolution), the TLB.
 */
#include <arch/mips64/cpu.h>
#include <generic/hal.h>

extern char exception_vectors[];

void hal_cpu_init(void)
{
    cp0_write32(CP0_STATUS, 0, STATUS_KERNEL | ST_BEV);   /* vectors still the boot ones */
    cp0_write32(CP0_EBASE, 1, (unsigned long)exception_vectors);
    cp0_write32(CP0_STATUS, 0, STATUS_KERNEL);             /* BEV off: ours from now on */
    cp0_write32(CP0_CAUSE, 0, 0);                          /* IV off: interrupts at +0x180 */
    cp0_write32(CP0_HWRENA, 0, HWRENA_CC | HWRENA_CCRES);
    tlb_init();
}

void hal_idle(void)
{
    /* interrupts on just long enough for one (the handler returns here) */
    cp0_write32(CP0_STATUS, 0, STATUS_KERNEL | ST_IE | ST_IM_TIMER);
    __asm__ __volatile__("wait" : : : "memory");
    cp0_write32(CP0_STATUS, 0, STATUS_KERNEL);
}

/* Interrupts on for a moment: a pending timer interrupt is taken at once. */
void hal_preemption_point(void)
{
    cp0_write32(CP0_STATUS, 0, STATUS_KERNEL | ST_IE | ST_IM_TIMER);
    __asm__ __volatile__("nop; nop" : : : "memory");
    cp0_write32(CP0_STATUS, 0, STATUS_KERNEL);
}
