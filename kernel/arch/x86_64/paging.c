/*
 * x86_64 address spaces: a PML4 per space. PML4[0] points to a per-space PDPT whose
 * entry 0 is the boot page directory (the first GiB, identity, supervisor-only) shared by
 * all spaces; entries 1..511 hold user mappings in 4 KiB pages.
 */
#include "hal.h"

#define PTE_P 0x1UL
#define PTE_W 0x2UL
#define PTE_U 0x4UL
#define PTE_PS 0x80UL
#define PTE_ADDR 0x000ffffffffff000UL

extern word_t boot_pd[512];

void *hal_phys_to_virt(paddr_t pa) { return (void *)pa; }          /* identity direct map */
paddr_t hal_virt_to_phys(const void *va) { return (paddr_t)va; }

int hal_user_address(word_t va)
{
    return va >= HAL_KERNEL_END && va < HAL_UTCB_POINTER_VA;
}

/* Page-aligned so it can be mapped into user space on its own. */
word_t utcb_pointer_word[HAL_PAGE_SIZE / sizeof(word_t)] __attribute__((aligned(4096)));

static word_t *leaf_any(struct hal_space *s, word_t va, int create);
void hal_space_destroy(struct hal_space *s);

int hal_space_init(struct hal_space *s)
{
    paddr_t pml4 = frame_alloc(), pdpt = frame_alloc();
    if (!pml4 || !pdpt) {
        if (pml4) frame_free(pml4);
        if (pdpt) frame_free(pdpt);
        return -1;
    }
    s->pml4 = hal_phys_to_virt(pml4);
    s->pdpt = hal_phys_to_virt(pdpt);
    s->pml4[0] = pdpt | PTE_P | PTE_W | PTE_U;
    s->pdpt[0] = hal_virt_to_phys(boot_pd) | PTE_P | PTE_W;   /* no PTE_U: kernel only */
    word_t *pte = leaf_any(s, HAL_UTCB_POINTER_VA, 1);
    if (!pte) {
        hal_space_destroy(s);
        return -1;
    }
    *pte = hal_virt_to_phys(utcb_pointer_word) | PTE_P | PTE_U;   /* read-only */
    return 0;
}

word_t hal_space_root(struct hal_space *s) { return hal_virt_to_phys(s->pml4); }

/* The table an entry points to, allocating it if asked. */
static word_t *next_table(word_t *entry, int create)
{
    if (!(*entry & PTE_P)) {
        if (!create)
            return 0;
        paddr_t t = frame_alloc();
        if (!t)
            return 0;
        *entry = t | PTE_P | PTE_W | PTE_U;
    }
    return hal_phys_to_virt(*entry & PTE_ADDR);
}

static word_t *leaf_any(struct hal_space *s, word_t va, int create)
{
    word_t *pd = next_table(&s->pdpt[(va >> 30) & 511], create);
    if (!pd)
        return 0;
    word_t *pt = next_table(&pd[(va >> 21) & 511], create);
    return pt ? &pt[(va >> 12) & 511] : 0;
}

static word_t *leaf(struct hal_space *s, word_t va, int create)
{
    return hal_user_address(va) ? leaf_any(s, va, create) : 0;
}

int hal_space_map(struct hal_space *s, word_t va, paddr_t pa, unsigned rights)
{
    word_t *pte = leaf(s, va, 1);
    if (!pte)
        return -1;
    int remap = (*pte & PTE_P) != 0;
    *pte = (pa & PTE_ADDR) | PTE_P | PTE_U | ((rights & HAL_WRITE) ? PTE_W : 0);
    if (remap)
        __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
    return 0;
}

int hal_space_lookup(struct hal_space *s, word_t va, paddr_t *pa, unsigned *rights)
{
    word_t *pte = leaf(s, va, 0);
    if (!pte || !(*pte & PTE_P))
        return -1;
    *pa = (*pte & PTE_ADDR) | (va & (HAL_PAGE_SIZE - 1));
    *rights = HAL_READ | HAL_EXEC | ((*pte & PTE_W) ? HAL_WRITE : 0);
    return 0;
}

void hal_space_unmap(struct hal_space *s, word_t va)
{
    word_t *pte = leaf(s, va, 0);
    if (pte && (*pte & PTE_P)) {
        *pte = 0;
        __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
    }
}

void hal_space_destroy(struct hal_space *s)
{
    for (int i = 1; i < 512; i++) {             /* entry 0 is the shared kernel mapping */
        if (!(s->pdpt[i] & PTE_P))
            continue;
        word_t *pd = hal_phys_to_virt(s->pdpt[i] & PTE_ADDR);
        for (int j = 0; j < 512; j++)
            if (pd[j] & PTE_P)
                frame_free(pd[j] & PTE_ADDR);
        frame_free(s->pdpt[i] & PTE_ADDR);
    }
    frame_free(hal_virt_to_phys(s->pdpt));
    frame_free(hal_virt_to_phys(s->pml4));
}
