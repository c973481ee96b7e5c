/* The mapping database through its users' eyes: map, grant and unmap in chains of
 * spaces, partial revocation, the flush variant, the access status, privileges, a node
 * pool that runs out, and revocation while someone reads or a string is on its way.
 *
 * Each member is a space of its own running member(): it accepts mappings at MAP_VA and
 * obeys the root's commands (read, write, pass the page on, unmap). A page it no longer
 * holds faults to the root task's pager, which maps a fallback page there (FALLBACK
 * values): a read after revocation shows the fault was taken, never stale data. */
#include "harness.h"

/* Where members hold what they are given: 0x68000000 with 4 KiB pages; with larger ones
 * as much further up, so that the node-pool test's window of 65536 pages around it
 * stays clear of the root task's image. */
#define MAP_VA (0x68000000UL << (TERN_PAGE_BITS - 12))
#define WINDOW_BITS 22                   /* they accept mappings into 4 MiB there */
#define REGION_PAGES 4
#define MAGIC 0x3a5e0000UL
#define FALLBACK 0xfa11000UL

enum { MAPPED, CMD_READ, CMD_WRITE, CMD_PASS, CMD_UNMAP, CMD_STRING, CMD_RECV_STRING };

static volatile word_t window_bits = WINDOW_BITS;   /* shared: children run the root's image */

struct reply { word_t r1, r2, r3, ok; };

static word_t root_tid;

static tern_fpage_t fpage_at(word_t va, word_t bits, word_t rights)
{
    return tern_fpage_make(rights, bits, va >> TERN_FPAGE_SHIFT);
}

/* Send one map (or grant) item; 0, or the IPC error code. */
static word_t send_map(word_t to, word_t va, word_t bits, word_t rights, int grant, word_t send_base)
{
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_map(mr, 1, fpage_at(va, bits, rights), send_base, grant);
    tern_msgtag_t t = tern_send_timeout(to, tern_time_period_us(1000000));
    return tern_ipc_failed(t) ? tern_ipc_error_code() : 0;
}

static void member(word_t unused)
{
    (void)unused;
    word_t *mr = tern_mr(), from;
    for (;;) {
        tern_accept_mappings(MAP_VA, window_bits, 0);
        tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
        word_t label = tern_msgtag_get_label(t);
        if (tern_ipc_failed(t) || label == MAPPED)
            continue;                                  /* a mapping came (or did not) */
        word_t a = mr[1], b = mr[2], c = mr[3], r1 = 0, r2 = 0, r3 = 0;
        volatile word_t *p = (volatile word_t *)(MAP_VA + a * TERN_PAGE_SIZE);
        if (label == CMD_READ) {
            r1 = *p;
        } else if (label == CMD_WRITE) {
            *p = b;
            r1 = *p;
        } else if (label == CMD_PASS) {                /* a: to whom, b: grant, c: rights */
            r1 = send_map(a, MAP_VA, TERN_PAGE_BITS, c, (int)b, 0);
        } else if (label == CMD_UNMAP) {               /* a: space, b: flush, c: rights */
            tern_fpage_t f = fpage_at(MAP_VA, TERN_PAGE_BITS, c);
            r1 = tern_unmap_in(a, &f, 1, (int)b);
            r2 = tern_ipc_error();
            r3 = tern_fpage_get_rights(f);
        } else if (label == CMD_STRING) {              /* send b bytes at MAP_VA + a to c */
            const void *src = (const void *)(MAP_VA + a);
            mr[0] = tern_tag(0, 0, 2).raw;
            tern_put_string(mr, 1, &src, 1, b, 0);
            r1 = tern_ipc_failed(tern_send_timeout(c, tern_time_period_us(1000000))) ? tern_ipc_error() : 0;
        } else if (label == CMD_RECV_STRING) {         /* b bytes from a into MAP_VA */
            word_t sender;
            tern_accept_string((void *)MAP_VA, b);
            tern_msgtag_t s = tern_receive_timeout(a, tern_time_period_us(2000000), &sender);
            r1 = tern_ipc_failed(s) ? tern_ipc_error() : 0;
        }
        mr[0] = tern_tag(0, 3, 0).raw;
        mr[1] = r1;
        mr[2] = r2;
        mr[3] = r3;
        tern_send_timeout(from, tern_time_period_us(1000000));
    }
}

