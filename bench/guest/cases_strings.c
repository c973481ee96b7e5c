/* String IPC: each call carries one string item of n bytes, copied by the kernel into
 * the partner's buffer; the reply is empty. Sizes 8 B to 4 MiB (8, then powers of 4). */
#include "cases.h"

static unsigned char *src, *sink_buf;

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

static inline word_t string_call(word_t n)
{
    tern_utcb_t *u = tern_utcb();
    const void *addr = src;
    u->mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_string(u->mr, 1, &addr, 1, n, 0);
    tern_sys_ipc(partner, partner, NEVER, u, u->mr);
    return u->mr[0];                              /* the reply's tag */
}

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

void register_strings(void)
{
    src = (unsigned char *)pool_alloc(STRING_MAX);
    sink_buf = (unsigned char *)pool_alloc(STRING_MAX);
    for_each_variant("ipc_string", bm_string, string_sink, sizes);
}
