/* The PC's real-time clock (MC146818, ports 0x70-0x71, IRQ 8) as a device the kernel
 * does not own: its periodic interrupt drives the interrupt tests and the irq_latency
 * benchmark. Whoever calls these needs the two ports (the root task holds them; other
 * spaces get them by I/O fpage). */
#include "libroot.h"

/* An I/O fpage in a map item: only the root task's map anything (the kernel's rule). */
word_t map_io_ports(word_t to, word_t port, word_t bits)
{
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_map(mr, 1, tern_io_fpage(port, bits), 0, 0);
    tern_msgtag_t t = tern_send_timeout(to, tern_time_period_us(1000000));
    return tern_ipc_failed(t) ? tern_ipc_error_code() : 0;
}

#if TERN_IO_PORTS
#define RTC_INDEX 0x70
#define RTC_DATA 0x71
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_REG_C 0x0c
#define RTC_B_PIE 0x40          /* periodic interrupt enable */

static word_t rtc_read(word_t reg)
{
    tern_outb(RTC_INDEX, (unsigned char)(0x80 | reg));     /* bit 7: NMIs stay off */
    return tern_inb(RTC_DATA);
}

static void rtc_write(word_t reg, word_t v)
{
    tern_outb(RTC_INDEX, (unsigned char)(0x80 | reg));
    tern_outb(RTC_DATA, (unsigned char)v);
}

void rtc_periodic(word_t rate)
{
    rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) & ~(word_t)RTC_B_PIE);
    rtc_read(RTC_REG_C);                                   /* forget what came */
    rtc_write(RTC_REG_A, 0x20 | rate);                     /* the 32.768 kHz divider, the rate */
    if (!rate)
        return;                                            /* rate 0: its timer stops too */
    rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) | RTC_B_PIE);
}

int rtc_acknowledge(void)
{
    return (rtc_read(RTC_REG_C) & RTC_C_PF) != 0;
}
#endif
