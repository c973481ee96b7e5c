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
