/* Isolation (issue 16): a thread reaches no other space's memory through any call, cannot
 * halt, delete or reschedule threads it has no right to, and running out of threads,
 * spaces or kernel memory is an error code to the caller, never a panic. */
#include "harness.h"

#define WAIT_MS(ms) tern_time_period_us((ms) * 1000UL)

static word_t exreg_read(word_t t, word_t *o)
{
    return tern_sys_exchange_registers(t, 0, 0, 0, 0, 0, 0, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
}

/* Let t run until it blocks with one of the state bits (exchange_registers' old control,
 * TERN_EXREG_ABORT_SEND or _RECEIVE): then the partner's IPC runs as the current thread
 * and the message moves while the *other* space is the one loaded. 1 when it did. */
static int run_until_blocked(word_t t, word_t bit)
{
    word_t o[6];
    for (int i = 0; i < 1000; i++) {
        if (exreg_read(t, o) == t && (o[0] & bit))
            return 1;
        tern_sys_thread_switch(t);
    }
    return 0;
}

/* ---- string items: the kernel reads and writes only the named space ------------------- */

/* What a child saw of its own IPC, reported by a second, plain message. */
static struct report { word_t root, child; volatile word_t addr, len, failed, err, id_ok; } rp;

static void tell_root(void)
{
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(rp.root);
    tern_thread_exit();
}

/* Sends a string whose source is rp.addr: the root's memory, never touched here. */
static void string_sender(word_t unused)
{
    (void)unused;
    const void *src = (const void *)rp.addr;
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_string(mr, 1, &src, 1, rp.len, 0);
    tern_msgtag_t t = tern_send(rp.root);
    rp.failed = tern_ipc_failed(t);
    rp.err = tern_ipc_error_code();
    tell_root();
}

/* The source address holds the receiver's secret, not the sender's: the copy must not
 * find it through the receiver's page tables, which are the ones loaded (the receiver
 * makes the IPC that meets the blocked sender). */
TEST(string_source_only_in_receiver)
{
    word_t len = 2 * TERN_PAGE_SIZE;
    unsigned char *secret = (unsigned char *)pool_alloc(len), *buf = (unsigned char *)pool_alloc(len);
    memset(secret, 0xa5, len);
    memset(buf, 0, len);
    rp = (struct report){ tern_myself(), 0, (word_t)secret, len, 9, 9, 0 };
    word_t c = spawn_space(string_sender, 0);
    CHECK(c != TERN_NIL_THREAD);
    CHECK(run_until_blocked(c, TERN_EXREG_ABORT_SEND));
    tern_accept_string(buf, len);
    tern_msgtag_t t = tern_receive_timeout(c, WAIT_MS(500), NULL);
    word_t err = tern_ipc_error_code();
    tern_br()[0] = 0;
    tern_msgtag_t r = tern_receive_timeout(c, WAIT_MS(500), NULL);
    kill(c);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(err, TERN_IPC_ERR_XFER_FAULT_PARTNER);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(rp.failed, 1);
    CHECK_EQ(rp.err, TERN_IPC_ERR_XFER_FAULT_OWN);
    for (word_t i = 0; i < len; i++)
        CHECK_EQ(buf[i], 0);                       /* not one byte of the secret came */
}

/* Accepts a string into rp.addr: the root's memory, never touched here. */
static void string_receiver(word_t unused)
{
    (void)unused;
    tern_accept_string((void *)rp.addr, rp.len);
    tern_msgtag_t t = tern_receive(rp.root, NULL);
    tern_br()[0] = 0;
    rp.failed = tern_ipc_failed(t);
    rp.err = tern_ipc_error_code();
    tell_root();
}

/* The receive buffer is memory the receiver does not hold but the sender (whose tables
 * are loaded) does: the copy must not land in the sender's memory. */
TEST(string_buffer_only_in_sender)
{
    word_t len = 2 * TERN_PAGE_SIZE;
    unsigned char *mine = (unsigned char *)pool_alloc(len), *src = (unsigned char *)pool_alloc(len);
    memset(mine, 0x3c, len);
    memset(src, 0xc3, len);
    rp = (struct report){ tern_myself(), 0, (word_t)mine, len, 9, 9, 0 };
    word_t c = spawn_space(string_receiver, 0);
    CHECK(c != TERN_NIL_THREAD);
    CHECK(run_until_blocked(c, TERN_EXREG_ABORT_RECEIVE));
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_string(mr, 1, (const void *const *)&src, 1, len, 0);
    tern_msgtag_t t = tern_send_timeout(c, WAIT_MS(500));
    word_t err = tern_ipc_error_code();
    tern_msgtag_t r = tern_receive_timeout(c, WAIT_MS(500), NULL);
    kill(c);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(err, TERN_IPC_ERR_XFER_FAULT_PARTNER);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(rp.failed, 1);
    CHECK_EQ(rp.err, TERN_IPC_ERR_XFER_FAULT_OWN);
    for (word_t i = 0; i < len; i++)
        CHECK_EQ(mine[i], 0x3c);                   /* ours is untouched */
}

/* ---- map items: only what the sender holds, never over what the kernel lent ------------ */

#define WINDOW 0x6c000000UL             /* nothing of the root task's is here */
#define MAP_BITS (TERN_PAGE_BITS + 2)   /* 4 pages */

/* Sends a map item of rp.addr (MAP_BITS, the root's memory, never touched here). */
static void unheld_mapper(word_t unused)
{
    (void)unused;
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
    mr[2] = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE, MAP_BITS, rp.addr >> TERN_FPAGE_SHIFT).raw;
    tern_msgtag_t t = tern_send(rp.root);
    rp.failed = tern_ipc_failed(t);
    tell_root();
}

