/* Interrupts as IPC and I/O fpages through their users' eyes: attaching a handler and
 * the refusals, ports given by the root task (sigma0) and taken back, a device the kernel
 * does not own (the RTC's periodic interrupt, IRQ 8, ports 0x70-0x71) at 1 kHz with
 * every interrupt seen once, a storm with a handler slower than the device, and a
 * handler's death.
 *
 * Handlers run in spaces of their own (spawn_space) with the RTC's ports mapped to them
 * by I/O fpage; they share the root task's image, so `run` below is shared. The root
 * task holds every port the kernel does not keep, so it programs the RTC itself. */
#include "harness.h"

#if TERN_INTERRUPTS && TERN_IO_PORTS
#define RTC_DATA (RTC_PORTS + 1)
#define IO_WINDOW 0x6c000000UL  /* any open window takes I/O fpages */

static struct run {
    word_t root;
    word_t slow_us;              /* the handler works this long per interrupt */
    volatile word_t count;       /* interrupts seen with the device's flag set */
    volatile word_t not_fresh;   /* ... without it: seen twice, or a stale edge */
    volatile word_t wrong;       /* messages that were not this line's interrupt */
    volatile word_t ready;
} run;

/* A handler: takes the RTC's ports from the root task, then serves the line. Each
 * interrupt reads register C (the device's acknowledgement), works slow_us, and replies
 * to the interrupt thread, which unmasks the line. */
static void rtc_handler(word_t unused)
{
    (void)unused;
    word_t irq = tern_interrupt_thread(RTC_IRQ), from;
    tern_accept_mappings(IO_WINDOW, 22, 0);
    tern_receive(run.root, &from);                     /* the ports */
    run.ready = 1;
    tern_msgtag_t t = tern_receive(irq, &from);
    for (;;) {
        if (tern_ipc_failed(t) || from != irq || !tern_is_interrupt(t)) {
            run.wrong++;
            t = tern_receive(irq, &from);
            continue;
        }
        if (rtc_acknowledge())
            run.count++;
        else
            run.not_fresh++;
        if (run.slow_us) {
            unsigned long long until = tern_clock_us() + run.slow_us;
            while (tern_clock_us() < until)
                ;
        }
        t = tern_reply_wait(irq, &from);
    }
}

/* A handler in a space of its own, holding the RTC's ports, attached to IRQ 8 and past
 * any stale edge; NIL if something failed. */
static word_t start_handler(word_t prio, word_t slow_us)
{
    rtc_periodic(0);
    run = (struct run){ .root = tern_myself(), .slow_us = slow_us };
    word_t h = spawn_space(rtc_handler, 0);
    if (h == TERN_NIL_THREAD)
        return h;
    set_prio(h, prio);
    if (map_io_ports(h, RTC_PORTS, 1) != 0 || tern_interrupt_attach(RTC_IRQ, h) != 0) {
        kill(h);
        return TERN_NIL_THREAD;
    }
    tern_sleep_us(5000);                 /* an edge latched earlier comes and goes */
    run.count = run.not_fresh = 0;
    return h;
}

static void stop_handler(word_t h)
{
    rtc_periodic(0);
    tern_interrupt_detach(RTC_IRQ);
    kill(h);
}

/* ---- attaching ------------------------------------------------------------------------ */

static struct { volatile word_t attach, detach, done; word_t root; } unprivileged;

static void try_attach(word_t unused)
{
    (void)unused;
    unprivileged.attach = tern_interrupt_attach(RTC_IRQ, tern_myself());
    unprivileged.detach = tern_interrupt_detach(RTC_IRQ);
    unprivileged.done = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(unprivileged.root);
    tern_thread_exit();
}

/* Every refusal with its error code: a thread outside the root task's space; the lines
 * the kernel keeps; a handler that does not exist; a space that is not the interrupt
 * thread; a reply from a thread that is not the handler. */
TEST(attach_refusals)
{
    tern_kip_t *k = tern_kip();
    CHECK_EQ(k->interrupts, TERN_INTERRUPTS);
    CHECK_EQ(k->io_ports, TERN_IO_PORTS);
    unprivileged.root = tern_myself();
    unprivileged.done = 0;
    word_t c = spawn_space(try_attach, 0);
    CHECK(c != TERN_NIL_THREAD);
    CHECK(!tern_ipc_failed(tern_receive_timeout(c, tern_time_period_us(500000), NULL)));
    CHECK_EQ(unprivileged.done, 1);
    CHECK_EQ(unprivileged.attach, TERN_ERR_NO_PRIVILEGE);
    CHECK_EQ(unprivileged.detach, TERN_ERR_NO_PRIVILEGE);
    kill(c);

    word_t me = tern_myself();
    CHECK_EQ(tern_interrupt_attach(0, me), TERN_ERR_INVALID_THREAD);   /* the kernel's timer */
    CHECK_EQ(tern_interrupt_attach(2, me), TERN_ERR_INVALID_THREAD);   /* the cascade */
    CHECK_EQ(tern_interrupt_attach(4, me), TERN_ERR_INVALID_THREAD);   /* its console */
    CHECK_EQ(tern_interrupt_attach(RTC_IRQ, tern_tid(TERN_FIRST_USER_THREAD + 4000, 7)),
             TERN_ERR_INVALID_THREAD);
    word_t irq = tern_interrupt_thread(RTC_IRQ);
    CHECK_EQ(tern_sys_thread_control(irq, me, TERN_NIL_THREAD, me, 0), 0);
    CHECK_EQ(tern_ipc_error(), TERN_ERR_INVALID_SPACE);
    /* Not attached: a reply to the interrupt thread has no partner. */
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    CHECK(tern_ipc_failed(tern_send(irq)));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_NO_PARTNER);
    /* Attached to another thread: still none for us. */
    word_t other = spawn(echo_server, 0);
    CHECK_EQ(tern_interrupt_attach(RTC_IRQ, other), 0);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    CHECK(tern_ipc_failed(tern_send(irq)));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_NO_PARTNER);
    CHECK_EQ(tern_interrupt_detach(RTC_IRQ), 0);
    CHECK_EQ(tern_interrupt_detach(RTC_IRQ), 0);          /* detaching twice is no error */
    kill(other);
}

