/* The mapping database's costs as a pager's user pays them, partner in another space:
 *  - map/pages:N     one map item of an fpage of N pages, by IPC (the partner's copy is
 *                    unmapped again, untimed, so each map makes new mappings);
 *  - unmap/depth:D   the root unmaps a page that went down a chain of D spaces, each
 *                    mapping it on (the chain is rebuilt, untimed, before each);
 *  - grant/pages:1   a page granted to the partner and granted back: two grants, and
 *                    the one-way figure is one of them. */
#include "cases.h"

#define MAP_VA 0x68000000UL              /* where partners take what they are given */
#define MAP_MAX_BITS (TERN_PAGE_BITS + 10)   /* 1024 pages */
#define CHAIN_MAX 8

static word_t *region;                   /* MAP_MAX_BITS of the root's, aligned to its size */
static word_t *chain_page, *grant_page;
static word_t root_tid, peer;
static struct { word_t tid[CHAIN_MAX]; word_t depth; } chain;

static void put_map(word_t *mr, word_t va, word_t bits, int grant, word_t at)
{
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_map(mr, 1, tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE, bits, va >> TERN_FPAGE_SHIFT),
                 at, grant);
}

/* ---- map ------------------------------------------------------------------------------ */

static void map_sink(word_t unused)
{
    (void)unused;
    tern_accept_mappings(MAP_VA, MAP_MAX_BITS, 0);
    for (;;)
        tern_receive(root_tid, NULL);
}

static void bm_map(struct tb_state *s)
{
    word_t pages = (word_t)tb_range_arg(s, 0), bits = TERN_PAGE_BITS;
    while (((word_t)1 << (bits - TERN_PAGE_BITS)) < pages)
        bits++;
    tern_utcb_t *u = tern_utcb();
    tern_fpage_t back = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE, bits,
                                        (word_t)region >> TERN_FPAGE_SHIFT);
    put_map(u->mr, (word_t)region, bits, 0, MAP_VA);
    if (tern_ipc_failed(tern_send(peer))) {
        tb_skip_with_error(s, "the map item did not arrive");
        return;
    }
    while (tb_keep_running(s)) {
        tb_pause_timing(s);
        tern_fpage_t f = back;
        tern_unmap(&f, 1, 0);                     /* the partner's copy goes */
        put_map(u->mr, (word_t)region, bits, 0, MAP_VA);
        tb_resume_timing(s);
        tern_sys_ipc(peer, TERN_NIL_THREAD, NEVER, u, u->mr);
    }
    tb_set_items_processed(s, tb_iterations_of(s) * (tb_int)pages);
}

/* ---- unmap down a chain ------------------------------------------------------------------ */

/* Member i takes the page from the one before and maps it on; the last one tells the root. */
static void chain_member(word_t i)
{
    word_t *mr = tern_mr();
    word_t from = i ? chain.tid[i - 1] : root_tid;
    for (;;) {
        tern_accept_mappings(MAP_VA, TERN_PAGE_BITS, 0);
        tern_receive(from, NULL);
        if (i + 1 < chain.depth) {
            put_map(mr, MAP_VA, TERN_PAGE_BITS, 0, MAP_VA);
            tern_send(chain.tid[i + 1]);
        } else {
            mr[0] = tern_tag(0, 0, 0).raw;
            tern_send(root_tid);
        }
    }
}

static int chain_build(void)
{
    tern_utcb_t *u = tern_utcb();
    put_map(u->mr, (word_t)chain_page, TERN_PAGE_BITS, 0, MAP_VA);
    if (tern_ipc_failed(tern_send(chain.tid[0])))
        return 0;
    return !tern_ipc_failed(tern_receive(chain.tid[chain.depth - 1], NULL));
}