/* A command to a member and its reply (ok = 0 when the IPC failed). */
static struct reply cmd(word_t to, word_t label, word_t a, word_t b, word_t c)
{
    word_t *mr = tern_mr(), from;
    mr[0] = tern_tag(label, 3, 0).raw;
    mr[1] = a;
    mr[2] = b;
    mr[3] = c;
    word_t timeouts = tern_timeouts_word(tern_time_period_us(1000000), tern_time_period_us(2000000));
    tern_msgtag_t t = tern_ipc(to, to, timeouts, &from);
    return (struct reply){ mr[1], mr[2], mr[3], !tern_ipc_failed(t) };
}

static word_t read_in(word_t who, word_t page) { return cmd(who, CMD_READ, page, 0, 0).r1; }

/* Members, and the fallback pages the pager maps at MAP_VA once they lost what they had. */
static word_t *fallback;

static void setup(void)
{
    root_tid = tern_myself();
    if (!fallback)
        fallback = pool_alloc(REGION_PAGES * TERN_PAGE_SIZE);
    for (word_t i = 0; i < REGION_PAGES; i++)
        fallback[i * TERN_PAGE_SIZE / sizeof(word_t)] = FALLBACK + i;
    pager_add_region(MAP_VA, REGION_PAGES * TERN_PAGE_SIZE, (word_t)fallback);
}

static void teardown(word_t *members, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        kill(members[i]);
    pager_remove_region(MAP_VA);
}

/* A fresh pool page holding MAGIC + tag in its first word. */
static word_t *page_with(word_t tag)
{
    word_t *p = pool_alloc(TERN_PAGE_SIZE);
    p[0] = MAGIC + tag;
    return p;
}

/* ---- chains --------------------------------------------------------------------------- */

/* root -> m[0] -> ... -> m[depth-1], each mapping the page on; the root unmaps and every
 * one of them faults afterwards (and gets the fallback), while the root keeps its page. */
