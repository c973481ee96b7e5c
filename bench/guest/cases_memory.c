/* Touching memory: one load per page pair (8 KiB apart, one TLB entry's reach on MIPS),
 * cycling over a region of n pairs of the root task's own, mapped memory. A region the
 * TLB holds costs the loop alone; one far larger than the TLB (mips64: 64 entries)
 * misses on every touch, and where the TLB is refilled by software the difference is
 * what a TLB miss costs a user: the refill handler and the access again. */
#include "cases.h"

#define PAIR_BYTES 8192UL
#define MAX_PAIRS 1024UL

static volatile word_t *region;

static void bm_touch(struct tb_state *s)
{
    word_t pairs = (word_t)tb_range_arg(s, 0);
    if (!region) {
        region = pool_alloc(MAX_PAIRS * PAIR_BYTES);
        if (!region) {
            tb_skip_with_error(s, "no memory for the region");
            return;
        }
    }
    word_t wrap = pairs * PAIR_BYTES - 1, at = 0;
    for (word_t i = 0; i < pairs; i++)                    /* warm: every page touched once */
        (void)region[i * PAIR_BYTES / sizeof(word_t)];
    while (tb_keep_running(s)) {
        (void)*(volatile word_t *)((word_t)region + at);
        at = (at + PAIR_BYTES) & wrap;
    }
    tb_set_items_processed(s, tb_iterations_of(s));
}

void register_memory(void)
{
    tb_arg_name(tb_arg(tb_arg(tb_register("tlb_touch", bm_touch), 16), MAX_PAIRS), "pairs");
}
