/*
 * The TSC's rate, measured once against PIT channel 2 (the one wired to the speaker gate,
 * so it can be polled without interrupts). Under QEMU -icount the PIT runs on virtual time
 * and the TSC counts instructions, so the figure is exact there too (1 GHz at shift=0).
 */
#include <arch/x86/port_io.h>
#include <generic/hal.h>

#define PIT_HZ 1193182u
#define CALIBRATION_MS 10u

static unsigned long rdtsc64(void)
{
    unsigned lo, hi;
    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return (unsigned long)((unsigned long long)hi << 32 | lo);
}

unsigned long hal_cycle_counter_khz(void)
{
    static unsigned long khz;
    if (khz)
        return khz;
    unsigned count = PIT_HZ * CALIBRATION_MS / 1000;
    unsigned char gate = inb(0x61);
    outb(0x61, (unsigned char)(gate & ~0x03));        /* gate low, speaker off */
    outb(0x43, 0xb0);                                 /* channel 2, lo/hi byte, mode 0 */
    outb(0x42, (unsigned char)count);
    outb(0x42, (unsigned char)(count >> 8));
    outb(0x61, (unsigned char)((gate & ~0x02) | 0x01)); /* gate high: counting starts */
    unsigned long start = rdtsc64();
    while (!(inb(0x61) & 0x20))                       /* OUT2 rises at terminal count */
        ;
    khz = (rdtsc64() - start) / CALIBRATION_MS;
    outb(0x61, gate);
    return khz;
}
