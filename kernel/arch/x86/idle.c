/* Waiting for an interrupt with nothing to run: interrupts on just long enough for one. */
#include <generic/hal.h>

void hal_idle(void)
{
    __asm__ __volatile__("sti; hlt; cli" : : : "memory");
}

/* sti takes effect after the next instruction: the nop is the window. */
void hal_preemption_point(void)
{
    __asm__ __volatile__("sti; nop; cli" : : : "memory");
}
