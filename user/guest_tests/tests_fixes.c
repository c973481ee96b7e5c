/* One test per kernel bug that random or hostile system calls found (issue 16): each
 * failed before its fix. */
#include "harness.h"

/* ---- a queued message is not lost when its receiver's own send completes --------------- */

static struct relay { word_t root, a, c; volatile word_t from, error, label, done; } rl;

/* A: sends to the root (who is not receiving yet), then waits for anyone. */
static void relay_a(word_t unused)
{
    (void)unused;
    word_t from = 0;
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    tern_msgtag_t t = tern_ipc(rl.root, TERN_ANY_THREAD,
                               tern_timeouts_word(tern_time_never(), tern_time_period_us(200000)), &from);
    rl.from = from;
    rl.error = tern_ipc_failed(t);
    rl.label = tern_msgtag_get_label(t);
    rl.done = 1;
    tern_thread_exit();
}

/* C: sends to A while A is still sending: C waits in A's queue. */
static void relay_c(word_t unused)
{
    (void)unused;
    tern_mr()[0] = tern_tag(3, 0, 0).raw;
    tern_send(rl.a);
    tern_thread_exit();
}

/* A's send completes when the root takes it; A's receive phase must then take C's
 * message, which was queued all along, not block until its timeout. */
TEST(queued_sender_met_after_own_send)
{
    rl = (struct relay){ tern_myself(), 0, 0, 0, 0, 0, 0 };
    rl.a = spawn(relay_a, 0);
    CHECK(rl.a != TERN_NIL_THREAD);
    tern_sys_thread_switch(rl.a);                 /* A blocks sending to us */
    rl.c = spawn(relay_c, 0);
    CHECK(rl.c != TERN_NIL_THREAD);
    tern_sys_thread_switch(rl.c);                 /* C blocks sending to A */
    word_t from = 0;
    tern_msgtag_t t = tern_receive(rl.a, &from);  /* A's message: A goes on to receive */
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(tern_msgtag_get_label(t), 1);
    for (int i = 0; i < 100 && !rl.done; i++)
        tern_sys_thread_switch(TERN_NIL_THREAD);
    kill(rl.a);
    kill(rl.c);
    CHECK_EQ(rl.done, 1);
    CHECK_EQ(rl.error, 0);
    CHECK_EQ(rl.from, rl.c);
    CHECK_EQ(rl.label, 3);
}

/* ---- the debug call's machine-wide operations are the root task's ---------------------- */

static struct debug_probe { word_t root; volatile word_t fastpath, fastpath_err, exit, exit_err, check, check_err; } dp;

static void debug_prober(word_t unused)
{
    (void)unused;
    dp.fastpath = tern_sys_debug(TERN_DEBUG_FASTPATH, 0, 0);
    dp.fastpath_err = tern_utcb()->error_code;
    dp.exit = tern_sys_debug(TERN_DEBUG_EXIT, 77, 0);     /* would end the machine */
    dp.exit_err = tern_utcb()->error_code;
    dp.check = tern_sys_debug(TERN_DEBUG_CHECK, 0, 0);    /* walks everything, interrupts off */
    dp.check_err = tern_utcb()->error_code;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(dp.root);
    tern_thread_exit();
}

TEST(debug_exit_and_fastpath_need_privilege)
{
    dp = (struct debug_probe){ tern_myself(), 9, 0, 9, 0, 9, 0 };
    word_t c = spawn_space(debug_prober, 0);
    CHECK(c != TERN_NIL_THREAD);
    CHECK(!tern_ipc_failed(tern_receive_timeout(c, tern_time_period_us(500000), NULL)));
    kill(c);
    CHECK_EQ(dp.fastpath, 0);
    CHECK_EQ(dp.fastpath_err, TERN_ERR_NO_PRIVILEGE);
    CHECK_EQ(dp.exit, 0);
    CHECK_EQ(dp.exit_err, TERN_ERR_NO_PRIVILEGE);
    CHECK_EQ(dp.check, 0);
    CHECK_EQ(dp.check_err, TERN_ERR_NO_PRIVILEGE);
    CHECK(tern_kernel_check());                     /* the root task's still works */
    CHECK(tern_fastpath(suite_fastpath));           /* the root task still may (this round's mode) */
}

