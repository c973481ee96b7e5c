/* Physical frames: a free list threaded through the free frames themselves (after the
 * thread table's blocks and the mapping database's pool, carved first), and a bit
 * per frame for those the kernel lends to user space but keeps owning (UTCBs, the KIP):
 * a map item may not pass them on, since the kernel frees a UTCB when its thread goes. */
#include <tern/config/max_threads.h>

#include "kernel.h"

static paddr_t free_list;      /* physical address of the first free frame, 0 = none */
static unsigned long nfree;

/* TCB blocks (a TCB and its kernel stack, KSTACK_PAGES contiguous pages) come from a
 * region set aside at boot, one block per possible thread, and a free list. */
static paddr_t block_next, block_end, block_free;

static unsigned char *kernel_owned;   /* bit n: frame owned_base + n pages */
static unsigned char *free_marks;     /* the same, for the invariant check: free frames */
static paddr_t owned_base, owned_end;

void frames_init(paddr_t start, paddr_t end)
{
    word_t block_bytes = (word_t)KSTACK_PAGES * TERN_PAGE_SIZE;
    block_next = (start + block_bytes - 1) & ~(block_bytes - 1);
    block_end = block_next + (word_t)TERN_CONFIG_MAX_THREADS * block_bytes;
    if (block_end > end)
        panic("not enough memory for the thread table");
    start = mapdb_init(block_end);
    if (start > end)
        panic("not enough memory for the mapping database");
    owned_base = start;
    owned_end = end;
    word_t bitmap = ((end - start) / TERN_PAGE_SIZE + 7) / 8;
    word_t bitmap_pages = (bitmap + TERN_PAGE_SIZE - 1) & ~(word_t)(TERN_PAGE_SIZE - 1);
    kernel_owned = hal_phys_to_virt(start);
    free_marks = hal_phys_to_virt(start + bitmap_pages);
    memset(kernel_owned, 0, 2 * bitmap_pages);
    start += 2 * bitmap_pages;
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

/* A bit per frame of the pool (kernel_owned, free_marks): frames outside it have none. */
static int frame_bit(const unsigned char *map, paddr_t p)
{
    if (p < owned_base || p >= owned_end)
        return 0;
    word_t n = (p - owned_base) / TERN_PAGE_SIZE;
    return (map[n / 8] >> (n % 8)) & 1;
}

static void frame_bit_set(unsigned char *map, paddr_t p, int on)
{
    if (p < owned_base || p >= owned_end)
        return;
    word_t n = (p - owned_base) / TERN_PAGE_SIZE;
    if (on)
        map[n / 8] |= (unsigned char)(1u << (n % 8));
    else
        map[n / 8] &= (unsigned char)~(1u << (n % 8));
}

int frame_in_pool(paddr_t p) { return p >= owned_base && p < owned_end; }

void frame_set_kernel_owned(paddr_t p, int owned) { frame_bit_set(kernel_owned, p, owned); }
int frame_kernel_owned(paddr_t p) { return frame_bit(kernel_owned, p); }

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

/* ---- The invariant check (debug call) ----------------------------------------------- */

/* The free list against the free count and the kernel's frames; marks every free frame
 * for frame_marked_free(). NULL, or the broken invariant's name. */
const char *frames_check(void)
{
    memset(free_marks, 0, ((owned_end - owned_base) / TERN_PAGE_SIZE + 7) / 8);
    unsigned long n = 0;
    for (paddr_t p = free_list; p; p = *(paddr_t *)hal_phys_to_virt(p)) {
        if (p < owned_base || p >= owned_end || p % TERN_PAGE_SIZE)
            return "a free frame lies outside the frame pool";
        if (frame_bit(free_marks, p))
            return "the free list loops";
        if (frame_kernel_owned(p))
            return "a frame the kernel lends out is free";
        frame_bit_set(free_marks, p, 1);
        if (++n > nfree)
            return "the free list is longer than the free count";
    }
    return n == nfree ? NULL : "the free list is shorter than the free count";
}

int frame_marked_free(paddr_t p) { return frame_bit(free_marks, p); }
