/* The Ski board's timer rate, and no interrupt lines or I/O ports for users
 * (abi/ia64.toml: interrupts = 0, io_ports = 0): every request is refused here. */
#include <generic/hal.h>
#include <plat/ski/ski.h>

unsigned long hal_cycle_counter_khz(void)
{
    return SKI_ITC_KHZ;
}

int hal_irq_attachable(word_t irq)
{
    (void)irq;
    return 0;
}

/* Only attachable lines are ever masked or unmasked: there are none. */
void hal_irq_mask(word_t irq) { (void)irq; }
void hal_irq_unmask(word_t irq) { (void)irq; }

int hal_io_allow(struct hal_space *s, word_t port, word_t count, int on)
{
    (void)s, (void)port, (void)count, (void)on;
    return -1;
}

int hal_io_allowed(const struct hal_space *s, word_t port, word_t count)
{
    (void)s, (void)port, (void)count;
    return 0;
}
