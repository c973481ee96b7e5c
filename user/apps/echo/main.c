/* An ELF payload for the root task to start: replies to every call with label + 1 and
 * every untyped word doubled. */
#include "libtern.h"

int main(void)
{
    word_t *mr = tern_mr(), from;
    tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
    for (;;) {
        if (tern_ipc_failed(t)) {
            t = tern_receive(TERN_ANY_THREAD, &from);
            continue;
        }
        word_t u = tern_msgtag_get_untyped(t);
        for (word_t i = 1; i <= u; i++)
            mr[i] *= 2;
        mr[0] = tern_tag(tern_msgtag_get_label(t) + 1, u, 0).raw;
        t = tern_reply_wait(from, &from);
    }
}
