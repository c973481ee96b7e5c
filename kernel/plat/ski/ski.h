/* Ski simulator system calls used by the ia64 HAL (see ssc.S). */
#ifndef TERN_IA64_SKI_H
#define TERN_IA64_SKI_H

enum { SSC_PUTCHAR = 31, SSC_EXIT = 66 };

long ski_ssc(long a0, long a1, long a2, long a3, long number);
#endif