/* ---- I/O fpages -------------------------------------------------------------------------- */

static struct port_probe { word_t root; volatile word_t value, done, faulted; word_t port; } probe;

static void port_reader(word_t unused)
{
    (void)unused;
    tern_utcb()->exception_handler = pager_tid;
    probe.value = tern_inb(probe.port);
    probe.done = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(probe.root);
    tern_thread_exit();
}

static void port_refused(word_t unused)
{
    (void)unused;
    probe.faulted = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(probe.root);
    tern_thread_exit();
}

/* Does a thread in space `of`'s space read `port`? 1 yes, 0 no (a #GP exception IPC),
 * -1 neither came. */
static int reads_port(word_t of, word_t port)
{
    probe = (struct port_probe){ .root = tern_myself(), .port = port };
    word_t *resume = new_stack() - 2;
    resume[0] = (word_t)port_refused;
    resume[1] = 0;
    exception_resume_sp = (word_t)resume;
    /* in a child space, the UTCB slot after its first thread's */
    word_t t = new_tid(), utcb = of == tern_myself() ? new_utcb() : CHILD_UTCB_AREA + TERN_PAGE_SIZE;
    if (tern_thread_create(t, of, pager_tid, utcb) != 0 ||
        tern_thread_run(t, port_reader, 0, new_stack()) != 0)
        return -1;
    tern_msgtag_t m = tern_receive_timeout(t, tern_time_period_us(500000), NULL);
    exception_resume_sp = 0;
    kill(t);
    if (tern_ipc_failed(m))
        return -1;
    return probe.done && !probe.faulted ? 1 : probe.faulted && !probe.done ? 0 : -1;
}

static void ports_taker(word_t unused)
{
    (void)unused;
    word_t from;
    for (;;) {
        tern_accept_mappings(IO_WINDOW, 22, 0);
        tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
        if (tern_ipc_failed(t) || tern_msgtag_get_label(t) != 1)
            continue;
        /* label 1: pass the ports in MR1 (base) and MR2 (bits) on to MR3 */
        word_t r = map_io_ports(tern_mr()[3], tern_mr()[1], tern_mr()[2]);
        tern_mr()[0] = tern_tag(0, 1, 0).raw;
        tern_mr()[1] = r;
        tern_send(from);
    }
}

/* A space has no ports until the root task maps them; it cannot pass them on; the root
 * task's unmap takes them back; the kernel's ports are never given. */
TEST(io_fpages_give_and_take_ports)
{
    word_t a = spawn_space(ports_taker, 0), b = spawn_space(ports_taker, 0);
    CHECK(a != TERN_NIL_THREAD && b != TERN_NIL_THREAD);
    CHECK_EQ(reads_port(a, RTC_DATA), 0);
    CHECK_EQ(map_io_ports(a, RTC_PORTS, 1), 0);               /* 0x70 and 0x71 */
    CHECK_EQ(reads_port(a, RTC_DATA), 1);
    CHECK_EQ(reads_port(a, 0x72), 0);                       /* only what was given */
    CHECK_EQ(reads_port(b, RTC_DATA), 0);
    /* a passes them on to b: an I/O fpage from anyone but the root task maps nothing */
    word_t *mr = tern_mr();
    mr[0] = tern_tag(1, 3, 0).raw;
    mr[1] = RTC_PORTS;
    mr[2] = 1;
    mr[3] = b;
    CHECK(!tern_ipc_failed(tern_ipc(a, a, NEVER, NULL)));
    CHECK_EQ(mr[1], 0);
    CHECK_EQ(reads_port(b, RTC_DATA), 0);
    /* an I/O fpage that is not size-aligned or runs past the ports is refused */
    CHECK_EQ(map_io_ports(b, RTC_DATA, 1), TERN_IPC_ERR_MESSAGE_OVERFLOW);
    CHECK_EQ(map_io_ports(b, TERN_IO_PORTS, 0), TERN_IPC_ERR_MESSAGE_OVERFLOW);
    /* the kernel's ports (the master PIC at 0x20) are left out of what is given */
    CHECK_EQ(map_io_ports(b, 0x20, 2), 0);
    CHECK_EQ(reads_port(b, 0x21), 0);
    CHECK_EQ(reads_port(b, 0x22), 1);                       /* its neighbour is not the kernel's */
    /* the root task's unmap takes the ports from every space it gave them to */
    tern_fpage_t f = tern_io_fpage(RTC_PORTS, 1);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    CHECK_EQ(reads_port(a, RTC_DATA), 0);
    CHECK_EQ(reads_port(tern_myself(), RTC_DATA), 1);       /* without flush, not its own */
    kill(a);
    kill(b);
}

