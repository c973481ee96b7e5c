/* String IPC: each call carries one string item of n bytes, copied by the kernel into
 * the partner's buffer; the reply is empty. Sizes 8 B to 4 MiB (8, then powers of 4).
 * string_fault/bytes:4096: the same call of one page into a buffer page the partner (in
 * another space) does not hold: the copy stops at the fault, the partner's pager (the
 * root task's) maps the page on the partner's behalf, and the copy goes on. Between
 * iterations, untimed, the root task takes the page back (unmap). */
#include "cases.h"

static unsigned char *src, *sink_buf, *fault_buf;
static word_t fault_peer;

/* Touches its buffer first (in another space that faults the pages in through the
 * root task's pager), then accepts one string per message and replies empty. */
static void string_sink(word_t arg)
{
    (void)arg;
    for (word_t off = 0; off < STRING_MAX; off += 4096)
        ((volatile unsigned char *)sink_buf)[off] = 0;
    word_t from;
    tern_accept_string(sink_buf, STRING_MAX);
    tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
    for (;;) {
        tern_utcb()->mr[0] = tern_tag(tern_ipc_failed(t) ? 1 : 0, 0, 0).raw;
        t = tern_reply_wait(from, &from);
    }
}

static inline word_t string_call_to(word_t to, word_t n)
{
    tern_utcb_t *u = tern_utcb();
    const void *addr = src;
    u->mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_string(u->mr, 1, &addr, 1, n, 0);
    tern_sys_ipc(to, to, NEVER, u, u->mr);
    return u->mr[0];                              /* the reply's tag */
}

static inline word_t string_call(word_t n) { return string_call_to(partner, n); }

static void bm_string(struct tb_state *s)
{
    word_t n = (word_t)tb_range_arg(s, 0);
    for (int warm = 0; warm < 3; warm++)
        string_call(n);
    tern_msgtag_t t = { string_call(n) };
    if (tern_ipc_failed(t) || tern_msgtag_get_label(t) != 0) {
        tb_skip_with_error(s, "the string did not arrive");
        return;
    }
    while (tb_keep_running(s))
        string_call(n);
    tb_set_bytes_processed(s, tb_iterations_of(s) * (tb_int)n);
}

static void sizes(struct tb_family *f)
{
    tb_arg_name(tb_range(tb_range_multiplier(f, 4), STRING_MIN, STRING_MAX), "bytes");
}

/* ---- string_fault ----------------------------------------------------------------------- */

/* Allows its pager time (receive xfer timeout never) and takes each string into fault_buf. */
static void fault_sink(word_t arg)
{
    (void)arg;
    tern_set_xfer_timeouts(tern_time_zero(), tern_time_never());
    word_t from;
    tern_accept_string(fault_buf, TERN_PAGE_SIZE);
    tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
    for (;;) {
        tern_utcb()->mr[0] = tern_tag(tern_ipc_failed(t) ? 1 : 0, 0, 0).raw;
        t = tern_reply_wait(from, &from);
    }
}

static void bm_string_fault(struct tb_state *s)
{
    word_t n = (word_t)tb_range_arg(s, 0), faults = pager_region_faults;
    tern_fpage_t page = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE,
                                        TERN_PAGE_BITS, (word_t)fault_buf >> TERN_FPAGE_SHIFT);
    tern_set_xfer_timeouts(tern_time_never(), tern_time_zero());
    tern_fpage_t first = page;
    tern_unmap(&first, 1, 0);                     /* from an earlier run of the case */
    tern_msgtag_t t = { string_call_to(fault_peer, n) };
    if (tern_ipc_failed(t) || tern_msgtag_get_label(t) != 0 || pager_region_faults != faults + 1) {
        tb_skip_with_error(s, "the string did not arrive through one fault");
        return;
    }
    while (tb_keep_running(s)) {
        tb_pause_timing(s);
        tern_fpage_t f = page;
        tern_unmap(&f, 1, 0);                     /* the partner's copy of the page goes */
        tb_resume_timing(s);
        string_call_to(fault_peer, n);
    }
    tern_set_xfer_timeouts(tern_time_zero(), tern_time_zero());
    tb_set_bytes_processed(s, tb_iterations_of(s) * (tb_int)n);
}

/* The partner's buffer is in a pager region (counted), backed by the root task's page. */
static void fault_setup(struct tb_state *s)
{
    pager_add_region((word_t)fault_buf, TERN_PAGE_SIZE, (word_t)fault_buf);
    if ((fault_peer = spawn_space(fault_sink, 0)) == TERN_NIL_THREAD)
        tb_skip_with_error(s, "could not start the partner");
}

static void fault_teardown(struct tb_state *s)
{
    (void)s;
    kill(fault_peer);
    pager_remove_region((word_t)fault_buf);
}

void register_strings(void)
{
    src = (unsigned char *)pool_alloc(STRING_MAX);
    sink_buf = (unsigned char *)pool_alloc(STRING_MAX);
    fault_buf = (unsigned char *)pool_alloc(TERN_PAGE_SIZE);
    for_each_variant("ipc_string", bm_string, string_sink, sizes);
    tb_teardown(tb_setup(tb_arg_name(tb_arg(tb_register("string_fault", bm_string_fault), 4096), "bytes"),
                         fault_setup), fault_teardown);
}