/* An fpage the sender does not hold maps nothing, even though the receiver (whose tables
 * are loaded) holds pages at those addresses: the window stays empty. */
TEST(map_of_unheld_fpage_maps_nothing)
{
    word_t size = (word_t)1 << MAP_BITS;
    word_t raw = (word_t)pool_alloc(2 * size), secret = (raw + size - 1) & ~(size - 1);
    memset((void *)secret, 0x5a, size);
    rp = (struct report){ tern_myself(), 0, secret, 0, 9, 9, 0 };
    word_t c = spawn_space(unheld_mapper, 0);
    CHECK(c != TERN_NIL_THREAD);
    CHECK(run_until_blocked(c, TERN_EXREG_ABORT_SEND));
    tern_br()[0] = tern_acceptor_make(0, 0, MAP_BITS, WINDOW >> TERN_FPAGE_SHIFT).raw;
    tern_msgtag_t t = tern_receive_timeout(c, WAIT_MS(500), NULL);
    tern_br()[0] = 0;
    tern_msgtag_t r = tern_receive_timeout(c, WAIT_MS(500), NULL);
    kill(c);
    CHECK(!tern_ipc_failed(t));                    /* nothing to map is no error ... */
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(rp.failed, 0);
    for (word_t off = 0; off < size; off += TERN_PAGE_SIZE)
        CHECK_EQ(is_mapped(WINDOW + off), 0);      /* ... and nothing arrived */
}

/* Opens a one-page window at rp.addr of its own space (its UTCB, or its KIP), takes the
 * root's map item, then says whether its UTCB is still its own. */
static void window_on_kernel_page(word_t unused)
{
    (void)unused;
    tern_br()[0] = tern_acceptor_make(0, 0, TERN_PAGE_BITS, rp.addr >> TERN_FPAGE_SHIFT).raw;
    tern_msgtag_t t = tern_receive(rp.root, NULL);
    rp.failed = tern_ipc_failed(t);
    rp.id_ok = tern_utcb()->my_global_id == rp.child && tern_kip()->magic == TERN_KIP_MAGIC;
    tern_br()[0] = 0;
    tell_root();
}

/* A map item into a window over the receiver's UTCB or KIP page must not replace it:
 * the UTCB would become the sender's page (the sender would read every message
 * register the receiver writes), the KIP the sender's forgery. */
