/*
 * The software-refilled TLB: its entries start invalid, one page pair is flushed when a
 * mapping changes, and address spaces are told apart by an 8-bit ASID in EntryHi.
 * There are more spaces than ASIDs: a space gets the next free one when it is switched
 * to without one, and when none is left a new generation begins: the whole TLB is
 * flushed and every space loses its ASID (the fast path sends an IPC to a space without
 * one to the slow path, which gives it a new one here).
 */
#include <arch/mips64/cpu.h>
#include <arch/refill_table/walk.h>

#define ASIDS 256                        /* EntryHi.ASID has 8 bits; 0 means "none" */

static unsigned tlb_entries;
static struct hal_space *asid_owner[ASIDS];
static unsigned long asid_next = 1;
unsigned long asid_generations;          /* how often the ASIDs ran out (tests read it) */

/* An EntryHi that no access ever matches: VPN2 in KSEG0, which is not mapped. */
static unsigned long unique_entryhi(unsigned index)
{
    return HAL_KSEG0 + ((unsigned long)index << 13);
}

static void write_invalid(unsigned index)
{
    cp0_write(CP0_ENTRYHI, 0, unique_entryhi(index));
    cp0_write(CP0_ENTRYLO0, 0, 0);
    cp0_write(CP0_ENTRYLO1, 0, 0);
    cp0_write32(CP0_INDEX, 0, index);
    __asm__ __volatile__("tlbwi\n\tehb" : : : "memory");
}

void tlb_flush_all(void)
{
    unsigned long entryhi = cp0_read(CP0_ENTRYHI, 0);
    for (unsigned i = 0; i < tlb_entries; i++)
        write_invalid(i);
    cp0_write(CP0_ENTRYHI, 0, entryhi);
}

void tlb_init(void)
{
    unsigned long config1 = cp0_read32(CP0_CONFIG, 1);
    tlb_entries = ((config1 >> CONFIG1_MMU_SHIFT) & CONFIG1_MMU_MASK) + 1;
    cp0_write32(CP0_PAGEMASK, 0, PT_PAGE_MASK);
    cp0_write32(CP0_WIRED, 0, 0);
    cp0_write(CP0_XCONTEXT, 0, 0);       /* PTEBase 0: XContext is the address >> 9 */
    tlb_flush_all();
    cp0_write(CP0_ENTRYHI, 0, 0);        /* ASID 0: no space yet */
}

/* Flush the pair holding the page under s's ASID, whatever the current ASID is (the
 * shared walk calls it when a PTE changes). */
void tlb_flush_page(struct hal_space *s, word_t page)
{
    unsigned long asid = s->asid;
    if (!asid)
        return;                          /* a space without an ASID has no entries */
    unsigned long entryhi = cp0_read(CP0_ENTRYHI, 0);
    cp0_write(CP0_ENTRYHI, 0, (page & ~0x1fffUL) | asid);
    __asm__ __volatile__("tlbp\n\tehb" : : : "memory");
    long index = (int)cp0_read32(CP0_INDEX, 0);
    if (index >= 0)
        write_invalid((unsigned)index);
    cp0_write(CP0_ENTRYHI, 0, entryhi);
}

unsigned long asid_of(struct hal_space *s)
{
    if (s->asid)
        return s->asid;
    if (asid_next == ASIDS) {            /* a new generation: every ASID is free again */
        tlb_flush_all();
        for (unsigned a = 1; a < ASIDS; a++)
            if (asid_owner[a]) {
                asid_owner[a]->asid = 0;
                asid_owner[a] = 0;
            }
        asid_next = 1;
        asid_generations++;
    }
    s->asid = asid_next++;
    asid_owner[s->asid] = s;
    return s->asid;
}

/* A space goes away: its ASID is not handed out again before the next generation (its
 * TLB entries may still be there until that flush), but it no longer names the space. */
void asid_release(struct hal_space *s)
{
    if (s->asid)
        asid_owner[s->asid] = 0;
    s->asid = 0;
}

/* ---- the TLB checked against the page tables (the debug call's tlb_check) ---------- */

#define ENTRYLO_BITS 0x3fffffffUL        /* PFN and C, D, V, G: what a PTE sets */
#define ENTRYHI_VPN2 (~0x1fffUL)

/* The PTE of va in s, 0 when there is none (what a refill would load). */
static unsigned long pte_of(struct hal_space *s, unsigned long va)
{
    if (va >= (1UL << PT_VA_BITS))
        return 0;
    pt_l1_entry_t *pte = pte_slot(s, va, 0);
    return pte ? *pte : 0;
}

/* Does one half of an entry say what the table of `s` says for va? (The refill copies
 * PTEs unchanged, so even an invalid half must match: a stale one means a spurious
 * fault.) */
static int half_agrees(struct hal_space *s, unsigned long va, unsigned long lo)
{
    return s && ((pte_of(s, va) ^ lo) & ENTRYLO_BITS) == 0;
}

/* How many TLB entries disagree with the page tables: a valid translation the owner's
 * table does not hold (a missed flush on unmap or remap), an entry under an ASID not
 * handed out in this generation (a missed flush when the generation began), or two
 * entries for the same page pair (which real hardware answers with a machine check).
 * Global entries are checked against `current`'s table (every table holds them). */
long hal_tlb_check(struct hal_space *current)
{
    unsigned long entryhi = cp0_read(CP0_ENTRYHI, 0);
    unsigned long seen_hi[64];
    int seen_global[64];
    unsigned seen = 0;
    long bad = 0;
    for (unsigned i = 0; i < tlb_entries && i < 64; i++) {
        cp0_write32(CP0_INDEX, 0, i);
        __asm__ __volatile__("tlbr\n\tehb" : : : "memory");
        unsigned long lo0 = cp0_read(CP0_ENTRYLO0, 0), lo1 = cp0_read(CP0_ENTRYLO1, 0);
        unsigned long hi = cp0_read(CP0_ENTRYHI, 0), va = hi & ENTRYHI_VPN2;
        unsigned long asid = hi & (ASIDS - 1);
        int global = (lo0 & lo1 & PTE_GLOBAL) != 0;
        if (hi >> 62)
            continue;                    /* flushed: its EntryHi is a kernel address */
        for (unsigned j = 0; j < seen; j++)
            if (((seen_hi[j] ^ hi) & ENTRYHI_VPN2) == 0 &&
                (global || seen_global[j] || seen_hi[j] == hi))
                bad++;
        seen_hi[seen] = hi;
        seen_global[seen++] = global;
        struct hal_space *owner = current;
        if (!global) {
            if (asid >= asid_next) {
                bad++;                   /* would translate for the ASID's next owner */
                continue;
            }
            owner = asid_owner[asid];
            if (!owner)
                continue;                /* a released ASID: unused until the next flush */
        }
        if (!half_agrees(owner, va, lo0) || !half_agrees(owner, va + TERN_PAGE_SIZE, lo1))
            bad++;
    }
    cp0_write32(CP0_PAGEMASK, 0, PT_PAGE_MASK);   /* tlbr loaded the last entry's */
    cp0_write(CP0_ENTRYHI, 0, entryhi);
    return bad;
}