/* A child that maps `gv.what` of its own space to the root, into a window the root names. */
static struct giver { word_t root, what, bits; } gv;

static void giver(word_t unused)
{
    (void)unused;
    (void)*(volatile word_t *)gv.what;          /* ours now (the pager maps pool pages) */
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
    mr[2] = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE, gv.bits, gv.what >> TERN_FPAGE_SHIFT).raw;
    tern_send(gv.root);
    tern_thread_exit();
}

/* Receive child c's map item into the window (base, bits). */
static tern_msgtag_t take_map(word_t c, word_t base, word_t bits)
{
    tern_br()[0] = tern_acceptor_make(0, 0, bits, base >> TERN_FPAGE_SHIFT).raw;
    tern_msgtag_t t = tern_receive_timeout(c, tern_time_period_us(500000), NULL);
    tern_br()[0] = 0;
    return t;
}

#define WINDOW 0x68000000UL             /* nothing of the root task's is here */

/* ---- a UTCB cannot be passed on by a map item ---------------------------------------- */

/* A thread's UTCB page is the kernel's: it frees it when the thread goes. Mapped away by
 * a map item it would outlive its thread in the receiver's space (the receiver then reads
 * and writes the free list and whatever reuses the frame). */
TEST(utcb_cannot_be_mapped_away)
{
    gv = (struct giver){ tern_myself(), CHILD_UTCB_AREA, TERN_PAGE_BITS };
    word_t c = spawn_space(giver, 0);
    CHECK(c != TERN_NIL_THREAD);
    tern_msgtag_t t = take_map(c, WINDOW, TERN_PAGE_BITS);
    kill(c);
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(is_mapped(WINDOW), 0);
}

/* ---- a map item lands inside the receive window --------------------------------------- */

/* A window whose base is not aligned to its size is the aligned window around it (L4's
 * fpages are size-aligned): a page at offset one page of its two-page-aligned block, sent
 * into a two-page window named at w + one page, lands at w + one page, not at w + two
 * pages (outside). */
TEST(map_item_stays_in_window)
{
    static word_t *src;
    if (!src)
        src = (word_t *)(((word_t)pool_alloc(4 * TERN_PAGE_SIZE) + 2 * TERN_PAGE_SIZE - 1) &
                         ~(2 * TERN_PAGE_SIZE - 1));
    src[TERN_PAGE_SIZE / sizeof(word_t)] = 0x5151;
    gv = (struct giver){ tern_myself(), (word_t)src + TERN_PAGE_SIZE, TERN_PAGE_BITS };
    word_t c = spawn_space(giver, 0), w = WINDOW + 16 * TERN_PAGE_SIZE;
    CHECK(c != TERN_NIL_THREAD);
    tern_msgtag_t t = take_map(c, w + TERN_PAGE_SIZE, TERN_PAGE_BITS + 1);
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(is_mapped(w + 2 * TERN_PAGE_SIZE), 0);
    CHECK_EQ(is_mapped(w), 0);
    CHECK_EQ(is_mapped(w + TERN_PAGE_SIZE), 1);
    CHECK_EQ(*(volatile word_t *)(w + TERN_PAGE_SIZE), 0x5151);
    kill(c);                         /* the giver's space goes, and what it mapped with it */
    CHECK_EQ(is_mapped(w + TERN_PAGE_SIZE), 0);
}

/* ---- a time slice too long for the tick counter is refused ---------------------------- */

static void idler(word_t unused)
{
    (void)unused;
    for (;;)
        tern_receive(TERN_NIL_THREAD, NULL);
}

/* 2^32 ms used to become a slice of 0 ticks (on 64-bit words), which the tick handler
 * counted down through zero: the thread then kept the CPU from its equals for 49 days. */