static void kernel_page_case(word_t where)
{
    word_t *page = pool_alloc(TERN_PAGE_SIZE);
    for (word_t i = 0; i < TERN_PAGE_SIZE / sizeof(word_t); i++)
        page[i] = 0x600d600d;
    rp = (struct report){ tern_myself(), 0, where, 0, 9, 9, 0 };
    word_t c = spawn_space(window_on_kernel_page, 0);
    CHECK(c != TERN_NIL_THREAD);
    rp.child = c;
    CHECK(run_until_blocked(c, TERN_EXREG_ABORT_RECEIVE));
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
    mr[2] = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE, TERN_PAGE_BITS,
                            (word_t)page >> TERN_FPAGE_SHIFT).raw;
    tern_send_timeout(c, WAIT_MS(500));
    tern_msgtag_t r = tern_receive_timeout(c, WAIT_MS(500), NULL);
    kill(c);
    CHECK_EQ(rp.id_ok, 1);                         /* its UTCB and KIP are the kernel's */
    CHECK(!tern_ipc_failed(r));
    for (word_t i = 0; i < TERN_PAGE_SIZE / sizeof(word_t); i++)
        CHECK_EQ(page[i], 0x600d600d);             /* and it never wrote into ours */
}

TEST(map_cannot_replace_a_utcb) { kernel_page_case(CHILD_UTCB_AREA); }
TEST(map_cannot_replace_the_kip) { kernel_page_case(TERN_ROOT_KIP); }

/* ---- a UTCB location inside another thread's UTCB ------------------------------------- */

TEST(utcb_inside_another_utcb_refused)
{
    word_t s = spawn_space(echo_server, 0), o[6];
    CHECK(s != TERN_NIL_THREAD);
    word_t at[] = { CHILD_UTCB_AREA, CHILD_UTCB_AREA + 2 * sizeof(word_t),
                    CHILD_UTCB_AREA + TERN_PAGE_SIZE - sizeof(word_t) };
    for (unsigned i = 0; i < sizeof at / sizeof at[0]; i++) {
        word_t t = new_tid();
        CHECK_EQ(tern_sys_thread_control(t, s, tern_myself(), pager_tid, at[i]), 0);
        CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_UTCB);
        CHECK_EQ(exreg_read(t, o), TERN_NIL_THREAD);   /* no such thread came to be */
    }
    /* our own UTCB, in our own space */
    word_t t = new_tid();
    CHECK_EQ(tern_sys_thread_control(t, tern_myself(), tern_myself(), pager_tid, tern_utcb()->self), 0);
    CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_UTCB);
    CHECK_EQ(tern_utcb()->my_global_id, tern_myself());
    /* the owner is unharmed */
    tern_mr()[0] = tern_tag(4, 1, 0).raw;
    tern_mr()[1] = 77;
    tern_msgtag_t r = tern_call(s);
    kill(s);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(tern_msgtag_get_label(r), 5);
    CHECK_EQ(tern_mr()[1], 77);
}

/* ---- threads of another space are out of reach without privilege ---------------------- */

enum { OP_READ, OP_HALT, OP_REDIRECT, OP_DELETE, OP_SCHEDULE, OP_SPACE };
static struct hostile { word_t root, target, op; volatile word_t result, err, out[6], done; } hs;

