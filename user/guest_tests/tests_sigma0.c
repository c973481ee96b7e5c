/* The root task as sigma0 (libtern.h, "Memory from sigma0"): a pager in a space of its own
 * gets memory from sigma0 by the request protocol and serves its client's page faults
 * from it (sigma0 -> pager -> client: recursive address spaces); and every refusal. */
#include "harness.h"

#define HEAP 0x70000000UL               /* where the pager takes sigma0's block */
#define CLIENT_VA 0x71000000UL          /* where its client finds it */
#define HEAP_BITS (TERN_PAGE_BITS + 3)  /* 8 pages */
#define HEAP_PAGES 8
#define PATTERN 0x5190000UL
#define CLIENT_MARK 0xc11e47UL

static struct heap_box {
    word_t root, sigma0;
    volatile word_t block, why, served, ready;
    volatile word_t sum, done;
} box;

/* A pager: 8 pages from sigma0, each holding PATTERN + its number; then its client's
 * faults: in CLIENT_VA's 8 pages from the block, elsewhere (the code and stack the client
 * shares with the root task's image) the pager's own page at that address. */
static void heap_pager(word_t unused)
{
    (void)unused;
    word_t why = 0, from, *mr = tern_mr();
    box.block = tern_sigma0_request(box.sigma0, HEAP_BITS, TERN_SIGMA0_ANY,
                                    TERN_FPAGE_READ | TERN_FPAGE_WRITE, HEAP, &why);
    box.why = why;
    if (box.block != TERN_SIGMA0_ANY)
        for (word_t i = 0; i < HEAP_PAGES; i++)
            ((volatile word_t *)(HEAP + i * TERN_PAGE_SIZE))[0] = PATTERN + i;
    box.ready = 1;
    tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
    for (;;) {
        word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT;
        if (tern_ipc_failed(t) || (tern_msgtag_get_label(t) & ~0xfUL) != (((word_t)TERN_PAGEFAULT_LABEL << 4) & mask)) {
            t = tern_receive(TERN_ANY_THREAD, &from);
            continue;
        }
        word_t page = mr[1] & ~(TERN_PAGE_SIZE - 1), mine = page;
        if (page >= CLIENT_VA && page < CLIENT_VA + HEAP_PAGES * TERN_PAGE_SIZE)
            mine = HEAP + (page - CLIENT_VA);
        else
            (void)*(volatile word_t *)page;            /* fault it in from our own pager */
        box.served++;
        mr[0] = tern_tag(0, 0, 2).raw;
        tern_put_map(mr, 1, tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE,
                                            TERN_PAGE_BITS, mine >> TERN_FPAGE_SHIFT), page, 0);
        t = tern_reply_wait(from, &from);
    }
}

static void heap_client(word_t unused)
{
    (void)unused;
    word_t sum = 0;
    for (word_t i = 0; i < HEAP_PAGES; i++)
        sum += ((volatile word_t *)(CLIENT_VA + i * TERN_PAGE_SIZE))[0];
    ((volatile word_t *)CLIENT_VA)[1] = CLIENT_MARK;
    box.sum = sum;
    box.done = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(box.root);
    tern_thread_exit();
}

TEST(a_pager_serves_its_client_from_sigma0s_memory)
{
    box = (struct heap_box){ .root = tern_myself(), .sigma0 = pager_tid };
    word_t p = spawn_space(heap_pager, 0);
    CHECK(p != TERN_NIL_THREAD);
    for (int i = 0; i < 100 && !box.ready; i++)
        tern_sleep_us(1000);
    CHECK_EQ(box.ready, 1);
    CHECK(box.block != TERN_SIGMA0_ANY);
    CHECK_EQ(box.block & ((1UL << HEAP_BITS) - 1), 0);
    /* The client's pager is the heap pager: everything it touches comes through it. */
    word_t c = new_tid();
    CHECK_EQ(tern_thread_create(c, c, p, CHILD_UTCB_AREA), 0);
    CHECK_EQ(tern_space_setup(c, TERN_ROOT_KIP, CHILD_UTCB_AREA, CHILD_UTCB_AREA_BITS), 0);
    CHECK_EQ(tern_thread_run(c, heap_client, 0, new_stack()), 0);
    CHECK(!tern_ipc_failed(tern_receive_timeout(c, tern_time_period_us(1000000), NULL)));
    CHECK_EQ(box.done, 1);
    CHECK_EQ(box.sum, HEAP_PAGES * PATTERN + HEAP_PAGES * (HEAP_PAGES - 1) / 2);
    CHECK(box.served >= HEAP_PAGES);
    /* The client wrote into the page sigma0 gave: sigma0 (the root task) sees it there. */
    CHECK_EQ(((volatile word_t *)box.block)[1], CLIENT_MARK);
    CHECK_EQ(((volatile word_t *)box.block)[0], PATTERN);
    kill(c);
    kill(p);
}

