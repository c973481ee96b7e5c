#include <tern/abi.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>

#include <generic/banner.h>
#include <generic/kprintf.h>

#define ON_OFF(x) ((x) ? "on" : "off")

void print_banner(void)
{
    /* Arch name and the hash of its ABI description: tests compare it with the host's. */
    kprintf("Tern kernel on %s: ABI %s, %d-bit words, %lu-byte pages, fastpath %s, lazy FPU %s\n",
            TERN_ARCH_NAME, TERN_ABI_HASH, TERN_WORD_BITS, (unsigned long)TERN_PAGE_SIZE,
            ON_OFF(TERN_CONFIG_FASTPATH), ON_OFF(TERN_CONFIG_LAZY_FPU));
}