/* Tries one operation on hs.target, a thread of the root's space. */
static void hostile(word_t unused)
{
    (void)unused;
    word_t o[6] = { 1, 1, 1, 1, 1, 1 }, t = hs.target;
    switch (hs.op) {
    case OP_READ:
        hs.result = tern_sys_exchange_registers(t, TERN_EXREG_SET_USER_HANDLE, 0, 0, 0, 0xbad, 0,
                                                &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
        break;
    case OP_HALT:
        hs.result = tern_sys_exchange_registers(t, TERN_EXREG_HALT, 0, 0, 0, 0, 0,
                                                &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
        break;
    case OP_REDIRECT:
        hs.result = tern_sys_exchange_registers(t, TERN_EXREG_SET_IP | TERN_EXREG_SET_SP |
                                                TERN_EXREG_ABORT_RECEIVE | TERN_EXREG_SET_PAGER,
                                                0x1000, 0x1000, 0, 0, t,
                                                &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
        break;
    case OP_DELETE:
        hs.result = tern_sys_thread_control(t, TERN_NIL_THREAD, TERN_NIL_THREAD, TERN_NIL_THREAD, 0);
        break;
    case OP_SCHEDULE:
        hs.result = tern_sys_schedule(t, 5000, ~0UL, 1, ~0UL, &o[0]);
        break;
    case OP_SPACE:
        hs.result = tern_sys_space_control(t, 0, 0, tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE,
                                           20, 0x60000000UL >> TERN_FPAGE_SHIFT).raw, &o[0]);
        break;
    }
    hs.err = tern_utcb()->error_code;
    for (int i = 0; i < 6; i++)
        hs.out[i] = o[i];
    hs.done = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(hs.root);
    tern_thread_exit();
}

/* Runs op from a child space against an echo server of ours (user handle 0xfeed, a
 * 20 ms time slice); checks the refusal and that the server still answers, unchanged. */
static void hostile_case(word_t op)
{
    word_t srv = spawn(echo_server, 0), o[6], old = 0;
    CHECK(srv != TERN_NIL_THREAD);
    CHECK_EQ(tern_sys_exchange_registers(srv, TERN_EXREG_SET_USER_HANDLE, 0, 0, 0, 0xfeed, 0,
                                         &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]), srv);
    CHECK_EQ(tern_sys_schedule(srv, 20000, ~0UL, ~0UL, ~0UL, &old), 1);
    tern_sys_thread_switch(srv);                   /* it waits for a call */
    hs = (struct hostile){ tern_myself(), srv, op, 9, 0, { 0 }, 0 };
    word_t h = spawn_space(hostile, 0);
    CHECK(h != TERN_NIL_THREAD);
    tern_msgtag_t r = tern_receive_timeout(h, WAIT_MS(500), NULL);
    kill(h);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(hs.done, 1);
    CHECK_EQ(hs.result, 0);
    CHECK_EQ(hs.err, TERN_ERR_NO_PRIVILEGE);
    int outs = op == OP_DELETE ? 0 : op == OP_SCHEDULE || op == OP_SPACE ? 1 : 6;
    for (int i = 0; i < outs; i++)
        CHECK_EQ(hs.out[i], 0);                    /* it read back nothing */
    /* the server is as it was: its handle, pager, slice, and it answers */
    CHECK_EQ(tern_sys_exchange_registers(srv, 0, 0, 0, 0, 0, 0, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]), srv);
    CHECK_EQ(o[0] & TERN_EXREG_HALT, 0);
    CHECK_EQ(o[4], 0xfeed);
    CHECK_EQ(o[5], pager_tid);
    CHECK_EQ(tern_sys_schedule(srv, ~0UL, ~0UL, ~0UL, ~0UL, &old), 1);
    CHECK_EQ(old, 20000);
    tern_mr()[0] = tern_tag(10, 1, 0).raw;
    tern_mr()[1] = 1234;
    tern_msgtag_t a = tern_ipc(srv, srv, tern_timeouts_word(WAIT_MS(500), WAIT_MS(500)), NULL);
    kill(srv);
    CHECK(!tern_ipc_failed(a));
    CHECK_EQ(tern_msgtag_get_label(a), 11);
    CHECK_EQ(tern_mr()[1], 1234);
}

TEST(foreign_exchange_registers_reads_nothing) { hostile_case(OP_READ); }
TEST(foreign_halt_refused) { hostile_case(OP_HALT); }
TEST(foreign_redirect_refused) { hostile_case(OP_REDIRECT); }
TEST(foreign_delete_refused) { hostile_case(OP_DELETE); }
TEST(foreign_schedule_refused) { hostile_case(OP_SCHEDULE); }
TEST(foreign_space_control_refused) { hostile_case(OP_SPACE); }

/* ---- resource exhaustion: an error code, then everything back ------------------------- */

#define FARM_AREA 0x50000000UL          /* UTCBs of the spaces these tests fill */
#define FARM_BITS (TERN_PAGE_BITS + 10)  /* room for every thread number (1024 pages) */
#define MAX_TIDS 1024

static word_t made[MAX_TIDS];
static unsigned nmade;

