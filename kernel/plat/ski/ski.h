/* Ski simulator system calls used by the ia64 HAL (see ssc.S). Addresses passed to Ski
 * are physical: it reads and writes them with translation off. */
#ifndef TERN_IA64_SKI_H
#define TERN_IA64_SKI_H

enum {
    SSC_PUTCHAR = 31, SSC_OPEN = 50, SSC_CLOSE = 51, SSC_READ = 52,
    SSC_WAIT_COMPLETION = 55, SSC_EXIT = 66, SSC_GET_ARGS = 75,
};
enum { SSC_READ_ACCESS = 1 };

/* SSC_READ's request (one per piece) and SSC_WAIT_COMPLETION's answer. */
struct ssc_disk_req { unsigned long addr; unsigned len; };
struct ssc_disk_stat { int fd; unsigned count; };

long ski_ssc(long a0, long a1, long a2, long a3, long number);

/* Ski's ITC runs at 2 MHz of host time (Ski's itc.c). */
#define SKI_ITC_KHZ 2000
#endif
