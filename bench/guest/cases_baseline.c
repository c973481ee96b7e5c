/* Baselines: the cheapest system call, and a plain memcpy of the string sizes (what a
 * string IPC's copy is up against). */
#include "cases.h"

/* kernel_interface does no work beyond entering and leaving the kernel. */
static void null_syscall(struct tb_state *s)
{
    word_t v, f, k;
    while (tb_keep_running(s))
        tern_sys_kernel_interface(&v, &f, &k);
}

static unsigned char *copy_src, *copy_dst;

static void bm_memcpy(struct tb_state *s)
{
    unsigned long n = (unsigned long)tb_range_arg(s, 0);
    if (!copy_src) {
        copy_src = (unsigned char *)pool_alloc(STRING_MAX);
        copy_dst = (unsigned char *)pool_alloc(STRING_MAX);
        memset(copy_src, 0x5a, STRING_MAX);
        memset(copy_dst, 0, STRING_MAX);
    }
    memcpy(copy_dst, copy_src, n);               /* warm, untimed */
    while (tb_keep_running(s))
        memcpy(copy_dst, copy_src, n);
    tb_set_bytes_processed(s, tb_iterations_of(s) * (tb_int)n);
}

void register_baseline(void)
{
    tb_register("null_syscall", null_syscall);
    tb_arg_name(tb_range(tb_range_multiplier(tb_register("memcpy", bm_memcpy), 4), STRING_MIN, STRING_MAX),
                "bytes");
}
