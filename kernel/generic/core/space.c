/* Address spaces: page tables through the HAL, the KIP and UTCB areas, a thread count. */
#include <tern/config/max_spaces.h>

#include "kernel.h"

#define MAX_SPACES TERN_CONFIG_MAX_SPACES
static space_t spaces[MAX_SPACES];

space_t *space_create(void)
{
    for (unsigned i = 0; i < MAX_SPACES; i++) {
        space_t *s = &spaces[i];
        if (!s->used) {
            memset(s, 0, sizeof *s);
            if (hal_space_init(&s->hal) < 0)
                return NULL;
            s->used = 1;
            s->mmu_root = hal_space_root(&s->hal);
            return s;
        }
    }
    return NULL;
}

/* A thread left the space; the last one destroys it. */
void space_release(space_t *s)
{
    if (--s->threads)
        return;
    hal_space_destroy(&s->hal);
    memset(s, 0, sizeof *s);
}

int space_map_kip(space_t *s, word_t va)
{
    if (va & (TERN_PAGE_SIZE - 1) || !hal_user_address(va))
        return -1;
    if (hal_space_map(&s->hal, va, kip_frame, HAL_READ) < 0)
        return -1;
    s->kip_va = va;
    return 0;
}

/* ---- The invariant check (debug call) ----------------------------------------------- */

/* No space maps a free frame (frames_check marked them): NULL, or the broken invariant.
 * The walk skips what no page table covers. */
const char *spaces_check(void)
{
    for (unsigned i = 0; i < MAX_SPACES; i++) {
        space_t *s = &spaces[i];
        if (!s->used)
            continue;
        if (!s->threads)
            return "a space in use has no threads";
        for (word_t va = HAL_KERNEL_END; va < HAL_USER_END && va >= HAL_KERNEL_END;) {
            word_t next = hal_space_next(&s->hal, va);
            if (next != va) {
                va = next;
                continue;
            }
            paddr_t pa;
            unsigned rights;
            if (hal_space_lookup(&s->hal, va, &pa, &rights) == 0 &&
                frame_marked_free(pa & ~(paddr_t)(TERN_PAGE_SIZE - 1)))
                return "a space maps a free frame";
            va += TERN_PAGE_SIZE;
        }
    }
    return NULL;
}