/* ---- refusals ------------------------------------------------------------------------------ */

static struct asks {
    word_t sigma0, root;
    volatile word_t any, any_why, same_why, next, next_why, huge_why, small_why, attr_why,
        form_why, done;
} asks;

static word_t ask(word_t bits, word_t block, volatile word_t *why, word_t at)
{
    word_t w = 0, r = tern_sigma0_request(asks.sigma0, bits, block, TERN_FPAGE_READ, at, &w);
    *why = w;
    return r;
}

static void asker(word_t unused)
{
    (void)unused;
    word_t *mr = tern_mr();
    volatile word_t ignored;
    asks.any = ask(TERN_PAGE_BITS, TERN_SIGMA0_ANY, &asks.any_why, HEAP);
    ask(TERN_PAGE_BITS, asks.any, &asks.same_why, HEAP + TERN_PAGE_SIZE);       /* given already */
    /* a block sigma0 does not have (its address in the kernel's part) */
    ask(TERN_PAGE_BITS, TERN_PAGE_SIZE, &ignored, HEAP + 2 * TERN_PAGE_SIZE);
    asks.next_why = ignored;
    ask(TERN_WORD_BITS - 1, TERN_SIGMA0_ANY, &asks.huge_why, 0);                 /* more than it has */
    ask(TERN_PAGE_BITS - 1, TERN_SIGMA0_ANY, &asks.small_why, HEAP);            /* less than a page */
    /* attributes other than 0 */
    tern_accept_mappings(HEAP, TERN_PAGE_BITS, 0);
    mr[0] = tern_tag((word_t)TERN_SIGMA0_LABEL << 4, 2, 0).raw;
    mr[1] = tern_fpage_make(TERN_FPAGE_READ, TERN_PAGE_BITS, TERN_FPAGE_PAGE_MASK >> TERN_FPAGE_PAGE_SHIFT).raw;
    mr[2] = 1;
    tern_call(asks.sigma0);
    asks.attr_why = tern_msgtag_get_untyped((tern_msgtag_t){ mr[0] }) == 1 ? mr[1] : 0;
    /* one word too few */
    mr[0] = tern_tag((word_t)TERN_SIGMA0_LABEL << 4, 1, 0).raw;
    mr[1] = tern_fpage_make(TERN_FPAGE_READ, TERN_PAGE_BITS, TERN_FPAGE_PAGE_MASK >> TERN_FPAGE_PAGE_SHIFT).raw;
    tern_call(asks.sigma0);
    asks.form_why = tern_msgtag_get_untyped((tern_msgtag_t){ mr[0] }) == 1 ? mr[1] : 0;
    tern_br()[0] = 0;
    asks.done = 1;
    mr[0] = tern_tag(0, 0, 0).raw;
    tern_send(asks.root);
    tern_thread_exit();
}

TEST(sigma0_refuses_with_a_reason)
{
    memset((void *)&asks, 0, sizeof asks);
    asks.sigma0 = pager_tid;
    asks.root = tern_myself();
    word_t a = spawn_space(asker, 0);
    CHECK(a != TERN_NIL_THREAD);
    CHECK(!tern_ipc_failed(tern_receive_timeout(a, tern_time_period_us(1000000), NULL)));
    CHECK_EQ(asks.done, 1);
    CHECK(asks.any != TERN_SIGMA0_ANY);
    CHECK_EQ(asks.same_why, TERN_SIGMA0_NOT_FREE);
    CHECK_EQ(asks.next_why, TERN_SIGMA0_NOT_FREE);
    CHECK_EQ(asks.huge_why, TERN_SIGMA0_NO_MEMORY);
    CHECK_EQ(asks.small_why, TERN_SIGMA0_BAD_REQUEST);
    CHECK_EQ(asks.attr_why, TERN_SIGMA0_BAD_REQUEST);
    CHECK_EQ(asks.form_why, TERN_SIGMA0_BAD_REQUEST);
    /* The root task still holds what it gave (sigma0 maps, it does not grant). */
    CHECK_EQ(is_mapped(asks.any), 1);
    kill(a);
}

const struct test sigma0_tests[] = {
    { "sigma0/a-pager-serves-its-client-from-sigma0s-memory", a_pager_serves_its_client_from_sigma0s_memory },
    { "sigma0/refuses-with-a-reason", sigma0_refuses_with_a_reason },
    { 0, 0 },
};