static void chain(unsigned depth)
{
    word_t m[8], *page = page_with(depth);
    setup();
    for (unsigned i = 0; i < depth; i++) {
        m[i] = spawn_space(member, 0);
        CHECK(m[i] != TERN_NIL_THREAD);
    }
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 0, MAP_VA), 0);
    for (unsigned i = 0; i + 1 < depth; i++) {
        struct reply r = cmd(m[i], CMD_PASS, m[i + 1], 0, TERN_FPAGE_READ | TERN_FPAGE_WRITE);
        CHECK(r.ok);
        CHECK_EQ(r.r1, 0);
    }
    for (unsigned i = 0; i < depth; i++)
        CHECK_EQ(read_in(m[i], 0), MAGIC + depth);
    CHECK_EQ(cmd(m[depth - 1], CMD_WRITE, 0, MAGIC + 100, 0).r1, MAGIC + 100);   /* the last one writes */
    CHECK_EQ(page[0], MAGIC + 100);
    page[0] = MAGIC + depth;
    word_t faults = pager_faults;
    tern_fpage_t f = fpage_at((word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    /* all of them used the page: referenced and written, as the MMU or the rights tell */
    CHECK_EQ(tern_fpage_get_rights(f) & (TERN_FPAGE_READ | TERN_FPAGE_WRITE), TERN_FPAGE_READ | TERN_FPAGE_WRITE);
    CHECK_EQ(tern_fpage_get_page(f), (word_t)page >> TERN_FPAGE_SHIFT);
    page[0] = MAGIC + 200;                      /* a stale mapping would show this */
    for (unsigned i = 0; i < depth; i++)
        CHECK_EQ(read_in(m[i], 0), FALLBACK);
    CHECK_EQ(pager_faults - faults, depth);
    CHECK_EQ(page[0], MAGIC + 200);             /* no flush: the root keeps its page */
    CHECK(tern_tlb_check() <= 0);
    teardown(m, depth);
}

TEST(unmap_revokes_chains_of_every_depth)
{
    for (unsigned depth = 1; depth <= 8 && !test_failed; depth++)
        chain(depth);
}

/* Unmapping in the middle of a chain takes the page from those below only. */
TEST(unmap_in_the_middle_keeps_those_above)
{
    word_t m[4], *page = page_with(7);
    setup();
    for (unsigned i = 0; i < 4; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ, 0, MAP_VA), 0);
    for (unsigned i = 0; i < 3; i++)
        CHECK_EQ(cmd(m[i], CMD_PASS, m[i + 1], 0, TERN_FPAGE_READ).r1, 0);
    struct reply r = cmd(m[1], CMD_UNMAP, TERN_NIL_THREAD, 0, TERN_FPAGE_READ);
    CHECK(r.ok);
    CHECK_EQ(r.r1, 1);
    CHECK_EQ(read_in(m[0], 0), MAGIC + 7);
    CHECK_EQ(read_in(m[1], 0), MAGIC + 7);
    CHECK_EQ(read_in(m[2], 0), FALLBACK);
    CHECK_EQ(read_in(m[3], 0), FALLBACK);
    teardown(m, 4);
}

/* ---- partial revocation ---------------------------------------------------------------- */

/* Unmapping write only: reads still see the page, a write faults (the pager's fallback
 * takes it) and the page stays as it was. */
TEST(unmap_of_write_rights_only)
{
    word_t m[2], *page = page_with(1);
    setup();
    for (unsigned i = 0; i < 2; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 0, MAP_VA), 0);
    CHECK_EQ(cmd(m[0], CMD_PASS, m[1], 0, TERN_FPAGE_READ | TERN_FPAGE_WRITE).r1, 0);
    CHECK_EQ(cmd(m[1], CMD_WRITE, 0, MAGIC + 2, 0).r1, MAGIC + 2);
    tern_fpage_t f = fpage_at((word_t)page, TERN_PAGE_BITS, TERN_FPAGE_WRITE);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    for (unsigned i = 0; i < 2; i++)
        CHECK_EQ(read_in(m[i], 0), MAGIC + 2);
    word_t faults = pager_faults;
    CHECK_EQ(cmd(m[1], CMD_WRITE, 0, MAGIC + 3, 0).r1, MAGIC + 3);   /* into the fallback */
    CHECK_EQ(pager_faults - faults, 1);
    CHECK_EQ(page[0], MAGIC + 2);
    CHECK_EQ(read_in(m[0], 0), MAGIC + 2);      /* m[0] still reads the page */
    page[0] = MAGIC + 4;                        /* and sees it change: still mapped */
    CHECK_EQ(read_in(m[0], 0), MAGIC + 4);
    teardown(m, 2);
}

/* One page out of a larger fpage: only that page goes. */
TEST(unmap_of_one_page_inside_a_larger_fpage)
{
    word_t m[1];
    setup();
    word_t size = REGION_PAGES * TERN_PAGE_SIZE, words = TERN_PAGE_SIZE / sizeof(word_t);
    word_t *mem = (word_t *)(((word_t)pool_alloc(2 * size) + size - 1) & ~(size - 1));
    for (word_t i = 0; i < REGION_PAGES; i++)
        mem[i * words] = MAGIC + 10 + i;
    CHECK((m[0] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)mem, TERN_PAGE_BITS + 2, TERN_FPAGE_READ, 0, MAP_VA), 0);
    for (word_t i = 0; i < REGION_PAGES; i++)
        CHECK_EQ(read_in(m[0], i), MAGIC + 10 + i);
    tern_fpage_t f = fpage_at((word_t)mem + 2 * TERN_PAGE_SIZE, TERN_PAGE_BITS, TERN_FPAGE_READ);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    CHECK_EQ(read_in(m[0], 0), MAGIC + 10);
    CHECK_EQ(read_in(m[0], 1), MAGIC + 11);
    CHECK_EQ(read_in(m[0], 2), FALLBACK + 2);
    CHECK_EQ(read_in(m[0], 3), MAGIC + 13);
    teardown(m, 1);
}

