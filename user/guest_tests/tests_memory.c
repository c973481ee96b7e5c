/* Address-space isolation under pressure: spaces that map different frames at the same
 * address, more pages than the TLB holds touched in two spaces at once, and more spaces
 * than a software-refilled TLB has address-space ids, all doing IPC. Each space checks
 * every byte it sees is its own. */
#include "harness.h"

#define SHARED_VA 0x60000000UL          /* where each child gets its private pages */

/* Give child `to` the 2^bits bytes at pool address `src` at SHARED_VA by a map item (it
 * waits in map_in); 0 when the IPC worked. */
static word_t map_to(word_t to, void *src, word_t bits)
{
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
    mr[2] = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE, bits,
                            (word_t)src >> TERN_FPAGE_SHIFT).raw;
    return tern_ipc_failed(tern_send(to));
}

/* The same, with only the rights given. */
static word_t map_to_rights(word_t to, void *src, word_t bits, word_t rights)
{
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
    mr[2] = tern_fpage_make(rights, bits, (word_t)src >> TERN_FPAGE_SHIFT).raw;
    return tern_ipc_failed(tern_send(to));
}

/* In the child: accept a mapping at SHARED_VA from `from`. */
static int map_in(word_t from, word_t bits)
{
    tern_br()[0] = tern_acceptor_make(0, 0, bits, SHARED_VA >> TERN_FPAGE_SHIFT).raw;
    return !tern_ipc_failed(tern_receive(from, NULL));
}

/* The TLB agrees with the page tables (where the CPU lets the kernel read it). */
static int tlb_consistent(void)
{
    return tern_tlb_check() <= 0;
}

/* Pool memory aligned to its size (an fpage's base is). */
static void *aligned_pool(word_t bits)
{
    word_t size = (word_t)1 << bits;
    return (void *)(((word_t)pool_alloc(2 * size) + size - 1) & ~(size - 1));
}

/* ---- more pages than the TLB holds, in two spaces at once ------------------------------ */

#define PRESSURE_BITS 20                 /* 1 MiB: 256 pages, the TLB holds 128 (64 pairs) */
#define PRESSURE_WORDS ((1UL << PRESSURE_BITS) / sizeof(word_t))

static word_t pattern(word_t who, word_t round, word_t i)
{
    return (i * 2654435761UL) ^ ((who + 1) << 20) ^ (round << 12);
}

static struct pressure { word_t root; volatile word_t errors[2]; } pr;

/* Fill the region for round r, let the other space run, check every word, report. */
static void pressure_child(word_t who)
{
    word_t *region = (word_t *)SHARED_VA;
    if (!map_in(pr.root, PRESSURE_BITS))
        pr.errors[who] = ~0UL;
    for (word_t round = 0;; round++) {
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_call(pr.root);                     /* "fill": the root lets us go */
        for (word_t i = 0; i < PRESSURE_WORDS; i++)
            region[i] = pattern(who, round, i);
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_call(pr.root);                     /* "check": after the other one filled */
        for (word_t i = 0; i < PRESSURE_WORDS; i++)
            if (region[i] != pattern(who, round, i))
                pr.errors[who]++;
        if (!tlb_consistent())
            pr.errors[who]++;
    }
}

TEST(tlb_pressure_two_spaces)
{
    pr = (struct pressure){ tern_myself(), { 0, 0 } };
    void *mem[2] = { aligned_pool(PRESSURE_BITS), aligned_pool(PRESSURE_BITS) };
    word_t child[2];
    for (word_t who = 0; who < 2; who++) {
        child[who] = spawn_space(pressure_child, who);
        CHECK(child[who] != TERN_NIL_THREAD);
        CHECK_EQ(map_to(child[who], mem[who], PRESSURE_BITS), 0);
    }
    /* 4 rounds of fill and check each, the two strictly in turn: while one fills or
     * checks its 256 pages the other's TLB entries are evicted */
    for (int step = 0; step < 4 * 2; step++)
        for (word_t who = 0; who < 2; who++) {
            CHECK(!tern_ipc_failed(tern_receive(child[who], NULL)));
            tern_mr()[0] = tern_tag(0, 0, 0).raw;
            tern_send(child[who]);
        }
    CHECK(!tern_ipc_failed(tern_receive(child[0], NULL)));
    CHECK(!tern_ipc_failed(tern_receive(child[1], NULL)));
    CHECK_EQ(pr.errors[0], 0);
    CHECK_EQ(pr.errors[1], 0);
    CHECK(tlb_consistent());
    /* the frames hold what each child wrote last (round 3), seen from here */
    for (word_t who = 0; who < 2; who++)
        for (word_t i = 0; i < PRESSURE_WORDS; i++)
            CHECK_EQ(((word_t *)mem[who])[i], pattern(who, 3, i));
    kill(child[0]);
    kill(child[1]);
}

