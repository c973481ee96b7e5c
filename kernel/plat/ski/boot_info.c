/*
 * What Ski tells the kernel: the arguments after the image on bski's command line
 * (SSC_GET_ARGS) are a comma list of boot module files on the host, which are read
 * through Ski's disk calls (SSC_OPEN, SSC_READ, SSC_WAIT_COMPLETION) into RAM after the
 * kernel, page by page, and board options, which start with "tern.":
 *   tern.tick=off   no periodic tick (Ski's timer follows host time; the benchmarks'
 *                   counted boots, which wait for no time, count without it)
 * RAM is what the direct map covers (Ski's memory has no end).
 */
#include <arch/ia64/hal_types.h>
#include <generic/hal.h>
#include <generic/kprintf.h>
#include <plat/ski/ski.h>

extern char __kernel_end[];

static paddr_t page_up(paddr_t a) { return (a + TERN_PAGE_SIZE - 1) & ~(TERN_PAGE_SIZE - 1); }

static char args[1024];
static struct ssc_disk_req req;
static struct ssc_disk_stat stat;

/* Read the file named `name` (NUL-terminated, in the direct map) to physical address at;
 * its size, or -1 if Ski cannot open or read it. */
static long read_file(const char *name, paddr_t at)
{
    long fd = ski_ssc((long)hal_virt_to_phys(name), SSC_READ_ACCESS, 0, 0, SSC_OPEN);
    if (fd < 0)
        return -1;
    long size = 0;
    for (;;) {
        req = (struct ssc_disk_req){ at + size, TERN_PAGE_SIZE };
        if (ski_ssc(fd, 1, (long)hal_virt_to_phys(&req), size, SSC_READ) < 0)
            break;
        stat.fd = (int)fd;
        if (ski_ssc((long)hal_virt_to_phys(&stat), 0, 0, 0, SSC_WAIT_COMPLETION) < 0)
            break;
        size += stat.count;
        if (stat.count < TERN_PAGE_SIZE) {
            ski_ssc(fd, 0, 0, 0, SSC_CLOSE);
            return size;
        }
    }
    ski_ssc(fd, 0, 0, 0, SSC_CLOSE);
    return -1;
}

/* bski's arguments after the image, once. */
static const char *ski_args(void)
{
    static int read;
    if (!read) {
        long n = ski_ssc((long)hal_virt_to_phys(args), 0, 0, 0, SSC_GET_ARGS);
        if (n < 0 || n >= (long)sizeof args)
            n = 0;
        args[n] = 0;
        read = 1;
    }
    return args;
}

static int is_option(const char *s, const char *option)
{
    while (*option)
        if (*s++ != *option++)
            return 0;
    return !*s || *s == ',' || *s == ' ';
}

int board_ticks(void)
{
    for (const char *s = ski_args(); *s; s++)
        if ((s == args || s[-1] == ',' || s[-1] == ' ') && is_option(s, "tern.tick=off"))
            return 0;
    return 1;
}

void hal_boot_info(struct boot_info *bi)
{
    ski_args();
    paddr_t low = page_up(hal_virt_to_phys(__kernel_end));
    bi->modules = 0;
    for (char *s = args; *s;) {
        char *name = s;
        while (*s && *s != ',' && *s != ' ')
            s++;
        char end = *s;
        *s = 0;
        if (*name && name[0] == 't' && name[1] == 'e' && name[2] == 'r' && name[3] == 'n' &&
            name[4] == '.') {
            /* a board option (board_ticks) */
        } else if (*name && bi->modules < 4) {
            long size = read_file(name, low);
            if (size <= 0)
                kprintf("ski: cannot read boot module %s\n", name);
            else {
                bi->module[bi->modules++] = (struct boot_module){ low, low + size, "ski" };
                low = page_up(low + size);
            }
        }
        *s = end;                       /* the list stays whole: board_ticks reads it later */
        if (end)
            s++;
    }
    bi->mem_start = low;
    bi->mem_end = HAL_DIRECT_MAP_SIZE;
}
