/*
 * The rate of CP0 Count, measured once against channel 0 of the PIIX4's 8254 timer
 * (1.193182 MHz), which is read back with a latch command while it counts down: no
 * interrupt is involved. Under QEMU -icount both run on virtual time, so the figure is
 * exact there too.
 */
#include <arch/mips64/cp0.h>
#include <generic/hal.h>
#include <plat/malta/isa_io.h>

#define PIT_HZ 1193182u
#define CALIBRATION_TICKS (PIT_HZ / 100)        /* 10 ms */

static unsigned pit_read(void)
{
    outb(0x43, 0x00);                           /* latch channel 0 */
    unsigned lo = inb(0x40);
    return lo | (unsigned)inb(0x40) << 8;
}

unsigned long hal_cycle_counter_khz(void)
{
    static unsigned long khz;
    if (khz)
        return khz;
    outb(0x43, 0x34);                           /* channel 0, lo/hi byte, rate generator */
    outb(0x40, 0);
    outb(0x40, 0);                              /* divisor 65536 */
    unsigned prev = pit_read(), elapsed = 0;
    unsigned start = cp0_read32(CP0_COUNT, 0);
    while (elapsed < CALIBRATION_TICKS) {
        unsigned now = pit_read();
        elapsed += (prev - now) & 0xffff;       /* it counts down and wraps */
        prev = now;
    }
    unsigned counts = cp0_read32(CP0_COUNT, 0) - start;
    khz = (unsigned long)counts * PIT_HZ / ((unsigned long)elapsed * 1000);
    return khz;
}
