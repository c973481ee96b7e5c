/*
 * What each fuzzer checks every few calls: the kernel's own invariants (the privileged
 * fuzzer: the debug call panics on a broken one; the others' calls of it are refused),
 * a canary IPC round trip carrying a known payload, the canary
 * page's checksum as the canary space sees it, its own UTCB's identity, and a clock that
 * does not run backwards. The host's self-test asks for a failure at a given call.
 */
#include "fuzz.h"

static const char *const names[] = {
    "none", "canary round trip", "canary payload", "canary checksum", "utcb identity",
    "clock ran backwards", "injected failure",
};

const char *fuzz_check_name(int check) { return names[check]; }

static word_t payload(word_t number, word_t i) { return (number * 0x9e3779b9UL) ^ (i << 8) ^ 0x5a5a; }

static tern_msgtag_t canary_call(word_t label, word_t words, word_t number)
{
    word_t *mr = tern_mr(), from;
    tern_br()[0] = 0;                             /* untyped words only */
    for (word_t i = 1; i <= words; i++)
        mr[i] = payload(number, i);
    mr[0] = tern_tag(label, words, 0).raw;
    tern_time_t second = tern_time_period_us(1000000);
    return tern_ipc(canary, canary, tern_timeouts_word(second, second), &from);
}

int fuzz_check(struct fuzzer *f, word_t number)
{
    if (f->index == 0)                            /* the root space's only: */
        tern_kernel_check();                      /* a broken invariant panics, named */
    tern_msgtag_t t = canary_call(CANARY_ECHO, 12, number);
    if (tern_ipc_failed(t) || tern_msgtag_get_untyped(t) != 12)
        return 1;
    for (word_t i = 1; i <= 12; i++)
        if (tern_mr()[i] != payload(number, i))
            return 2;
    t = canary_call(CANARY_SUM, 0, number);
    if (tern_ipc_failed(t) || tern_msgtag_get_untyped(t) != 1 || tern_mr()[1] != canary_sum)
        return 3;
    tern_utcb_t *u = tern_utcb();
    if (u->self != (word_t)u || u->my_global_id != fuzzer_tids[f->index])
        return 4;
    unsigned long long now = tern_sys_system_clock();
    if (now < f->last_clock)
        return 5;
    f->last_clock = now;
    if (number >= args.fail_at)
        return 6;
    f->checks++;
    return 0;
}