static void kill_made(void)
{
    while (nmade)
        kill(made[--nmade]);
}

/* Create a thread in the space of `space` (a fresh space when space == 0) with its UTCB
 * at utcb; 0 or the kernel's error code. */
static word_t make(word_t space, word_t utcb)
{
    word_t t = new_tid();
    word_t err = tern_thread_create(t, space ? space : t, pager_tid, utcb);
    if (!err && nmade < MAX_TIDS)
        made[nmade++] = t;
    return err;
}

static word_t max_threads(void) { return tern_kip()->thread_info >> 16; }

/* Threads until the thread table is full: the caller gets INVALID_THREAD (the next
 * number is beyond the table); deleted, they make room again. */
TEST(thread_table_exhaustion)
{
    nmade = 0;
    CHECK_EQ(make(0, FARM_AREA), 0);
    word_t farm = made[0], err = 0;
    CHECK_EQ(tern_space_setup(farm, TERN_ROOT_KIP, FARM_AREA, FARM_BITS), 0);
    for (word_t i = 1; i < MAX_TIDS + 2 && !err; i++)
        err = make(farm, FARM_AREA + i * TERN_PAGE_SIZE);
    word_t made_count = nmade;
    kill_made();
    CHECK_EQ(err, TERN_ERR_INVALID_THREAD);
    CHECK(made_count > max_threads() / 2);         /* most of the table was ours */
    CHECK_EQ(make(0, FARM_AREA), 0);               /* room again */
    kill_made();
}

/* Spaces until none is left: OUT_OF_MEMORY, the space table's or the frames'. */
TEST(space_exhaustion)
{
    nmade = 0;
    word_t err = 0;
    while (!err && nmade < MAX_TIDS)
        err = make(0, FARM_AREA);
    word_t made_count = nmade;
    kill_made();
    CHECK_EQ(err, TERN_ERR_OUT_OF_MEMORY);
    CHECK(made_count >= 100);
    CHECK_EQ(make(0, FARM_AREA), 0);
    kill_made();
}

/* Kernel memory: page tables. Sinks take map items of one page of ours into a window of
 * 1 GiB, each item at its own STRIDE (a page table's reach or more on every arch: 4 MiB,
 * or a page of 8-byte PTEs' reach where that is more) from SINK_FIRST on: every item
 * costs the kernel a page table. */
#define SINK_WINDOW 0x80000000UL
#define SINK_FIRST 0x08000000UL          /* past the pool (the sinks' stacks are there) */
#define SINK_LAST 0x3f800000UL           /* short of the window's end (ia32's UTCB pointer) */
#define PTE_PAGE_REACH (TERN_PAGE_SIZE / 8 * TERN_PAGE_SIZE)
#define STRIDE (PTE_PAGE_REACH > 0x400000UL ? PTE_PAGE_REACH : 0x400000UL)
#define ITEMS ((TERN_UTCB_MR_COUNT - 1) / 2)

static void sink(word_t unused)
{
    (void)unused;
    tern_br()[0] = tern_acceptor_make(0, 0, 30, SINK_WINDOW >> TERN_FPAGE_SHIFT).raw;
    for (;;)
        tern_receive(rp.root, NULL);
}

/* A sink in a space of its own: 0, or the kernel's error code for the step that failed. */
static word_t make_sink(void)
{
    word_t err = make(0, CHILD_UTCB_AREA);
    if (err)
        return err;
    word_t t = made[nmade - 1];
    if ((err = tern_space_setup(t, TERN_ROOT_KIP, CHILD_UTCB_AREA, CHILD_UTCB_AREA_BITS)) ||
        (err = tern_thread_run(t, sink, 0, new_stack())))
        return err;
    tern_sys_thread_switch(t);                     /* it faults itself in and waits */
    return 0;
}

/* Until the kernel has no frame left: the sender gets NO_MEMORY (or the root's
 * thread_control or space_control OUT_OF_MEMORY, where a new sink was due); with no frame, a thread gets
 * OUT_OF_MEMORY; with one (a UTCB freed) a thread that needs two (its UTCB and a page
 * table) gets it too, not INVALID_UTCB. Everything comes back when they are deleted. */