/* ---- flush, status, privileges --------------------------------------------------------- */

/* A member that flushes loses the page itself, and so do those it passed it to. */
TEST(flush_takes_the_callers_own_page_too)
{
    word_t m[2], *page = page_with(3);
    setup();
    for (unsigned i = 0; i < 2; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ, 0, MAP_VA), 0);
    CHECK_EQ(cmd(m[0], CMD_PASS, m[1], 0, TERN_FPAGE_READ).r1, 0);
    struct reply r = cmd(m[0], CMD_UNMAP, TERN_NIL_THREAD, 1, TERN_FPAGE_READ);
    CHECK_EQ(r.r1, 1);
    CHECK_EQ(read_in(m[0], 0), FALLBACK);
    CHECK_EQ(read_in(m[1], 0), FALLBACK);
    CHECK_EQ(page[0], MAGIC + 3);               /* the root's own is untouched */
    teardown(m, 2);
}

/* Unmap with no rights to take only reads the status, and asking forgets it: where the
 * MMU records use, a page nobody touched since reads as unused. */
TEST(unmap_reports_and_forgets_the_access_status)
{
    word_t m[1], *page = page_with(4);
    setup();
    CHECK((m[0] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 0, MAP_VA), 0);
    tern_fpage_t f = fpage_at((word_t)page, TERN_PAGE_BITS, 0);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);          /* forget what the root did writing it */
    CHECK_EQ(read_in(m[0], 0), MAGIC + 4);      /* referenced, not written */
    f = fpage_at((word_t)page, TERN_PAGE_BITS, 0);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    word_t rw = TERN_FPAGE_READ | TERN_FPAGE_WRITE;
    CHECK_EQ(tern_fpage_get_rights(f) & rw, TERN_ACCESS_STATUS_HARDWARE ? TERN_FPAGE_READ : rw);
    CHECK_EQ(cmd(m[0], CMD_WRITE, 0, MAGIC + 5, 0).r1, MAGIC + 5);
    f = fpage_at((word_t)page, TERN_PAGE_BITS, 0);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    CHECK_EQ(tern_fpage_get_rights(f) & rw, rw);
    f = fpage_at((word_t)page, TERN_PAGE_BITS, 0);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);          /* nobody touched it since */
    CHECK_EQ(tern_fpage_get_rights(f) & rw, TERN_ACCESS_STATUS_HARDWARE ? 0 : rw);
    CHECK_EQ(read_in(m[0], 0), MAGIC + 5);      /* a status read takes nothing */
    teardown(m, 1);
}

/* Only a privileged thread may unmap in a space not its own: a member that tries gets
 * TERN_ERR_NO_PRIVILEGE and changes nothing; the root may, and a nonexistent thread is
 * TERN_ERR_INVALID_SPACE. Naming its own thread is the same as nil. */
