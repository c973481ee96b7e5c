/*
 * What QEMU's Malta loader tells the kernel (boot.S keeps its registers): a3 is the size
 * of the RAM below the I/O hole, a1 a table of 32-bit pointers to argument strings, the
 * second of which is the command line. Boot modules are in RAM right after the kernel,
 * put there by QEMU's loader device and named on the command line as
 * "tern.module=ADDRESS,SIZE" (physical; see ternhost/emulator.py).
 */
#include <arch/mips64/hal_types.h>
#include <generic/hal.h>

extern unsigned long boot_argv, boot_memsize;   /* boot.S */
extern char __kernel_end[];

static paddr_t page_up(paddr_t a) { return (a + TERN_PAGE_SIZE - 1) & ~(TERN_PAGE_SIZE - 1); }

/* A number in C syntax (0x... or decimal) at *s; *s moves past it. */
static unsigned long number(const char **s)
{
    const char *p = *s;
    unsigned long v = 0, base = 10;
    if (p[0] == '0' && p[1] == 'x') {
        base = 16;
        p += 2;
    }
    for (;; p++) {
        unsigned d = *p >= '0' && *p <= '9' ? (unsigned)(*p - '0')
                   : *p >= 'a' && *p <= 'f' ? (unsigned)(*p - 'a' + 10) : 99;
        if (d >= base)
            break;
        v = v * base + d;
    }
    *s = p;
    return v;
}

static int starts(const char *s, const char *key)
{
    while (*key)
        if (*s++ != *key++)
            return 0;
    return 1;
}

void hal_boot_info(struct boot_info *bi)
{
    static const char key[] = "tern.module=";
    const unsigned *argv = (const unsigned *)boot_argv;
    const char *cmdline = argv ? (const char *)(long)(int)argv[1] : "";
    paddr_t low = page_up(hal_virt_to_phys(__kernel_end));
    bi->modules = 0;
    for (const char *s = cmdline; *s; s++) {
        if (!starts(s, key) || (s != cmdline && s[-1] != ' '))
            continue;
        s += sizeof key - 1;
        paddr_t start = number(&s), size = 0;
        if (*s == ',') {
            s++;
            size = number(&s);
        }
        if (bi->modules < 4 && size) {
            bi->module[bi->modules++] = (struct boot_module){ start, start + size, key };
            if (page_up(start + size) > low)
                low = page_up(start + size);
        }
        if (!*s)
            break;
    }
    paddr_t high = boot_memsize < HAL_KSEG0_SIZE ? boot_memsize : HAL_KSEG0_SIZE;
    bi->mem_start = low;
    bi->mem_end = high & ~(TERN_PAGE_SIZE - 1);
}
