/* Physical frames: a free list threaded through the free frames themselves. */
#include <tern/config/max_threads.h>

#include "kernel.h"

static paddr_t free_list;      /* physical address of the first free frame, 0 = none */
static unsigned long nfree;

/* TCB blocks (a TCB and its kernel stack, KSTACK_PAGES contiguous pages) come from a
 * region set aside at boot, one block per possible thread, and a free list. */
static paddr_t block_next, block_end, block_free;

void frames_init(paddr_t start, paddr_t end)
{
    word_t block_bytes = (word_t)KSTACK_PAGES * TERN_PAGE_SIZE;
    block_next = (start + block_bytes - 1) & ~(block_bytes - 1);
    block_end = block_next + (word_t)TERN_CONFIG_MAX_THREADS * block_bytes;
    if (block_end > end)
        panic("not enough memory for the thread table");
    start = block_end;
    for (paddr_t p = end - TERN_PAGE_SIZE; p >= start && p + TERN_PAGE_SIZE <= end; p -= TERN_PAGE_SIZE)
        frame_free(p);
}

paddr_t frame_alloc(void)
{
    paddr_t p = free_list;
    if (!p)
        return 0;
    free_list = *(paddr_t *)hal_phys_to_virt(p);
    nfree--;
    memset(hal_phys_to_virt(p), 0, TERN_PAGE_SIZE);
    return p;
}

void frame_free(paddr_t p)
{
    *(paddr_t *)hal_phys_to_virt(p) = free_list;
    free_list = p;
    nfree++;
}

unsigned long frames_free(void) { return nfree; }

void *kblock_alloc(void)
{
    paddr_t p = block_free;
    if (p)
        block_free = *(paddr_t *)hal_phys_to_virt(p);
    else if (block_next < block_end) {
        p = block_next;
        block_next += (word_t)KSTACK_PAGES * TERN_PAGE_SIZE;
    } else
        return NULL;
    return hal_phys_to_virt(p);
}

void kblock_free(void *block)
{
    *(paddr_t *)block = block_free;
    block_free = hal_virt_to_phys(block);
}