TEST(unmap_in_another_space_needs_privilege)
{
    word_t m[2], *page = page_with(5);
    setup();
    for (unsigned i = 0; i < 2; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[1], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ, 0, MAP_VA), 0);
    struct reply r = cmd(m[0], CMD_UNMAP, m[1], 1, TERN_FPAGE_READ);
    CHECK(r.ok);
    CHECK_EQ(r.r1, 0);
    CHECK_EQ(r.r2, TERN_ERR_NO_PRIVILEGE);
    CHECK_EQ(read_in(m[1], 0), MAGIC + 5);
    r = cmd(m[0], CMD_UNMAP, tern_tid(900, 77), 1, TERN_FPAGE_READ);
    CHECK_EQ(r.r1, 0);
    CHECK_EQ(r.r2, TERN_ERR_INVALID_SPACE);
    r = cmd(m[1], CMD_UNMAP, m[1], 0, TERN_FPAGE_READ);   /* its own: allowed, nothing derived */
    CHECK_EQ(r.r1, 1);
    CHECK_EQ(read_in(m[1], 0), MAGIC + 5);
    tern_fpage_t f = fpage_at(MAP_VA, TERN_PAGE_BITS, TERN_FPAGE_READ);
    CHECK_EQ(tern_unmap_in(m[1], &f, 1, 1), 1);            /* the root, privileged: flush there */
    CHECK_EQ(read_in(m[1], 0), FALLBACK);
    CHECK_EQ(page[0], MAGIC + 5);
    teardown(m, 2);
}

/* ---- grant ------------------------------------------------------------------------------ */

/* m[0] grants what it was mapped to m[1]: m[0] loses it, m[1] holds it in m[0]'s place
 * in the tree, so the root's unmap still reaches it. */
TEST(grant_moves_the_mapping)
{
    word_t m[2], *page = page_with(6);
    setup();
    for (unsigned i = 0; i < 2; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 0, MAP_VA), 0);
    CHECK_EQ(cmd(m[0], CMD_PASS, m[1], 1, TERN_FPAGE_READ).r1, 0);      /* grant, read only */
    CHECK_EQ(read_in(m[1], 0), MAGIC + 6);
    CHECK_EQ(read_in(m[0], 0), FALLBACK);       /* gone from the giver */
    /* m[1]'s write path once where nothing is mapped (a fallback page comes): whatever
     * pages of code or tables that path takes are in before the count */
    CHECK_EQ(cmd(m[1], CMD_WRITE, 1, 1, 0).r1, 1);
    word_t faults = pager_faults;
    CHECK_EQ(cmd(m[1], CMD_WRITE, 0, 1, 0).r1, 1);   /* granted read only: the write faults */
    CHECK_EQ(pager_faults - faults, 1);
    CHECK_EQ(page[0], MAGIC + 6);
    teardown(m, 2);
}

