/* The portable entry point: every arch's boot code calls kernel_main once. */
#include <tern/abi.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>

#include "hal.h"
#include "kprintf.h"
#include "main.h"

#define ON_OFF(x) ((x) ? "on" : "off")

_Noreturn void kernel_main(void)
{
    hal_console_init();
    /* The host harness matches this line: arch name and the hash of its ABI description. */
    kprintf("Tern kernel on %s: ABI %s, %d-bit words, %lu-byte pages, fastpath %s, lazy FPU %s\n",
            TERN_ARCH_NAME, TERN_ABI_HASH, TERN_WORD_BITS, (unsigned long)TERN_PAGE_SIZE,
            ON_OFF(TERN_CONFIG_FASTPATH), ON_OFF(TERN_CONFIG_LAZY_FPU));
    kprintf("boot ok\n");
    hal_exit(0);
}
