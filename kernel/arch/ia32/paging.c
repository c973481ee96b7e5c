/*
 * ia32 address spaces: one page directory per space (2-level paging, no PAE). PDEs
 * 0..255 are the boot directory's 4 MiB pages (the first GiB, identity, supervisor-only),
 * copied into every space; user mappings below are 4 KiB pages in page tables of their own.
 */
#include "hal.h"

#define PTE_P 0x1UL
#define PTE_W 0x2UL
#define PTE_U 0x4UL
#define PTE_ADDR 0xfffff000UL
#define PDES 1024
#define KERNEL_PDES (HAL_KERNEL_END >> 22)
#define USER_PDE_END (HAL_USER_END >> 22)

extern word_t boot_pgdir[PDES];

void *hal_phys_to_virt(paddr_t pa) { return (void *)pa; }          /* identity direct map */
paddr_t hal_virt_to_phys(const void *va) { return (paddr_t)va; }

int hal_user_address(word_t va)
{
    return va >= HAL_KERNEL_END && va < HAL_UTCB_POINTER_VA;
}

/* Page-aligned so it can be mapped into user space on its own. */
word_t utcb_pointer_word[HAL_PAGE_SIZE / sizeof(word_t)] __attribute__((aligned(4096)));

static word_t *leaf_any(struct hal_space *s, word_t va, int create)
{
    word_t *pde = &s->pgdir[va >> 22];
    if (!(*pde & PTE_P)) {
        if (!create)
            return 0;
        paddr_t t = frame_alloc();
        if (!t)
            return 0;
        *pde = t | PTE_P | PTE_W | PTE_U;
    }
    word_t *pt = hal_phys_to_virt(*pde & PTE_ADDR);
    return &pt[(va >> 12) & 1023];
}

static word_t *leaf(struct hal_space *s, word_t va, int create)
{
    return hal_user_address(va) ? leaf_any(s, va, create) : 0;
}

int hal_space_init(struct hal_space *s)
{
    paddr_t dir = frame_alloc();
    if (!dir)
        return -1;
    s->pgdir = hal_phys_to_virt(dir);
    for (unsigned i = 0; i < KERNEL_PDES; i++)
        s->pgdir[i] = boot_pgdir[i];
    word_t *pte = leaf_any(s, HAL_UTCB_POINTER_VA, 1);
    if (!pte) {
        hal_space_destroy(s);
        return -1;
    }
    *pte = hal_virt_to_phys(utcb_pointer_word) | PTE_P | PTE_U;   /* read-only */
    return 0;
}

word_t hal_space_root(struct hal_space *s) { return hal_virt_to_phys(s->pgdir); }

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

/* Frees the space's page tables and directory; the frames mapped are not the HAL's. */
void hal_space_destroy(struct hal_space *s)
{
    for (unsigned i = KERNEL_PDES; i < USER_PDE_END; i++)
        if (s->pgdir[i] & PTE_P)
            frame_free(s->pgdir[i] & PTE_ADDR);
    frame_free(hal_virt_to_phys(s->pgdir));
}