TEST(huge_time_slice_refused)
{
    word_t t = spawn(idler, 0), old = 0;
    CHECK(t != TERN_NIL_THREAD);
    CHECK_EQ(tern_sys_schedule(t, 20000, ~0UL, ~0UL, ~0UL, &old), 1);
    if (sizeof(word_t) == 8) {
        word_t huge = (word_t)1000 << 32;            /* 2^32 ms in microseconds */
        CHECK_EQ(tern_sys_schedule(t, huge, ~0UL, 10, ~0UL, &old), 0);
        CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_PARAM);
    } else {
        CHECK_EQ(tern_sys_schedule(t, ~0UL - 1, ~0UL, ~0UL, ~0UL, &old), 1);   /* fits */
        CHECK_EQ(tern_sys_schedule(t, 20000, ~0UL, ~0UL, ~0UL, &old), 1);
    }
    CHECK_EQ(tern_sys_schedule(t, ~0UL, ~0UL, ~0UL, ~0UL, &old), 1);
    CHECK_EQ(old, 20000);                            /* nothing changed */
    kill(t);
}

/* ---- a thread the fast path blocked, redirected by exchange_registers ------------------ */

extern void tern_thread_entry(void);
static struct redirect { word_t root, partner; volatile word_t resumed, partner_got; } rd;

static void silent_partner(word_t unused)
{
    (void)unused;
    tern_receive(TERN_ANY_THREAD, NULL);         /* takes the call, never replies */
    rd.partner_got = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(rd.root);                          /* tells the root */
    for (;;)
        tern_receive(TERN_NIL_THREAD, NULL);
}

static void blocked_caller(word_t unused)
{
    (void)unused;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_call(rd.partner);                       /* the fast path: it blocks for the reply */
    for (;;)
        tern_receive(TERN_NIL_THREAD, NULL);     /* (it is redirected before a reply) */
}

static void redirected(word_t unused)
{
    (void)unused;
    rd.resumed = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(rd.root);
    tern_thread_exit();
}

/* The ia32 fast path borrowed the blocked caller's frame slot for SS; a new ip and sp and
 * an aborted receive send the caller out by iret, which popped that SS and faulted in
 * the kernel. The redirected thread must simply run at its new ip. */
TEST(fast_blocked_caller_redirected)
{
    rd = (struct redirect){ tern_myself(), 0, 0, 0 };
    rd.partner = spawn(silent_partner, 0);
    CHECK(rd.partner != TERN_NIL_THREAD);
    tern_sys_thread_switch(rd.partner);          /* it waits for anyone */
    word_t c = spawn(blocked_caller, 0), o[6];
    CHECK(c != TERN_NIL_THREAD);
    /* we wait, so nothing else is ready when the caller calls: the fast path takes it */
    CHECK(!tern_ipc_failed(tern_receive_timeout(rd.partner, tern_time_period_us(500000), NULL)));
    CHECK_EQ(rd.partner_got, 1);
    word_t *resume = new_stack() - 2;
    resume[0] = (word_t)redirected;
    resume[1] = 0;
    CHECK_EQ(tern_sys_exchange_registers(c, TERN_EXREG_SET_IP | TERN_EXREG_SET_SP | TERN_EXREG_ABORT_RECEIVE,
                                         (word_t)resume, tern_code_address(tern_thread_entry), 0, 0, 0,
                                         &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]), c);
    tern_msgtag_t m = tern_receive_timeout(c, tern_time_period_us(500000), NULL);
    kill(c);
    kill(rd.partner);
    CHECK(!tern_ipc_failed(m));
    CHECK_EQ(rd.resumed, 1);
}

/* ---- every segment selector a user can name is harmless (x86) -------------------------- */

long selector_scan(int kind);             /* user/arch/<arch>/selector_scan.S */
unsigned selector_own_cs(void);
extern void scan_resume(void);
extern volatile unsigned scan_next, scan_count;
extern volatile unsigned short scan_hits[];

static struct scanner { word_t root; int kind; volatile long result; } sc;

static void scanner(word_t unused)
{
    (void)unused;
    tern_utcb()->exception_handler = sc.root;
    sc.result = selector_scan(sc.kind);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(sc.root);
    tern_thread_exit();
}