static void bm_unmap(struct tb_state *s)
{
    if (!chain_build()) {
        tb_skip_with_error(s, "the chain did not form");
        return;
    }
    tern_fpage_t page = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE,
                                        TERN_PAGE_BITS, (word_t)chain_page >> TERN_FPAGE_SHIFT);
    while (tb_keep_running(s)) {
        tern_fpage_t f = page;
        tern_unmap(&f, 1, 0);
        tb_pause_timing(s);
        chain_build();
        tb_resume_timing(s);
    }
}

static void chain_setup(struct tb_state *s)
{
    chain.depth = (word_t)tb_range_arg(s, 0);
    for (word_t i = 0; i < chain.depth; i++)
        chain.tid[i] = TERN_NIL_THREAD;
    for (word_t i = 0; i < chain.depth; i++)
        if ((chain.tid[i] = spawn_space(chain_member, i)) == TERN_NIL_THREAD) {
            tb_skip_with_error(s, "could not start the chain");
            return;
        }
}

static void chain_teardown(struct tb_state *s)
{
    (void)s;
    for (word_t i = 0; i < chain.depth; i++)
        kill(chain.tid[i]);
}

/* ---- grant there and back ------------------------------------------------------------------ */

static void grant_echo(word_t unused)
{
    (void)unused;
    word_t *mr = tern_mr(), from;
    tern_accept_mappings(MAP_VA, TERN_PAGE_BITS, 0);
    tern_receive(root_tid, &from);
    for (;;) {
        put_map(mr, MAP_VA, TERN_PAGE_BITS, 1, 0);
        tern_reply_wait(from, &from);
    }
}

static void bm_grant(struct tb_state *s)
{
    tern_utcb_t *u = tern_utcb();
    word_t va = (word_t)grant_page, from;
    tern_accept_mappings(va, TERN_PAGE_BITS, 0);
    put_map(u->mr, va, TERN_PAGE_BITS, 1, MAP_VA);
    from = tern_sys_ipc(peer, peer, NEVER, u, u->mr);
    if (tern_ipc_failed((tern_msgtag_t){ u->mr[0] }) || grant_page[0] != 0x6a6a) {
        tb_skip_with_error(s, "the page did not come back");
        return;
    }
    while (tb_keep_running(s)) {
        put_map(u->mr, va, TERN_PAGE_BITS, 1, MAP_VA);
        from = tern_sys_ipc(peer, peer, NEVER, u, u->mr);
    }
    (void)from;
    tern_br()[0] = 0;
}

/* ---- partners ------------------------------------------------------------------------------ */

static void start_peer(struct tb_state *s, server_fn fn)
{
    root_tid = tern_myself();
    if ((peer = spawn_space(fn, 0)) == TERN_NIL_THREAD)
        tb_skip_with_error(s, "could not start the partner");
}
static void map_setup(struct tb_state *s) { start_peer(s, map_sink); }
static void grant_setup(struct tb_state *s) { start_peer(s, grant_echo); }
static void peer_teardown(struct tb_state *s) { (void)s; kill(peer); }

void register_mapping(void)
{
    word_t size = (word_t)1 << MAP_MAX_BITS;
    region = (word_t *)(((word_t)pool_alloc(2 * size) + size - 1) & ~(size - 1));
    chain_page = pool_alloc(TERN_PAGE_SIZE);
    grant_page = pool_alloc(TERN_PAGE_SIZE);
    grant_page[0] = 0x6a6a;
    root_tid = tern_myself();
    tb_teardown(tb_setup(tb_arg_name(tb_range(tb_range_multiplier(tb_register("map", bm_map), 4), 1, 1024),
                                     "pages"), map_setup), peer_teardown);
    tb_teardown(tb_setup(tb_arg_name(tb_range(tb_range_multiplier(tb_register("unmap", bm_unmap), 2), 1,
                                              CHAIN_MAX), "depth"), chain_setup), chain_teardown);
    tb_messages(tb_teardown(tb_setup(tb_arg_name(tb_arg(tb_register("grant", bm_grant), 1), "pages"),
                                     grant_setup), peer_teardown), 2);
}
