/* The kernel interface page: one frame, filled at boot, mapped read-only into spaces. */
#include <tern/config/max_threads.h>
#include <tern/config/timer_hz.h>

#include "kernel.h"

paddr_t kip_frame;

static word_t log2w(word_t v)
{
    word_t n = 0;
    while (v >>= 1)
        n++;
    return n;
}

tern_kip_t *kip(void) { return hal_phys_to_virt(kip_frame); }

void kip_init(const struct boot_info *bi)
{
    kip_frame = frame_alloc();
    ASSERT(kip_frame);
    frame_set_kernel_owned(kip_frame, 1);
    tern_kip_t *k = kip();
    k->magic = TERN_KIP_MAGIC;
    k->api_version = KIP_API_VERSION;
    k->api_flags = TERN_API_FLAGS;
    k->kernel_id = TERN_KERNEL_ID;
    k->page_sizes = TERN_PAGE_SIZES_MASK;
    k->utcb_info = TERN_PAGE_BITS | log2w(TERN_UTCB_SIZE) << 8;
    k->kip_area_bits = TERN_PAGE_BITS;
    k->processors = 1;
    k->timer_hz = TERN_CONFIG_TIMER_HZ;
    k->clock_resolution_us = 1000000 / TERN_CONFIG_TIMER_HZ;
    k->cycle_counter_khz = hal_cycle_counter_khz();
    kprintf("cycle counter: %lu kHz\n", (unsigned long)k->cycle_counter_khz);
    k->thread_info = TERN_FIRST_USER_THREAD | (word_t)TERN_CONFIG_MAX_THREADS << 16;
    k->interrupts = TERN_INTERRUPTS;
    k->io_ports = TERN_IO_PORTS;
    k->ipc_gate = TERN_IPC_GATE;         /* the arch maps it in every space (ia64: boot.S) */
    k->memory_count = 1;
    k->memory[0] = bi->mem_start;          /* base, size, type 1 = conventional */
    k->memory[1] = bi->mem_end - bi->mem_start;
    k->memory[2] = 1;
}