/* Run one scan, resuming each faulting try; the count of selectors that worked. */
static long scan(int kind, word_t *faults)
{
    sc = (struct scanner){ tern_myself(), kind, -2 };
    scan_next = scan_count = 0;
    word_t t = spawn(scanner, 0), from = 0, *mr = tern_mr();
    word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT;
    word_t exception = ((word_t)TERN_EXCEPTION_LABEL << 4) & mask;
    word_t timeouts = tern_timeouts_word(tern_time_never(), tern_time_period_us(1000000));
    *faults = 0;
    tern_msgtag_t m = tern_receive_timeout(t, tern_time_period_us(1000000), &from);
    while (!tern_ipc_failed(m) && (tern_msgtag_get_label(m) & ~0xfUL) == exception) {
        (*faults)++;
        mr[0] = tern_tag(0, 2, 0).raw;              /* on with the next selector */
        mr[1] = (word_t)scan_resume;
        /* mr[2]: the stack pointer it faulted with */
        m = tern_ipc(t, t, timeouts, &from);
    }
    kill(t);
    return tern_ipc_failed(m) ? -3 : sc.result;
}

/* No LDT was loaded: LDT selectors read descriptors from physical memory 0-64 KiB, call
 * gates and system descriptors among them. Now every selector that works is the GDT's:
 * loads only of the null selectors and the user's own DPL 3 segments, far calls only to
 * our own code segment. */
TEST(every_selector_is_harmless)
{
    word_t faults = 0;
    long loads = scan(0, &faults);
    if (loads == -1) {
        test_skip("no segment selectors on this ISA");
        return;
    }
    CHECK(loads >= 4 && loads < 64);
    CHECK_EQ(loads + faults, 0x10000);
    for (long i = 0; i < loads; i++) {
        CHECK_EQ(scan_hits[i] & 4, 0);              /* never the LDT */
        CHECK(scan_hits[i] < 8 * 16);               /* within the GDT */
    }
    unsigned cs = selector_own_cs();
    long calls = scan(1, &faults);
    CHECK_EQ(calls + faults, 0x10000);
    CHECK_EQ(calls, 4);                              /* our own CS, with each RPL */
    for (long i = 0; i < calls; i++)
        CHECK_EQ(scan_hits[i] >> 3, cs >> 3);
}

/* ---- a thread that loads the UTCB pointer's segment breaks only itself ----------------- */

long utcb_segment_clobber(void);          /* selector_scan.S: -1 where there is none */
unsigned entry_state(void);               /* entry_abuse.S: bit 1, the UTCB pointer works */
static struct clobber { word_t root; volatile long done; volatile unsigned state; } cb;

static void clobberer(word_t unused)
{
    (void)unused;
    cb.done = utcb_segment_clobber();             /* %fs:0 (or %gs:0) now reads address 0 */
    tern_sys_thread_switch(cb.root);              /* no UTCB needed to get there */
    cb.state = entry_state();                     /* switched back in: it works again */
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(cb.root);
    tern_thread_exit();
}

/* x86_64 set FS.base once, at boot: a thread that loaded FS (a null selector clears the
 * base) took every thread's %fs:0 with it. The switch now reloads the segment. */
TEST(utcb_segment_is_each_threads_own)
{
    cb = (struct clobber){ tern_myself(), 0, 0 };
    word_t t = spawn_space(clobberer, 0);
    CHECK(t != TERN_NIL_THREAD);
    tern_sys_thread_switch(t);                    /* it clobbers and switches back to us */
    unsigned mine = entry_state();
    CHECK(!tern_ipc_failed(tern_receive_timeout(t, tern_time_period_us(500000), NULL)));
    kill(t);
    if (cb.done == -1) {
        test_skip("no segment names the UTCB pointer on this ISA");
        return;
    }
    CHECK(mine & 2);                              /* ours was never touched */
    CHECK(cb.state & 2);                          /* and its own came back */
}

/* ---- a map item's cost follows what is mapped, not its size --------------------------- */

#define HUGE_BITS 28
#define HUGE_BASE 0x50000000UL           /* 256 MiB the child maps nothing in */
#define KERNEL_TOP (~(word_t)0 << HUGE_BITS) /* the top 256 MiB: the kernel's on every arch */
#define TAKE_BASE 0x60000000UL           /* the root's window: 256 MiB of nothing of its own */
#define TAKE_PAGE (TAKE_BASE + 0x4000000UL) /* where the page stays (not at WINDOW: the suite's
                                               second pass probes that) */
