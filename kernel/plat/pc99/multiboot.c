/* What the Multiboot loader tells the kernel: usable memory and the modules. */
#include <generic/hal.h>

struct mb_info {
    unsigned flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    unsigned syms[4], mmap_length, mmap_addr;
};
struct mb_module { unsigned start, end, string, reserved; };
struct mb_mmap { unsigned size; unsigned long long base, length; unsigned type; } __attribute__((packed));

extern word_t multiboot_info;
extern char __kernel_end[];

static paddr_t page_up(paddr_t a) { return (a + TERN_PAGE_SIZE - 1) & ~(TERN_PAGE_SIZE - 1); }

void hal_boot_info(struct boot_info *bi)
{
    const struct mb_info *mb = hal_phys_to_virt(multiboot_info);
    paddr_t low = page_up(hal_virt_to_phys(__kernel_end));
    bi->modules = 0;
    if (mb->flags & (1 << 3)) {
        const struct mb_module *m = hal_phys_to_virt(mb->mods_addr);
        for (unsigned i = 0; i < mb->mods_count && i < 4; i++) {
            bi->module[i] = (struct boot_module){ m[i].start, m[i].end,
                                                  (const char *)hal_phys_to_virt(m[i].string) };
            if (page_up(m[i].end) > low)
                low = page_up(m[i].end);
            bi->modules++;
        }
    }
    /* The RAM region that holds the kernel, capped at the direct map. */
    paddr_t high = 0x100000 + (paddr_t)mb->mem_upper * 1024;
    if (mb->flags & (1 << 6)) {
        for (word_t p = mb->mmap_addr; p < mb->mmap_addr + mb->mmap_length;) {
            const struct mb_mmap *e = hal_phys_to_virt(p);
            if (e->type == 1 && e->base <= 0x100000 && e->base + e->length > 0x100000)
                high = e->base + e->length;
            p += e->size + 4;
        }
    }
    if (high > HAL_KERNEL_END)
        high = HAL_KERNEL_END;
    bi->mem_start = low;
    bi->mem_end = high & ~(TERN_PAGE_SIZE - 1);
}