/* ---- more spaces than address-space ids, in a ring ------------------------------------- */

#define RING 300                         /* MIPS has 255 ASIDs */
#define LAPS 3

static struct ring { word_t root, tid[RING]; volatile word_t errors, tlb_errors, done; } ring;

static word_t ring_mark(word_t i) { return 0x5a000000UL + i; }

static void ring_member(word_t i)
{
    volatile word_t *mine = (volatile word_t *)SHARED_VA;
    if (!map_in(ring.root, TERN_PAGE_BITS))
        ring.errors++;
    *mine = ring_mark(i);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(ring.root);                       /* ready */
    word_t before = i ? ring.tid[i - 1] : ring.root;
    for (;;) {
        tern_msgtag_t t = tern_receive(before, NULL);
        word_t token = tern_mr()[1];
        word_t after = i + 1 < RING ? ring.tid[i + 1] : ring.root;   /* all made by now */
        if (ring.done)
            tern_thread_exit();                 /* its predecessor was deleted: the end */
        if (tern_ipc_failed(t) || *mine != ring_mark(i))
            ring.errors++;
        if (!tlb_consistent())              /* right after a new generation began, too */
            ring.tlb_errors++;
        *mine = ring_mark(i);
        tern_mr()[0] = tern_tag(0, 1, 0).raw;
        tern_mr()[1] = token + 1;
        tern_send(after);
    }
}

TEST(asid_rollover_ring)
{
    ring.root = tern_myself();
    ring.errors = ring.tlb_errors = ring.done = 0;
    word_t *pages = pool_alloc(RING * TERN_PAGE_SIZE);
    int made = 0;
    for (int i = 0; i < RING; i++) {
        ring.tid[i] = spawn_space(ring_member, (word_t)i);
        if (ring.tid[i] == TERN_NIL_THREAD)
            break;
        made++;
        if (map_to(ring.tid[i], (char *)pages + i * TERN_PAGE_SIZE, TERN_PAGE_BITS) ||
            tern_ipc_failed(tern_receive(ring.tid[i], NULL)))
            break;
    }
    if (made == RING) {
        for (int lap = 0; lap < LAPS; lap++) {
            tern_mr()[0] = tern_tag(0, 1, 0).raw;
            tern_mr()[1] = 0;
            tern_send(ring.tid[0]);
            tern_msgtag_t t = tern_receive(ring.tid[RING - 1], NULL);
            if (tern_ipc_failed(t) || tern_mr()[1] != RING)
                ring.errors++;
        }
        for (int i = 0; i < RING; i++)             /* each frame holds its own mark */
            if (*(word_t *)((char *)pages + i * TERN_PAGE_SIZE) != ring_mark((word_t)i))
                ring.errors++;
    }
    word_t errors = ring.errors, tlb_errors = ring.tlb_errors;
    ring.done = 1;
    for (int i = 0; i < made; i++)
        kill(ring.tid[i]);
    CHECK_EQ(made, RING);
    CHECK_EQ(errors, 0);
    CHECK_EQ(tlb_errors, 0);
    CHECK(tlb_consistent());                    /* the members' UTCB pages are gone too */
}

/* ---- a mapping replaced from another space ---------------------------------------------- */

static struct remap { word_t root; volatile word_t seen[2]; } rm;

/* Read the word at SHARED_VA under each of two mappings: the TLB entry the first read
 * loads must go when the root replaces the mapping while this space is not running. */
static void remap_child(word_t unused)
{
    (void)unused;
    for (int k = 0; k < 2; k++) {
        if (!map_in(rm.root, TERN_PAGE_BITS))
            break;
        rm.seen[k] = *(volatile word_t *)SHARED_VA;
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_send(rm.root);
    }
    tern_thread_exit();
}

TEST(remap_flushes_other_space)
{
    rm = (struct remap){ tern_myself(), { 0, 0 } };
    word_t *page[2] = { pool_alloc(TERN_PAGE_SIZE), pool_alloc(TERN_PAGE_SIZE) };
    page[0][0] = 0x1111;
    page[1][0] = 0x2222;
    word_t c = spawn_space(remap_child, 0);
    CHECK(c != TERN_NIL_THREAD);
    for (int k = 0; k < 2; k++) {
        CHECK_EQ(map_to(c, page[k], TERN_PAGE_BITS), 0);
        CHECK(!tern_ipc_failed(tern_receive(c, NULL)));
        CHECK(tlb_consistent());                /* checked from this space, another ASID */
    }
    CHECK_EQ(rm.seen[0], 0x1111);
    CHECK_EQ(rm.seen[1], 0x2222);
    kill(c);
}