static word_t small_page[TERN_PAGE_SIZE / sizeof(word_t)] __attribute__((aligned(TERN_PAGE_SIZE)));

/* Answers each call: label 1, one map item of a page it has; label 2, as many map items
 * of 256 MiB it has nothing in as the message holds; label 3, as many of the kernel's top
 * 256 MiB. */
static void mapper(word_t unused)
{
    (void)unused;
    word_t *mr = tern_mr(), from = 0;
    small_page[0] = 1;                            /* ours (the pager maps it) */
    tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
    for (;;) {
        word_t label = tern_msgtag_get_label(t);
        word_t items = label == 1 ? 1 : (TERN_UTCB_MR_COUNT - 1) / 2;
        word_t huge_base = label == 3 ? KERNEL_TOP : HUGE_BASE;
        for (word_t i = 0; i < items; i++) {
            /* the single page goes to TAKE_PAGE ("send base"), the rest to the window's
             * start (where nothing arrives: the child has nothing there) */
            word_t at = items == 1 ? (TAKE_PAGE - TAKE_BASE) >> TERN_FPAGE_SHIFT : 0;
            mr[1 + 2 * i] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, at).raw;
            mr[2 + 2 * i] = items == 1
                ? tern_fpage_make(TERN_FPAGE_READ, TERN_PAGE_BITS, (word_t)small_page >> TERN_FPAGE_SHIFT).raw
                : tern_fpage_make(TERN_FPAGE_READ, HUGE_BITS, huge_base >> TERN_FPAGE_SHIFT).raw;
        }
        mr[0] = tern_tag(0, 0, 2 * items).raw;
        t = tern_reply_wait(from, &from);
    }
}

static unsigned long long timed_call(word_t c, word_t label)
{
    tern_br()[0] = tern_acceptor_make(0, 0, HUGE_BITS, TAKE_BASE >> TERN_FPAGE_SHIFT).raw;
    tern_mr()[0] = tern_tag(label, 0, 0).raw;
    unsigned long long start = tern_cycles();
    tern_msgtag_t t = tern_call(c);
    unsigned long long spent = tern_cycles() - start;
    tern_br()[0] = 0;
    return tern_ipc_failed(t) ? ~0ULL : spent;
}

/* Map items of fpages the sender has nothing in were walked page by page with interrupts
 * off (31 items of a GiB: 813 M instructions on x86_64). The walk now skips what no page
 * table covers, and what is not user memory: 31 items of 256 MiB, empty or the kernel's,
 * cost about as much as one mapping a single page. */
TEST(huge_empty_map_items_are_cheap)
{
    word_t c = spawn_space(mapper, 0);
    CHECK(c != TERN_NIL_THREAD);
    unsigned long long one = ~0ULL, huge = ~0ULL, kernel = ~0ULL;
    for (int i = 0; i < 3; i++) {                 /* the least of a few: warm, no tick */
        unsigned long long a = timed_call(c, 1), b = timed_call(c, 2), k = timed_call(c, 3);
        one = a < one ? a : one;
        huge = b < huge ? b : huge;
        kernel = k < kernel ? k : kernel;
    }
    int arrived = is_mapped(TAKE_PAGE) == 1 && *(volatile word_t *)TAKE_PAGE == 1;
    kill(c);                                      /* the mapper's space goes, and its page */
    CHECK(one != ~0ULL && huge != ~0ULL && kernel != ~0ULL);
    CHECK(huge < 20 * one);
    CHECK(kernel < 20 * one);
    CHECK(arrived);                               /* the page did arrive */
    CHECK_EQ(is_mapped(TAKE_PAGE), 0);
}

/* ---- a long transfer keeps the clock ------------------------------------------------ */

#define LONG_BITS 26                     /* 64 MiB of the root task's pool per item */
#define LONG_ITEMS 8
#define LONG_WINDOW 0x64000000UL         /* where the child has nothing */

static volatile word_t long_got;

