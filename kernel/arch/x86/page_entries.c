/*
 * What ia32 and x86_64 address spaces share: the direct map, the user range, the UTCB
 * pointer page, and mapping, looking up and unmapping one base page through the ISA's
 * table walk (x86_leaf, in its page_walk.h).
 */
#include <port/arch/page_walk.h>

void *hal_phys_to_virt(paddr_t pa) { return (void *)pa; }          /* identity direct map */
paddr_t hal_virt_to_phys(const void *va) { return (paddr_t)va; }

/* Not the kernel's direct map, and not the UTCB pointer page. */
int hal_user_address(word_t va)
{
    return va >= HAL_KERNEL_END && va < HAL_USER_END && va - HAL_UTCB_POINTER_VA >= TERN_PAGE_SIZE;
}

/* Page-aligned so it can be mapped into user space on its own. */
word_t utcb_pointer_word[TERN_PAGE_SIZE / sizeof(word_t)] __attribute__((aligned(4096)));

int hal_space_init(struct hal_space *s)
{
    if (x86_space_tables(s) < 0)
        return -1;
    word_t *pte = x86_leaf(s, HAL_UTCB_POINTER_VA, 1);
    if (!pte) {
        hal_space_destroy(s);
        return -1;
    }
    *pte = hal_virt_to_phys(utcb_pointer_word) | PTE_P | PTE_U;   /* read-only */
    return 0;
}

word_t hal_space_root(struct hal_space *s) { return hal_virt_to_phys(s->root); }

static word_t *user_leaf(struct hal_space *s, word_t va, int create)
{
    return hal_user_address(va) ? x86_leaf(s, va, create) : 0;
}

int hal_space_map(struct hal_space *s, word_t va, paddr_t pa, unsigned rights)
{
    word_t *pte = user_leaf(s, va, 1);
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
    word_t *pte = user_leaf(s, va, 0);
    if (!pte || !(*pte & PTE_P))
        return -1;
    *pa = (*pte & PTE_ADDR) | (va & (TERN_PAGE_SIZE - 1));
    *rights = HAL_READ | HAL_EXEC | ((*pte & PTE_W) ? HAL_WRITE : 0);
    return 0;
}

word_t hal_space_next(struct hal_space *s, word_t va)
{
    return x86_next_mappable(s, va);
}

_Static_assert(TERN_ACCESS_STATUS_HARDWARE, "x86 page tables record use: abi access_status");

unsigned hal_space_status(struct hal_space *s, word_t va)
{
    word_t *pte = user_leaf(s, va, 0);
    if (!pte || !(*pte & PTE_P))
        return 0;
    unsigned status = ((*pte & PTE_A) ? HAL_READ : 0) | ((*pte & PTE_D) ? HAL_WRITE : 0);
    if (*pte & (PTE_A | PTE_D)) {              /* the TLB must not keep the bits as set */
        *pte &= ~(PTE_A | PTE_D);
        __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
    }
    return status;
}

void hal_space_unmap(struct hal_space *s, word_t va)
{
    word_t *pte = user_leaf(s, va, 0);
    if (pte && (*pte & PTE_P)) {
        *pte = 0;
        __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
    }
}

/* The TLB belongs to the hardware walker and cannot be read; a CR3 load flushes it. */
long hal_tlb_check(struct hal_space *current)
{
    (void)current;
    return -1;
}
