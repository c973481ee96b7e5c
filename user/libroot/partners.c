/* Partner threads the test suite and the benchmarks share. */
#include "libroot.h"

static tern_msgtag_t same_count(tern_msgtag_t in, word_t *mr, word_t arg)
{
    (void)mr, (void)arg;
    return tern_tag(0, tern_msgtag_get_untyped(in), 0);
}

void echo_partner(word_t arg) { tern_serve(same_count, arg); }
