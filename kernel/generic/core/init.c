/* The portable entry point on arches that run the core: every boot.S calls kernel_main. */
#include <tern/config/timer_hz.h>

#include <generic/banner.h>
#include <generic/main.h>

#include "kernel.h"

_Noreturn void kernel_main(void)
{
    struct boot_info bi;
    hal_console_init();
    print_banner();
    hal_cpu_init();
    hal_boot_info(&bi);
    frames_init(bi.mem_start, bi.mem_end);
    threads_init();
    interrupts_init();
    kip_init(&bi);
    kprintf("memory: %lu KiB free for the kernel and the root task\n",
            frames_free() * (TERN_PAGE_SIZE / 1024));
    root_task_start(&bi);
    hal_timer_init(TERN_CONFIG_TIMER_HZ);
    sched_start();
}
