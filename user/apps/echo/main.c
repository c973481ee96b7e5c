/* An ELF payload for the root task to start: replies to every call with label + 1 and
 * every untyped word doubled. */
#include "libtern.h"

static tern_msgtag_t doubled(tern_msgtag_t in, word_t *mr, word_t arg)
{
    (void)arg;
    word_t u = tern_msgtag_get_untyped(in);
    for (word_t i = 1; i <= u; i++)
        mr[i] *= 2;
    return tern_tag(tern_msgtag_get_label(in) + 1, u, 0);
}

int main(void)
{
    tern_serve(doubled, 0);
}
