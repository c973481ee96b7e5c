/* What an interrupt costs a user-level driver: irq_latency, the clock from the device's
 * interrupt to the first instruction of its handler after the receive returns.
 *
 * The driver runs in a space of its own above the root task, holds the RTC's ports (an
 * I/O fpage) and serves IRQ 8 at 1024 Hz. The benchmark thread, below it, spins reading
 * the clock; the interrupt stops it between two reads, and the driver's first act is to
 * read the clock: the difference is the latency (plus at most one turn of the spin, a
 * dozen instructions). Each iteration is one interrupt, timed by hand (tb_manual_time):
 * the kernel's entry, the line's masking, the IPC to the driver with the switch of
 * address space, and the return into the driver's receive stub. */
#include "cases.h"

#if TERN_INTERRUPTS && TERN_IO_PORTS           /* the PC's RTC */
#define IO_WINDOW 0x6c000000UL
#define DRIVER_PRIO 200

static volatile word_t driver_stamp, driver_count, driver_ready;
static word_t driver;

static void rtc_driver(word_t root)
{
    word_t irq = tern_interrupt_thread(RTC_IRQ), from;
    tern_accept_mappings(IO_WINDOW, 22, 0);
    tern_receive(root, &from);                  /* the ports */
    driver_ready = 1;
    tern_msgtag_t t = tern_receive(irq, &from);
    for (;;) {
        word_t now = (word_t)tern_cycles();     /* its first instruction's clock */
        if (!tern_ipc_failed(t) && from == irq) {
            driver_stamp = now;
            rtc_acknowledge();
            driver_count++;
        }
        t = tern_reply_wait(irq, &from);
    }
}

/* Spin until the driver has seen an interrupt; the last clock read before it came. A
 * read counts only if the driver's count had not moved after it (the interrupt may come
 * between the read and the test); a turn that began after the interrupt gives no sample
 * and waits for the next. */
static void bm_irq_latency(struct tb_state *s)
{
    while (tb_keep_running(s)) {
        for (;;) {
            word_t seen = driver_count, last = (word_t)tern_cycles(), now;
            while (now = (word_t)tern_cycles(), driver_count == seen)
                last = now;
            long latency = (long)(driver_stamp - last);
            if (latency > 0) {
                tb_set_iteration_clock(s, latency);
                break;
            }
        }
    }
}

static void irq_setup(struct tb_state *s)
{
    rtc_periodic(0);
    driver_count = driver_ready = 0;
    if ((driver = spawn_space(rtc_driver, tern_myself())) == TERN_NIL_THREAD) {
        tb_skip_with_error(s, "could not start the driver");
        return;
    }
    set_prio(driver, DRIVER_PRIO);
    if (map_io_ports(driver, RTC_PORTS, 1) != 0 || tern_interrupt_attach(RTC_IRQ, driver) != 0) {
        tb_skip_with_error(s, "could not give the driver its ports and line");
        return;
    }
    rtc_periodic(RTC_RATE_1024HZ);
}

static void irq_teardown(struct tb_state *s)
{
    (void)s;
    rtc_periodic(0);
    tern_interrupt_detach(RTC_IRQ);
    kill(driver);
}

void register_interrupts(void)
{
    tb_teardown(tb_setup(tb_iterations(tb_manual_time(tb_register("irq_latency", bm_irq_latency)), 200),
                         irq_setup), irq_teardown);
}
#else
void register_interrupts(void) {}            /* no interrupt lines for users on this board */
#endif