/* ---- the device -------------------------------------------------------------------------- */

/* The RTC at 1024 Hz for 200 ms: the handler sees each interrupt once (the device's flag
 * is set every time) and none is lost (as many as the kernel's clock says should come). */
TEST(rtc_at_1khz_every_interrupt_once)
{
    word_t h = start_handler(200, 0);
    CHECK(h != TERN_NIL_THREAD);
    CHECK_EQ(run.ready, 1);
    unsigned long long start = tern_clock_us();
    rtc_periodic(RTC_RATE_1024HZ);
    tern_sleep_us(200000);
    rtc_periodic(0);
    unsigned long long us = tern_clock_us() - start;
    word_t got = run.count, want = (word_t)(us * 1024 / 1000000);
    stop_handler(h);
    CHECK_EQ(run.wrong, 0);
    CHECK_EQ(run.not_fresh, 0);
    CHECK(want >= 190);
    CHECK(got + want / 50 + 3 >= want);     /* within 2% and the clock's tick */
    CHECK(got <= want + want / 50 + 3);
}

/* The RTC at 8192 Hz and a handler that needs a millisecond for each: the device is
 * faster than the handler (1 to 2 ms: the clock's ticks). The line stays masked while the handler works, so it gets
 * one interrupt at a time and never one it has not asked for; the kernel keeps time
 * and the root task above it runs on time; detached, the handler hears nothing more. */
TEST(interrupt_storm_with_a_slow_handler)
{
    word_t h = start_handler(50, 2000);
    CHECK(h != TERN_NIL_THREAD);
    unsigned long long start = tern_clock_us();
    rtc_periodic(RTC_RATE_8192HZ);
    tern_sleep_us(100000);
    unsigned long long slept = tern_clock_us() - start;
    word_t got = run.count;
    CHECK(slept >= 100000 && slept <= 110000);              /* the root task woke on time */
    CHECK(got >= 20);                                       /* the handler made progress ... */
    CHECK(got <= slept / 1000 + 2);                         /* ... one at a time, a ms each */
    CHECK_EQ(run.wrong, 0);
    CHECK(tern_kernel_check());
    CHECK_EQ(tern_interrupt_detach(RTC_IRQ), 0);
    tern_sleep_us(5000);                                    /* it finishes the one it had */
    word_t after = run.count + run.not_fresh;
    tern_sleep_us(20000);
    CHECK_EQ(run.count + run.not_fresh, after);             /* the device runs; nothing comes */
    stop_handler(h);
}

/* A handler that dies takes its lines with it (masked); a new one can attach. */
TEST(handler_death_detaches)
{
    word_t h = start_handler(200, 0);
    CHECK(h != TERN_NIL_THREAD);
    rtc_periodic(RTC_RATE_1024HZ);
    tern_sleep_us(10000);
    CHECK(run.count > 0);
    kill(h);                                                /* mid-stream */
    CHECK(tern_kernel_check());
    rtc_periodic(0);
    word_t h2 = start_handler(200, 0);
    CHECK(h2 != TERN_NIL_THREAD);
    rtc_periodic(RTC_RATE_1024HZ);
    tern_sleep_us(20000);
    CHECK(run.count >= 10);
    CHECK_EQ(run.not_fresh, 0);
    stop_handler(h2);
}

const struct test interrupt_tests[] = {
    { "interrupt/attach-refusals", attach_refusals },
    { "interrupt/io-fpages-give-and-take-ports", io_fpages_give_and_take_ports },
    { "interrupt/rtc-at-1khz-every-interrupt-once", rtc_at_1khz_every_interrupt_once },
    { "interrupt/storm-with-a-slow-handler", interrupt_storm_with_a_slow_handler },
    { "interrupt/handler-death-detaches", handler_death_detaches },
    { 0, 0 },
};
#else
TEST(no_interrupt_lines)
{
    CHECK_EQ(tern_kip()->interrupts, TERN_INTERRUPTS);
    /* No line is the user's: attaching any is refused, the root task's privilege or not. */
    for (word_t n = 0; n < TERN_FIRST_USER_THREAD; n++)
        CHECK_EQ(tern_interrupt_attach(n, tern_myself()), TERN_ERR_INVALID_THREAD);
    test_skip("this board gives users no interrupt lines or I/O ports (abi [arch] interrupts, io_ports)");
}

const struct test interrupt_tests[] = {
    { "interrupt/lines-and-ports", no_interrupt_lines },
    { 0, 0 },
};
#endif
