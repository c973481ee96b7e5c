/* kernel_main for arches whose port does not run the core yet: banner, then exit 0. */
#include <generic/banner.h>
#include <generic/hal.h>
#include <generic/kprintf.h>
#include <generic/main.h>

_Noreturn void kernel_main(void)
{
    hal_console_init();
    print_banner();
    kprintf("boot ok\n");
    hal_exit(0);
}
