/* IPC wrappers: the message lives in the UTCB; the stub carries register MRs. */
#include "libtern.h"

tern_msgtag_t tern_ipc(word_t to, word_t from_spec, word_t timeouts, word_t *from)
{
    tern_utcb_t *u = tern_utcb();
    word_t f = tern_sys_ipc(to, from_spec, timeouts, u, u->mr);
    if (from)
        *from = f;
    return (tern_msgtag_t){ u->mr[0] };
}

tern_msgtag_t tern_call(word_t to) { return tern_ipc(to, to, NEVER, NULL); }
tern_msgtag_t tern_send(word_t to) { return tern_ipc(to, TERN_NIL_THREAD, NEVER, NULL); }

tern_msgtag_t tern_send_timeout(word_t to, tern_time_t t)
{
    return tern_ipc(to, TERN_NIL_THREAD, tern_timeouts_word(t, tern_time_never()), NULL);
}

tern_msgtag_t tern_receive(word_t from, word_t *sender)
{
    return tern_ipc(TERN_NIL_THREAD, from, NEVER, sender);
}

tern_msgtag_t tern_receive_timeout(word_t from, tern_time_t t, word_t *sender)
{
    return tern_ipc(TERN_NIL_THREAD, from, tern_timeouts_word(tern_time_never(), t), sender);
}

tern_msgtag_t tern_reply_wait(word_t to, word_t *sender)
{
    /* the reply must not block the server: send timeout zero */
    return tern_ipc(to, TERN_ANY_THREAD, tern_timeouts_word(tern_time_zero(), tern_time_never()), sender);
}

void tern_sleep_us(unsigned long long us)
{
    /* nobody sends to a thread waiting for itself: the receive times out */
    tern_receive_timeout(tern_myself(), tern_time_period_us(us), NULL);
}

word_t tern_put_string(word_t *regs, word_t at, const void *const *addr, word_t n, word_t len, int more)
{
    regs[at] = tern_string_item_make(more ? 1 : 0, TERN_ITEM_STRING, n - 1, 0, len).raw;
    for (word_t i = 0; i < n; i++)
        regs[at + 1 + i] = (word_t)addr[i];
    return 1 + n;
}

void tern_accept_strings(void *const *bufs, word_t n, word_t len)
{
    word_t *br = tern_br();
    br[0] = tern_acceptor_make(1, 0, 0, 0).raw;
    tern_put_string(br, 1, (const void *const *)bufs, n, len, 0);
}

void tern_accept_string(void *buf, word_t len)
{
    tern_accept_strings(&buf, 1, len);
}