/* ---- a write to a read-only page ------------------------------------------------------- */

static struct readonly { word_t root; volatile word_t read, done; } ro;

static void readonly_child(word_t unused)
{
    (void)unused;
    volatile word_t *p = (volatile word_t *)SHARED_VA;
    if (map_in(ro.root, TERN_PAGE_BITS)) {
        ro.read = p[1];                         /* reading is allowed: no fault */
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_call(ro.root);                     /* "read": the root becomes our pager */
        p[1] = 0xbeef;                          /* a page fault for writing */
        ro.done = 1;
    }
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(ro.root);
    tern_thread_exit();
}

/* Answer c's page faults until it sends something else: the first write fault at
 * SHARED_VA gets `page` writable there; any other fault, the root's own page at the
 * same address (its code, stack and data, as the root task's pager would). Returns the
 * count of SHARED_VA faults and their labels in `label`. */
static int serve_faults(word_t c, word_t *page, word_t *label)
{
    word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT, from = 0, *mr = tern_mr();
    word_t fault_label = ((word_t)TERN_PAGEFAULT_LABEL << 4) & mask;
    word_t timeouts = tern_timeouts_word(tern_time_never(), tern_time_period_us(500000));
    int shared = 0;
    tern_msgtag_t m = tern_receive_timeout(c, tern_time_period_us(500000), &from);
    for (int i = 0; i < 16 && !tern_ipc_failed(m); i++) {
        if ((tern_msgtag_get_label(m) & ~0xfUL) != fault_label)
            return shared;
        word_t addr = mr[1] & ~(TERN_PAGE_SIZE - 1), src = addr;
        if (addr == SHARED_VA) {
            *label = tern_msgtag_get_label(m);
            if (shared++)
                return shared;                  /* a second fault: the grant did not take */
            src = (word_t)page;
        }
        mr[0] = tern_tag(0, 0, 2).raw;
        mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, addr >> TERN_FPAGE_SHIFT).raw;
        mr[2] = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE,
                                TERN_PAGE_BITS, src >> TERN_FPAGE_SHIFT).raw;
        m = tern_ipc(c, c, timeouts, &from);
    }
    return -1;
}

/* The store faults (a TLB modified exception on a software-refilled TLB) and reaches
 * the pager as a write fault at the address; the pager's reply grants write and the
 * store completes, so the read-only translation left no stale TLB entry behind. */
TEST(write_to_read_only_page_faults)
{
    ro = (struct readonly){ tern_myself(), 0, 0 };
    word_t *page = pool_alloc(TERN_PAGE_SIZE);
    page[1] = 0x1234;
    word_t c = spawn_space(readonly_child, 0), old[6], label = 0;
    CHECK(c != TERN_NIL_THREAD);
    CHECK_EQ(map_to_rights(c, page, TERN_PAGE_BITS, TERN_FPAGE_READ), 0);
    CHECK(!tern_ipc_failed(tern_receive(c, NULL)));         /* it has read */
    CHECK_EQ(ro.read, 0x1234);
    CHECK_EQ(tern_sys_exchange_registers(c, TERN_EXREG_SET_PAGER, 0, 0, 0, 0, tern_myself(),
                                         &old[0], &old[1], &old[2], &old[3], &old[4], &old[5]), c);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    CHECK(!tern_ipc_failed(tern_send(c)));
    int shared = serve_faults(c, page, &label);
    word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT;
    CHECK_EQ(shared, 1);
    CHECK_EQ(label, (((word_t)TERN_PAGEFAULT_LABEL << 4) & mask) | TERN_FPAGE_WRITE);
    CHECK_EQ(ro.done, 1);
    CHECK_EQ(page[1], 0xbeef);
    CHECK(tlb_consistent());
    kill(c);
}

const struct test memory_tests[] = {
    { "memory/tlb-pressure-two-spaces", tlb_pressure_two_spaces },
    { "memory/asid-rollover-ring-of-300", asid_rollover_ring },
    { "memory/remap-flushes-other-space", remap_flushes_other_space },
    { "memory/write-to-read-only-page-faults", write_to_read_only_page_faults },
    { 0, 0 },
};
