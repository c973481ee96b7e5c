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
    mapdb_space_gone(s);
    hal_space_destroy(&s->hal);
    memset(s, 0, sizeof *s);
}

int space_map_kip(space_t *s, word_t va)
{
    if (va & (TERN_PAGE_SIZE - 1) || !hal_user_address(va))
        return -1;
    if (hal_space_map(&s->hal, va, kip_frame, HAL_READ) < 0)
        return -2;                            /* no frame for the page table */
    s->kip_va = va;
    return 0;
}

/* The root task unmaps I/O ports (io_fpage.c): every other space loses them. */
void space_io_revoke(space_t *except, word_t port, word_t count)
{
    for (unsigned i = 0; i < MAX_SPACES; i++)
        if (spaces[i].used && &spaces[i] != except)
            hal_io_allow(&spaces[i].hal, port, count, 0);
}

/* The next offset at or after *off in [base, base + size) where the sender may hold a
 * page: what no page table of the sender's covers is skipped, so a walk costs what is
 * mapped, not the fpage's size. 0 at the end. */
int space_held_next(space_t *s, word_t base, word_t size, word_t *off)
{
    while (*off < size) {
        word_t va = base + *off;
        if (va >= HAL_USER_END)
            return 0;
        word_t next = va < HAL_KERNEL_END ? HAL_KERNEL_END
                    : hal_user_address(va) ? hal_space_next(&s->hal, va) : va + TERN_PAGE_SIZE;
        if (next == va)
            return 1;
        if (next < base || next - base >= size)
            return 0;
        *off = (next - base) & ~(word_t)(TERN_PAGE_SIZE - 1);
    }
    return 0;
}

/* ---- The invariant check (debug call) ----------------------------------------------- */

/* No space maps a free frame (frames_check marked them), and every page of the frame
 * pool a space maps, but for those the kernel lends out, has its mapping node: NULL, or
 * the broken invariant.
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
            if (hal_space_lookup(&s->hal, va, &pa, &rights) == 0) {
                pa &= ~(paddr_t)(TERN_PAGE_SIZE - 1);
                if (frame_marked_free(pa))
                    return "a space maps a free frame";
                if (frame_in_pool(pa) && !frame_kernel_owned(pa) && !mapdb_holds(s, va))
                    return "a space maps a page the mapping database does not know";
            }
            va += TERN_PAGE_SIZE;
        }
    }
    return NULL;
}
