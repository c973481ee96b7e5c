/*
 * The root task's pager, which is sigma0: serves page faults of the threads and spaces
 * the tests make, and requests for memory (the sigma0 protocol, libtern.h).
 * A fault inside the root task's image or pool is answered by mapping the root task's
 * page at the same address; a fault inside an ELF payload's segment by mapping the pool
 * page that holds its copy. Exceptions are resumed where the test said. Faults anywhere
 * else get no answer: the thread stays blocked, the rest goes on. Requests are served
 * from a part of the pool kept for them (SIGMA0_BITS), a block at most once.
 */
#include "libroot.h"

word_t pager_tid;
volatile word_t pager_faults, pager_region_faults, pager_exceptions;
volatile word_t exception_resume_sp;          /* set by a test that expects an exception */

extern char __image_end[];
extern void tern_thread_entry(void);

#define MAX_REGIONS 16
static struct region { word_t vaddr, size, copy; } regions[MAX_REGIONS];
static unsigned nregions;

void pager_add_region(word_t vaddr, word_t size, word_t copy)
{
    if (nregions < MAX_REGIONS)
        regions[nregions++] = (struct region){ vaddr, size, copy };
}

void pager_remove_region(word_t vaddr)
{
    for (unsigned i = 0; i < nregions; i++)
        if (regions[i].vaddr == vaddr) {
            regions[i] = regions[--nregions];
            return;
        }
}

/* The root task's address of the page to map for a fault at addr, or 0. */
static word_t backing(word_t addr, word_t *dest)
{
    word_t page = addr & ~(TERN_PAGE_SIZE - 1);
    for (unsigned i = 0; i < nregions; i++)
        if (addr >= regions[i].vaddr && addr < regions[i].vaddr + regions[i].size) {
            *dest = page;
            pager_region_faults++;
            return regions[i].copy + (page - (regions[i].vaddr & ~(TERN_PAGE_SIZE - 1)));
        }
    tern_kip_t *k = tern_kip();
    if ((addr >= TERN_ROOT_TEXT && addr < (word_t)__image_end) ||
        (addr >= k->root_pool_base && addr < k->root_pool_base + k->root_pool_size)) {
        *dest = page;
        return page;
    }
    return 0;
}

/* ---- sigma0 requests -------------------------------------------------------------------- */

#define SIGMA0_BITS 20                      /* 1 MiB of the pool, given out by request */
#define SIGMA0_PAGES (1UL << (SIGMA0_BITS - TERN_PAGE_BITS))
#define PAGE_FIELD_ALL (TERN_FPAGE_PAGE_MASK >> TERN_FPAGE_PAGE_SHIFT)
static word_t s0_base;                      /* SIGMA0_BITS-aligned, in the root's pool */
static unsigned char s0_given[SIGMA0_PAGES];

/* Are the pages of [block, block + 2^bits) all ours and free? */
static int s0_free(word_t block, word_t bits)
{
    if (block < s0_base || block - s0_base >= (1UL << SIGMA0_BITS))
        return 0;
    for (word_t p = (block - s0_base) >> TERN_PAGE_BITS, n = 1UL << (bits - TERN_PAGE_BITS); n; p++, n--)
        if (s0_given[p])
            return 0;
    return 1;
}

/* The answer to a request in mr[]: a map item of the block, or a refusal with why. */
static void sigma0_answer(tern_msgtag_t t, word_t *mr)
{
    tern_fpage_t want = { mr[1] };
    word_t bits = tern_fpage_get_size_bits(want), page = tern_fpage_get_page(want), block = 0, why = 0;
    if (tern_msgtag_get_untyped(t) != 2 || tern_msgtag_get_typed(t) != 0 || mr[2] != 0 ||
        bits < TERN_PAGE_BITS || bits >= TERN_WORD_BITS)
        why = TERN_SIGMA0_BAD_REQUEST;
    else if (bits > SIGMA0_BITS)
        why = TERN_SIGMA0_NO_MEMORY;
    else if (page == PAGE_FIELD_ALL) {
        why = TERN_SIGMA0_NO_MEMORY;
        for (word_t b = s0_base; b < s0_base + (1UL << SIGMA0_BITS); b += 1UL << bits)
            if (s0_free(b, bits)) {
                block = b;
                why = 0;
                break;
            }
    } else {
        block = page << TERN_FPAGE_SHIFT;
        if (block & ((1UL << bits) - 1))
            why = TERN_SIGMA0_BAD_REQUEST;
        else if (!s0_free(block, bits))
            why = TERN_SIGMA0_NOT_FREE;
    }
    if (why) {
        mr[0] = tern_tag(0, 1, 0).raw;
        mr[1] = why;
        return;
    }
    for (word_t p = (block - s0_base) >> TERN_PAGE_BITS, n = 1UL << (bits - TERN_PAGE_BITS); n; p++, n--)
        s0_given[p] = 1;
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_map(mr, 1, tern_fpage_make(tern_fpage_get_rights(want) & (TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE),
                                        bits, block >> TERN_FPAGE_SHIFT), 0, 0);
}

static int is_label(tern_msgtag_t t, word_t label)
{
    word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT;
    return (tern_msgtag_get_label(t) & ~0xfUL) == ((label << 4) & mask);
}

static void pager(word_t arg)
{
    (void)arg;
    word_t *mr = tern_mr(), from;
    tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
    for (;;) {
        if (!tern_ipc_failed(t) && is_label(t, TERN_PAGEFAULT_LABEL)) {
            word_t dest, src = backing(mr[1], &dest);
            if (src) {
                pager_faults++;
                mr[0] = tern_tag(0, 0, 2).raw;
                mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, dest >> TERN_FPAGE_SHIFT).raw;
                mr[2] = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE | TERN_FPAGE_EXECUTE,
                                        TERN_PAGE_BITS, src >> TERN_FPAGE_SHIFT).raw;
                t = tern_reply_wait(from, &from);
                continue;
            }
        } else if (!tern_ipc_failed(t) && is_label(t, TERN_SIGMA0_LABEL)) {
            sigma0_answer(t, mr);
            t = tern_reply_wait(from, &from);
            continue;
        } else if (!tern_ipc_failed(t) && is_label(t, TERN_EXCEPTION_LABEL) && exception_resume_sp) {
            pager_exceptions++;
            mr[0] = tern_tag(0, 2, 0).raw;
            mr[1] = tern_code_address(tern_thread_entry);
            mr[2] = exception_resume_sp;
            exception_resume_sp = 0;
            t = tern_reply_wait(from, &from);
            continue;
        }
        t = tern_receive(TERN_ANY_THREAD, &from);     /* not ours to answer */
    }
}

void pager_start(void)
{
    word_t size = 1UL << SIGMA0_BITS;
    s0_base = ((word_t)pool_alloc(2 * size) + size - 1) & ~(size - 1);
    pager_tid = spawn(pager, 0);
    set_prio(pager_tid, 200);
}