TEST(kernel_memory_exhaustion)
{
    static word_t page[TERN_PAGE_SIZE / sizeof(word_t)] __attribute__((aligned(TERN_PAGE_SIZE)));
    page[0] = 1;
    nmade = 0;
    rp.root = tern_myself();
    word_t spare = new_tid();                      /* its UTCB is the frame we free later */
    CHECK_EQ(tern_thread_create(spare, tern_myself(), tern_myself(), new_utcb()), 0);
    CHECK_EQ(make(0, FARM_AREA), 0);
    word_t farm = made[nmade - 1], spawn_err = 0, ipc_err = 0, sinks = 0, items = 0;
    word_t *mr = tern_mr();
    while (!spawn_err && !ipc_err && nmade < MAX_TIDS - 1) {
        if ((spawn_err = make_sink()))
            break;
        word_t s = made[nmade - 1];
        sinks++;
        for (word_t off = SINK_FIRST; off < SINK_LAST && !ipc_err;) {
            word_t n = 0;
            for (; n < ITEMS && off < SINK_LAST; n++, off += STRIDE) {
                mr[1 + 2 * n] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, off >> TERN_FPAGE_SHIFT).raw;
                mr[2 + 2 * n] = tern_fpage_make(TERN_FPAGE_READ, TERN_PAGE_BITS,
                                                (word_t)page >> TERN_FPAGE_SHIFT).raw;
            }
            mr[0] = tern_tag(0, 0, 2 * n).raw;
            if (tern_ipc_failed(tern_send_timeout(s, WAIT_MS(500))))
                ipc_err = tern_ipc_error_code();
            items += n;
        }
    }
    word_t none = 0;                                  /* the last frames, then none */
    for (int k = 0; k < 8 && !none; k++)
        none = make(tern_myself(), new_utcb());
    kill(spare);                                      /* one frame free */
    word_t two = make(farm, FARM_AREA + 64 * STRIDE);
    kill_made();
    tern_printf("kernel memory: full after %lu sinks, %lu map items\n", sinks, items);
    CHECK(ipc_err == TERN_IPC_ERR_NO_MEMORY || spawn_err == TERN_ERR_OUT_OF_MEMORY);
    CHECK_EQ(none, TERN_ERR_OUT_OF_MEMORY);
    CHECK_EQ(two, TERN_ERR_OUT_OF_MEMORY);
    CHECK_EQ(make(0, FARM_AREA), 0);               /* all of it came back */
    kill_made();
    word_t e = spawn_space(echo_server, 0);
    CHECK(e != TERN_NIL_THREAD);
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    tern_msgtag_t r = tern_call(e);
    kill(e);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(tern_msgtag_get_label(r), 2);
}

const struct test isolation_tests[] = {
    { "isolation/string-source-only-in-receiver", string_source_only_in_receiver },
    { "isolation/string-buffer-only-in-sender", string_buffer_only_in_sender },
    { "isolation/map-of-unheld-fpage-maps-nothing", map_of_unheld_fpage_maps_nothing },
    { "isolation/map-cannot-replace-a-utcb", map_cannot_replace_a_utcb },
    { "isolation/map-cannot-replace-the-kip", map_cannot_replace_the_kip },
    { "isolation/utcb-inside-another-utcb-refused", utcb_inside_another_utcb_refused },
    { "isolation/foreign-exchange-registers-reads-nothing", foreign_exchange_registers_reads_nothing },
    { "isolation/foreign-halt-refused", foreign_halt_refused },
    { "isolation/foreign-redirect-refused", foreign_redirect_refused },
    { "isolation/foreign-delete-refused", foreign_delete_refused },
    { "isolation/foreign-schedule-refused", foreign_schedule_refused },
    { "isolation/foreign-space-control-refused", foreign_space_control_refused },
    { "isolation/thread-table-exhaustion", thread_table_exhaustion },
    { "isolation/space-exhaustion", space_exhaustion },
    { "isolation/kernel-memory-exhaustion", kernel_memory_exhaustion },
    { 0, 0 },
};