TEST(unmap_reaches_a_granted_mapping)
{
    word_t m[3], *page = page_with(8);
    setup();
    for (unsigned i = 0; i < 3; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ, 0, MAP_VA), 0);
    CHECK_EQ(cmd(m[0], CMD_PASS, m[1], 0, TERN_FPAGE_READ).r1, 0);      /* map */
    CHECK_EQ(cmd(m[1], CMD_PASS, m[2], 1, TERN_FPAGE_READ).r1, 0);      /* then grant */
    CHECK_EQ(read_in(m[2], 0), MAGIC + 8);
    CHECK_EQ(read_in(m[1], 0), FALLBACK);
    tern_fpage_t f = fpage_at((word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    CHECK_EQ(read_in(m[0], 0), FALLBACK);
    CHECK_EQ(read_in(m[2], 0), FALLBACK);
    teardown(m, 3);
}

/* The root grants away a page it holds alone (the last mapping of that frame, a root of
 * the tree): it is no longer the root's; granted back, it is again, contents intact. */
TEST(grant_of_the_last_mapping)
{
    word_t m[1], *page = page_with(9);
    setup();
    CHECK((m[0] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 1, MAP_VA), 0);
    CHECK_EQ(is_mapped((word_t)page), 0);
    CHECK_EQ(cmd(m[0], CMD_WRITE, 0, MAGIC + 99, 0).r1, MAGIC + 99);
    /* back: the root accepts at the page's old address; the grant comes before the reply */
    tern_accept_mappings((word_t)page, TERN_PAGE_BITS, 0);
    word_t *mr = tern_mr(), from = 0;
    mr[0] = tern_tag(CMD_PASS, 3, 0).raw;
    mr[1] = root_tid;
    mr[2] = 1;
    mr[3] = TERN_FPAGE_READ | TERN_FPAGE_WRITE;
    CHECK(!tern_ipc_failed(tern_send(m[0])));
    tern_msgtag_t t = tern_receive_timeout(m[0], tern_time_period_us(2000000), &from);
    tern_br()[0] = 0;
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(tern_msgtag_get_typed(t), 2);
    t = tern_receive_timeout(m[0], tern_time_period_us(2000000), &from);
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(mr[1], 0);
    CHECK_EQ(is_mapped((word_t)page), 1);
    CHECK_EQ(page[0], MAGIC + 99);
    CHECK_EQ(read_in(m[0], 0), FALLBACK);
    teardown(m, 1);
}

/* ---- revocation under way ------------------------------------------------------------- */

static struct reading { word_t root; volatile word_t old, stale, other, done; } rd;

/* Reads MAP_VA in a loop until the fallback shows: what it saw, counted. */
static void reader(word_t unused)
{
    (void)unused;
    tern_accept_mappings(MAP_VA, WINDOW_BITS, 0);
    tern_receive(rd.root, NULL);                       /* the mapping */
    for (;;) {
        word_t v = *(volatile word_t *)MAP_VA;
        if (v == MAGIC + 20)
            rd.old++;
        else if (v == MAGIC + 21)
            rd.stale++;                                /* written after the unmap */
        else if (v == FALLBACK)
            break;
        else
            rd.other++;
    }
    rd.done = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(rd.root);
    tern_thread_exit();
}

/* The root takes the page while the reader is in the middle of its loop (preempted by
 * the clock): its next read faults to the pager; it never sees what the root writes
 * into the page afterwards. */
TEST(revocation_while_the_receiver_reads)
{
    word_t m[1], *page = page_with(20);
    rd = (struct reading){ tern_myself(), 0, 0, 0, 0 };
    setup();
    CHECK((m[0] = spawn_space(reader, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ, 0, MAP_VA), 0);
    for (int i = 0; i < 100 && rd.old < 1000; i++)
        tern_sleep_us(1000);                           /* it runs, reading */
    CHECK(rd.old >= 1000);
    CHECK_EQ(rd.done, 0);
    tern_fpage_t f = fpage_at((word_t)page, TERN_PAGE_BITS, TERN_FPAGE_READ);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    page[0] = MAGIC + 21;
    CHECK(!tern_ipc_failed(tern_receive_timeout(m[0], tern_time_period_us(2000000), NULL)));
    CHECK_EQ(rd.done, 1);
    CHECK_EQ(rd.stale, 0);
    CHECK_EQ(rd.other, 0);
    teardown(m, 1);
}

/* A string of n bytes from member `from` (at MAP_VA + at) to member `to` (into its
 * MAP_VA): the error words of the sender and the receiver (0: it went through). */
static void string_between(word_t from, word_t at, word_t n, word_t to, word_t *send_err, word_t *recv_err)
{
    word_t *mr = tern_mr();
    *send_err = *recv_err = ~0UL;
    mr[0] = tern_tag(CMD_RECV_STRING, 3, 0).raw;
    mr[1] = from;
    mr[2] = n;
    mr[3] = 0;
    if (tern_ipc_failed(tern_send_timeout(to, tern_time_period_us(1000000))))
        return;
    struct reply r = cmd(from, CMD_STRING, at, n, to);
    if (!r.ok)
        return;
    *send_err = r.r1;
    if (!tern_ipc_failed(tern_receive_timeout(to, tern_time_period_us(2000000), NULL)))
        *recv_err = mr[1];
}

static word_t err_code(word_t e) { return tern_error_code_get_code((tern_error_code_t){ e }); }
static word_t err_offset(word_t e) { return tern_error_code_get_offset((tern_error_code_t){ e }); }

/* A receiver waits for a two-page string into its buffer at MAP_VA; the root unmaps the
 * buffer's second page first. The copy stops there: both sides get the transfer fault
 * with the offset reached, and the first page holds the bytes. */
TEST(unmap_of_a_page_a_string_is_copied_into)
{
    word_t m[2], size = 2 * TERN_PAGE_SIZE, serr, rerr;
    setup();
    unsigned char *buf = (unsigned char *)(((word_t)pool_alloc(2 * size) + size - 1) & ~(size - 1));
    unsigned char *src = (unsigned char *)(((word_t)pool_alloc(2 * size) + size - 1) & ~(size - 1));
    for (word_t i = 0; i < size; i++)
        src[i] = (unsigned char)(i * 7 + 1);
    for (unsigned i = 0; i < 2; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[0], (word_t)src, TERN_PAGE_BITS + 1, TERN_FPAGE_READ, 0, MAP_VA), 0);
    CHECK_EQ(send_map(m[1], (word_t)buf, TERN_PAGE_BITS + 1, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 0, MAP_VA), 0);
    string_between(m[0], 0, size, m[1], &serr, &rerr);     /* both pages there: it works */
    CHECK_EQ(serr, 0);
    CHECK_EQ(rerr, 0);
    CHECK(memcmp(buf, src, size) == 0);
    memset(buf, 0, size);
    tern_fpage_t f = fpage_at((word_t)buf + TERN_PAGE_SIZE, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE);
    CHECK_EQ(tern_unmap(&f, 1, 0), 1);
    string_between(m[0], 0, size, m[1], &serr, &rerr);
    CHECK_EQ(err_code(serr), TERN_IPC_ERR_XFER_FAULT_PARTNER);
    CHECK_EQ(err_code(rerr), TERN_IPC_ERR_XFER_FAULT_OWN);
    CHECK_EQ(err_offset(serr), TERN_PAGE_SIZE);
    CHECK_EQ(err_offset(rerr), TERN_PAGE_SIZE);
    CHECK(memcmp(buf, src, TERN_PAGE_SIZE) == 0);
    for (word_t i = TERN_PAGE_SIZE; i < size; i++)
        CHECK_EQ(buf[i], 0);
    teardown(m, 2);
}

/* ---- the node pool runs out ------------------------------------------------------------ */

#define SLOT_BITS (TERN_PAGE_BITS + 8)   /* 256 pages per map item (1 MiB of 4 KiB pages) */
#define SLOTS_VA (0x60000000UL << (TERN_PAGE_BITS - 12))   /* 256 slots in the window of
                                          * 65536 pages (256 MiB of 4 KiB ones) around MAP_VA:
                                          * more nodes than the pool has beside the root
                                          * task's */

/* One member is given a slot after a slot until the kernel runs out of mapping nodes: the
 * item that does not fit fails with TERN_IPC_ERR_NO_MEMORY and maps none of its pages;
 * once the member is gone, its nodes are free again. */
TEST(a_mapping_node_pool_that_runs_out)
{
    word_t m[2], slot = (word_t)1 << SLOT_BITS, serr, rerr, k, err = 0;
    word_t *mem = (word_t *)(((word_t)pool_alloc(2 * slot) + slot - 1) & ~(slot - 1));
    for (word_t i = 0; i < slot / TERN_PAGE_SIZE; i++)
        mem[i * TERN_PAGE_SIZE / sizeof(word_t)] = MAGIC + i;
    window_bits = SLOT_BITS + 8;
    for (unsigned i = 0; i < 2; i++)
        CHECK((m[i] = spawn_space(member, 0)) != TERN_NIL_THREAD);
    CHECK_EQ(send_map(m[1], (word_t)mem, TERN_PAGE_BITS, TERN_FPAGE_READ | TERN_FPAGE_WRITE, 0, MAP_VA), 0);
    /* the probe's path runs once before, so that nothing of it faults when nodes are out */
    string_between(m[0], SLOTS_VA - MAP_VA, sizeof(word_t), m[1], &serr, &rerr);
    CHECK_EQ(err_code(serr), TERN_IPC_ERR_XFER_FAULT_OWN);
    for (k = 0; k < 256; k++)
        if ((err = send_map(m[0], (word_t)mem, SLOT_BITS, TERN_FPAGE_READ, 0, SLOTS_VA + (k << SLOT_BITS))) != 0)
            break;
    /* what the member sees, before it goes (and its nodes with it) */
    word_t first = ~0UL, failed_first = ~0UL, failed_last = ~0UL, failed = SLOTS_VA + (k << SLOT_BITS);
    if (k > 0 && k < 256) {
        string_between(m[0], SLOTS_VA - MAP_VA, sizeof(word_t), m[1], &first, &rerr);
        string_between(m[0], failed - MAP_VA, sizeof(word_t), m[1], &failed_first, &rerr);
        string_between(m[0], failed + slot - TERN_PAGE_SIZE - MAP_VA, sizeof(word_t), m[1], &failed_last, &rerr);
    }
    kill(m[0]);
    m[0] = spawn_space(member, 0);                 /* its nodes are back */
    word_t again = m[0] == TERN_NIL_THREAD ? ~0UL
                 : send_map(m[0], (word_t)mem, SLOT_BITS, TERN_FPAGE_READ, 0, SLOTS_VA);
    window_bits = WINDOW_BITS;
    kill(m[0]);
    kill(m[1]);
    tern_printf("mapping nodes: out after %lu slots of 256 pages mapped to one space\n", k);
    CHECK(k > 0);
    CHECK(k < 256);
    CHECK_EQ(err, TERN_IPC_ERR_NO_MEMORY);
    CHECK_EQ(first, 0);                            /* slot 0 was mapped */
    CHECK_EQ(err_code(failed_first), TERN_IPC_ERR_XFER_FAULT_OWN);   /* the failed item: */
    CHECK_EQ(err_code(failed_last), TERN_IPC_ERR_XFER_FAULT_OWN);    /* nothing of it */
    CHECK_EQ(again, 0);
}

const struct test mapping_tests[] = {
    { "mapping/unmap-revokes-chains-of-every-depth", unmap_revokes_chains_of_every_depth },
    { "mapping/unmap-in-the-middle-keeps-those-above", unmap_in_the_middle_keeps_those_above },
    { "mapping/unmap-of-write-rights-only", unmap_of_write_rights_only },
    { "mapping/unmap-of-one-page-inside-a-larger-fpage", unmap_of_one_page_inside_a_larger_fpage },
    { "mapping/flush-takes-the-callers-own-page-too", flush_takes_the_callers_own_page_too },
    { "mapping/unmap-reports-and-forgets-the-access-status", unmap_reports_and_forgets_the_access_status },
    { "mapping/unmap-in-another-space-needs-privilege", unmap_in_another_space_needs_privilege },
    { "mapping/grant-moves-the-mapping", grant_moves_the_mapping },
    { "mapping/unmap-reaches-a-granted-mapping", unmap_reaches_a_granted_mapping },
    { "mapping/grant-of-the-last-mapping", grant_of_the_last_mapping },
    { "mapping/revocation-while-the-receiver-reads", revocation_while_the_receiver_reads },
    { "mapping/unmap-of-a-page-a-string-is-copied-into", unmap_of_a_page_a_string_is_copied_into },
    { "mapping/a-mapping-node-pool-that-runs-out", a_mapping_node_pool_that_runs_out },
    { 0, 0 },
};