static void long_receiver(word_t root)
{
    tern_br()[0] = tern_acceptor_make(0, 0, LONG_BITS, LONG_WINDOW >> TERN_FPAGE_SHIFT).raw;
    tern_msgtag_t t = tern_receive(root, NULL);
    long_got = tern_ipc_failed(t) ? 2 : 1;
    tern_sys_thread_switch(root);
    for (;;)
        tern_receive(tern_myself(), NULL);
}

/* The clock's advance while the user spins for `cycles` of the cycle counter: what the
 * emulator delivers of the timer with interrupts on (a loaded host loses ticks too). The
 * counter is read between short loops, not back to back: Ski reads the host's clock for
 * every read of ar.itc and then falls behind with its timer. */
static unsigned long long clock_over_spin(unsigned long long cycles)
{
    unsigned long long clock0 = tern_sys_system_clock(), cycles0 = tern_cycles();
    while (tern_cycles() - cycles0 < cycles)
        tern_known_loop(100);
    return tern_sys_system_clock() - clock0;
}

/* Map items of many mapped pages ran with interrupts off: one send of 31 items of 1 GiB
 * took 813 M instructions on x86_64 while the clock advanced 1 ms (ticks were lost).
 * Transfers now let interrupts in every few pages: across a send of 8 items of 64 MiB
 * each (131072 pages entered) the clock advances at least half as much as over a user
 * spin of the same length (the control: under a loaded host the emulator's timer falls
 * behind its cycle counter in both), less two ticks. */
TEST(long_transfer_keeps_the_clock)
{
    tern_kip_t *k = tern_kip();
    CHECK(k->root_pool_size >= (1UL << LONG_BITS) && k->cycle_counter_khz > 0);
    long_got = 0;
    word_t c = spawn_space(long_receiver, tern_myself());
    CHECK(c != TERN_NIL_THREAD);
    tern_sys_thread_switch(c);                     /* it waits for us */
    word_t *mr = tern_mr();
    for (word_t i = 0; i < LONG_ITEMS; i++) {
        mr[1 + 2 * i] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
        mr[2 + 2 * i] = tern_fpage_make(TERN_FPAGE_READ, LONG_BITS, k->root_pool_base >> TERN_FPAGE_SHIFT).raw;
    }
    mr[0] = tern_tag(0, 0, 2 * LONG_ITEMS).raw;
    unsigned long long clock0 = tern_sys_system_clock(), cycles0 = tern_cycles();
    tern_msgtag_t t = tern_send(c);
    unsigned long long cycles = tern_cycles() - cycles0, clock = tern_sys_system_clock() - clock0;
    for (int i = 0; i < 10 && !long_got; i++)
        tern_sys_thread_switch(c);
    kill(c);
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(long_got, 1);
    unsigned long long elapsed_us = cycles * 1000 / k->cycle_counter_khz;
    CHECK(elapsed_us > 5000);                      /* long enough to lose ticks */
    unsigned long long control = clock_over_spin(cycles);
    CHECK(control >= elapsed_us / 4);              /* the timer runs at all, here */
    CHECK(clock * 2 + 2000 >= control);
}

const struct test fix_tests[] = {
    { "fixed/queued-sender-met-after-own-send", queued_sender_met_after_own_send },
    { "fixed/debug-exit-and-fastpath-need-privilege", debug_exit_and_fastpath_need_privilege },
    { "fixed/utcb-cannot-be-mapped-away", utcb_cannot_be_mapped_away },
    { "fixed/map-item-stays-in-window", map_item_stays_in_window },
    { "fixed/huge-time-slice-refused", huge_time_slice_refused },
    { "fixed/fast-blocked-caller-redirected", fast_blocked_caller_redirected },
    { "fixed/every-selector-is-harmless", every_selector_is_harmless },
    { "fixed/utcb-segment-is-each-threads-own", utcb_segment_is_each_threads_own },
    { "fixed/huge-empty-map-items-are-cheap", huge_empty_map_items_are_cheap },
    { "fixed/long-transfer-keeps-the-clock", long_transfer_keeps_the_clock },
    { 0, 0 },
};
