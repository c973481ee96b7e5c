/* Register and UTCB IPC: a round trip (call, then the partner's reply-and-receive) with
 * n untyped MRs each way. MRs 1..TERN_IPC_REG_MRS-1 travel in registers; beyond that the
 * kernel copies them between the UTCBs. */
#include "cases.h"

static void bm_ipc(struct tb_state *s)
{
    word_t words = (word_t)tb_range_arg(s, 0);
    for (word_t i = 1; i <= words; i++)
        tern_utcb()->mr[i] = i * 0x101;
    for (int warm = 0; warm < 10; warm++)          /* partner running, caches and TLB warm */
        round_trip(words);
    tern_msgtag_t t = { tern_utcb()->mr[0] };
    if (tern_ipc_failed(t) || tern_msgtag_get_untyped(t) != words) {
        tb_skip_with_error(s, "the partner did not answer with the message sent");
        return;
    }
    /* a loop per register count, each with its count a constant, as a user's call of
     * that length is; longer messages move every register MR */
#define LOOP_FOR(n) case n: while (tb_keep_running(s)) round_trip(n); return;
    switch (words < TERN_IPC_REG_MRS ? words : ~0UL) {
    LOOP_FOR(0) LOOP_FOR(1) LOOP_FOR(2) LOOP_FOR(3) LOOP_FOR(4) LOOP_FOR(5) LOOP_FOR(6)
    LOOP_FOR(7) LOOP_FOR(8) LOOP_FOR(9) LOOP_FOR(10) LOOP_FOR(11) LOOP_FOR(12)
    default:
        while (tb_keep_running(s))
            round_trip(words);
    }
#undef LOOP_FOR
}
_Static_assert(TERN_IPC_REG_MRS <= 13, "a constant-count loop for every register MR count");

static void register_words(struct tb_family *f)
{
    tb_arg_name(tb_dense_range(f, 0, TERN_IPC_REG_MRS - 1, 1), "mrs");
}

static void utcb_words(struct tb_family *f)
{
    tb_arg_name(tb_arg(tb_arg(tb_arg(tb_arg(f, 8), 16), 32), TERN_UTCB_MR_COUNT - 1), "mrs");
}

void register_ipc(void)
{
    for_each_variant("ipc_register", bm_ipc, echo_partner, register_words);
    for_each_variant("ipc_utcb", bm_ipc, echo_partner, utcb_words);
}
