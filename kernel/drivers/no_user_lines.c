/* For a board that gives users no interrupt lines and no I/O ports (its abi/<arch>.toml
 * says interrupts = 0, io_ports = 0; Malta and Ski today): the core asks, and every
 * request is refused here. */
#include <generic/hal.h>

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
